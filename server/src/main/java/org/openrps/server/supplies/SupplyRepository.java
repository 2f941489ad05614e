package org.openrps.server.supplies;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.Database;
import org.openrps.server.store.DeviceKey;
import org.openrps.server.store.Scope;
import org.openrps.server.store.Sql;
import org.openrps.wire.SupplyReading;

/** Supplies of devices: the latest reading of each position, and the level history. */
public final class SupplyRepository {

  /** Before every stored instant: the start of a history. */
  public static final Instant BEGINNING = Instant.parse("1900-01-01T00:00:00Z");

  /** A supply reading with where it came from. */
  public record StoredSupply(SupplyReading reading, String source) {}

  /** A supply reading in the history. */
  public record SupplyPoint(String reportId, int position, SupplyReading reading) {}

  private final Jdbi jdbi;

  public SupplyRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /** The latest reading of each supply position of the device, by index. */
  public List<StoredSupply> current(Scope scope, DeviceKey key) {
    return jdbi.withHandle(
        h ->
            Sql.bindKey(
                    Scope.bind(h.createQuery(Sql.of(SupplyRepository.class, "current")), scope),
                    key)
                .map((rs, ctx) -> new StoredSupply(reading(rs), rs.getString("source")))
                .list());
  }

  /** Level history after the given place, oldest first; one position or all. */
  public List<SupplyPoint> history(
      Scope scope,
      DeviceKey key,
      Optional<Integer> index,
      Instant afterAt,
      String afterReport,
      int afterPosition,
      int limit) {
    return jdbi.withHandle(
        h ->
            Sql.bindKey(
                    Scope.bind(h.createQuery(Sql.of(SupplyRepository.class, "history")), scope),
                    key)
                .bind("anyIndex", index.isEmpty())
                .bind("supplyIndex", index.orElse(0))
                .bind("afterAt", Sql.time(afterAt))
                .bind("afterReport", afterReport)
                .bind("afterPosition", afterPosition)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new SupplyPoint(
                            rs.getString("report_id"), rs.getInt("position"), reading(rs)))
                .list());
  }

  private static SupplyReading reading(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new SupplyReading(
        rs.getInt("supply_index"),
        rs.getString("description"),
        rs.getString("type"),
        rs.getString("supply_class"),
        rs.getString("unit"),
        rs.getInt("max_capacity"),
        rs.getInt("level"),
        Sql.instant(rs, "read_at"),
        Optional.ofNullable(rs.getString("part_number")));
  }
}
