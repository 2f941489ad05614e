package org.openrps.server.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The name and secret of an HTTP Basic {@code Authorization} header. The secret is a char array
 * that {@link #close()} clears; this record never prints it.
 */
public record BasicCredentials(String name, char[] secret) implements AutoCloseable {

  public static Optional<BasicCredentials> parse(String header) {
    if (header == null || header.length() < 7 || header.length() > 4096) {
      return Optional.empty();
    }
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(header.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    CharBuffer chars;
    try {
      chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      return Optional.empty();
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    char[] all = new char[chars.remaining()];
    chars.get(all);
    Arrays.fill(chars.array(), '\0');
    int colon = -1;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == ':') {
        colon = i;
        break;
      }
    }
    if (colon <= 0) {
      Arrays.fill(all, '\0');
      return Optional.empty();
    }
    String name = new String(all, 0, colon);
    char[] secret = Arrays.copyOfRange(all, colon + 1, all.length);
    Arrays.fill(all, '\0');
    return Optional.of(new BasicCredentials(name, secret));
  }

  @Override
  public void close() {
    Arrays.fill(secret, '\0');
  }

  @Override
  public String toString() {
    return "BasicCredentials[" + name + "]";
  }
}
