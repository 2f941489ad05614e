package org.openrps.server.store;

import java.util.Objects;

/** An agent's credential as stored: its id, where it belongs, and the hash of its secret. */
public record StoredAgent(String id, TenantId tenant, SiteId site, String secretHash) {

  public StoredAgent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(secretHash, "secretHash");
  }

  @Override
  public String toString() {
    return "StoredAgent[" + id + " in " + tenant + "/" + site + "]";
  }
}
