package org.openrps.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.openrps.server.store.Database;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.Sql;
import org.openrps.server.store.TenantId;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.MeterReading;
import org.openrps.wire.Receipt;
import org.openrps.wire.Report;
import org.openrps.wire.SupplyReading;

/**
 * Reports and what they carry: the report row (the idempotency key), one history row per device
 * with its meters and supplies, and the latest state of each device. A report is stored in one
 * transaction, whole or not at all.
 */
public final class ReportRepository {

  private static final String RECEPTACLE = "receptacleThatIsFilled";

  private final Jdbi jdbi;
  private final ObjectMapper json;

  public ReportRepository(Database database, ObjectMapper json) {
    this.jdbi = database.jdbi();
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
                  .bind("devices", report.devices().size())
                  .execute();
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
          storeDevices(h, tenant, site, report);
          return new Receipt(report.reportId(), false, report.devices().size(), receivedAt);
        });
  }

  private void storeDevices(Handle h, TenantId tenant, SiteId site, Report report) {
    PreparedBatch snapshots = h.prepareBatch(Sql.of(ReportRepository.class, "insertSnapshot"));
    PreparedBatch meters = h.prepareBatch(Sql.of(ReportRepository.class, "insertMeter"));
    PreparedBatch supplies = h.prepareBatch(Sql.of(ReportRepository.class, "insertSupply"));
    PreparedBatch alerts = h.prepareBatch(Sql.of(ReportRepository.class, "insertAlert"));
    PreparedBatch latest = h.prepareBatch(Sql.of(ReportRepository.class, "upsertDevice"));
    for (DeviceSnapshot d : report.devices()) {
      String make = d.identity().make();
      String serial = d.identity().serial();
      snapshots
          .bind("tenant", tenant.value())
          .bind("reportId", report.reportId())
          .bind("make", make)
          .bind("serial", serial)
          .bind("site", site.value())
          .bind("model", d.identity().model())
          .bind("address", d.address())
          .bind("seenAt", Sql.time(d.seenAt()))
          .bind("identityReadAt", Sql.time(d.identity().readAt()))
          .bind("printerStatus", d.status().printerStatus())
          .bind("statusErrors", toJson(d.status().errors()))
          .bind("statusReadAt", Sql.time(d.status().readAt()))
          .add();
      int position = 0;
      for (MeterReading m : d.counters()) {
        meters
            .bind("tenant", tenant.value())
            .bind("reportId", report.reportId())
            .bind("make", make)
            .bind("serial", serial)
            .bind("position", position++)
            .bind("name", m.name())
            .bind("value", m.value())
            .bind("oid", m.oid())
            .bind("readAt", Sql.time(m.readAt()))
            .add();
      }
      position = 0;
      for (SupplyReading s : d.supplies()) {
        supplies
            .bind("tenant", tenant.value())
            .bind("reportId", report.reportId())
            .bind("make", make)
            .bind("serial", serial)
            .bind("position", position++)
            .bind("supplyIndex", s.index())
            .bind("description", s.description())
            .bind("type", s.type())
            .bind("supplyClass", s.supplyClass())
            .bind("unit", s.unit())
            .bind("maxCapacity", s.maxCapacity())
            .bind("level", s.level())
            .bind("readAt", Sql.time(s.readAt()))
            .add();
      }
      position = 0;
      for (AlertReading a : d.alerts()) {
        alerts
            .bind("tenant", tenant.value())
            .bind("reportId", report.reportId())
            .bind("make", make)
            .bind("serial", serial)
            .bind("position", position++)
            .bind("alertIndex", a.index())
            .bind("severity", a.severity())
            .bind("trainingLevel", a.trainingLevel())
            .bind("alertGroup", a.group())
            .bind("code", a.code())
            .bind("description", a.description())
            .bind("readAt", Sql.time(a.readAt()))
            .add();
      }
    }
    // Latest state in one order (make, serial), so that concurrent reports that share devices
    // lock their rows in the same order and cannot deadlock.
    String source = report.source().kind().name() + ":" + report.source().id();
    List<DeviceSnapshot> ordered =
        report.devices().stream()
            .sorted(
                Comparator.comparing((DeviceSnapshot d) -> d.identity().make())
                    .thenComparing(d -> d.identity().serial()))
            .toList();
    for (DeviceSnapshot d : ordered) {
      OptionalLong total = d.totalPages();
      Instant totalAt =
          d.counters().stream()
              .filter(m -> MeterReading.TOTAL.equals(m.name()))
              .map(MeterReading::readAt)
              .findFirst()
              .orElse(d.seenAt());
      OptionalDouble lowest = lowestConsumablePercent(d.supplies());
      latest
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
          .add();
    }
    for (PreparedBatch batch : List.of(snapshots, meters, supplies, alerts, latest)) {
      if (batch.size() > 0) {
        batch.execute();
      }
    }
  }

  /**
   * The lowest known percentage among supplies that are used up (toner, drums); receptacles that
   * fill (waste toner) are left out, and levels without a number (RFC 3805 -1/-2/-3) are unknown.
   */
  static OptionalDouble lowestConsumablePercent(List<SupplyReading> supplies) {
    return supplies.stream()
        .filter(s -> !RECEPTACLE.equals(s.supplyClass()))
        .map(SupplyReading::percent)
        .filter(OptionalDouble::isPresent)
        .mapToDouble(OptionalDouble::getAsDouble)
        .min();
  }

  private String toJson(List<String> values) {
    try {
      return json.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a list of strings as JSON", e);
    }
  }
}
