package org.openrps.server.amr;

import static org.openrps.server.http.HtmlText.escape;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.openrps.server.http.Csv;

/**
 * A closed period's reads as CSV (RFC 4180, one row per read, then one per adjustment billed in the
 * period) and as the customer's statement, one self-contained HTML page. A held or missing read
 * shows its status, never a number in the billed column.
 */
public final class AmrExport {

  /** The CSV's columns. */
  public static final List<String> HEADER =
      List.of(
          "kind",
          "period",
          "make",
          "serial",
          "meter",
          "status",
          "start",
          "end",
          "usage",
          "readAt",
          "method",
          "rawValue",
          "trustedValue",
          "flags",
          "basis");

  private AmrExport() {}

  /** The period's reads and adjustments as CSV, {@link #HEADER} first. */
  public static String csv(
      AmrRepository.Period period,
      List<MeterRead> reads,
      List<AmrRepository.Adjustment> adjustments) {
    StringBuilder out = new StringBuilder(Csv.row(HEADER));
    for (List<Object> row : rows(period, reads, adjustments)) {
      out.append(Csv.row(row));
    }
    return out.toString();
  }

  /**
   * The CSV's rows, one per read and then one per adjustment, in {@link #HEADER}'s order: a number
   * is a {@link Long}, an instant an {@link Instant}, a blank cell {@code null} (a held or missing
   * read has no {@code end}). The server's reports show the same rows.
   */
  public static List<List<Object>> rows(
      AmrRepository.Period period,
      List<MeterRead> reads,
      List<AmrRepository.Adjustment> adjustments) {
    List<List<Object>> rows = new ArrayList<>(reads.size() + adjustments.size());
    for (MeterRead r : reads) {
      rows.add(
          Arrays.asList(
              "read",
              period.period(),
              r.make(),
              r.serial(),
              r.meter(),
              r.status().name(),
              boxed(r.startValue()),
              boxed(r.value()),
              boxed(r.usage()),
              r.readAt().orElse(null),
              r.method().orElse(""),
              boxed(r.rawValue()),
              boxed(r.trustedValue()),
              String.join(" ", r.flags()),
              r.basis()));
    }
    for (AmrRepository.Adjustment a : adjustments) {
      rows.add(
          Arrays.asList(
              "adjustment",
              a.ofPeriod(),
              a.make(),
              a.serial(),
              a.meter(),
              "adjustment",
              boxed(a.beforeValue()),
              a.afterValue(),
              a.beforeValue().isPresent() ? a.afterValue() - a.beforeValue().getAsLong() : null,
              a.madeAt(),
              "",
              null,
              null,
              "",
              a.reason() + " (" + a.madeBy() + ")"));
    }
    return rows;
  }

  private static Long boxed(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : null;
  }

  /** The customer's statement of the period: one self-contained HTML page. */
  public static String statement(
      String customerName,
      AmrRepository.Period period,
      List<MeterRead> reads,
      List<AmrRepository.Adjustment> adjustments) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Meter statement ")
        .append(escape(customerName))
        .append(' ')
        .append(escape(period.period()))
        .append("</title><style>body{font-family:sans-serif;margin:2em}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .5em}")
        .append("td.n{text-align:right}.held{background:#fdd}.estimated{background:#ffd}")
        .append(".missing{background:#eee}</style></head><body>")
        .append("<h1>Meter statement: ")
        .append(escape(customerName))
        .append("</h1><p>Period ")
        .append(escape(period.startsAt().toString()))
        .append(" to ")
        .append(escape(period.cutOff().toString()))
        .append(", closed ")
        .append(escape(period.closedAt().toString()))
        .append(". Billed ")
        .append(period.billed())
        .append(", estimated ")
        .append(period.estimated())
        .append(", held for review ")
        .append(period.held())
        .append(", missing ")
        .append(period.missing())
        .append(".</p>");
    String device = null;
    for (MeterRead r : reads) {
      String d = r.make() + " " + r.serial();
      if (!d.equals(device)) {
        if (device != null) {
          h.append("</table>");
        }
        device = d;
        h.append("<h2>")
            .append(escape(d))
            .append("</h2><table><tr><th>meter</th><th>start</th><th>end</th><th>usage</th>")
            .append("<th>status</th><th>how</th></tr>");
      }
      h.append("<tr class=\"")
          .append(r.status().name())
          .append("\"><td>")
          .append(escape(r.meter()))
          .append("</td><td class=\"n\">")
          .append(text(r.startValue()))
          .append("</td><td class=\"n\">")
          .append(r.value().isPresent() ? text(r.value()) : r.status().name())
          .append("</td><td class=\"n\">")
          .append(text(r.usage()))
          .append("</td><td>")
          .append(r.status().name())
          .append(r.flags().isEmpty() ? "" : " (" + escape(String.join(", ", r.flags())) + ")")
          .append("</td><td>")
          .append(
              escape(
                  r.status() == MeterRead.Status.held
                      ? "flagged, under review: not billed"
                      : r.method().map(m -> m + ": ").orElse("") + r.basis()))
          .append("</td></tr>");
    }
    if (device != null) {
      h.append("</table>");
    }
    if (!adjustments.isEmpty()) {
      h.append("<h2>Adjustments of earlier periods</h2><table><tr><th>period</th><th>device</th>")
          .append("<th>meter</th><th>billed</th><th>corrected</th><th>reason</th></tr>");
      for (AmrRepository.Adjustment a : adjustments) {
        h.append("<tr><td>")
            .append(escape(a.ofPeriod()))
            .append("</td><td>")
            .append(escape(a.make() + " " + a.serial()))
            .append("</td><td>")
            .append(escape(a.meter()))
            .append("</td><td class=\"n\">")
            .append(text(a.beforeValue()))
            .append("</td><td class=\"n\">")
            .append(a.afterValue())
            .append("</td><td>")
            .append(escape(a.reason()))
            .append("</td></tr>");
      }
      h.append("</table>");
    }
    return h.append("</body></html>").toString();
  }

  private static String text(OptionalLong v) {
    return v.isPresent() ? Long.toString(v.getAsLong()) : "";
  }
}
