package org.openrps.wire;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One upload from an agent or a Device Direct device: a batch of device snapshots.
 *
 * @param schema the wire schema version: {@link #SCHEMA} for a report made by this code, or any of
 *     {@link #SCHEMAS} for one read
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

  /** The first schema version: no {@code oids} on meters, no {@code snmp} on devices. */
  public static final String SCHEMA_1 = "openrps.report/1";

  /** The schema version this code writes. */
  public static final String SCHEMA = "openrps.report/2";

  /** Every schema version this code reads (and a server accepts). */
  public static final Set<String> SCHEMAS = Set.of(SCHEMA_1, SCHEMA);

  public Report {
    Objects.requireNonNull(schema, "schema");
    if (!SCHEMAS.contains(schema)) {
      throw new IllegalArgumentException("unknown report schema " + schema);
    }
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
