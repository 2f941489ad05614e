package org.openrps.server.meters;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openrps.wire.MeterReading;

/**
 * The server's own meter integrity check, whatever the source checked: a reading below the latest
 * one stored for the same meter of the same device (from any source, read earlier) is {@code
 * wrapped} when a Counter32 wrap explains it, {@code backwards} otherwise. A reading older than the
 * stored one (a late upload) is history and not checked against it.
 */
public final class ServerMeterCheck {

  /** Counter32 wraps here (RFC 2578). */
  static final long COUNTER32_MODULUS = 1L << 32;

  /** The most a wrapped counter may have moved on: half the Counter32 range. */
  static final long MAX_WRAP_ADVANCE = 1L << 31;

  /** The stored latest value of one meter. */
  public record Previous(long value, Instant readAt) {}

  private ServerMeterCheck() {}

  /** The server's flags for the reading; empty when it is sound. */
  public static List<String> flags(MeterReading reading, Optional<Previous> previous) {
    if (previous.isEmpty() || !previous.get().readAt().isBefore(reading.readAt())) {
      return List.of();
    }
    long before = previous.get().value();
    long now = reading.value();
    if (now >= before) {
      return List.of();
    }
    long advance = now + COUNTER32_MODULUS - before;
    boolean wrap = before < COUNTER32_MODULUS && advance < MAX_WRAP_ADVANCE;
    return List.of(wrap ? MeterReading.WRAPPED : MeterReading.BACKWARDS);
  }
}
