package org.openrps.server.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.Database;
import org.openrps.server.store.DeviceKey;
import org.openrps.server.store.Scope;
import org.openrps.server.store.Sql;
import org.openrps.server.store.TenantId;
import org.openrps.wire.SupplyReading;

/**
 * The few reads the reports need that no feature's repository has, each one statement over the
 * whole scope (never one per device or agent): the latest supplies of every device, and per sender
 * what it sent lately and which devices it reports.
 */
final class ReportQueries {

  /** What one sender's reports received since an instant carried. */
  record Received(int reports, long snapshots) {}

  /**
   * The devices whose latest state came from one sender.
   *
   * @param devices how many
   * @param newestReading the newest of their readings
   * @param notSeen how many of them were last seen before the instant asked about
   */
  record Reporting(int devices, Instant newestReading, int notSeen) {}

  private final Jdbi jdbi;

  ReportQueries(Database database) {
    this.jdbi = Objects.requireNonNull(database, "database").jdbi();
  }

  /** The supplies of each device's latest snapshot, in the device's order. */
  Map<DeviceKey, List<SupplyReading>> latestSupplies(Scope scope) {
    Map<DeviceKey, List<SupplyReading>> out = new HashMap<>();
    jdbi.useHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(ReportQueries.class, "latestSupplies")), scope)
                .map(
                    (rs, ctx) -> {
                      DeviceKey key =
                          new DeviceKey(
                              TenantId.of(rs.getString("tenant_id")),
                              rs.getString("make"),
                              rs.getString("serial"));
                      SupplyReading s =
                          new SupplyReading(
                              rs.getInt("supply_index"),
                              rs.getString("description"),
                              rs.getString("type"),
                              rs.getString("supply_class"),
                              rs.getString("unit"),
                              rs.getInt("max_capacity"),
                              rs.getInt("level"),
                              Sql.instant(rs, "read_at"),
                              Sql.optionalString(rs, "part_number"));
                      return Map.entry(key, s);
                    })
                .forEach(
                    e ->
                        out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
    return out;
  }

  /** Per sender id, the reports received at or after {@code since}. */
  Map<String, Received> receivedSince(Scope scope, Instant since) {
    Map<String, Received> out = new LinkedHashMap<>();
    jdbi.useHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(ReportQueries.class, "receivedSince")), scope)
                .bind("since", Sql.time(since))
                .map(
                    (rs, ctx) ->
                        Map.entry(
                            rs.getString("source_id"),
                            new Received(rs.getInt("reports"), rs.getLong("snapshots"))))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
    return out;
  }

  /** Per sender id, the devices whose latest state it sent; {@code notSeen} counts before since. */
  Map<String, Reporting> devicesBySource(Scope scope, Instant since) {
    Map<String, Reporting> out = new LinkedHashMap<>();
    jdbi.useHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(ReportQueries.class, "devicesBySource")), scope)
                .bind("since", Sql.time(since))
                .map(
                    (rs, ctx) ->
                        Map.entry(
                            rs.getString("source_id"),
                            new Reporting(
                                rs.getInt("devices"),
                                Sql.instant(rs, "newest"),
                                rs.getInt("not_seen"))))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
    return out;
  }
}
