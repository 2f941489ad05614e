package org.openrps.server.accounts;

import java.util.Objects;
import java.util.Optional;
import org.openrps.server.store.ClientKind;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.wire.DeviceRef;

/**
 * A client's credential as stored: its id, kind, where it belongs, the hash of its secret, for a
 * Device Direct device the device key it is bound to, and while a rotation is under way the hash of
 * the new secret (accepted too, until its first use makes it the only one).
 */
public record StoredAgent(
    String id,
    ClientKind kind,
    TenantId tenant,
    SiteId site,
    String secretHash,
    Optional<DeviceRef> device,
    Optional<String> pendingSecretHash) {

  public StoredAgent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(secretHash, "secretHash");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(pendingSecretHash, "pendingSecretHash");
  }

  /** A client's credential with no rotation under way. */
  public StoredAgent(
      String id,
      ClientKind kind,
      TenantId tenant,
      SiteId site,
      String secretHash,
      Optional<DeviceRef> device) {
    this(id, kind, tenant, site, secretHash, device, Optional.empty());
  }

  /** A client's credential bound to no device. */
  public StoredAgent(String id, ClientKind kind, TenantId tenant, SiteId site, String secretHash) {
    this(id, kind, tenant, site, secretHash, Optional.empty());
  }

  /** An agent's credential. */
  public StoredAgent(String id, TenantId tenant, SiteId site, String secretHash) {
    this(id, ClientKind.agent, tenant, site, secretHash);
  }

  @Override
  public String toString() {
    return "StoredAgent["
        + kind
        + " "
        + id
        + " in "
        + tenant
        + "/"
        + site
        + device.map(d -> " bound to " + d).orElse("")
        + (pendingSecretHash.isPresent() ? ", new secret pending" : "")
        + "]";
  }
}
