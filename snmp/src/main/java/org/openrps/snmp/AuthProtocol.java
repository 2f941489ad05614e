package org.openrps.snmp;

/**
 * SNMPv3 USM authentication protocols (RFC 3414 HMAC-MD5-96 and HMAC-SHA-96, RFC 7860 HMAC-SHA-2).
 * {@link #token()} is the lower-case name used in user names and configuration ({@code sha256}).
 */
public enum AuthProtocol {
  NONE("none"),
  MD5("md5"),
  SHA1("sha1"),
  SHA224("sha224"),
  SHA256("sha256"),
  SHA384("sha384"),
  SHA512("sha512");

  private final String token;

  AuthProtocol(String token) {
    this.token = token;
  }

  /** The lower-case configuration name: {@code none}, {@code md5}, {@code sha1} … */
  public String token() {
    return token;
  }

  /** Whether FIPS 140 allows it: everything but MD5 ({@link #NONE} uses no algorithm at all). */
  public boolean isFipsApproved() {
    return this != MD5;
  }

  /**
   * The protocol with this configuration name; accepts {@code sha} and {@code sha-256} style
   * spellings too.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static AuthProtocol of(String name) {
    String key = name.trim().toLowerCase(java.util.Locale.ROOT).replace("-", "");
    if (key.equals("sha")) {
      return SHA1;
    }
    for (AuthProtocol p : values()) {
      if (p.token.equals(key)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown SNMPv3 authentication protocol '"
            + name
            + "' (none, md5, sha1, sha224, sha256,"
            + " sha384, sha512)");
  }
}
