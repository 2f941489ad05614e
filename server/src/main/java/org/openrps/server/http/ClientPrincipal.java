package org.openrps.server.http;

import java.util.Objects;
import org.openrps.server.store.ClientKind;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;

/** An authenticated agent or device: its id, kind, and the tenant and site it reports for. */
public record ClientPrincipal(String clientId, ClientKind kind, TenantId tenant, SiteId site) {

  public ClientPrincipal {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(site, "site");
  }
}
