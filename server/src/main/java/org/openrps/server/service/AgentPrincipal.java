package org.openrps.server.service;

import java.util.Objects;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;

/** An authenticated agent: its id and the tenant and site its reports belong to. */
public record AgentPrincipal(String agentId, TenantId tenant, SiteId site) {

  public AgentPrincipal {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(site, "site");
  }
}
