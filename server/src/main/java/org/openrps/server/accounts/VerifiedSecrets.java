package org.openrps.server.accounts;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client secrets this node has already checked with Argon2id, so that an agent uploading many
 * reports pays for the slow hash once, not per request. An entry is an HMAC-SHA256 (key random per
 * process, never stored) of the secret, tied to the stored Argon2id hash it was checked against:
 * the database row is still read on every request, so a revoked client (no row) or a rotated one
 * (another hash) is refused at once. Nothing here is needed for correctness; it is a bounded memo,
 * emptied when full.
 */
final class VerifiedSecrets {

  private static final int MAX_ENTRIES = 100_000;

  private record Entry(String storedHash, byte[] mac) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final SecretKeySpec key;

  VerifiedSecrets(SecureRandom random) {
    byte[] k = new byte[32];
    random.nextBytes(k);
    this.key = new SecretKeySpec(k, "HmacSHA256");
  }

  boolean contains(String clientId, String storedHash, char[] secret) {
    Entry e = entries.get(clientId);
    return e != null
        && e.storedHash().equals(storedHash)
        && MessageDigest.isEqual(e.mac(), mac(secret));
  }

  /** Remembers a secret that matched; returns true for use in a condition. */
  boolean remember(String clientId, String storedHash, char[] secret) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(clientId, new Entry(storedHash, mac(secret)));
    return true;
  }

  private byte[] mac(char[] secret) {
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
    byte[] b = new byte[bytes.remaining()];
    bytes.get(b);
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return m.doFinal(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    } finally {
      Arrays.fill(b, (byte) 0);
      if (bytes.hasArray()) {
        Arrays.fill(bytes.array(), (byte) 0);
      }
    }
  }
}
