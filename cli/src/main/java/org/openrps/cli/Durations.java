package org.openrps.cli;

import java.time.Duration;

/** Durations for people: "45 s", "4 min", "5 h 24 min", "2 d 3 h"; never {@code PT5H24M46S}. */
final class Durations {
  private Durations() {}

  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + " s";
    }
    long min = (s + 30) / 60; // rounded to the minute
    if (min < 60) {
      return min + " min";
    }
    long h = min / 60;
    long m = min % 60;
    if (h < 24) {
      return m == 0 ? h + " h" : h + " h " + m + " min";
    }
    long days = h / 24;
    long hours = h % 24;
    return hours == 0 ? days + " d" : days + " d " + hours + " h";
  }
}
