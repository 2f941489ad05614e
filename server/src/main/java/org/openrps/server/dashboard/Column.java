package org.openrps.server.dashboard;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * One column of a dashboard list, shown in its HTML table and in its CSV download from the same
 * rows: {@code csv} is the raw value (a number stays a plain number, an unknown stays empty), and
 * {@code html} the escaped cell.
 *
 * @param key the column's name in the CSV header and in {@code ?sort=}
 */
public record Column<T>(
    String key, String header, Function<T, Object> csv, Function<T, String> html, boolean numeric) {

  public Column {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(csv, "csv");
    Objects.requireNonNull(html, "html");
  }

  /** Text, escaped; an empty or missing value shows as empty. */
  public static <T> Column<T> text(String key, String header, Function<T, String> value) {
    return new Column<>(key, header, value::apply, r -> Html.escape(value.apply(r)), false);
  }

  /** A count with thousands separators; null shows as unknown. */
  public static <T> Column<T> count(String key, String header, Function<T, Long> value) {
    return new Column<>(key, header, value::apply, r -> Html.count(value.apply(r)), true);
  }

  /** An instant in UTC; null shows as unknown. */
  public static <T> Column<T> time(String key, String header, Function<T, Instant> value) {
    return new Column<>(key, header, value::apply, r -> Html.time(value.apply(r)), false);
  }

  /** Any cell: the raw value for the CSV, the markup (escaped by the caller) for the table. */
  public static <T> Column<T> of(
      String key, String header, Function<T, Object> csv, Function<T, String> html) {
    return new Column<>(key, header, csv, html, false);
  }

  /** This column aligned as a number. */
  public Column<T> asNumber() {
    return new Column<>(key, header, csv, html, true);
  }
}
