package org.openrps.server.meters;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The latest reading of one meter of a device, and the last one nobody flagged.
 *
 * @param oids every OID the value was read or summed from
 * @param flags the source's integrity flags ({@code wrapped}, {@code backwards}, {@code
 *     deviceReplaced})
 * @param serverFlags the server's own findings against the reading stored before
 * @param trustedValue the value of the latest reading without flags, if there was one
 */
public record CurrentMeter(
    String name,
    long value,
    List<String> oids,
    List<String> flags,
    List<String> serverFlags,
    Instant readAt,
    String source,
    OptionalLong trustedValue,
    Optional<Instant> trustedAt) {

  public CurrentMeter {
    Objects.requireNonNull(name, "name");
    oids = List.copyOf(oids);
    flags = List.copyOf(flags);
    serverFlags = List.copyOf(serverFlags);
    Objects.requireNonNull(readAt, "readAt");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(trustedValue, "trustedValue");
    Objects.requireNonNull(trustedAt, "trustedAt");
  }

  /** Whether the source or the server flagged the latest reading. */
  public boolean flagged() {
    return !flags.isEmpty() || !serverFlags.isEmpty();
  }

  /** Every flag on the latest reading, the source's first. */
  public List<String> allFlags() {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(flags);
    all.addAll(serverFlags);
    return List.copyOf(all);
  }
}
