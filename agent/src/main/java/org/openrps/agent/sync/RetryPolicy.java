package org.openrps.agent.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed sync again: exponential back-off with jitter, capped. After the n-th failure
 * in a row the next try waits a random time between half and all of {@code first * 2^(n-1)}, and
 * never more than {@code cap}: the jitter keeps many agents that lost the same server from coming
 * back at the same second, the cap keeps an agent from waiting a day once the server is back. A
 * success starts over.
 */
public final class RetryPolicy {

  /** The first wait after a failure. */
  public static final Duration FIRST = Duration.ofMinutes(1);

  /** The longest wait. */
  public static final Duration CAP = Duration.ofMinutes(30);

  private final Clock clock;
  private final RandomGenerator random;
  private final Duration first;
  private final Duration cap;
  private int failures;
  private Instant nextTry;

  public RetryPolicy(Clock clock, RandomGenerator random) {
    this(clock, random, FIRST, CAP);
  }

  public RetryPolicy(Clock clock, RandomGenerator random, Duration first, Duration cap) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.first = Objects.requireNonNull(first, "first");
    this.cap = Objects.requireNonNull(cap, "cap");
    if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 < first <= cap: " + first + ", " + cap);
    }
  }

  /** A sync failed: returns how long to wait before the next try (and remembers when that is). */
  public synchronized Duration failed() {
    failures++;
    Duration ceiling = ceiling(failures);
    long half = ceiling.toMillis() / 2;
    Duration wait = Duration.ofMillis(half + random.nextLong(ceiling.toMillis() - half + 1));
    nextTry = clock.instant().plus(wait);
    return wait;
  }

  /** A sync succeeded: the next failure waits {@link #FIRST} again. */
  public synchronized void succeeded() {
    failures = 0;
    nextTry = null;
  }

  /** Failures in a row so far. */
  public synchronized int failures() {
    return failures;
  }

  /** When the next try is due, after a failure. */
  public synchronized Optional<Instant> nextTry() {
    return Optional.ofNullable(nextTry);
  }

  /** True when a try is due at the clock's now. */
  public synchronized boolean due() {
    return nextTry != null && !clock.instant().isBefore(nextTry);
  }

  /** The most the wait after {@code n} failures in a row can be. */
  Duration ceiling(int n) {
    int shift = Math.min(n - 1, 30);
    Duration d = first.multipliedBy(1L << shift);
    return d.compareTo(cap) > 0 ? cap : d;
  }
}
