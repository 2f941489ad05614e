package org.openrps.client;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/** The HTTP Basic header of a client id and secret, with the intermediate copies wiped. */
final class BasicAuth {

  private BasicAuth() {}

  static String header(String clientId, char[] secret) {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(secret, "secret");
    char[] pair = new char[clientId.length() + 1 + secret.length];
    clientId.getChars(0, clientId.length(), pair, 0);
    pair[clientId.length()] = ':';
    System.arraycopy(secret, 0, pair, clientId.length() + 1, secret.length);
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pair));
    byte[] raw = new byte[bytes.remaining()];
    bytes.get(raw);
    String header = "Basic " + Base64.getEncoder().encodeToString(raw);
    Arrays.fill(pair, '\0');
    Arrays.fill(raw, (byte) 0);
    if (bytes.hasArray()) {
      Arrays.fill(bytes.array(), (byte) 0);
    }
    return header;
  }
}
