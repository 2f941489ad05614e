package org.openrps.snmp;

import java.util.Objects;

/**
 * A USM passphrase. At least 8 characters (RFC 3414 section 11.2; net-snmp refuses shorter ones).
 * {@link #toString()} never shows it: log the record freely.
 */
public record Passphrase(String value) {

  /** The shortest passphrase RFC 3414 allows. */
  public static final int MIN_LENGTH = 8;

  public Passphrase {
    Objects.requireNonNull(value, "value");
    if (value.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "an SNMPv3 passphrase needs at least " + MIN_LENGTH + " characters");
    }
  }

  public static Passphrase of(String value) {
    return new Passphrase(value);
  }

  @Override
  public String toString() {
    return "****";
  }
}
