package org.openrps.server.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.Database;
import org.openrps.server.store.DeviceKey;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.Sql;
import org.openrps.server.store.TenantId;

/** Reads and deletes of device state and history, always within a scope. */
public final class DeviceRepository {

  /** Before every stored instant: the start of a history. */
  public static final Instant BEGINNING = Instant.parse("1900-01-01T00:00:00Z");

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final List<String> HISTORY_TABLES =
      List.of(
          "delta_bases",
          "alert_readings",
          "meter_readings",
          "supply_readings",
          "device_snapshots",
          "device_alerts",
          "device_faults",
          "devices");

  private final Jdbi jdbi;
  private final ObjectMapper json = new ObjectMapper();

  public DeviceRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /** Every device in the scope, by make and serial. */
  public List<DeviceState> latest(Scope scope) {
    return page(scope, DeviceFilter.ALL, "", "", Integer.MAX_VALUE);
  }

  /** Devices in the scope after ({@code afterMake}, {@code afterSerial}), by make and serial. */
  public List<DeviceState> page(Scope scope, String afterMake, String afterSerial, int limit) {
    return page(scope, DeviceFilter.ALL, afterMake, afterSerial, limit);
  }

  /** Devices in the scope that pass the filter, after the given place, by make and serial. */
  public List<DeviceState> page(
      Scope scope, DeviceFilter filter, String afterMake, String afterSerial, int limit) {
    return query(
            scope, filter, "", DeviceSort.make.orderBy(false), afterMake, afterSerial, 0, limit)
        .devices();
  }

  /** One page of the devices in the scope that pass the query's filter and text, in its order. */
  public DeviceQuery.Result search(Scope scope, DeviceQuery q) {
    DeviceQuery.Result page =
        query(
            scope,
            q.filter(),
            q.pattern(),
            q.sort().orderBy(q.descending()),
            "",
            "",
            q.offset(),
            q.limit());
    if (page.devices().isEmpty() && q.offset() > 0) {
      // Past the end: the count comes from the first page.
      long matching =
          query(scope, q.filter(), q.pattern(), q.sort().orderBy(false), "", "", 0, 1).matching();
      return new DeviceQuery.Result(List.of(), matching);
    }
    return page;
  }

  private DeviceQuery.Result query(
      Scope scope,
      DeviceFilter filter,
      String pattern,
      String order,
      String afterMake,
      String afterSerial,
      int offset,
      int limit) {
    long[] matching = {0};
    List<DeviceState> devices =
        jdbi.withHandle(
            h ->
                Scope.bind(h.createQuery(Sql.of(DeviceRepository.class, "latest")), scope)
                    .define("order", order)
                    .bind("customer", filter.customer().map(t -> t.value()).orElse(""))
                    .bind("site", filter.site().map(t -> t.value()).orElse(""))
                    .bind("makeIs", filter.make().orElse(""))
                    .bind("status", filter.status().orElse(""))
                    .bind("lowSupplyBelow", filter.lowSupplyBelow().orElse(-1))
                    .bind("filterSeen", filter.notSeenSince().isPresent())
                    .bind("notSeenSince", Sql.time(filter.notSeenSince().orElse(BEGINNING)))
                    .bind("text", pattern)
                    .bind("afterMake", afterMake)
                    .bind("afterSerial", afterSerial)
                    .bind("limit", limit)
                    .bind("offset", offset)
                    .map(
                        (rs, ctx) -> {
                          matching[0] = rs.getLong("matching");
                          return state(rs);
                        })
                    .list());
    return new DeviceQuery.Result(devices, matching[0]);
  }

  public Optional<DeviceState> find(Scope scope, DeviceKey key) {
    return jdbi.withHandle(
        h ->
            Sql.bindKey(
                    Scope.bind(h.createQuery(Sql.of(DeviceRepository.class, "find")), scope), key)
                .map((rs, ctx) -> state(rs))
                .findOne());
  }

  /** Whether the device is in the scope. */
  public boolean exists(Scope scope, DeviceKey key) {
    return find(scope, key).isPresent();
  }

  /** Deletes the device's latest state and its whole history; false when not in the scope. */
  public boolean delete(Scope scope, DeviceKey key) {
    return jdbi.inTransaction(
        h -> {
          int devices = 0;
          for (String table : HISTORY_TABLES) {
            devices =
                Sql.bindKey(
                        Scope.bind(
                            h.createUpdate(Sql.of(DeviceRepository.class, "delete_" + table)),
                            scope),
                        key)
                    .execute();
          }
          return devices == 1;
        });
  }

  /** The device's snapshots (one per report) after the given place, oldest first. */
  public List<DeviceReading> readings(
      Scope scope, DeviceKey key, Instant afterAt, String afterReport, int limit) {
    return jdbi.withHandle(
        h ->
            Sql.bindKey(
                    Scope.bind(h.createQuery(Sql.of(DeviceRepository.class, "readings")), scope),
                    key)
                .bind("afterAt", Sql.time(afterAt))
                .bind("afterReport", afterReport)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new DeviceReading(
                            rs.getString("report_id"),
                            Sql.instant(rs, "seen_at"),
                            rs.getString("address"),
                            rs.getString("printer_status"),
                            strings(rs.getString("status_errors"))))
                .list());
  }

  private List<String> strings(String text) {
    try {
      return json.readValue(text, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored status errors are not a JSON list", e);
    }
  }

  private DeviceState state(ResultSet rs) throws SQLException {
    List<String> flags = new ArrayList<>(words(rs.getString("total_flags")));
    for (String f : words(rs.getString("total_server_flags"))) {
      if (!flags.contains(f)) {
        flags.add(f);
      }
    }
    OptionalLong reported = Sql.optionalLong(rs, "total_value");
    if (reported.isEmpty()) {
      // Stored before the latest meters were kept: the device row's own figure.
      reported = Sql.optionalLong(rs, "total_pages");
    }
    return new DeviceState(
        TenantId.of(rs.getString("tenant_id")),
        SiteId.of(rs.getString("site_id")),
        rs.getString("make"),
        rs.getString("model"),
        rs.getString("serial"),
        rs.getString("address"),
        Sql.instant(rs, "last_seen"),
        new DeviceState.Total(
            reported,
            flags,
            optionalInstant(rs, "total_read_at"),
            Sql.optionalString(rs, "total_source"),
            Sql.optionalLong(rs, "total_trusted"),
            optionalInstant(rs, "total_trusted_at")),
        Sql.optionalDouble(rs, "lowest_supply_percent"),
        rs.getString("printer_status"),
        new DeviceState.Sources(
            rs.getString("address_source"),
            Sql.optionalString(rs, "total_pages_source"),
            Sql.optionalString(rs, "lowest_supply_source"),
            rs.getString("printer_status_source"),
            Sql.optionalString(rs, "identity_source")),
        new DeviceState.Details(
            rs.getString("sys_object_id"),
            Sql.optionalString(rs, "mac"),
            Sql.optionalString(rs, "firmware"),
            Sql.optionalString(rs, "sys_name"),
            Sql.optionalString(rs, "location"),
            Sql.optionalString(rs, "device_status"),
            Sql.optionalLong(rs, "uptime_seconds"),
            strings(rs.getString("status_errors")),
            Sql.optionalString(rs, "snmp_version"),
            Sql.optionalString(rs, "snmp_security"),
            rs.getString("inputs"),
            rs.getString("options"),
            rs.getString("last_report_id"),
            Sql.optionalString(rs, "manufacturer"),
            Sql.optionalString(rs, "brand"),
            Sql.optionalString(rs, "serial_disagreement")));
  }

  /** The most faults the diagnostics of one device show. */
  public static final int MAX_FAULTS = 1000;

  /**
   * Each group of the device's latest state with its source and reading time, and its latest
   * diagnostics as wire JSON; empty when the device is not in the scope.
   */
  public Optional<Groups> groups(Scope scope, DeviceKey key) {
    return jdbi.withHandle(
        h ->
            Sql.bindKey(
                    Scope.bind(h.createQuery(Sql.of(DeviceRepository.class, "groups")), scope), key)
                .map(
                    (rs, ctx) ->
                        new Groups(
                            new FieldSources(
                                source(rs, "address_source", "address_at"),
                                source(rs, "identity_source", "identity_read_at"),
                                source(rs, "printer_status_source", "printer_status_at"),
                                source(rs, "meters_source", "meters_at"),
                                source(rs, "supplies_source", "supplies_at"),
                                source(rs, "alerts_source", "alerts_at"),
                                source(rs, "inputs_source", "inputs_at"),
                                source(rs, "diagnostics_source", "diagnostics_at")),
                            Sql.optionalString(rs, "diagnostics")))
                .findOne());
  }

  /** A device's field sources and its latest diagnostics (wire JSON), if a module sent any. */
  public record Groups(FieldSources sources, Optional<String> diagnosticsJson) {}

  /** The faults the device's module reported, each once, the newest raised first. */
  public List<DeviceDiagnosticsView.Fault> faults(Scope scope, DeviceKey key, int limit) {
    return jdbi.withHandle(
        h ->
            Sql.bindKey(
                    Scope.bind(h.createQuery(Sql.of(DeviceRepository.class, "faults")), scope), key)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new DeviceDiagnosticsView.Fault(
                            rs.getString("code"),
                            rs.getString("description"),
                            rs.getString("severity"),
                            Sql.instant(rs, "raised_at"),
                            optionalInstant(rs, "cleared_at").orElse(null),
                            rs.getString("source")))
                .list());
  }

  private static FieldSources.Source source(ResultSet rs, String source, String at)
      throws SQLException {
    return FieldSources.Source.of(Sql.optionalString(rs, source), optionalInstant(rs, at))
        .orElse(null);
  }

  private static Optional<Instant> optionalInstant(ResultSet rs, String column)
      throws SQLException {
    return Optional.ofNullable(rs.getTimestamp(column)).map(java.sql.Timestamp::toInstant);
  }

  private static List<String> words(String text) {
    return text == null || text.isEmpty() ? List.of() : List.of(text.split(","));
  }
}
