package org.openrps.agent.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openrps.snmp.AuthProtocol;
import org.openrps.snmp.PrivProtocol;

/**
 * Which SNMP postures are weak, and why: v1 and v2c (a community sent in clear), and for v3 no
 * authentication, MD5 or SHA-1 authentication (HMAC-MD5-96, HMAC-SHA-96), no privacy (readings in
 * clear) and DES privacy. SHA-2 authentication with AES privacy is not weak.
 */
final class SnmpWeakness {

  private SnmpWeakness() {}

  /**
   * The posture of a device.
   *
   * @param auth for v3, the authentication protocol's configuration name ({@code sha256})
   * @param priv for v3, the privacy protocol's ({@code aes128})
   */
  static AuditReport.Snmp posture(
      String version, Optional<String> auth, Optional<String> priv, Optional<String> set) {
    List<String> weak = new ArrayList<>();
    if (!version.equals("v3")) {
      weak.add("SNMP" + version + ": the community travels in clear");
      return new AuditReport.Snmp(version, Optional.empty(), Optional.empty(), set, weak);
    }
    Optional<AuthProtocol> a = auth.flatMap(SnmpWeakness::authProtocol);
    Optional<PrivProtocol> p = priv.flatMap(SnmpWeakness::privProtocol);
    if (a.isPresent()) {
      switch (a.get()) {
        case NONE -> weak.add("no authentication (noAuthNoPriv): anyone can read as the device");
        case MD5 -> weak.add("MD5 authentication (HMAC-MD5-96) is weak");
        case SHA1 -> weak.add("SHA-1 authentication (HMAC-SHA-96) is weak");
        default -> {}
      }
    }
    if (p.isPresent() && a.map(x -> x != AuthProtocol.NONE).orElse(true)) {
      switch (p.get()) {
        case NONE -> weak.add("no privacy (authNoPriv): the readings travel in clear");
        case DES -> weak.add("DES privacy is weak");
        default -> {}
      }
    }
    return new AuditReport.Snmp(
        version,
        Optional.of(a.map(SnmpWeakness::name).orElse(auth.orElse("unknown"))),
        Optional.of(p.map(SnmpWeakness::name).orElse(priv.orElse("unknown"))),
        set,
        weak);
  }

  private static Optional<AuthProtocol> authProtocol(String token) {
    try {
      return Optional.of(AuthProtocol.of(token));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<PrivProtocol> privProtocol(String token) {
    try {
      return Optional.of(PrivProtocol.of(token));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code SHA-256}, {@code MD5}, {@code AES-128}, {@code none}. */
  private static String name(Enum<?> protocol) {
    String token = protocol.name().toUpperCase(Locale.ROOT);
    if (token.equals("NONE")) {
      return "none";
    }
    int digit = 0;
    while (digit < token.length() && !Character.isDigit(token.charAt(digit))) {
      digit++;
    }
    if (token.equals("SHA1")) {
      return "SHA-1";
    }
    return digit == 0 || digit == token.length() || token.equals("MD5")
        ? token
        : token.substring(0, digit) + "-" + token.substring(digit);
  }
}
