package org.openrps.server.accounts;

import java.time.Instant;
import java.util.Objects;
import org.openrps.server.store.Role;
import org.openrps.server.store.TenantId;

/** An API token as stored: its public id, the hash of the whole token, its tenant and role. */
public record StoredToken(
    String id,
    String tokenHash,
    TenantId tenant,
    Role role,
    String name,
    String createdBy,
    Instant createdAt) {

  public StoredToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public String toString() {
    return "StoredToken[" + id + " " + role + " in " + tenant + "]";
  }
}
