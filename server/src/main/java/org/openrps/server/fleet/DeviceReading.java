package org.openrps.server.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One device's part of one stored report: when it was seen, where, and its status. */
public record DeviceReading(
    String reportId, Instant seenAt, String address, String printerStatus, List<String> errors) {
  public DeviceReading {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(seenAt, "seenAt");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(printerStatus, "printerStatus");
    errors = List.copyOf(errors);
  }
}
