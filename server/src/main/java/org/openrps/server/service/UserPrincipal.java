package org.openrps.server.service;

import java.util.Objects;
import org.openrps.server.store.TenantId;

/** An authenticated dashboard or API user and the tenant whose data it sees. */
public record UserPrincipal(String username, TenantId tenant) {

  public UserPrincipal {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(tenant, "tenant");
  }
}
