package org.openrps.snmp;

/**
 * SNMPv3 USM privacy protocols: CBC-DES (RFC 3414), CFB128-AES-128 (RFC 3826) and AES-192/256 with
 * the key extension of draft-blumenthal-aes-usm-04 (what net-snmp calls {@code AES-192} / {@code
 * AES-256}). {@link #token()} is the lower-case configuration name ({@code aes256}).
 */
public enum PrivProtocol {
  NONE("none"),
  DES("des"),
  AES128("aes128"),
  AES192("aes192"),
  AES256("aes256");

  private final String token;

  PrivProtocol(String token) {
    this.token = token;
  }

  /** The lower-case configuration name: {@code none}, {@code des}, {@code aes128} … */
  public String token() {
    return token;
  }

  /** Whether FIPS 140 allows it: everything but DES ({@link #NONE} uses no algorithm at all). */
  public boolean isFipsApproved() {
    return this != DES;
  }

  /**
   * The protocol with this configuration name; accepts {@code aes} (AES-128) and {@code aes-256}
   * style spellings too.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static PrivProtocol of(String name) {
    String key = name.trim().toLowerCase(java.util.Locale.ROOT).replace("-", "");
    if (key.equals("aes")) {
      return AES128;
    }
    for (PrivProtocol p : values()) {
      if (p.token.equals(key)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown SNMPv3 privacy protocol '" + name + "' (none, des, aes128, aes192, aes256)");
  }
}
