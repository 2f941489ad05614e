package org.openrps.snmp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.AuthenticationProtocol;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.PrivacyProtocol;
import org.snmp4j.smi.OctetString;

/**
 * USM keys (RFC 3414 section 2.6 and A.2, RFC 7860, draft-blumenthal-aes-usm-04 key extension) and
 * the SNMP4J protocol objects that do the HMACs and ciphers.
 *
 * <p>Turning a passphrase into a key (Ku) hashes a megabyte; localising it to an engine id (Kul) is
 * one more hash. Ku depends only on the passphrase and the hash, so it is computed once per
 * passphrase and kept (a handful of entries); Kul is computed when needed, per message, so no key
 * is stored per engine. SNMP4J's {@code SecurityProtocols.passwordToKey} would hash the megabyte on
 * every call.
 */
final class UsmKeys {

  /** The most passphrase keys (Ku) kept; more distinct passphrases than this are not cached. */
  static final int MAX_CACHED_PASSPHRASES = 1_024;

  private static final int ONE_MEGABYTE = 1_048_576;

  private final Map<AuthProtocol, AuthenticationProtocol> auth;
  private final Map<PrivProtocol, PrivacyProtocol> priv;
  private final Map<KuKey, byte[]> ku = new ConcurrentHashMap<>();

  UsmKeys() {
    Snmp4jRuntime.configure();
    this.auth =
        Map.of(
            AuthProtocol.MD5, new AuthMD5(),
            AuthProtocol.SHA1, new AuthSHA(),
            AuthProtocol.SHA224, new AuthHMAC128SHA224(),
            AuthProtocol.SHA256, new AuthHMAC192SHA256(),
            AuthProtocol.SHA384, new AuthHMAC256SHA384(),
            AuthProtocol.SHA512, new AuthHMAC384SHA512());
    this.priv =
        Map.of(
            PrivProtocol.DES, new PrivDES(),
            PrivProtocol.AES128, new PrivAES128(),
            PrivProtocol.AES192, new PrivAES192(),
            PrivProtocol.AES256, new PrivAES256());
  }

  /** SNMP4J's implementation of {@code protocol} (not {@code NONE}). */
  AuthenticationProtocol auth(AuthProtocol protocol) {
    AuthenticationProtocol p = auth.get(protocol);
    if (p == null) {
      throw new IllegalArgumentException("no authentication protocol for " + protocol);
    }
    return p;
  }

  /** SNMP4J's implementation of {@code protocol} (not {@code NONE}). */
  PrivacyProtocol priv(PrivProtocol protocol) {
    PrivacyProtocol p = priv.get(protocol);
    if (p == null) {
      throw new IllegalArgumentException("no privacy protocol for " + protocol);
    }
    return p;
  }

  /** The user's authentication key localised to {@code engineId} (Kul, digest-length bytes). */
  byte[] authKey(UsmUser user, byte[] engineId) {
    return localize(user.auth(), user.authPassphrase().orElseThrow(), engineId);
  }

  /**
   * The user's privacy key localised to {@code engineId}: Kul of the privacy passphrase with the
   * authentication hash, cut to the cipher's key length, or extended by draft-blumenthal's rule
   * (Kul || H(Kul) || …) when the hash is shorter than the key (AES-192 with MD5, AES-256 with MD5,
   * SHA-1 or SHA-224), as net-snmp does.
   */
  byte[] privKey(UsmUser user, byte[] engineId) {
    PrivacyProtocol cipher = priv(user.priv());
    byte[] kul = localize(user.auth(), user.privPassphrase().orElseThrow(), engineId);
    if (kul.length < cipher.getMinKeyLength()) {
      return cipher.extendShortKey(
          kul,
          new OctetString(user.privPassphrase().orElseThrow().value()),
          engineId,
          auth(user.auth()));
    }
    return kul.length > cipher.getMaxKeyLength()
        ? Arrays.copyOf(kul, cipher.getMaxKeyLength())
        : kul;
  }

  /** Kul = H(Ku || engineId || Ku). */
  private byte[] localize(AuthProtocol protocol, Passphrase passphrase, byte[] engineId) {
    byte[] key = passphraseKey(protocol, passphrase);
    MessageDigest digest = digest(protocol);
    digest.update(key);
    digest.update(engineId);
    digest.update(key);
    return digest.digest();
  }

  /** Ku: RFC 3414 A.2, the passphrase repeated to one megabyte, hashed. */
  private byte[] passphraseKey(AuthProtocol protocol, Passphrase passphrase) {
    KuKey cacheKey = new KuKey(protocol, passphrase);
    byte[] cached = ku.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    byte[] password = passphrase.value().getBytes(StandardCharsets.UTF_8);
    MessageDigest digest = digest(protocol);
    byte[] block = new byte[64];
    int index = 0;
    for (int count = 0; count < ONE_MEGABYTE; count += block.length) {
      for (int i = 0; i < block.length; i++) {
        block[i] = password[index++ % password.length];
      }
      digest.update(block);
    }
    byte[] key = digest.digest();
    if (ku.size() < MAX_CACHED_PASSPHRASES) {
      ku.putIfAbsent(cacheKey, key);
    }
    return key;
  }

  private static MessageDigest digest(AuthProtocol protocol) {
    String algorithm =
        switch (protocol) {
          case MD5 -> "MD5";
          case SHA1 -> "SHA-1";
          case SHA224 -> "SHA-224";
          case SHA256 -> "SHA-256";
          case SHA384 -> "SHA-384";
          case SHA512 -> "SHA-512";
          case NONE -> throw new IllegalArgumentException("no key without authentication");
        };
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this Java runtime", e);
    }
  }

  private record KuKey(AuthProtocol protocol, Passphrase passphrase) {}
}
