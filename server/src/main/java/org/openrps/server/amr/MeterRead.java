package org.openrps.server.amr;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One billing meter of one device in one period, as closed.
 *
 * @param value what is billed at the cut-off; empty while {@code held} or {@code missing}
 * @param startValue what was billed at the period's start (the previous period's value), if known
 * @param readAt when the billed reading was taken (empty for an estimate or a missing read)
 * @param method how an estimate was made ({@code linear}, {@code dailyAverage}); empty otherwise
 * @param basis the readings used, in words, so a person can check the figure
 * @param rawValue a held read's value as the device reported it
 * @param trustedValue a held read's last value without flags before it, if there was one
 * @param flags a held read's integrity flags (source's and server's)
 */
public record MeterRead(
    String make,
    String serial,
    String meter,
    Status status,
    OptionalLong value,
    OptionalLong startValue,
    Optional<Instant> readAt,
    Optional<String> method,
    String basis,
    OptionalLong rawValue,
    OptionalLong trustedValue,
    List<String> flags) {

  /** How a read came to be. */
  public enum Status {
    /** The last good reading at or before the cut-off, within the window. */
    actual,
    /** No reading in the window: estimated from the device's own rate, with its method. */
    estimated,
    /** No good reading to bill or estimate from: no number. */
    missing,
    /** A flagged reading, waiting for a person: never billed until accepted or corrected. */
    held,
    /** A held read a person accepted (raw or trusted value). */
    accepted,
    /** A held read a person corrected with a value and a reason. */
    corrected
  }

  public MeterRead {
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(startValue, "startValue");
    Objects.requireNonNull(readAt, "readAt");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(rawValue, "rawValue");
    Objects.requireNonNull(trustedValue, "trustedValue");
    flags = List.copyOf(flags);
  }

  /**
   * Pages in the period, when both ends are billed numbers: the difference, or across one Counter32
   * wrap when a person accepted a {@code wrapped} read; empty when the end is below the start
   * otherwise (a reset or a swapped device: no usage is guessed).
   */
  public OptionalLong usage() {
    if (value.isEmpty() || startValue.isEmpty()) {
      return OptionalLong.empty();
    }
    long end = value.getAsLong();
    long begin = startValue.getAsLong();
    if (end >= begin) {
      return OptionalLong.of(end - begin);
    }
    long acrossWrap = end + COUNTER32 - begin;
    if (status == Status.accepted
        && flags.contains(org.openrps.wire.MeterReading.WRAPPED)
        && begin < COUNTER32
        && acrossWrap > 0
        && acrossWrap < COUNTER32 / 2) {
      return OptionalLong.of(acrossWrap);
    }
    return OptionalLong.empty();
  }

  private static final long COUNTER32 = 1L << 32;
}
