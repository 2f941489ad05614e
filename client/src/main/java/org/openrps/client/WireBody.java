package org.openrps.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The body of one upload exactly as it goes on the wire (gzip JSON): its length and SHA-256, so an
 * administrator can compare what the agent sent with what the server logged.
 *
 * @param bytes the length of the gzip body
 * @param sha256 the SHA-256 of the gzip body, 64 lower-case hex digits
 */
public record WireBody(int bytes, String sha256) {

  public WireBody {
    Objects.requireNonNull(sha256, "sha256");
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative: " + bytes);
    }
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a SHA-256 in hex: " + sha256);
    }
  }

  /** The length and SHA-256 of {@code body}. */
  public static WireBody of(byte[] body) {
    return new WireBody(body.length, sha256(body));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
