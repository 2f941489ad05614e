package org.openrps.wire;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How an agent reached a device over SNMP: the security posture an administrator wants to see
 * (which printers still speak cleartext SNMP). Never a community string, user name or passphrase.
 *
 * @param version {@link #V1}, {@link #V2C} or {@link #V3}
 * @param security {@link #COMMUNITY} for v1/v2c (cleartext); for v3 the security level with the
 *     authentication and privacy protocols: {@code noAuthNoPriv}, {@code authNoPriv SHA-256} or
 *     {@code authPriv SHA-256/AES-128}
 */
public record SnmpPosture(String version, String security) {

  public static final String V1 = "v1";
  public static final String V2C = "v2c";
  public static final String V3 = "v3";

  /** The security of v1 and v2c: a community string, sent in clear. */
  public static final String COMMUNITY = "community";

  private static final Set<String> VERSIONS = Set.of(V1, V2C, V3);
  private static final String PROTOCOL = "[A-Z][A-Z0-9-]{1,15}";
  private static final Pattern V3_SECURITY =
      Pattern.compile(
          "noAuthNoPriv|authNoPriv " + PROTOCOL + "|authPriv " + PROTOCOL + "/" + PROTOCOL);

  public SnmpPosture {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(security, "security");
    if (!VERSIONS.contains(version)) {
      throw new IllegalArgumentException("SNMP version is v1, v2c or v3, not " + version);
    }
    boolean ok =
        version.equals(V3) ? V3_SECURITY.matcher(security).matches() : security.equals(COMMUNITY);
    if (!ok) {
      throw new IllegalArgumentException("SNMP " + version + " security cannot be " + security);
    }
  }

  /** v1 or v2c with a community. */
  public static SnmpPosture community(String version) {
    return new SnmpPosture(version, COMMUNITY);
  }

  /**
   * v3 with these protocols, by their usual names ({@code SHA-256}, {@code AES-128}); no
   * authentication means no privacy either.
   */
  public static SnmpPosture v3(Optional<String> auth, Optional<String> priv) {
    if (auth.isEmpty()) {
      return new SnmpPosture(V3, "noAuthNoPriv");
    }
    return new SnmpPosture(
        V3, priv.map(p -> "authPriv " + auth.get() + "/" + p).orElse("authNoPriv " + auth.get()));
  }
}
