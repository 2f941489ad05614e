package org.openrps.server.reports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A report made for one scope at one instant: a title, a few sentences that say what it shows and
 * what it cannot, and one table. {@link ReportFormat} renders it as self-contained HTML or CSV.
 *
 * @param name the report's name in the registry (e.g. {@code inventory})
 * @param title the title, e.g. {@code Meter reads, period 2026-11-01}
 * @param scope whose data it shows, in words (e.g. {@code All customers})
 * @param generatedAt when it was made
 * @param notes sentences shown above the table in HTML (not in CSV)
 * @param columns the table's columns
 * @param rows the table's rows, each with one cell per column
 * @param fileStem the file name without its extension, e.g. {@code inventory-acme-2026-12-02}
 */
public record Report(
    String name,
    String title,
    String scope,
    Instant generatedAt,
    List<String> notes,
    List<Column> columns,
    List<List<Cell>> rows,
    String fileStem) {

  public Report {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(generatedAt, "generatedAt");
    notes = List.copyOf(notes);
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
    Objects.requireNonNull(fileStem, "fileStem");
    if (!fileStem.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "a file stem is letters, digits, '.', '_', '-': " + fileStem);
    }
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).size() != columns.size()) {
        throw new IllegalArgumentException(
            "row "
                + i
                + " of "
                + name
                + " has "
                + rows.get(i).size()
                + " cells for "
                + columns.size()
                + " columns");
      }
    }
  }
}
