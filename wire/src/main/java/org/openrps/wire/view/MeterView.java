package org.openrps.wire.view;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A meter as people read it, the one shape of the server's API and {@code openrps scan --json}.
 * {@code value} is what the device reported; when {@code flagged}, it must not be billed as pages
 * without review.
 *
 * @param oids every OID the value was read or summed from
 * @param flags integrity findings: the source's ({@code wrapped}, {@code backwards}, {@code
 *     deviceReplaced}) and the server's own
 * @param source who read it; {@code null} in a scan
 * @param trustedValue the last value nobody flagged (server only; {@code null} otherwise)
 * @param trustedAt when {@code trustedValue} was read
 */
public record MeterView(
    String name,
    long value,
    List<String> oids,
    Instant readAt,
    List<String> flags,
    boolean flagged,
    String source,
    Long trustedValue,
    Instant trustedAt) {

  public MeterView {
    Objects.requireNonNull(name, "name");
    oids = List.copyOf(oids);
    Objects.requireNonNull(readAt, "readAt");
    flags = List.copyOf(flags);
  }
}
