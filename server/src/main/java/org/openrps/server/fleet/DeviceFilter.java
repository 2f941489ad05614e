package org.openrps.server.fleet;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;

/**
 * Which devices a list shows; every part is optional.
 *
 * @param lowSupplyBelow devices whose lowest consumed supply is below this percentage
 * @param notSeenSince devices that have not answered since this instant
 */
public record DeviceFilter(
    Optional<TenantId> customer,
    Optional<SiteId> site,
    Optional<String> make,
    Optional<String> status,
    OptionalDouble lowSupplyBelow,
    Optional<Instant> notSeenSince) {

  /** Every device in the scope. */
  public static final DeviceFilter ALL =
      new DeviceFilter(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          OptionalDouble.empty(),
          Optional.empty());

  public DeviceFilter {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(lowSupplyBelow, "lowSupplyBelow");
    Objects.requireNonNull(notSeenSince, "notSeenSince");
  }
}
