package org.openrps.agent.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.openrps.wire.DeviceSnapshot;

/**
 * A report the server has not acknowledged yet: the same id and content every time it is sent.
 *
 * @param reportId the idempotency key, fixed when the report was first assembled
 * @param createdAt when it was first assembled
 * @param devices the snapshots it carries, in the order they were read
 */
public record PendingReport(String reportId, Instant createdAt, List<DeviceSnapshot> devices) {
  public PendingReport {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(createdAt, "createdAt");
    devices = List.copyOf(devices);
  }
}
