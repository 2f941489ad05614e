package org.openrps.server.accounts;

import java.time.Instant;
import java.util.Objects;
import org.openrps.server.store.Role;
import org.openrps.server.store.TenantId;

/**
 * A dashboard session as stored: the hash of its token (never the token), whose it is, its CSRF
 * token and when it ends.
 */
public record StoredSession(
    String tokenHash,
    String username,
    TenantId tenant,
    String csrfToken,
    Instant createdAt,
    Instant expiresAt,
    Role role) {

  /** A session as inserted; the role is read from the user when the session is found. */
  public StoredSession(
      String tokenHash,
      String username,
      TenantId tenant,
      String csrfToken,
      Instant createdAt,
      Instant expiresAt) {
    this(tokenHash, username, tenant, csrfToken, createdAt, expiresAt, Role.customer_reader);
  }

  public StoredSession {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(csrfToken, "csrfToken");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(role, "role");
  }

  @Override
  public String toString() {
    return "StoredSession[" + username + " until " + expiresAt + "]";
  }
}
