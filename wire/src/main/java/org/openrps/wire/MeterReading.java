package org.openrps.wire;

import java.time.Instant;
import java.util.Objects;

/**
 * One page counter or billing meter.
 *
 * @param name the meter's name: {@link #TOTAL} for the life count of the marker, otherwise a vendor
 *     profile's meter name such as {@code mono} or {@code color}
 * @param value the value the device reported
 * @param oid the OID the value was read from, dotted
 * @param readAt when it was read
 */
public record MeterReading(String name, long value, String oid, Instant readAt) {

  /** The life count of the device's marker (prtMarkerLifeCount). */
  public static final String TOTAL = "total";

  public MeterReading {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(oid, "oid");
    Objects.requireNonNull(readAt, "readAt");
    if (value < 0) {
      throw new IllegalArgumentException("meter " + name + " is negative: " + value);
    }
  }
}
