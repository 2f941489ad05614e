package org.openrps.simulator;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How a fleet lives over time. All choices come from the seed, the printer's index and the clock,
 * so a run can be replayed.
 *
 * @param officeHours pages are printed 08:00-18:00 on weekdays only (else around the clock)
 * @param nightOffShare share of printers (0..1) that are powered off outside 07:00-19:00 on
 *     weekdays and all weekend: no answer at all
 * @param events jams, paper out and door open come and go (about 3 %, 2 % and 1 % of office hours)
 * @param replacements supplies are replaced when they have been empty for a while (the level jumps
 *     back up); else they drain to 0 and stay there
 * @param wrapIndex the printer (fleet index) whose life count starts just below 2^32, so its
 *     Counter32 wraps after a few hours of printing; -1 for none
 * @param swapIndex the printer that is swapped for a new device (same address, new serial, MAC and
 *     counter) {@code swapAfter} after the simulation starts; -1 for none
 * @param moveIndex the printer that moves (DHCP) {@code moveAfter} after the start to the address
 *     just after the fleet's last one; -1 for none
 * @param zone the printers' local time, for office hours
 */
public record Life(
    boolean officeHours,
    double nightOffShare,
    boolean events,
    boolean replacements,
    int wrapIndex,
    int swapIndex,
    Duration swapAfter,
    int moveIndex,
    Duration moveAfter,
    ZoneOffset zone) {

  public Life {
    Objects.requireNonNull(swapAfter, "swapAfter");
    Objects.requireNonNull(moveAfter, "moveAfter");
    Objects.requireNonNull(zone, "zone");
    if (!(nightOffShare >= 0 && nightOffShare <= 1)) {
      throw new IllegalArgumentException("nightOffShare must be 0..1: " + nightOffShare);
    }
    if (wrapIndex < -1 || swapIndex < -1 || moveIndex < -1) {
      throw new IllegalArgumentException("a printer index is -1 (none) or at least 0");
    }
    if (swapAfter.isNegative() || moveAfter.isNegative()) {
      throw new IllegalArgumentException("swapAfter and moveAfter must not be negative");
    }
  }

  /**
   * A fleet that prints around the clock and never changes otherwise: what tests that compare
   * counters want (the default of {@link SimulatorConfig#defaults}).
   */
  public static Life steady() {
    return new Life(
        false, 0, false, false, -1, -1, Duration.ZERO, -1, Duration.ZERO, ZoneOffset.UTC);
  }

  /**
   * A fleet like a real one: office hours, 10 % powered off at night, jams and paper out, supplies
   * replaced, printer 0 near 2^32, printer 1 swapped after 2 days, printer 2 moved after 3 days.
   */
  public static Life lively() {
    return new Life(
        true, 0.10, true, true, 0, 1, Duration.ofDays(2), 2, Duration.ofDays(3), ZoneOffset.UTC);
  }

  public Life withWrapIndex(int index) {
    return new Life(
        officeHours,
        nightOffShare,
        events,
        replacements,
        index,
        swapIndex,
        swapAfter,
        moveIndex,
        moveAfter,
        zone);
  }

  public Life withNightOffShare(double share) {
    return new Life(
        officeHours,
        share,
        events,
        replacements,
        wrapIndex,
        swapIndex,
        swapAfter,
        moveIndex,
        moveAfter,
        zone);
  }

  public Life withSwap(int index, Duration after) {
    return new Life(
        officeHours,
        nightOffShare,
        events,
        replacements,
        wrapIndex,
        index,
        after,
        moveIndex,
        moveAfter,
        zone);
  }

  public Life withMove(int index, Duration after) {
    return new Life(
        officeHours,
        nightOffShare,
        events,
        replacements,
        wrapIndex,
        swapIndex,
        swapAfter,
        index,
        after,
        zone);
  }
}
