package org.openrps.server.reports;

import static org.openrps.server.http.HtmlText.escape;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A report as one self-contained HTML page: its styles are in the page, it links, loads and runs
 * nothing (no script, no image, no font, no stylesheet to fetch), every value is escaped, and it
 * prints readably (landscape, the header row on every page, rows not split). Counts have thousands
 * separators, instants are UTC to the minute (the exact instant in {@code <time datetime>}), a cell
 * without a value shows its reason in grey.
 */
final class HtmlReport {

  static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final String STYLE =
      "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;"
          + "margin:1.5em;color:#111;font-size:14px}"
          + "h1{font-size:1.4em;margin:0 0 .2em}"
          + "p.meta{color:#555;margin:0 0 1em}"
          + "p.note{margin:.3em 0;max-width:60em}"
          + "table{border-collapse:collapse;margin-top:1em}"
          + "th,td{border:1px solid #bbb;padding:.2em .4em;text-align:left;vertical-align:top}"
          + "th{background:#eee}"
          + "td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
          + "td.t{white-space:nowrap}"
          + "td.none{color:#666;font-style:italic}"
          + "tbody tr:nth-child(even){background:#f6f6f6}"
          + "@page{size:A4 landscape;margin:1cm}"
          + "@media print{body{margin:0;font-size:8pt}thead{display:table-header-group}"
          + "tr{break-inside:avoid}th,tbody tr:nth-child(even){-webkit-print-color-adjust:exact;"
          + "print-color-adjust:exact}}";

  private HtmlReport() {}

  static String render(Report report) {
    StringBuilder h = new StringBuilder(4096 + report.rows().size() * 256);
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(escape(report.title() + " - " + report.scope()))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body><h1>")
        .append(escape(report.title()))
        .append("</h1><p class=\"meta\">")
        .append(escape(report.scope()))
        .append(" &middot; made ")
        .append(time(report.generatedAt()))
        .append(" &middot; ")
        .append(report.rows().size())
        .append(report.rows().size() == 1 ? " row" : " rows")
        .append("</p>");
    for (String note : report.notes()) {
      h.append("<p class=\"note\">").append(escape(note)).append("</p>");
    }
    if (report.rows().isEmpty()) {
      h.append("<p><em>Nothing to show.</em></p>");
    } else {
      h.append("<table><thead><tr>");
      for (Column c : report.columns()) {
        h.append("<th scope=\"col\">").append(escape(c.label())).append("</th>");
      }
      h.append("</tr></thead><tbody>");
      for (List<Cell> row : report.rows()) {
        h.append("<tr>");
        for (Cell c : row) {
          cell(h, c);
        }
        h.append("</tr>");
      }
      h.append("</tbody></table>");
    }
    return h.append("</body></html>\n").toString();
  }

  private static void cell(StringBuilder h, Cell cell) {
    if (cell instanceof Cell.Text t) {
      h.append("<td>").append(escape(t.value())).append("</td>");
    } else if (cell instanceof Cell.Count n) {
      h.append("<td class=\"n\">").append(grouped(n.value())).append("</td>");
    } else if (cell instanceof Cell.Percent p) {
      h.append("<td class=\"n\">")
          .append(CsvReport.percent(p.value()).toPlainString())
          .append("&nbsp;%</td>");
    } else if (cell instanceof Cell.Time t) {
      h.append("<td class=\"t\">").append(time(t.value())).append("</td>");
    } else if (cell instanceof Cell.Age a) {
      h.append("<td class=\"n\">").append(escape(age(a.value()))).append("</td>");
    } else if (cell instanceof Cell.None n) {
      if (n.why().isEmpty()) {
        h.append("<td></td>");
      } else {
        h.append("<td class=\"none\">").append(escape(n.why())).append("</td>");
      }
    }
  }

  private static String time(Instant at) {
    return "<time datetime=\"" + at + "\">" + MINUTE.format(at) + "</time>";
  }

  /** A count with thousands separators: 1,234,567. */
  static String grouped(long value) {
    NumberFormat n = NumberFormat.getIntegerInstance(Locale.ROOT);
    n.setGroupingUsed(true);
    return n.format(value);
  }

  /** An age for people: {@code 3 d 4 h}, {@code 5 h 12 min}, {@code 7 min}, {@code < 1 min}. */
  static String age(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 1) {
      return "< 1 min";
    }
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = d.toHours();
    if (hours < 48) {
      return hours + " h " + (minutes % 60) + " min";
    }
    return d.toDays() + " d " + (hours % 24) + " h";
  }
}
