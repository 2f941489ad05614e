package org.openrps.server.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.openrps.server.http.Csv;

/**
 * A report as CSV (RFC 4180, through {@link Csv}: CRLF, quoted fields where needed, text cells that
 * a spreadsheet would run as formulas guarded): the column keys, then one line per row. Counts are
 * plain numbers, instants ISO-8601, ages ISO-8601 durations, a cell without a value is empty.
 */
final class CsvReport {

  private CsvReport() {}

  static String render(Report report) {
    StringBuilder out =
        new StringBuilder(Csv.row(report.columns().stream().map(Column::key).toList()));
    for (List<Cell> row : report.rows()) {
      List<Object> values = new ArrayList<>(row.size());
      for (Cell c : row) {
        values.add(value(c));
      }
      out.append(Csv.row(values));
    }
    return out.toString();
  }

  /** A cell's CSV value: a number stays a {@link Number}, so no formula guard touches it. */
  static Object value(Cell cell) {
    if (cell instanceof Cell.Text t) {
      return t.value();
    }
    if (cell instanceof Cell.Count n) {
      return n.value();
    }
    if (cell instanceof Cell.Percent p) {
      return percent(p.value());
    }
    if (cell instanceof Cell.Time t) {
      return t.value().toString();
    }
    if (cell instanceof Cell.Age a) {
      return a.value().truncatedTo(ChronoUnit.SECONDS).toString();
    }
    return null;
  }

  /** A percentage to one decimal, without a trailing {@code .0}. */
  static BigDecimal percent(double value) {
    BigDecimal p = BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
    return p.scale() < 0 ? p.setScale(0) : p;
  }
}
