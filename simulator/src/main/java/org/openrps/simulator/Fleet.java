package org.openrps.simulator;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;

/**
 * What every printer of one fleet shares: the models, the seed, the clock, the instant the
 * simulation started and how the fleet lives. Printer {@code i} is a pure function of this and
 * {@code i}, in every process.
 */
record Fleet(
    ModelCatalog catalog,
    long seed,
    Clock clock,
    long startMillis,
    Life life,
    List<FaultRule> faults,
    int size,
    InetAddress firstAddress,
    int port) {

  /** The address the DHCP-moved printer moves to: the one after the fleet's last. */
  InetSocketAddress spareAddress() {
    List<InetAddress> all = Addresses.consecutive(firstAddress, size + 1);
    return new InetSocketAddress(all.get(size), port);
  }

  /** A well-mixed 64-bit number from the seed and a few integers. */
  long hash(long a, long b, long c) {
    long h = seed * 0x9E3779B97F4A7C15L;
    h = mix(h ^ a);
    h = mix(h ^ (b * 0xC2B2AE3D27D4EB4FL));
    h = mix(h ^ (c * 0x165667B19E3779F9L));
    return h;
  }

  /** A number in [0, 1) from the seed and a few integers. */
  double unit(long a, long b, long c) {
    return (hash(a, b, c) >>> 11) * 0x1.0p-53;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The fault printer {@code index} has, if any (rules with indexes first, then shares). */
  java.util.Optional<FaultKind> faultOf(int index) {
    for (FaultRule rule : faults) {
      if (rule.indexes().contains(index)) {
        return java.util.Optional.of(rule.kind());
      }
    }
    double draw = unit(index, 0xFA17, 1);
    double sum = 0;
    for (FaultRule rule : faults) {
      sum += rule.share();
      if (draw < sum) {
        return java.util.Optional.of(rule.kind());
      }
    }
    return java.util.Optional.empty();
  }
}
