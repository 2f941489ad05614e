package org.openrps.server.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which SNMP postures, as an agent reports them ({@code community}, {@code noAuthNoPriv}, {@code
 * authNoPriv SHA-256}, {@code authPriv SHA-256/AES-128}), are weak and why. The rule is the agent's
 * audit report's (its {@code SnmpWeakness}), written again here because the server does not depend
 * on the agent: v1 and v2c send the community in clear; for v3, no authentication, MD5 or SHA-1
 * authentication, no privacy, and DES privacy are weak. SHA-2 with AES is not weak.
 */
final class SnmpPostureCheck {

  /** The rule in words, for the page. */
  static final String RULE =
      "Weak: SNMPv1 and v2c (the community travels in clear); SNMPv3 without authentication, with"
          + " MD5 or SHA-1 authentication, without privacy, or with DES privacy. SHA-2"
          + " authentication with AES privacy is not weak.";

  private SnmpPostureCheck() {}

  /** Why the posture is weak, one sentence each; empty when it is not (or is not known). */
  static List<String> weaknesses(Optional<String> version, Optional<String> security) {
    List<String> weak = new ArrayList<>();
    if (version.isEmpty()) {
      return weak;
    }
    String v = version.get();
    if (!v.equals("v3")) {
      weak.add("SNMP" + v + ": the community travels in clear");
      return weak;
    }
    String s = security.orElse("").strip();
    if (s.equals("noAuthNoPriv")) {
      weak.add("no authentication (noAuthNoPriv): anyone can read as the device");
      return weak;
    }
    String[] parts = s.split(" ", 2);
    String protocols = parts.length > 1 ? parts[1] : "";
    String[] ap = protocols.split("/", 2);
    String auth = normal(ap[0]);
    String priv = ap.length > 1 ? normal(ap[1]) : "";
    if (auth.equals("MD5")) {
      weak.add("MD5 authentication (HMAC-MD5-96) is weak");
    } else if (auth.equals("SHA1") || auth.equals("SHA")) {
      weak.add("SHA-1 authentication (HMAC-SHA-96) is weak");
    }
    if (parts[0].equals("authNoPriv")) {
      weak.add("no privacy (authNoPriv): the readings travel in clear");
    } else if (priv.equals("DES") || priv.equals("3DES")) {
      weak.add("DES privacy is weak");
    }
    return weak;
  }

  private static String normal(String protocol) {
    return protocol.strip().toUpperCase(Locale.ROOT).replace("-", "");
  }
}
