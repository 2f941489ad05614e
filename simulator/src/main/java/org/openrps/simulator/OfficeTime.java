package org.openrps.simulator;

import java.time.ZoneOffset;

/** Office hours (08:00-18:00, Monday to Friday, in a fixed offset) in closed form. */
final class OfficeTime {

  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;
  private static final long OPEN = 8 * HOUR;
  private static final long LENGTH = 10 * HOUR;

  private OfficeTime() {}

  /** Day of week of local epoch day {@code day}: 0 Monday .. 6 Sunday (1970-01-01 a Thursday). */
  static int dayOfWeek(long day) {
    return (int) Math.floorMod(day + 3, 7L);
  }

  static long local(long millis, ZoneOffset zone) {
    return millis + zone.getTotalSeconds() * 1000L;
  }

  /** Office milliseconds from the epoch to {@code millis}. */
  static long officeMillis(long millis, ZoneOffset zone) {
    long local = local(millis, zone);
    long day = Math.floorDiv(local, DAY);
    long within = Math.floorMod(local, DAY);
    long weeks = Math.floorDiv(day, 7L);
    long weekdays = weeks * 5;
    for (long d = weeks * 7; d < day; d++) {
      if (dayOfWeek(d) < 5) {
        weekdays++;
      }
    }
    long today = dayOfWeek(day) < 5 ? Math.max(0, Math.min(LENGTH, within - OPEN)) : 0;
    return weekdays * LENGTH + today;
  }

  /** Office milliseconds between two instants. */
  static long between(long from, long to, ZoneOffset zone) {
    return Math.max(0, officeMillis(to, zone) - officeMillis(from, zone));
  }

  /** True 08:00-18:00 on weekdays. */
  static boolean isOpen(long millis, ZoneOffset zone) {
    long local = local(millis, zone);
    long within = Math.floorMod(local, DAY);
    return dayOfWeek(Math.floorDiv(local, DAY)) < 5 && within >= OPEN && within < OPEN + LENGTH;
  }

  /** True 07:00-19:00 on weekdays: when night-off printers are on. */
  static boolean isPowered(long millis, ZoneOffset zone) {
    long local = local(millis, zone);
    long within = Math.floorMod(local, DAY);
    return dayOfWeek(Math.floorDiv(local, DAY)) < 5 && within >= 7 * HOUR && within < 19 * HOUR;
  }

  /** The last power-on (07:00 on a weekday) at or before {@code millis}. */
  static long lastPowerOn(long millis, ZoneOffset zone) {
    long local = local(millis, zone);
    long day = Math.floorDiv(local, DAY);
    for (int back = 0; back < 8; back++) {
      long d = day - back;
      long on = d * DAY + 7 * HOUR;
      if (dayOfWeek(d) < 5 && on <= local) {
        return on - zone.getTotalSeconds() * 1000L;
      }
    }
    return millis;
  }
}
