package org.openrps.server.fleet;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;

/**
 * The latest known state of one device of a tenant. Each figure is the newest read by any source
 * and names that source ({@code agent:<id>} or {@code device:<id>}).
 *
 * @param totalPages the life page count, empty when no report gave one
 * @param lowestSupplyPercent the lowest level among consumed supplies, empty when none is known
 */
public record DeviceState(
    TenantId tenant,
    SiteId site,
    String make,
    String model,
    String serial,
    String address,
    Instant lastSeen,
    OptionalLong totalPages,
    OptionalDouble lowestSupplyPercent,
    String printerStatus,
    Sources sources) {

  /** Where each figure of the latest state came from. */
  public record Sources(
      String address,
      Optional<String> totalPages,
      Optional<String> lowestSupplyPercent,
      String printerStatus) {
    public Sources {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(totalPages, "totalPages");
      Objects.requireNonNull(lowestSupplyPercent, "lowestSupplyPercent");
      Objects.requireNonNull(printerStatus, "printerStatus");
    }
  }

  public DeviceState {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(totalPages, "totalPages");
    Objects.requireNonNull(lowestSupplyPercent, "lowestSupplyPercent");
    Objects.requireNonNull(printerStatus, "printerStatus");
    Objects.requireNonNull(sources, "sources");
  }
}
