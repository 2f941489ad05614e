package org.openrps.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that a test moves by hand instead of sleeping (STYLE.md point 10).
 *
 * <p>Thread-safe: the code under test may read it from its own threads while the test moves it.
 * {@link #withZone(ZoneId)} returns a view in another zone that shares this clock's instant, so
 * moving either moves both.
 */
public final class MutableClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock in UTC that stands at {@code start} until moved. */
  public static MutableClock at(Instant start) {
    return new MutableClock(
        new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /**
   * A clock in UTC that stands at the ISO-8601 instant {@code start}, e.g. {@code
   * 2026-01-01T00:00:00Z}.
   */
  public static MutableClock at(String start) {
    return at(Instant.parse(start));
  }

  /** Moves the clock forward (or, with a negative duration, back) and returns the new instant. */
  public Instant advance(Duration by) {
    Objects.requireNonNull(by, "by");
    return now.updateAndGet(t -> t.plus(by));
  }

  /** Puts the clock at {@code instant}, forward or back. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public MutableClock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(this.zone) ? this : new MutableClock(now, zone);
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + ", " + zone + "]";
  }
}
