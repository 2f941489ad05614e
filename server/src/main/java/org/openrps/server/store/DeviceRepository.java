package org.openrps.server.store;

import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.openrps.wire.MeterReading;

/** Reads of device state and history, always within one tenant. */
public final class DeviceRepository {

  private final Jdbi jdbi;

  public DeviceRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /** The latest state of every device of the tenant, by make and serial. */
  public List<DeviceState> latest(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return jdbi.withHandle(
        h ->
            h.createQuery(Sql.of(DeviceRepository.class, "latest"))
                .bind("tenant", tenant.value())
                .map(
                    (rs, ctx) ->
                        new DeviceState(
                            TenantId.of(rs.getString("tenant_id")),
                            SiteId.of(rs.getString("site_id")),
                            rs.getString("make"),
                            rs.getString("model"),
                            rs.getString("serial"),
                            rs.getString("address"),
                            Sql.instant(rs, "last_seen"),
                            Sql.optionalLong(rs, "total_pages"),
                            Sql.optionalDouble(rs, "lowest_supply_percent"),
                            rs.getString("printer_status")))
                .list());
  }

  /** Every meter reading stored for the device, oldest first. */
  public List<MeterReading> meterHistory(TenantId tenant, String make, String serial) {
    Objects.requireNonNull(tenant, "tenant");
    return jdbi.withHandle(
        h ->
            h.createQuery(Sql.of(DeviceRepository.class, "meterHistory"))
                .bind("tenant", tenant.value())
                .bind("make", make)
                .bind("serial", serial)
                .map(
                    (rs, ctx) ->
                        new MeterReading(
                            rs.getString("name"),
                            rs.getLong("value"),
                            rs.getString("oid"),
                            Sql.instant(rs, "read_at")))
                .list());
  }
}
