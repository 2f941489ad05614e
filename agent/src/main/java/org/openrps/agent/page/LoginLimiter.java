package org.openrps.agent.page;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows down password guessing, for the whole process: after {@link #FREE_FAILURES} wrong passwords
 * in a row, every further try waits 1 s, then 2 s, 4 s, ... at most {@link #MAX_WAIT} after the
 * last failure; a right password resets it.
 */
final class LoginLimiter {

  static final int FREE_FAILURES = 5;
  static final Duration MAX_WAIT = Duration.ofMinutes(5);

  private int failures;
  private Instant lockedUntil = Instant.MIN;

  /** How long to wait before a password may be tried at {@code now}; empty when it may now. */
  synchronized Optional<Duration> waitAt(Instant now) {
    return now.isBefore(lockedUntil)
        ? Optional.of(Duration.between(now, lockedUntil))
        : Optional.empty();
  }

  synchronized void failed(Instant now) {
    failures++;
    if (failures >= FREE_FAILURES) {
      int doublings = Math.min(failures - FREE_FAILURES, 20);
      Duration wait = Duration.ofSeconds(1L << doublings);
      lockedUntil = now.plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
    }
  }

  synchronized void succeeded() {
    failures = 0;
    lockedUntil = Instant.MIN;
  }
}
