package org.openrps.agent.store;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.openrps.wire.MeterReading;

/**
 * Checks a meter reading against the previous stored reading of the same meter of the same device.
 * Findings are flags on the reading; the value is never changed, so nothing is silently billed.
 */
final class MeterIntegrity {

  /** Counter32 wraps here (RFC 2578). */
  static final long COUNTER32_MODULUS = 1L << 32;

  /**
   * The most a wrapped counter may have moved on: half the Counter32 range, the usual bound for
   * telling a wrap from a reset (RFC 2578's counters must not be read less often than that).
   */
  static final long MAX_WRAP_ADVANCE = 1L << 31;

  private MeterIntegrity() {}

  /**
   * The reading with its flags: {@code deviceReplaced} when another device answered at the address
   * before; {@code wrapped} when it is below the previous value and a Counter32 wrap explains it
   * (the previous value fits 32 bits and the advance modulo 2^32 is under half the range); {@code
   * backwards} when it is below the previous value otherwise.
   */
  static MeterReading check(MeterReading reading, OptionalLong previous, boolean replaced) {
    List<String> flags = new ArrayList<>();
    if (replaced) {
      flags.add(MeterReading.DEVICE_REPLACED);
    }
    if (previous.isPresent() && reading.value() < previous.getAsLong()) {
      long before = previous.getAsLong();
      long advance = reading.value() + COUNTER32_MODULUS - before;
      boolean wrap =
          before < COUNTER32_MODULUS
              && reading.value() < COUNTER32_MODULUS
              && advance < MAX_WRAP_ADVANCE;
      flags.add(wrap ? MeterReading.WRAPPED : MeterReading.BACKWARDS);
    }
    return flags.isEmpty() ? reading : reading.withFlags(flags);
  }
}
