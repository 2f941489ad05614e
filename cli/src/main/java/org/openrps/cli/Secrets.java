package org.openrps.cli;

import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets. */
final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** A new random secret: 24 bytes, URL-safe Base64 (32 characters). */
  static char[] newSecret() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
  }
}
