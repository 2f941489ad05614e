package org.openrps.server.accounts;

import java.nio.CharBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Salted slow hashes for agent secrets and user passwords: Argon2id with Spring Security's 5.8
 * defaults (16 MiB, 2 iterations, 1 lane, 16-byte salt, 32-byte hash).
 */
public final class Passwords {

  private final Argon2PasswordEncoder encoder =
      Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
  private final String decoy;
  private final SecureRandom random;

  public Passwords(SecureRandom random) {
    this.random = random;
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    this.decoy = encoder.encode(Base64.getEncoder().encodeToString(bytes));
  }

  SecureRandom random() {
    return random;
  }

  public String hash(char[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length == 0) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return encoder.encode(CharBuffer.wrap(secret));
  }

  public boolean matches(char[] secret, String hash) {
    return encoder.matches(CharBuffer.wrap(secret), hash);
  }

  /**
   * Spends the time of one verification against a hash nobody knows, so that an unknown name
   * answers as slowly as a known one with a wrong secret.
   */
  public void spendVerificationTime(char[] secret) {
    encoder.matches(CharBuffer.wrap(secret), decoy);
  }
}
