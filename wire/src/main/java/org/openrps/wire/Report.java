package org.openrps.wire;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * @param site facts about the agent's site, collected when the report was sent (since schema {@link
 *     #SCHEMA_3}; an agent sends them, a Device Direct device does not)
 * @param deltas snapshots sent as what changed since a base the receiver acknowledged (since schema
 *     {@link #SCHEMA_4}, ADR 0010); a device is in {@code devices} or here, at most once in all
 */
public record Report(
    String schema,
    String reportId,
    Source source,
    Instant createdAt,
    List<DeviceSnapshot> devices,
    Optional<SiteFacts> site,
    @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        List<DeviceDelta> deltas) {

  /** The first schema version: no {@code oids} on meters, no {@code snmp} on devices. */
  public static final String SCHEMA_1 = "openrps.report/1";

  /** Version 2: every OID of a meter ({@code oids}), SNMP posture of a device ({@code snmp}). */
  public static final String SCHEMA_2 = "openrps.report/2";

  /** Version 3: version 2 plus the agent's site information ({@code site}). */
  public static final String SCHEMA_3 = "openrps.report/3";

  /** Version 4: version 3 plus snapshots sent as what changed since a base ({@code deltas}). */
  public static final String SCHEMA_4 = "openrps.report/4";

  /**
   * Version 5: version 4 plus the names people use and a flag on the serial in a device's identity
   * ({@code manufacturer}, {@code brand}, {@code serialDisagreement}; ADR 0013).
   */
  public static final String SCHEMA_5 = "openrps.report/5";

  /**
   * Version 6: version 5 plus a Device Direct module's diagnostics on a device ({@code
   * diagnostics}).
   */
  public static final String SCHEMA_6 = "openrps.report/6";

  /**
   * Version 7: version 6 plus, in the site information, the agent's sync schedule and outbox
   * backlog ({@code syncAt}, {@code syncTimeZone}, {@code pollEverySeconds}, {@code nextSyncAt},
   * {@code backlogReadings}, {@code backlogBytes}, {@code backlogOldest}).
   */
  public static final String SCHEMA_7 = "openrps.report/7";

  /** The schema version this code writes. */
  public static final String SCHEMA = SCHEMA_7;

  /** Every schema version this code reads (and a server accepts). */
  public static final Set<String> SCHEMAS =
      Set.of(SCHEMA_1, SCHEMA_2, SCHEMA_3, SCHEMA_4, SCHEMA_5, SCHEMA_6, SCHEMA_7);

  public Report {
    Objects.requireNonNull(schema, "schema");
    if (!SCHEMAS.contains(schema)) {
      throw new IllegalArgumentException("unknown report schema " + schema);
    }
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(createdAt, "createdAt");
    devices = List.copyOf(Objects.requireNonNull(devices, "devices"));
    site = site == null ? Optional.empty() : site;
    if (site.isPresent() && !atLeast(schema, SCHEMA_3)) {
      throw new IllegalArgumentException("site information needs schema " + SCHEMA_3);
    }
    if (site.filter(SiteFacts::needsSchema7).isPresent() && !atLeast(schema, SCHEMA_7)) {
      throw new IllegalArgumentException(
          "the site's sync schedule and backlog need schema " + SCHEMA_7);
    }
    deltas = deltas == null ? List.of() : List.copyOf(deltas);
    if (!deltas.isEmpty() && !atLeast(schema, SCHEMA_4)) {
      throw new IllegalArgumentException("deltas need schema " + SCHEMA_4);
    }
    if (!atLeast(schema, SCHEMA_6)) {
      for (DeviceSnapshot d : devices) {
        if (d.diagnostics().isPresent()) {
          throw new IllegalArgumentException("diagnostics need schema " + SCHEMA_6);
        }
      }
    }
    if (!atLeast(schema, SCHEMA_5)) {
      for (DeviceSnapshot d : devices) {
        if (d.identity().needsSchema5()) {
          throw new IllegalArgumentException(
              "manufacturer, brand and serialDisagreement need schema " + SCHEMA_5);
        }
      }
      for (DeviceDelta d : deltas) {
        if (d.identity().filter(DeviceIdentity::needsSchema5).isPresent()) {
          throw new IllegalArgumentException(
              "manufacturer, brand and serialDisagreement need schema " + SCHEMA_5);
        }
      }
    }
  }

  /** Whether the schema is this version or a later one. */
  private static boolean atLeast(String schema, String version) {
    return Integer.parseInt(schema.substring(schema.lastIndexOf('/') + 1))
        >= Integer.parseInt(version.substring(version.lastIndexOf('/') + 1));
  }

  /** A report without deltas. */
  public Report(
      String schema,
      String reportId,
      Source source,
      Instant createdAt,
      List<DeviceSnapshot> devices,
      Optional<SiteFacts> site) {
    this(schema, reportId, source, createdAt, devices, site, List.of());
  }

  /** A report without site information. */
  public Report(
      String schema,
      String reportId,
      Source source,
      Instant createdAt,
      List<DeviceSnapshot> devices) {
    this(schema, reportId, source, createdAt, devices, Optional.empty());
  }

  public static Report of(
      String reportId, Source source, Instant createdAt, List<DeviceSnapshot> devices) {
    return new Report(SCHEMA, reportId, source, createdAt, devices);
  }

  /** This report with other devices (e.g. the same ones under their device keys). */
  public Report withDevices(List<DeviceSnapshot> other) {
    return new Report(schema, reportId, source, createdAt, other, site, deltas);
  }

  /** This report with these full snapshots and deltas. */
  public Report withDevices(List<DeviceSnapshot> full, List<DeviceDelta> changes) {
    return new Report(schema, reportId, source, createdAt, full, site, changes);
  }

  /**
   * This report, as schema {@link #SCHEMA_3} (or the schema it has, if later), with the site facts
   * of now.
   *
   * @throws IllegalArgumentException when the facts carry a schedule or a backlog and the report's
   *     schema is before {@link #SCHEMA_7}
   */
  public Report withSite(SiteFacts facts) {
    return new Report(
        atLeast(schema, SCHEMA_4) ? schema : SCHEMA_3,
        reportId,
        source,
        createdAt,
        devices,
        Optional.of(Objects.requireNonNull(facts)),
        deltas);
  }

  /** The snapshots the report carries, whole or as deltas. */
  public int snapshotCount() {
    return devices.size() + deltas.size();
  }
}
