package org.openrps.agent.schedule;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them, one grammar for the command line, the configuration file, the
 * alert rules and the server's settings: {@code 30s}, {@code 90m} (or {@code 90min}), {@code 2h},
 * {@code 1d}, ISO-8601 ({@code PT2H}), and {@code 0} for zero.
 */
public final class DurationText {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(s|m|min|h|d)");

  private DurationText() {}

  /**
   * The duration {@code text} says.
   *
   * @throws IllegalArgumentException saying how to write one
   */
  public static Duration parse(String text) {
    String v = text.strip().toLowerCase(Locale.ROOT);
    if (v.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = SHORT.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m", "min" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (write it like 2h, 90m, 30s, 1d or PT2H)");
    }
  }

  /** The largest whole unit, as {@link #parse} reads it back: 2d, 36h, 90m, 45s. */
  public static String written(Duration d) {
    long s = d.toSeconds();
    if (s != 0 && s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s != 0 && s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s != 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
