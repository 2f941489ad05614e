package org.openrps.server.accounts;

import java.util.Objects;
import org.openrps.server.store.Role;
import org.openrps.server.store.TenantId;

/**
 * A dashboard user as stored: name, tenant, role, and the hash of the password. A provider admin's
 * tenant is its home customer; its scope is every customer.
 */
public record StoredUser(String username, TenantId tenant, Role role, String passwordHash) {

  public StoredUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(passwordHash, "passwordHash");
  }

  /** A customer admin. */
  public StoredUser(String username, TenantId tenant, String passwordHash) {
    this(username, tenant, Role.customer_admin, passwordHash);
  }

  @Override
  public String toString() {
    return "StoredUser[" + username + " " + role + " in " + tenant + "]";
  }
}
