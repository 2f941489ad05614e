package org.openrps.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An agent or device credential as an administrator sees it: never its hash. */
public record AgentInfo(
    String id,
    ClientKind kind,
    TenantId tenant,
    SiteId site,
    Instant updatedAt,
    Optional<Instant> revokedAt) {

  public AgentInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
  }
}
