package org.openrps.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets, and files that hold them readable by their owner only. */
final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** A new random secret: 24 bytes, URL-safe Base64 (32 characters). */
  static char[] newSecret() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
  }

  /** Writes a secret to a new file with mode 0600. */
  static void write(Path file, char[] secret) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, new String(secret), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserFacingException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a secret file (first line, trimmed). */
  static char[] read(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw new UserFacingException(file + " is empty; it should hold the secret");
      }
      return text.lines().findFirst().orElseThrow().toCharArray();
    } catch (IOException e) {
      throw new UserFacingException("cannot read secret file " + file + ": " + e.getMessage(), e);
    }
  }
}
