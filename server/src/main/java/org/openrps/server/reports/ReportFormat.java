package org.openrps.server.reports;

import java.util.Arrays;
import java.util.Optional;

/** The formats a report is rendered in. */
public enum ReportFormat {
  /** One self-contained page: styles inline, nothing fetched, readable when printed. */
  html("text/html; charset=utf-8"),
  /** RFC 4180, one header line of column keys, then one line per row. */
  csv("text/csv; charset=utf-8");

  private final String contentType;

  ReportFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /** The format of a name ({@code html}, {@code csv}); empty for any other. */
  public static Optional<ReportFormat> of(String name) {
    return Arrays.stream(values()).filter(f -> f.name().equals(name)).findFirst();
  }

  public String render(Report report) {
    return this == html ? HtmlReport.render(report) : CsvReport.render(report);
  }

  /** The file name for the report in this format, e.g. {@code inventory-2026-12-02.csv}. */
  public String fileName(Report report) {
    return report.fileStem() + "." + name();
  }
}
