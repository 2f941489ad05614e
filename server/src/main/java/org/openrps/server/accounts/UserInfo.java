package org.openrps.server.accounts;

import java.time.Instant;
import java.util.Objects;
import org.openrps.server.store.Role;
import org.openrps.server.store.TenantId;

/**
 * A dashboard user as an administrator sees it: never its password hash.
 *
 * @param updatedAt when the user was made or its password, tenant or role last set
 */
public record UserInfo(String username, TenantId tenant, Role role, Instant updatedAt) {

  public UserInfo {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
