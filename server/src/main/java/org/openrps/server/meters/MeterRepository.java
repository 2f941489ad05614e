package org.openrps.server.meters;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.Database;
import org.openrps.server.store.DeviceKey;
import org.openrps.server.store.Scope;
import org.openrps.server.store.Sql;
import org.openrps.wire.MeterReading;

/** Meter history of devices, always within a scope. */
public final class MeterRepository {

  /** Before every stored instant: the start of a history. */
  public static final Instant BEGINNING = Instant.parse("1900-01-01T00:00:00Z");

  private final Jdbi jdbi;

  public MeterRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /** Every meter reading stored for the device, oldest first. */
  public List<MeterReading> meterHistory(Scope scope, DeviceKey key) {
    return meterPage(scope, key, BEGINNING, "", -1, Integer.MAX_VALUE).stream()
        .map(m -> new MeterReading(m.name(), m.value(), m.oid(), m.readAt(), m.flags()))
        .toList();
  }

  /** Meter readings after the given place, oldest first. */
  public List<MeterPoint> meterPage(
      Scope scope,
      DeviceKey key,
      Instant afterAt,
      String afterReport,
      int afterPosition,
      int limit) {
    return jdbi.withHandle(
        h ->
            Sql.bindKey(
                    Scope.bind(h.createQuery(Sql.of(MeterRepository.class, "meterHistory")), scope),
                    key)
                .bind("afterAt", Sql.time(afterAt))
                .bind("afterReport", afterReport)
                .bind("afterPosition", afterPosition)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new MeterPoint(
                            rs.getString("report_id"),
                            rs.getInt("position"),
                            rs.getString("name"),
                            rs.getLong("value"),
                            rs.getString("oid"),
                            Sql.instant(rs, "read_at"),
                            words(rs.getString("oids"), " "),
                            words(rs.getString("flags"), ","),
                            words(rs.getString("server_flags"), ",")))
                .list());
  }

  /**
   * The meters of the device's latest snapshot, by name, each with the last value nobody flagged.
   */
  public List<CurrentMeter> current(Scope scope, DeviceKey key) {
    return jdbi.withHandle(
        h ->
            Sql.bindKey(
                    Scope.bind(h.createQuery(Sql.of(MeterRepository.class, "current")), scope), key)
                .map(
                    (rs, ctx) ->
                        new CurrentMeter(
                            rs.getString("name"),
                            rs.getLong("value"),
                            words(rs.getString("oids"), " "),
                            words(rs.getString("flags"), ","),
                            words(rs.getString("server_flags"), ","),
                            Sql.instant(rs, "read_at"),
                            rs.getString("source"),
                            Sql.optionalLong(rs, "trusted_value"),
                            Optional.ofNullable(rs.getTimestamp("trusted_at"))
                                .map(java.sql.Timestamp::toInstant)))
                .list());
  }

  /** Words of a stored list, split at {@code separator}; empty for an empty string. */
  public static List<String> words(String text, String separator) {
    return text == null || text.isEmpty() ? List.of() : List.of(text.split(separator));
  }
}
