package org.openrps.server.accounts;

import java.util.Objects;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;

/** A place of a customer where agents and devices are. */
public record Site(TenantId customer, SiteId id, String name) {
  public Site {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
