package org.openrps.server.agents;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openrps.server.store.ClientKind;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;

/**
 * An agent or Device Direct credential as an administrator sees it (never its hash), with the
 * latest site information the agent sent.
 */
public record AgentInfo(
    String id,
    ClientKind kind,
    TenantId tenant,
    SiteId site,
    Instant updatedAt,
    Optional<Instant> revokedAt,
    Optional<Instant> lastContact,
    Optional<String> version,
    long devicesReported,
    Optional<AgentSite> siteInformation) {

  public AgentInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(lastContact, "lastContact");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(siteInformation, "siteInformation");
  }
}
