package org.openrps.agent.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When the agent polls its printers and when it syncs with the server, as wall-clock times in a
 * time zone.
 *
 * <p>The sync runs once a day at {@code syncAt}, local time. Polls run at {@code syncAt} and every
 * {@code pollEvery} before and after it within each local day (with the default 2 hours and 02:00:
 * 00:00, 02:00, ..., 22:00), so the sync always carries a reading taken just before it. Times are
 * local: a daylight-saving change moves them with the clocks; a local time skipped by the change
 * (02:30 on the spring-forward day) runs at the same offset after the jump (03:30), and one that
 * occurs twice (the autumn change) runs once, at its first occurrence.
 *
 * @param pollEvery time between polls, from 5 minutes to 24 hours
 * @param syncAt local time of the daily sync
 * @param zone the time zone of {@code syncAt}
 * @param catchUp when the host was off or asleep at a scheduled time: true runs the missed poll or
 *     sync at once; false (the default) waits for the next scheduled time
 */
public record Schedule(Duration pollEvery, LocalTime syncAt, ZoneId zone, boolean catchUp) {

  public static final Duration DEFAULT_POLL_EVERY = Duration.ofHours(2);
  public static final LocalTime DEFAULT_SYNC_AT = LocalTime.of(2, 0);
  public static final Duration MIN_POLL_EVERY = Duration.ofMinutes(5);
  private static final Duration DAY = Duration.ofDays(1);

  public Schedule {
    Objects.requireNonNull(pollEvery, "pollEvery");
    Objects.requireNonNull(syncAt, "syncAt");
    Objects.requireNonNull(zone, "zone");
    if (pollEvery.compareTo(MIN_POLL_EVERY) < 0 || pollEvery.compareTo(DAY) > 0) {
      throw new IllegalArgumentException(
          "poll-every must be from 5 minutes to 24 hours, not " + pollEvery);
    }
  }

  /** Every 2 hours, sync at 02:00, in the host's time zone, no catch-up. */
  public static Schedule defaults() {
    return new Schedule(DEFAULT_POLL_EVERY, DEFAULT_SYNC_AT, ZoneId.systemDefault(), false);
  }

  /** The first scheduled poll strictly after {@code t}. */
  public Instant nextPollAfter(Instant t) {
    return next(t, pollTimes());
  }

  /** The first scheduled sync strictly after {@code t}. */
  public Instant nextSyncAfter(Instant t) {
    return next(t, List.of(syncAt));
  }

  /** The last scheduled poll at or before {@code t}. */
  public Instant lastPollAtOrBefore(Instant t) {
    return previous(t, pollTimes());
  }

  /** The last scheduled sync at or before {@code t}. */
  public Instant lastSyncAtOrBefore(Instant t) {
    return previous(t, List.of(syncAt));
  }

  /** The local times of day of the polls: {@code syncAt} and every {@code pollEvery} around it. */
  List<LocalTime> pollTimes() {
    long every = pollEvery.toSeconds();
    long first = syncAt.toSecondOfDay() % every;
    List<LocalTime> times = new ArrayList<>();
    for (long s = first; s < DAY.toSeconds(); s += every) {
      times.add(LocalTime.ofSecondOfDay(s));
    }
    return times;
  }

  private Instant next(Instant t, List<LocalTime> times) {
    LocalDate day = t.atZone(zone).toLocalDate().minusDays(1);
    for (int d = 0; d < 4; d++, day = day.plusDays(1)) {
      for (LocalTime time : times) {
        Instant at = ZonedDateTime.of(day, time, zone).toInstant();
        if (at.isAfter(t)) {
          return at;
        }
      }
    }
    throw new IllegalStateException("no scheduled time within 3 days of " + t);
  }

  private Instant previous(Instant t, List<LocalTime> times) {
    LocalDate day = t.atZone(zone).toLocalDate().plusDays(1);
    for (int d = 0; d < 4; d++, day = day.minusDays(1)) {
      for (int i = times.size() - 1; i >= 0; i--) {
        Instant at = ZonedDateTime.of(day, times.get(i), zone).toInstant();
        if (!at.isAfter(t)) {
          return at;
        }
      }
    }
    throw new IllegalStateException("no scheduled time within 3 days before " + t);
  }
}
