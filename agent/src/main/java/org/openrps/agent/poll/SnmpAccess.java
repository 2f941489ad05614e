package org.openrps.agent.poll;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.wire.SnmpPosture;

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

  /**
   * The posture as the wire reports it: {@code community} for v1/v2c; for v3 the level and the
   * protocols by their usual names ({@code authPriv SHA-256/AES-128}). No credential set name: that
   * is the administrator's, and stays on site.
   */
  public SnmpPosture posture() {
    if (!version.equals(SnmpPosture.V3)) {
      return SnmpPosture.community(version);
    }
    String[] parts = security.split("/", 2);
    Optional<String> auth = protocolName(parts[0]);
    Optional<String> priv = parts.length > 1 ? protocolName(parts[1]) : Optional.empty();
    return SnmpPosture.v3(auth, auth.isPresent() ? priv : Optional.empty());
  }

  /**
   * {@code sha256} as {@code SHA-256}, {@code aes128} as {@code AES-128}, {@code none} as empty.
   */
  private static Optional<String> protocolName(String token) {
    if (token.isEmpty() || token.equals("none")) {
      return Optional.empty();
    }
    return Optional.of(
        switch (token) {
          case "md5", "des" -> token.toUpperCase(Locale.ROOT);
          case "sha1" -> "SHA-1";
          default -> {
            String upper = token.toUpperCase(Locale.ROOT);
            int digit = 0;
            while (digit < upper.length() && !Character.isDigit(upper.charAt(digit))) {
              digit++;
            }
            // sha256 -> SHA-256, aes128 -> AES-128
            yield digit == 0 || digit == upper.length()
                ? upper
                : upper.substring(0, digit) + "-" + upper.substring(digit);
          }
        });
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
