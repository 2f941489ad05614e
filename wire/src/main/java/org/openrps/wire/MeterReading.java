package org.openrps.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One page counter or billing meter.
 *
 * @param name the meter's name: {@link #TOTAL} for the life count of the marker, otherwise a vendor
 *     profile's meter name such as {@code mono} or {@code color}
 * @param value the value the device reported
 * @param oid the OID the value was read from, dotted; for a meter summed from several OIDs the
 *     first of them (what readers of schema {@code openrps.report/1} know)
 * @param readAt when it was read
 * @param flags integrity findings against the previous stored reading of the same meter: {@link
 *     #WRAPPED}, {@link #BACKWARDS}, {@link #DEVICE_REPLACED}; empty when none (and left out of the
 *     JSON). A flagged value is the value the device reported, never a corrected one: the
 *     difference to the previous reading must not be billed as pages without a person looking.
 * @param oids every OID the value was read or summed from, dotted, {@code oid} first (since schema
 *     {@code openrps.report/2}); a reading without them, as in {@code openrps.report/1}, was read
 *     from {@code oid} alone
 */
public record MeterReading(
    String name,
    long value,
    String oid,
    Instant readAt,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> flags,
    List<String> oids) {

  /** The life count of the device's marker (prtMarkerLifeCount). */
  public static final String TOTAL = "total";

  /** The value is below the previous one by about 2^32: a Counter32 wrapped. */
  public static final String WRAPPED = "wrapped";

  /** The value is below the previous one and no wrap explains it (reset, board swap, roll-back). */
  public static final String BACKWARDS = "backwards";

  /** Another serial number used to answer at this address: a new device, not new pages. */
  public static final String DEVICE_REPLACED = "deviceReplaced";

  /** Every flag a reading may carry. */
  public static final Set<String> FLAGS = Set.of(WRAPPED, BACKWARDS, DEVICE_REPLACED);

  /** The most OIDs one meter may be summed from. */
  public static final int MAX_OIDS = 64;

  public MeterReading {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(oid, "oid");
    oids = oids == null || oids.isEmpty() ? List.of(oid) : List.copyOf(oids);
    if (!oids.get(0).equals(oid)) {
      throw new IllegalArgumentException(
          "meter " + name + ": oid " + oid + " is not the first of oids " + oids);
    }
    if (oids.size() > MAX_OIDS) {
      throw new IllegalArgumentException(
          "meter " + name + " is summed from " + oids.size() + " OIDs; at most " + MAX_OIDS);
    }
    Objects.requireNonNull(readAt, "readAt");
    if (value < 0) {
      throw new IllegalArgumentException("meter " + name + " is negative: " + value);
    }
    flags = flags == null ? List.of() : List.copyOf(flags);
    for (String f : flags) {
      if (!FLAGS.contains(f)) {
        throw new IllegalArgumentException("meter " + name + ": unknown flag " + f);
      }
    }
  }

  /** A reading of one OID without flags. */
  public MeterReading(String name, long value, String oid, Instant readAt) {
    this(name, value, oid, readAt, List.of(), List.of(oid));
  }

  /** A reading of one OID. */
  public MeterReading(String name, long value, String oid, Instant readAt, List<String> flags) {
    this(name, value, oid, readAt, flags, List.of(oid));
  }

  /** A reading summed from {@code oids} (at least one), without flags. */
  public static MeterReading summed(String name, long value, List<String> oids, Instant readAt) {
    if (oids.isEmpty()) {
      throw new IllegalArgumentException("meter " + name + " is read from no OID");
    }
    return new MeterReading(name, value, oids.get(0), readAt, List.of(), oids);
  }

  /** This reading with {@code more} flags added (each at most once). */
  public MeterReading withFlags(List<String> more) {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(flags);
    all.addAll(more);
    return new MeterReading(name, value, oid, readAt, List.copyOf(all), oids);
  }
}
