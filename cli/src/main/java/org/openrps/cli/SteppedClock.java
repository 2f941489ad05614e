package org.openrps.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until it is moved: the time of a simulated month, shared by the
 * simulated fleet, the agent and the server, so each step happens at the instant the month chose
 * and not at whatever time the machine took to get there.
 */
final class SteppedClock extends Clock {

  private final AtomicReference<Instant> now;

  SteppedClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /** Moves the clock to {@code instant}; never backwards. */
  void moveTo(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    now.updateAndGet(
        t -> {
          if (instant.isBefore(t)) {
            throw new IllegalArgumentException("the month's clock does not go back: " + instant);
          }
          return instant;
        });
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the month's clock is in UTC");
  }
}
