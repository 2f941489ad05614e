package org.openrps.simulator;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which devices of a fleet have a fault: a share of the fleet (chosen from the seed) and/or
 * particular printers by index. A device has at most one fault; rules naming indexes come first,
 * then shares in the order given (so {@code garbled=2%, silent=1%} makes 3 % of the fleet faulty).
 *
 * @param kind the fault
 * @param share 0..1 of the fleet
 * @param indexes printers (0-based fleet indexes) that have it whatever the share
 */
public record FaultRule(FaultKind kind, double share, Set<Integer> indexes) {

  public FaultRule {
    Objects.requireNonNull(kind, "kind");
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("a fault's share is 0..1, not " + share);
    }
    indexes = Set.copyOf(new TreeSet<>(indexes));
    for (int i : indexes) {
      if (i < 0) {
        throw new IllegalArgumentException("printer index must not be negative: " + i);
      }
    }
  }

  /** {@code kind} on a share (0..1) of the fleet. */
  public static FaultRule of(FaultKind kind, double share) {
    return new FaultRule(kind, share, Set.of());
  }

  /** {@code kind} on the printers at these fleet indexes. */
  public static FaultRule at(FaultKind kind, Integer... indexes) {
    return new FaultRule(kind, 0, Set.of(indexes));
  }
}
