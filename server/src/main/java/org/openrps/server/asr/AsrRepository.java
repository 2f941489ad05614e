package org.openrps.server.asr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.Database;
import org.openrps.server.store.Scope;
import org.openrps.server.store.Sql;
import org.openrps.server.store.TenantId;
import org.openrps.wire.SupplyReading;

/** Replenishment rules, orders and misses, on SQLite and PostgreSQL alike. */
public final class AsrRepository {

  /** A device the job looks at. */
  record Device(String tenant, String make, String serial, String site) {}

  /** A supply order as stored: open while {@code state} is {@code open}. */
  public record Order(
      String id,
      String tenant,
      String make,
      String serial,
      int supplyIndex,
      String description,
      Optional<String> partNumber,
      int quantity,
      String site,
      String state,
      String reason,
      Instant raisedAt,
      Optional<Double> levelPercent,
      Optional<Double> daysLow,
      Optional<Double> daysHigh,
      Optional<Instant> closedAt,
      Optional<String> closedBecause) {}

  /** A supply that ran empty with no order raised before it. */
  public record Miss(
      String tenant,
      String make,
      String serial,
      int supplyIndex,
      String description,
      Instant emptyAt) {}

  private final Jdbi jdbi;

  public AsrRepository(Database database) {
    this.jdbi = Objects.requireNonNull(database, "database").jdbi();
  }

  <T> T inTransaction(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
    return jdbi.inTransaction(work);
  }

  List<Device> devices(Handle h) {
    return h.createQuery(Sql.of(AsrRepository.class, "devices"))
        .map(
            (rs, ctx) ->
                new Device(
                    rs.getString("tenant_id"),
                    rs.getString("make"),
                    rs.getString("serial"),
                    rs.getString("site_id")))
        .list();
  }

  /** Every customer's rules that were set; the others have the defaults. */
  public Map<String, AsrSettings> settings(Scope scope) {
    return jdbi.withHandle(h -> settings(h, scope));
  }

  Map<String, AsrSettings> settings(Handle h, Scope scope) {
    Map<String, AsrSettings> out = new HashMap<>();
    Scope.bind(h.createQuery(Sql.of(AsrRepository.class, "settings")), scope)
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getString("tenant_id"),
                    new AsrSettings(
                        rs.getInt("enabled") != 0,
                        rs.getInt("lead_days"),
                        rs.getInt("margin_days"),
                        rs.getInt("threshold_percent"))))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  public void putSettings(TenantId tenant, AsrSettings s, String by, Instant at) {
    jdbi.useHandle(
        h ->
            h.createUpdate(Sql.of(AsrRepository.class, "putSettings"))
                .bind("tenant", tenant.value())
                .bind("enabled", s.enabled() ? 1 : 0)
                .bind("lead", s.leadDays())
                .bind("margin", s.marginDays())
                .bind("threshold", s.thresholdPercent())
                .bind("by", by)
                .bind("at", Sql.time(at))
                .execute());
  }

  /** The device's supply readings since {@code from}, by position, oldest first. */
  Map<Integer, List<SupplyReading>> history(Device d, Instant from) {
    return jdbi.withHandle(h -> history(h, d, from));
  }

  Map<Integer, List<SupplyReading>> history(Handle h, Device d, Instant from) {
    Map<Integer, List<SupplyReading>> out = new java.util.TreeMap<>();
    h.createQuery(Sql.of(AsrRepository.class, "history"))
        .bind("tenant", d.tenant())
        .bind("make", d.make())
        .bind("serial", d.serial())
        .bind("from", Sql.time(from))
        .map(
            (rs, ctx) ->
                new SupplyReading(
                    rs.getInt("supply_index"),
                    rs.getString("description"),
                    rs.getString("type"),
                    rs.getString("supply_class"),
                    rs.getString("unit"),
                    rs.getInt("max_capacity"),
                    rs.getInt("level"),
                    Sql.instant(rs, "read_at"),
                    Optional.ofNullable(rs.getString("part_number"))))
        .forEach(s -> out.computeIfAbsent(s.index(), i -> new ArrayList<>()).add(s));
    return out;
  }

  /** A supply's low or empty alert, open while {@code clearedAt} is empty. */
  record SupplyAlert(
      String code, String description, Instant firstSeenAt, Optional<Instant> clearedAt) {
    boolean empty() {
      return code.endsWith("Empty") && !code.endsWith("AlmostEmpty");
    }
  }

  /** The device's toner and ink low and empty alerts, open or cleared since {@code from}. */
  List<SupplyAlert> supplyAlerts(Handle h, Device d, Instant from) {
    return h.createQuery(Sql.of(AsrRepository.class, "supplyAlerts"))
        .bind("tenant", d.tenant())
        .bind("make", d.make())
        .bind("serial", d.serial())
        .bind("from", Sql.time(from))
        .map(
            (rs, ctx) ->
                new SupplyAlert(
                    rs.getString("code"),
                    rs.getString("description"),
                    Sql.instant(rs, "first_seen_at"),
                    Optional.ofNullable(rs.getTimestamp("cleared_at"))
                        .map(java.sql.Timestamp::toInstant)))
        .list();
  }

  List<Order> orders(Handle h, Device d) {
    return h.createQuery(Sql.of(AsrRepository.class, "openOrders"))
        .bind("tenant", d.tenant())
        .bind("make", d.make())
        .bind("serial", d.serial())
        .map((rs, ctx) -> order(rs))
        .list();
  }

  boolean insertOrder(Handle h, Order o) {
    return h.createUpdate(Sql.of(AsrRepository.class, "insertOrder"))
            .bind("id", o.id())
            .bind("tenant", o.tenant())
            .bind("make", o.make())
            .bind("serial", o.serial())
            .bind("index", o.supplyIndex())
            .bind("description", o.description())
            .bind("partNumber", o.partNumber().orElse(null))
            .bind("site", o.site())
            .bind("reason", o.reason())
            .bind("raisedAt", Sql.time(o.raisedAt()))
            .bind("level", o.levelPercent().orElse(null))
            .bind("daysLow", o.daysLow().filter(Double::isFinite).orElse(null))
            .bind("daysHigh", o.daysHigh().filter(Double::isFinite).orElse(null))
            .execute()
        > 0;
  }

  boolean closeOrder(Handle h, String id, Instant at, String because) {
    return h.createUpdate(Sql.of(AsrRepository.class, "closeOrder"))
            .bind("id", id)
            .bind("closedAt", Sql.time(at))
            .bind("because", because)
            .execute()
        > 0;
  }

  boolean insertMiss(Handle h, Miss m) {
    return h.createUpdate(Sql.of(AsrRepository.class, "insertMiss"))
            .bind("tenant", m.tenant())
            .bind("make", m.make())
            .bind("serial", m.serial())
            .bind("index", m.supplyIndex())
            .bind("description", m.description())
            .bind("emptyAt", Sql.time(m.emptyAt()))
            .execute()
        > 0;
  }

  /** Orders the scope sees, newest first: one state or all. */
  public List<Order> list(Scope scope, Optional<String> state, int limit) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(AsrRepository.class, "list")), scope)
                .bind("anyState", state.isEmpty())
                .bind("state", state.orElse(""))
                .bind("limit", limit)
                .map((rs, ctx) -> order(rs))
                .list());
  }

  /** Misses the scope sees, newest first. */
  public List<Miss> misses(Scope scope, int limit) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(AsrRepository.class, "misses")), scope)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new Miss(
                            rs.getString("tenant_id"),
                            rs.getString("make"),
                            rs.getString("serial"),
                            rs.getInt("supply_index"),
                            rs.getString("description"),
                            Sql.instant(rs, "empty_at")))
                .list());
  }

  private static Order order(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Order(
        rs.getString("id"),
        rs.getString("tenant_id"),
        rs.getString("make"),
        rs.getString("serial"),
        rs.getInt("supply_index"),
        rs.getString("description"),
        Optional.ofNullable(rs.getString("part_number")),
        rs.getInt("quantity"),
        rs.getString("site_id"),
        rs.getString("state"),
        rs.getString("reason"),
        Sql.instant(rs, "raised_at"),
        optionalDouble(rs, "level_percent"),
        optionalDouble(rs, "days_low"),
        optionalDouble(rs, "days_high"),
        Optional.ofNullable(rs.getTimestamp("closed_at")).map(java.sql.Timestamp::toInstant),
        Optional.ofNullable(rs.getString("closed_because")));
  }

  private static Optional<Double> optionalDouble(java.sql.ResultSet rs, String column)
      throws java.sql.SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }
}
