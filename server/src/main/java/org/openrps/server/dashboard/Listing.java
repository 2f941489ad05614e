package org.openrps.server.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.openrps.server.http.Csv;
import org.openrps.server.http.Response;

/**
 * A list as an HTML table and as CSV, from one set of {@link Column}s: what a page shows is what
 * its download holds.
 */
public final class Listing<T> {

  private final String id;
  private final String caption;
  private final List<Column<T>> columns;
  private Function<T, String> rowAttributes = r -> "";
  private Function<Column<T>, String> headerLink = c -> null;
  private Function<Column<T>, String> sortState = c -> null;

  public Listing(String id, String caption, List<Column<T>> columns) {
    this.id = id;
    this.caption = caption;
    this.columns = List.copyOf(columns);
  }

  /** Attributes of each row's {@code <tr>} (already escaped), e.g. {@code data-serial="..."}. */
  public Listing<T> rows(Function<T, String> attributes) {
    this.rowAttributes = attributes;
    return this;
  }

  /** A link for a column's header (sorting), or null for none; the header text is its label. */
  public Listing<T> headers(Function<Column<T>, String> link) {
    this.headerLink = link;
    return this;
  }

  /** Which column the rows are sorted by: {@code ascending}, {@code descending}, or null. */
  public Listing<T> sorted(Function<Column<T>, String> state) {
    this.sortState = state;
    return this;
  }

  public List<Column<T>> columns() {
    return columns;
  }

  /** The table, or {@code empty} (escaped here) in a paragraph when there are no rows. */
  public String html(List<T> rows, String empty) {
    if (rows.isEmpty()) {
      return "<p class=\"muted\" id=\"" + id + "-empty\">" + Html.escape(empty) + "</p>";
    }
    StringBuilder out = new StringBuilder();
    out.append("<table id=\"").append(id).append("\"><caption>");
    out.append(Html.escape(caption)).append("</caption><thead><tr>");
    for (Column<T> c : columns) {
      out.append("<th scope=\"col\"")
          .append(c.numeric() ? " class=\"num\"" : "")
          .append(" data-key=\"")
          .append(c.key())
          .append('"');
      String sort = sortState.apply(c);
      if (sort != null) {
        out.append(" aria-sort=\"").append(sort).append('"');
      }
      out.append('>');
      String link = headerLink.apply(c);
      out.append(link == null ? Html.escape(c.header()) : link);
      out.append("</th>");
    }
    out.append("</tr></thead><tbody>");
    for (T row : rows) {
      String attributes = rowAttributes.apply(row);
      out.append("<tr").append(attributes.isEmpty() ? "" : " " + attributes).append('>');
      for (Column<T> c : columns) {
        out.append("<td class=\"")
            .append(c.key())
            .append(c.numeric() ? " num" : "")
            .append("\">")
            .append(c.html().apply(row))
            .append("</td>");
      }
      out.append("</tr>");
    }
    out.append("</tbody></table>");
    return Layout.scrolling(caption, out.toString());
  }

  /** The same rows as a CSV download, with the columns' keys as its header. */
  public Response csv(String fileName, List<T> rows) {
    StringBuilder out = new StringBuilder();
    List<Object> header = new ArrayList<>();
    columns.forEach(c -> header.add(c.key()));
    out.append(Csv.row(header));
    for (T row : rows) {
      List<Object> cells = new ArrayList<>(columns.size());
      for (Column<T> c : columns) {
        cells.add(c.csv().apply(row));
      }
      out.append(Csv.row(cells));
    }
    return Response.csv(fileName, out.toString());
  }
}
