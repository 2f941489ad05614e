package org.openrps.server.accounts;

import java.util.Objects;
import org.openrps.server.store.ClientKind;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;

/** A client's credential as stored: its id, kind, where it belongs, and the hash of its secret. */
public record StoredAgent(
    String id, ClientKind kind, TenantId tenant, SiteId site, String secretHash) {

  public StoredAgent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(secretHash, "secretHash");
  }

  /** An agent's credential. */
  public StoredAgent(String id, TenantId tenant, SiteId site, String secretHash) {
    this(id, ClientKind.agent, tenant, site, secretHash);
  }

  @Override
  public String toString() {
    return "StoredAgent[" + kind + " " + id + " in " + tenant + "/" + site + "]";
  }
}
