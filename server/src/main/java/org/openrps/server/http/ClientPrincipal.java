package org.openrps.server.http;

import java.util.Objects;
import java.util.Optional;
import org.openrps.server.store.ClientKind;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.wire.DeviceRef;

/**
 * An authenticated agent or device: its id, kind, the tenant and site it reports for, and for a
 * Device Direct device the one device its credential is bound to (its key, normalised).
 */
public record ClientPrincipal(
    String clientId, ClientKind kind, TenantId tenant, SiteId site, Optional<DeviceRef> device) {

  public ClientPrincipal {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(device, "device");
  }

  /** A client bound to no device (an agent). */
  public ClientPrincipal(String clientId, ClientKind kind, TenantId tenant, SiteId site) {
    this(clientId, kind, tenant, site, Optional.empty());
  }
}
