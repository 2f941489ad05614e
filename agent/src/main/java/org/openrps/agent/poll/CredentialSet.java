package org.openrps.agent.poll;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import org.openrps.agent.target.TargetList;
import org.openrps.snmp.SnmpCredentials;

/**
 * One way to speak to devices, tried in the order the sets are given; the first that answers is
 * remembered per device.
 *
 * @param name a label for logs and output (never the secret itself), e.g. {@code set 1}
 * @param credentials the SNMP credentials
 * @param scope the addresses this set is for; empty for every address
 */
public record CredentialSet(String name, SnmpCredentials credentials, Optional<TargetList> scope) {

  public CredentialSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(scope, "scope");
  }

  /** A set for every address. */
  public static CredentialSet everywhere(String name, SnmpCredentials credentials) {
    return new CredentialSet(name, credentials, Optional.empty());
  }

  /** True when this set may be tried on {@code address}. */
  public boolean covers(InetAddress address) {
    return scope.map(s -> s.contains(address)).orElse(true);
  }

  @Override
  public String toString() {
    return "CredentialSet[" + name + ", " + credentials + scope.map(s -> ", " + s).orElse("") + "]";
  }
}
