package org.openrps.server.store;

import java.util.Objects;

/** A dashboard user as stored: name, tenant, and the hash of the password. */
public record StoredUser(String username, TenantId tenant, String passwordHash) {

  public StoredUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(passwordHash, "passwordHash");
  }

  @Override
  public String toString() {
    return "StoredUser[" + username + " in " + tenant + "]";
  }
}
