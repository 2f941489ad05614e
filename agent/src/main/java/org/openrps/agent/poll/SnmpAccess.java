package org.openrps.agent.poll;

import java.util.Objects;
import org.openrps.snmp.SnmpCredentials;

/**
 * How a device answered: the security posture an administrator wants to see (which printers still
 * speak cleartext SNMP).
 *
 * @param version {@code v1}, {@code v2c} (later {@code v3})
 * @param security {@code community} for v1/v2c (cleartext); for v3 the authentication and privacy
 *     protocols, e.g. {@code sha256/aes256}, {@code md5/des} or {@code none/none}
 * @param credentialSet the name of the credential set that worked
 */
public record SnmpAccess(String version, String security, String credentialSet) {

  public SnmpAccess {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(credentialSet, "credentialSet");
  }

  static SnmpAccess of(SnmpCredentials credentials, String setName) {
    if (credentials instanceof SnmpCredentials.Community c) {
      return new SnmpAccess(
          c.version() == SnmpCredentials.Version.V1 ? "v1" : "v2c", "community", setName);
    }
    SnmpCredentials.Usm usm = (SnmpCredentials.Usm) credentials;
    return new SnmpAccess(
        "v3", usm.user().auth().token() + "/" + usm.user().priv().token(), setName);
  }
}
