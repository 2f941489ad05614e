package org.openrps.server.amr;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When a customer's billing periods close: monthly, on a closing day at a closing time in the
 * customer's zone (a day 29 to 31 on a shorter month is its last day), and the rules of the close.
 *
 * @param window how old the last good reading at the cut-off may be to be billed as {@code actual}
 * @param closeDelay how long after the cut-off the period closes (late uploads and the first
 *     reading after the cut-off, for an estimate, have arrived by then)
 * @param leadDays missed-read prediction: how many days before a cut-off the list is drawn up
 * @param fresh missed-read prediction: a device heard within this is not listed
 * @param startsAt billing starts here: the first period is the one whose cut-off follows it
 */
public record BillingSchedule(
    ZoneId zone,
    int closingDay,
    LocalTime closingTime,
    Duration window,
    Duration closeDelay,
    int leadDays,
    Duration fresh,
    Instant startsAt) {

  public static final int DEFAULT_CLOSING_DAY = 1;
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(3);
  public static final Duration DEFAULT_CLOSE_DELAY = Duration.ofHours(24);
  public static final int DEFAULT_LEAD_DAYS = 3;
  public static final Duration DEFAULT_FRESH = Duration.ofHours(24);

  public BillingSchedule {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(closingTime, "closingTime");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(closeDelay, "closeDelay");
    Objects.requireNonNull(fresh, "fresh");
    Objects.requireNonNull(startsAt, "startsAt");
    if (closingDay < 1 || closingDay > 31) {
      throw new IllegalArgumentException("closingDay must be 1 to 31: " + closingDay);
    }
    if (closingTime.getSecond() != 0 || closingTime.getNano() != 0) {
      throw new IllegalArgumentException("closingTime must be whole minutes: " + closingTime);
    }
    if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(31)) > 0) {
      throw new IllegalArgumentException("window must be more than 0 and at most 31 days");
    }
    if (closeDelay.isNegative() || closeDelay.compareTo(Duration.ofDays(14)) > 0) {
      throw new IllegalArgumentException("closeDelay must be 0 to 14 days");
    }
    if (leadDays < 0 || leadDays > 27) {
      throw new IllegalArgumentException("leadDays must be 0 to 27: " + leadDays);
    }
    if (fresh.isNegative() || fresh.isZero() || fresh.compareTo(Duration.ofDays(31)) > 0) {
      throw new IllegalArgumentException("fresh must be more than 0 and at most 31 days");
    }
  }

  /** Monthly on the 1st at 00:00 in {@code zone}, from {@code startsAt}, with default rules. */
  public static BillingSchedule monthly(ZoneId zone, Instant startsAt) {
    return new BillingSchedule(
        zone,
        DEFAULT_CLOSING_DAY,
        LocalTime.MIDNIGHT,
        DEFAULT_WINDOW,
        DEFAULT_CLOSE_DELAY,
        DEFAULT_LEAD_DAYS,
        DEFAULT_FRESH,
        startsAt);
  }

  /** The zone by its id; {@code IllegalArgumentException} naming it when there is none. */
  public static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone: " + id, e);
    }
  }

  /** The cut-off in a month: the closing day (or the month's last day) at the closing time. */
  public Instant cutOffIn(YearMonth month) {
    LocalDate day = month.atDay(Math.min(closingDay, month.lengthOfMonth()));
    return ZonedDateTime.of(day, closingTime, zone).toInstant();
  }

  /** The first cut-off strictly after {@code t}. */
  public Instant cutOffAfter(Instant t) {
    YearMonth month = YearMonth.from(t.atZone(zone)).minusMonths(1);
    Instant cut = cutOffIn(month);
    while (!cut.isAfter(t)) {
      month = month.plusMonths(1);
      cut = cutOffIn(month);
    }
    return cut;
  }

  /** The cut-off before a cut-off: where the period that ends at {@code cutOff} starts. */
  public Instant cutOffBefore(Instant cutOff) {
    return cutOffIn(YearMonth.from(cutOff.atZone(zone)).minusMonths(1));
  }

  /** The period's key: the cut-off's local date ({@code 2026-12-01}). */
  public String period(Instant cutOff) {
    return cutOff.atZone(zone).toLocalDate().toString();
  }
}
