package org.openrps.agent.poll;

import java.util.function.LongSupplier;

/**
 * The scan budget: spaces request starts so that no more than {@code perSecond} start in any
 * second. Pure arithmetic over a nanosecond clock, so a test can drive it with a fake one.
 */
final class Pacer {

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private long next;
  private boolean started;

  /**
   * @param perSecond the budget; 0 for none
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime} in production)
   */
  Pacer(int perSecond, LongSupplier nanoTime) {
    if (perSecond < 0) {
      throw new IllegalArgumentException("perSecond must not be negative: " + perSecond);
    }
    this.intervalNanos = perSecond == 0 ? 0 : 1_000_000_000L / perSecond;
    this.nanoTime = nanoTime;
  }

  /** True when there is a budget. */
  boolean limits() {
    return intervalNanos > 0;
  }

  /** Claims the next start slot: how long to wait before starting, in nanoseconds (0 = now). */
  synchronized long claim() {
    if (intervalNanos == 0) {
      return 0;
    }
    long now = nanoTime.getAsLong();
    long start = !started || now - next > 0 ? now : next;
    started = true;
    next = start + intervalNanos;
    return start - now;
  }
}
