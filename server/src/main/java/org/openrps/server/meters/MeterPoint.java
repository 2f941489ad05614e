package org.openrps.server.meters;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One stored meter reading with its place in the history (report and position). */
public record MeterPoint(
    String reportId,
    int position,
    String name,
    long value,
    String oid,
    Instant readAt,
    List<String> oids,
    List<String> flags,
    List<String> serverFlags) {
  public MeterPoint {
    oids = List.copyOf(oids);
    flags = List.copyOf(flags);
    serverFlags = List.copyOf(serverFlags);
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(oid, "oid");
    Objects.requireNonNull(readAt, "readAt");
  }
}
