package org.openrps.server.store;

import java.util.Objects;

/** A customer of the provider (a tenant). */
public record Customer(TenantId id, String name) {
  public Customer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
