package org.openrps.agent.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openrps.wire.DeviceSnapshot;

/**
 * A report the server has not acknowledged yet: the same id and snapshots every time it is sent.
 *
 * @param reportId the idempotency key, fixed when the report was first assembled
 * @param createdAt when it was first assembled
 * @param devices the full snapshots it carries, in the order they were read
 * @param bases for a device of the report, the newest snapshot of it that the server acknowledged
 *     (the base of its delta, ADR 0010), by make and serial; read when the report is assembled for
 *     a send, so a report sent again is made on the bases of then
 */
public record PendingReport(
    String reportId,
    Instant createdAt,
    List<DeviceSnapshot> devices,
    Map<List<String>, DeviceSnapshot> bases) {
  public PendingReport {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(createdAt, "createdAt");
    devices = List.copyOf(devices);
    bases = Map.copyOf(bases);
  }

  /** A report with no base known for any of its devices. */
  public PendingReport(String reportId, Instant createdAt, List<DeviceSnapshot> devices) {
    this(reportId, createdAt, devices, Map.of());
  }

  /** The acknowledged base of {@code device}'s delta, if any. */
  public Optional<DeviceSnapshot> baseOf(DeviceSnapshot device) {
    return Optional.ofNullable(
        bases.get(List.of(device.identity().make(), device.identity().serial())));
  }
}
