package org.openrps.server.http;

import java.util.Objects;
import org.openrps.server.store.Role;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;

/**
 * An authenticated dashboard user or API token: its name, its tenant and its role. A provider
 * admin's scope is every customer; anyone else's is its own tenant.
 */
public record UserPrincipal(String username, TenantId tenant, Role role) {

  public UserPrincipal {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(role, "role");
  }

  public Scope scope() {
    return role == Role.provider_admin ? Scope.provider() : Scope.customer(tenant);
  }

  /** Refuses a read-only principal. */
  public void requireChange() {
    if (!role.canChange()) {
      throw ApiException.forbidden("this account may only read");
    }
  }

  /** Refuses anyone but a provider admin. */
  public void requireProvider() {
    if (role != Role.provider_admin) {
      throw ApiException.forbidden("only a provider admin may do this");
    }
  }
}
