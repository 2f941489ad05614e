package org.openrps.server.store;

import java.time.Instant;
import java.util.Objects;

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
    Instant expiresAt) {

  public StoredSession {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(csrfToken, "csrfToken");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "StoredSession[" + username + " until " + expiresAt + "]";
  }
}
