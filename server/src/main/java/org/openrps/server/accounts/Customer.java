package org.openrps.server.accounts;

import java.util.Objects;
import org.openrps.server.store.TenantId;

/** A customer of the provider (a tenant). */
public record Customer(TenantId id, String name) {
  public Customer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
