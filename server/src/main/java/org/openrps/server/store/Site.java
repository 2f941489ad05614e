package org.openrps.server.store;

import java.util.Objects;

/** A place of a customer where agents and devices are. */
public record Site(TenantId customer, SiteId id, String name) {
  public Site {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
