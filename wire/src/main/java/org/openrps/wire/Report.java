package org.openrps.wire;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One upload from an agent or a Device Direct device: a batch of device snapshots.
 *
 * @param schema the wire schema version, always {@link #SCHEMA} for this record
 * @param reportId the idempotency key: the same id sent twice is stored once
 * @param source who made the report
 * @param createdAt when the report was assembled
 * @param devices one snapshot per device
 */
public record Report(
    String schema,
    String reportId,
    Source source,
    Instant createdAt,
    List<DeviceSnapshot> devices) {

  /** The schema version this code writes and reads. */
  public static final String SCHEMA = "openrps.report/1";

  public Report {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(createdAt, "createdAt");
    devices = List.copyOf(Objects.requireNonNull(devices, "devices"));
  }

  public static Report of(
      String reportId, Source source, Instant createdAt, List<DeviceSnapshot> devices) {
    return new Report(SCHEMA, reportId, source, createdAt, devices);
  }
}
