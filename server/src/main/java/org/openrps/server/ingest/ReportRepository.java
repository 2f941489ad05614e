package org.openrps.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.openrps.server.agents.AgentRepository;
import org.openrps.server.alerts.AlertRepository;
import org.openrps.server.http.ApiException;
import org.openrps.server.meters.MeterRepository;
import org.openrps.server.meters.ServerMeterCheck;
import org.openrps.server.store.BulkInsert;
import org.openrps.server.store.Database;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.Sql;
import org.openrps.server.store.TenantId;
import org.openrps.server.supplies.SupplyRepository;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceDelta;
import org.openrps.wire.DeviceDiagnostics;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.MeterReading;
import org.openrps.wire.Receipt;
import org.openrps.wire.Report;
import org.openrps.wire.SnmpPosture;
import org.openrps.wire.SupplyReading;

/**
 * Stores a report in one transaction, whole or not at all: the report row (the idempotency key),
 * one history row per device with its meters (with the source's and the server's integrity flags),
 * supplies and alerts, the latest state of each device, its latest meters and supplies, its alerts
 * opened and cleared, the sender's last contact and the agent's site information. Every field the
 * wire carries is kept with its reading time and source.
 */
public final class ReportRepository {

  private static final String RECEPTACLE = "receptacleThatIsFilled";

  private static final List<String> SNAPSHOT_COLUMNS =
      List.of(
          "tenant",
          "reportId",
          "make",
          "serial",
          "site",
          "model",
          "address",
          "seenAt",
          "identityReadAt",
          "printerStatus",
          "statusErrors",
          "statusReadAt",
          "source",
          "sysObjectId",
          "mac",
          "firmware",
          "sysName",
          "location",
          "deviceStatus",
          "uptimeSeconds",
          "snmpVersion",
          "snmpSecurity");
  private static final List<String> METER_COLUMNS =
      List.of(
          "tenant",
          "reportId",
          "make",
          "serial",
          "position",
          "name",
          "value",
          "oid",
          "readAt",
          "oids",
          "flags",
          "serverFlags");
  private static final List<String> SUPPLY_COLUMNS =
      List.of(
          "tenant",
          "reportId",
          "make",
          "serial",
          "position",
          "supplyIndex",
          "description",
          "type",
          "supplyClass",
          "unit",
          "maxCapacity",
          "level",
          "readAt",
          "partNumber");
  private static final List<String> ALERT_COLUMNS =
      List.of(
          "tenant",
          "reportId",
          "make",
          "serial",
          "position",
          "alertIndex",
          "severity",
          "trainingLevel",
          "alertGroup",
          "code",
          "description",
          "readAt");

  private final Jdbi jdbi;
  private final Database.Dialect dialect;
  private final ObjectMapper json;

  public ReportRepository(Database database, ObjectMapper json) {
    this.jdbi = database.jdbi();
    this.dialect = database.dialect();
    this.json = Objects.requireNonNull(json, "json");
  }

  /**
   * Stores the report for the tenant and site, unless the tenant already has a report with its id:
   * then nothing changes and the receipt says {@code duplicate}. Safe against a concurrent upload
   * of the same id: the primary key decides which one stores.
   */
  public Receipt store(TenantId tenant, SiteId site, Report report, Instant receivedAt) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(report, "report");
    return jdbi.inTransaction(
        h -> {
          int inserted =
              h.createUpdate(Sql.of(ReportRepository.class, "insertReport"))
                  .bind("tenant", tenant.value())
                  .bind("reportId", report.reportId())
                  .bind("site", site.value())
                  .bind("sourceKind", report.source().kind().name())
                  .bind("sourceId", report.source().id())
                  .bind("sourceVersion", report.source().version())
                  .bind("createdAt", Sql.time(report.createdAt()))
                  .bind("receivedAt", Sql.time(receivedAt))
                  .bind("devices", report.snapshotCount())
                  .execute();
          touchSender(h, report, receivedAt);
          // The site information of now, on a duplicate too: a resend carries newer facts.
          if (report.site().isPresent()) {
            AgentRepository.storeSite(
                h,
                tenant,
                site,
                report.source().id(),
                report.reportId(),
                report.site().get(),
                receivedAt,
                json);
          }
          if (inserted == 0) {
            return h.createQuery(Sql.of(ReportRepository.class, "findReport"))
                .bind("tenant", tenant.value())
                .bind("reportId", report.reportId())
                .map(
                    (rs, ctx) ->
                        new Receipt(
                            report.reportId(),
                            true,
                            rs.getInt("device_count"),
                            Sql.instant(rs, "received_at")))
                .one();
          }
          // Idempotency first: a report stored before is a duplicate whatever its deltas name.
          Report full = report.deltas().isEmpty() ? report : rebuilt(h, tenant, report);
          if (!full.devices().isEmpty()) {
            storeDevices(h, tenant, site, full);
            storeBases(h, tenant, full);
          }
          return new Receipt(report.reportId(), false, report.snapshotCount(), receivedAt);
        });
  }

  /**
   * The report with every delta rebuilt into the full snapshot it describes (ADR 0010), on the base
   * the sender names, which the server must hold for that device from that sender: one query for
   * all of them. Refuses the whole report with {@code delta.base.unknown} (409) when a base is
   * missing or not the one named (the server restored from a backup, the device moved to another
   * agent, the device deleted): the sender sends the same report again with full snapshots.
   */
  private Report rebuilt(Handle h, TenantId tenant, Report report) {
    String source = sourceOf(report);
    Map<List<String>, String> bases = new HashMap<>();
    h.createQuery(Sql.of(ReportRepository.class, "bases"))
        .bind("tenant", tenant.value())
        .bind("source", source)
        .bindList("serials", report.deltas().stream().map(DeviceDelta::serial).distinct().toList())
        .map(
            (rs, ctx) ->
                bases.put(
                    List.of(rs.getString("make"), rs.getString("serial")),
                    rs.getString("snapshot")))
        .list();
    List<DeviceSnapshot> devices = new ArrayList<>(report.devices());
    List<String> unknown = new ArrayList<>();
    for (DeviceDelta d : report.deltas()) {
      String text = bases.get(List.of(d.make(), d.serial()));
      DeviceSnapshot base = text == null ? null : snapshot(text);
      if (base == null || !base.seenAt().equals(d.base())) {
        unknown.add(d.make() + " " + d.serial() + " of " + d.base());
        continue;
      }
      devices.add(d.applyTo(base));
    }
    if (!unknown.isEmpty()) {
      throw new ApiException(
          409,
          "delta.base.unknown",
          "the server does not hold the base of "
              + unknown.size()
              + " of the report's deltas (first: "
              + unknown.get(0)
              + "); send the report again, same id, with full snapshots");
    }
    return ReportDecoder.withDeviceKeys(report.withDevices(devices, List.of()));
  }

  /** Each snapshot stored becomes the sender's base for that device, if it is its newest. */
  private void storeBases(Handle h, TenantId tenant, Report report) {
    String source = sourceOf(report);
    PreparedBatch batch = h.prepareBatch(Sql.of(ReportRepository.class, "upsertBase"));
    for (DeviceSnapshot d : report.devices()) {
      batch
          .bind("tenant", tenant.value())
          .bind("source", source)
          .bind("make", d.identity().make())
          .bind("serial", d.identity().serial())
          .bind("seenAt", Sql.time(d.seenAt()))
          .bind("reportId", report.reportId())
          .bind("snapshot", toJson(d))
          .add();
    }
    execute(batch);
  }

  private static String sourceOf(Report report) {
    return report.source().kind().name() + ":" + report.source().id();
  }

  private DeviceSnapshot snapshot(String text) {
    try {
      return json.readValue(text, DeviceSnapshot.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a delta base is not a snapshot: " + e.getMessage(), e);
    }
  }

  private static void touchSender(Handle h, Report report, Instant now) {
    h.createUpdate(Sql.of(ReportRepository.class, "touchAgent"))
        .bind("now", Sql.time(now))
        .bind("version", report.source().version())
        .bind("devices", report.snapshotCount())
        .bind("id", report.source().id())
        .execute();
  }

  private void storeDevices(Handle h, TenantId tenant, SiteId site, Report report) {
    String source = sourceOf(report);
    // In one order (make, serial), so that concurrent reports that share devices lock their rows
    // in the same order and cannot deadlock.
    List<DeviceSnapshot> ordered =
        report.devices().stream()
            .sorted(
                Comparator.comparing((DeviceSnapshot d) -> d.identity().make())
                    .thenComparing(d -> d.identity().serial()))
            .toList();
    Set<String> serials = new HashSet<>();
    ordered.forEach(d -> serials.add(d.identity().serial()));
    Map<List<String>, ServerMeterCheck.Previous> previousMeters = new HashMap<>();
    Map<List<String>, Instant> lastSeen = new HashMap<>();
    before(h, tenant, serials, previousMeters, lastSeen);
    Map<List<String>, List<AlertRepository.OpenAlert>> openAlerts =
        AlertRepository.openFor(h, tenant, serials);

    PreparedBatch latest = h.prepareBatch(Sql.of(ReportRepository.class, "upsertDevice"));
    BulkInsert snapshots =
        history(h, ReportRepository.class, "insertSnapshot", "copySnapshots", SNAPSHOT_COLUMNS);
    BulkInsert meters =
        history(h, MeterRepository.class, "insertMeter", "copyMeters", METER_COLUMNS);
    BulkInsert supplies =
        history(h, SupplyRepository.class, "insertSupply", "copySupplies", SUPPLY_COLUMNS);
    BulkInsert alerts =
        history(h, AlertRepository.class, "insertAlert", "copyAlerts", ALERT_COLUMNS);
    PreparedBatch openedAlerts = h.prepareBatch(Sql.of(AlertRepository.class, "open"));
    PreparedBatch clearedAlerts = h.prepareBatch(Sql.of(AlertRepository.class, "clear"));
    PreparedBatch faults = h.prepareBatch(Sql.of(ReportRepository.class, "upsertFault"));
    for (DeviceSnapshot d : ordered) {
      String make = d.identity().make();
      String serial = d.identity().serial();
      bindDevice(latest, tenant, site, report, d, source).add();
      d.diagnostics().ifPresent(x -> addFaults(faults, tenant, d, x, source));
      addSnapshot(snapshots, tenant, site, report, d, source);
      int position = 0;
      for (MeterReading m : d.counters()) {
        List<String> serverFlags =
            ServerMeterCheck.flags(
                m,
                source,
                Optional.ofNullable(previousMeters.get(List.of(make, serial, m.name()))));
        String oids = String.join(" ", m.oids());
        meters.add(
            tenant.value(),
            report.reportId(),
            make,
            serial,
            position++,
            m.name(),
            m.value(),
            m.oid(),
            m.readAt(),
            oids,
            String.join(",", m.flags()),
            String.join(",", serverFlags));
      }
      position = 0;
      for (SupplyReading s : d.supplies()) {
        supplies.add(
            tenant.value(),
            report.reportId(),
            make,
            serial,
            position++,
            s.index(),
            s.description(),
            s.type(),
            s.supplyClass(),
            s.unit(),
            s.maxCapacity(),
            s.level(),
            s.readAt(),
            s.partNumber().orElse(null));
      }
      position = 0;
      for (AlertReading a : d.alerts()) {
        alerts.add(
            tenant.value(),
            report.reportId(),
            make,
            serial,
            position++,
            a.index(),
            a.severity(),
            a.trainingLevel(),
            a.group(),
            a.code(),
            a.description(),
            a.readAt());
      }
      Instant before = lastSeen.get(List.of(make, serial));
      if (before == null || !d.seenAt().isBefore(before)) {
        alertTransitions(
            tenant,
            d,
            source,
            openAlerts.getOrDefault(List.of(make, serial), List.of()),
            openedAlerts,
            clearedAlerts);
      }
    }
    // Parents before children: devices, then their snapshots, then what hangs off either.
    execute(latest);
    snapshots.execute();
    meters.execute();
    supplies.execute();
    alerts.execute();
    execute(openedAlerts);
    execute(clearedAlerts);
    execute(faults);
  }

  /** Each fault the module shows, active or in its history, once by code and raising time. */
  private static void addFaults(
      PreparedBatch faults,
      TenantId tenant,
      DeviceSnapshot d,
      DeviceDiagnostics diagnostics,
      String source) {
    Set<List<Object>> seen = new HashSet<>();
    List<DeviceDiagnostics.Fault> all = new ArrayList<>(diagnostics.history());
    all.addAll(diagnostics.faults());
    for (DeviceDiagnostics.Fault f : all) {
      if (!seen.add(List.of(f.code(), f.raisedAt()))) {
        continue;
      }
      faults
          .bind("tenant", tenant.value())
          .bind("make", d.identity().make())
          .bind("serial", d.identity().serial())
          .bind("code", f.code())
          .bind("raisedAt", Sql.time(f.raisedAt()))
          .bind("description", f.description())
          .bind("severity", f.severity())
          .bind("clearedAt", f.clearedAt().map(Sql::time).orElse(null))
          .bind("source", source)
          .add();
    }
  }

  private static void execute(PreparedBatch batch) {
    if (batch.size() > 0) {
      batch.execute();
    }
  }

  private BulkInsert history(
      Handle h, Class<?> repository, String insert, String copy, List<String> columns) {
    return new BulkInsert(
        h, dialect, Sql.of(repository, insert), Sql.of(repository, copy), columns);
  }

  /**
   * Opens a row for each alert the snapshot shows that is not open yet, and clears the open alerts
   * of the same source that the snapshot no longer shows.
   */
  private static void alertTransitions(
      TenantId tenant,
      DeviceSnapshot d,
      String source,
      List<AlertRepository.OpenAlert> open,
      PreparedBatch opened,
      PreparedBatch cleared) {
    Set<List<Object>> shown = new LinkedHashSet<>();
    for (AlertReading a : d.alerts()) {
      List<Object> key = List.of(a.index(), a.code());
      boolean isOpen = open.stream().anyMatch(o -> o.key().equals(key));
      if (shown.add(key) && !isOpen) {
        opened
            .bind("tenant", tenant.value())
            .bind("make", d.identity().make())
            .bind("serial", d.identity().serial())
            .bind("alertIndex", a.index())
            .bind("code", a.code())
            .bind("alertGroup", a.group())
            .bind("severity", a.severity())
            .bind("trainingLevel", a.trainingLevel())
            .bind("description", a.description())
            .bind("seenAt", Sql.time(d.seenAt()))
            .bind("source", source)
            .add();
      }
    }
    for (AlertRepository.OpenAlert o : open) {
      if (o.source().equals(source)
          && !shown.contains(o.key())
          && o.firstSeenAt().isBefore(d.seenAt())) {
        cleared
            .bind("tenant", tenant.value())
            .bind("make", d.identity().make())
            .bind("serial", d.identity().serial())
            .bind("alertIndex", o.alertIndex())
            .bind("code", o.code())
            .bind("firstSeenAt", Sql.time(o.firstSeenAt()))
            .bind("clearedAt", Sql.time(d.seenAt()))
            .add();
      }
    }
  }

  /**
   * What the server held before this report, in one query: each device's last-seen time and the
   * meters of its latest snapshot (the values the integrity check compares against).
   */
  private void before(
      Handle h,
      TenantId tenant,
      Set<String> serials,
      Map<List<String>, ServerMeterCheck.Previous> meters,
      Map<List<String>, Instant> lastSeen) {
    h.createQuery(Sql.of(ReportRepository.class, "before"))
        .bind("tenant", tenant.value())
        .bindList("serials", new ArrayList<>(serials))
        .map(
            (rs, ctx) -> {
              String make = rs.getString("make");
              String serial = rs.getString("serial");
              lastSeen.put(List.of(make, serial), Sql.instant(rs, "last_seen"));
              readLatestMeters(rs.getString("latest_meters"))
                  .forEach((name, previous) -> meters.put(List.of(make, serial, name), previous));
              return make;
            })
        .list();
  }

  /**
   * The latest meter values as the device row keeps them: {"name": [value, readAtMillis, source]}
   * (rows stored before V20 lack the source).
   */
  private String latestMeters(List<MeterReading> counters, String source) {
    Map<String, List<Object>> values = new java.util.TreeMap<>();
    for (MeterReading m : counters) {
      values.put(m.name(), List.of(m.value(), m.readAt().toEpochMilli(), source));
    }
    return toJson(values);
  }

  private Map<String, ServerMeterCheck.Previous> readLatestMeters(String text) {
    Map<String, ServerMeterCheck.Previous> previous = new HashMap<>();
    try {
      json.readTree(text)
          .fields()
          .forEachRemaining(
              e ->
                  previous.put(
                      e.getKey(),
                      new ServerMeterCheck.Previous(
                          e.getValue().path(0).asLong(),
                          Instant.ofEpochMilli(e.getValue().path(1).asLong()),
                          e.getValue().path(2).isTextual()
                              ? Optional.of(e.getValue().path(2).asText())
                              : Optional.empty())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a device's latest meters are not JSON: " + text, e);
    }
    return previous;
  }

  private PreparedBatch bindDevice(
      PreparedBatch latest,
      TenantId tenant,
      SiteId site,
      Report report,
      DeviceSnapshot d,
      String source) {
    OptionalLong total = d.totalPages();
    Instant totalAt =
        d.counters().stream()
            .filter(m -> MeterReading.TOTAL.equals(m.name()))
            .map(MeterReading::readAt)
            .findFirst()
            .orElse(d.seenAt());
    OptionalDouble lowest = lowestConsumablePercent(d.supplies());
    return latest
        .bind("tenant", tenant.value())
        .bind("make", d.identity().make())
        .bind("serial", d.identity().serial())
        .bind("site", site.value())
        .bind("model", d.identity().model())
        .bind("sysObjectId", d.identity().sysObjectId())
        .bind("mac", d.identity().mac().orElse(null))
        .bind("firmware", d.identity().firmware().orElse(null))
        .bind("sysName", d.identity().sysName().orElse(null))
        .bind("address", d.address())
        .bind("lastSeen", Sql.time(d.seenAt()))
        .bind("totalPages", total.isPresent() ? (Long) total.getAsLong() : null)
        .bind("totalPagesAt", total.isPresent() ? Sql.time(totalAt) : null)
        .bind("totalPagesSource", total.isPresent() ? source : null)
        .bind("lowestSupply", lowest.isPresent() ? (Double) lowest.getAsDouble() : null)
        .bind("lowestSupplyAt", lowest.isPresent() ? Sql.time(d.seenAt()) : null)
        .bind("lowestSupplySource", lowest.isPresent() ? source : null)
        .bind("printerStatus", d.status().printerStatus())
        .bind("printerStatusAt", Sql.time(d.status().readAt()))
        .bind("source", source)
        .bind("reportId", report.reportId())
        .bind("location", d.identity().location().orElse(null))
        .bind("deviceStatus", d.status().deviceStatus().orElse(null))
        .bind("uptimeSeconds", d.status().uptimeSeconds().orElse(null))
        .bind("statusErrors", toJson(d.status().errors()))
        .bind("snmpVersion", d.snmp().map(SnmpPosture::version).orElse(null))
        .bind("snmpSecurity", d.snmp().map(SnmpPosture::security).orElse(null))
        .bind("inputs", toJson(d.inputs()))
        .bind("options", toJson(d.options()))
        .bind("identityReadAt", Sql.time(d.identity().readAt()))
        .bind("latestMeters", latestMeters(d.counters(), source))
        .bind("manufacturer", d.identity().manufacturer().orElse(null))
        .bind("brand", d.identity().brand().orElse(null))
        .bind(
            "serialDisagreement",
            d.identity().serialDisagreement().isEmpty()
                ? null
                : toJson(d.identity().serialDisagreement()))
        .bind("metersAt", groupTime(d.counters().stream().map(MeterReading::readAt)))
        .bind("metersSource", d.counters().isEmpty() ? null : source)
        .bind("metersReportId", d.counters().isEmpty() ? null : report.reportId())
        .bind("suppliesAt", groupTime(d.supplies().stream().map(SupplyReading::readAt)))
        .bind("suppliesSource", d.supplies().isEmpty() ? null : source)
        .bind("suppliesReportId", d.supplies().isEmpty() ? null : report.reportId())
        .bind(
            "alertsAt",
            Sql.time(
                d.alerts().stream()
                    .map(AlertReading::readAt)
                    .max(Comparator.naturalOrder())
                    .orElse(d.seenAt())))
        .bind("inputsAt", groupTime(trayAndOptionTimes(d)))
        .bind("inputsSource", d.inputs().isEmpty() && d.options().isEmpty() ? null : source)
        .bind("diagnostics", d.diagnostics().map(this::toJson).orElse(null))
        .bind("diagnosticsAt", d.diagnostics().map(x -> Sql.time(x.readAt())).orElse(null))
        .bind("diagnosticsSource", d.diagnostics().isPresent() ? source : null);
  }

  /** When a group was read: its newest figure's time; null when the snapshot has none of it. */
  private static java.sql.Timestamp groupTime(java.util.stream.Stream<Instant> times) {
    return times.max(Comparator.naturalOrder()).map(Sql::time).orElse(null);
  }

  private static java.util.stream.Stream<Instant> trayAndOptionTimes(DeviceSnapshot d) {
    return java.util.stream.Stream.concat(
        d.inputs().stream().map(org.openrps.wire.InputTray::readAt),
        d.options().stream().map(org.openrps.wire.InstalledOption::readAt));
  }

  private void addSnapshot(
      BulkInsert snapshots,
      TenantId tenant,
      SiteId site,
      Report report,
      DeviceSnapshot d,
      String source) {
    snapshots.add(
        tenant.value(),
        report.reportId(),
        d.identity().make(),
        d.identity().serial(),
        site.value(),
        d.identity().model(),
        d.address(),
        d.seenAt(),
        d.identity().readAt(),
        d.status().printerStatus(),
        toJson(d.status().errors()),
        d.status().readAt(),
        source,
        d.identity().sysObjectId(),
        d.identity().mac().orElse(null),
        d.identity().firmware().orElse(null),
        d.identity().sysName().orElse(null),
        d.identity().location().orElse(null),
        d.status().deviceStatus().orElse(null),
        d.status().uptimeSeconds().orElse(null),
        d.snmp().map(SnmpPosture::version).orElse(null),
        d.snmp().map(SnmpPosture::security).orElse(null));
  }

  /**
   * The lowest known percentage among supplies that are used up (toner, drums); receptacles that
   * fill (waste toner) are left out, and levels without a number (RFC 3805 -1/-2/-3) are unknown.
   */
  static OptionalDouble lowestConsumablePercent(List<SupplyReading> supplies) {
    return lowestConsumable(supplies).map(SupplyReading::percent).orElse(OptionalDouble.empty());
  }

  /**
   * The supply whose level is {@link #lowestConsumablePercent}: the first of the lowest in the
   * device's order; empty when no consumed supply has a known level.
   */
  public static Optional<SupplyReading> lowestConsumable(List<SupplyReading> supplies) {
    SupplyReading lowest = null;
    for (SupplyReading s : supplies) {
      if (RECEPTACLE.equals(s.supplyClass()) || s.percent().isEmpty()) {
        continue;
      }
      if (lowest == null || s.percent().getAsDouble() < lowest.percent().getAsDouble()) {
        lowest = s;
      }
    }
    return Optional.ofNullable(lowest);
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a value as JSON", e);
    }
  }
}
