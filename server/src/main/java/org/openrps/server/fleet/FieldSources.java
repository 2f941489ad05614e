package org.openrps.server.fleet;

import java.time.Instant;
import java.util.Optional;

/**
 * Where each group of a device's latest state came from (ADR 0020): the source that read it and
 * when. A group is {@code null} when nobody reported it yet (e.g. {@code diagnostics} for a device
 * only an agent sees).
 */
public record FieldSources(
    Source address,
    Source identity,
    Source status,
    Source meters,
    Source supplies,
    Source alerts,
    Source inputs,
    Source diagnostics) {

  /**
   * One group's source.
   *
   * @param kind {@code agent} or {@code device}
   * @param id the client id of the agent or of the Device Direct module
   * @param readAt when that source read the group
   */
  public record Source(String kind, String id, Instant readAt) {

    /** From a stored {@code kind:id} and time; empty when either is missing. */
    static Optional<Source> of(Optional<String> stored, Optional<Instant> readAt) {
      if (stored.isEmpty() || readAt.isEmpty()) {
        return Optional.empty();
      }
      String s = stored.get();
      int colon = s.indexOf(':');
      return Optional.of(
          colon < 0
              ? new Source("unknown", s, readAt.get())
              : new Source(s.substring(0, colon), s.substring(colon + 1), readAt.get()));
    }
  }
}
