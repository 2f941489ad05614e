package org.openrps.snmp.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Text as printers send it in OCTET STRINGs (DisplayString, SnmpAdminString, vendor strings), made
 * into the text a person reads.
 *
 * <ul>
 *   <li><b>Character set.</b> UTF-8 when the bytes are valid UTF-8 (SnmpAdminString, RFC 3411, and
 *       ASCII, which is both); else the set the device declares for its strings (the Printer MIB's
 *       {@code prtLocalizationCharacterSet}, as a Java charset, e.g. Shift_JIS), when the bytes are
 *       valid in it; else ISO-8859-1, which every byte sequence is (and which is what older devices
 *       mean by DisplayString's "NVT ASCII" plus their own letters). Shift-JIS is never guessed:
 *       the same bytes are valid Latin-1, and a wrong guess invents text.
 *   <li><b>NULs.</b> A NUL ends the text when only NULs, blanks or other control bytes follow it (C
 *       strings with padding or garbage after the terminator); otherwise it is a blank.
 *   <li><b>Control characters</b> (C0, DEL, C1) become blanks, runs of blanks one blank, and the
 *       ends are trimmed: "Black\r\nToner" reads "Black Toner", never "BlackToner".
 *   <li><b>Hex-dump display text.</b> Some devices and proxies put net-snmp's display of a binary
 *       string into the string itself ("48 50 20 4C 61 73 65 72 4A 65 74 00" or with line breaks
 *       every 16 bytes). Text that is only such pairs, at least {@link #MIN_HEX_PAIRS} of them, and
 *       that decodes to printable text, is decoded; anything else stays as it is.
 * </ul>
 */
public final class DeviceText {

  /** The fewest hex pairs taken as a hex dump ("12 34" stays two numbers). */
  public static final int MIN_HEX_PAIRS = 4;

  private static final Pattern HEX_DUMP =
      Pattern.compile("\\s*(?:[0-9A-Fa-f]{2}[ \\t\\r\\n]+)+[0-9A-Fa-f]{2}\\s*");

  private DeviceText() {}

  /** The bytes as text, with no declared character set. */
  public static String decode(byte[] bytes) {
    return decode(bytes, Optional.empty());
  }

  /** The bytes as text; {@code declared} is the character set the device says it uses. */
  public static String decode(byte[] bytes, Optional<Charset> declared) {
    String text = clean(charset(terminated(bytes), declared));
    return hexDump(text, declared).orElse(text);
  }

  /** The bytes up to a NUL that only padding follows. */
  static byte[] terminated(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0 && onlyPaddingFrom(bytes, i)) {
        return java.util.Arrays.copyOf(bytes, i);
      }
    }
    return bytes;
  }

  private static boolean onlyPaddingFrom(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if (b > 0x20 && b != 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static String charset(byte[] bytes, Optional<Charset> declared) {
    Optional<String> utf8 = strictly(bytes, StandardCharsets.UTF_8);
    if (utf8.isPresent()) {
      return utf8.get();
    }
    if (declared.isPresent()) {
      Optional<String> theirs = strictly(bytes, declared.get());
      if (theirs.isPresent()) {
        return theirs.get();
      }
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static Optional<String> strictly(byte[] bytes, Charset charset) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return Optional.of(decoder.decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** Control characters as blanks, blanks collapsed, ends trimmed. */
  public static String clean(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean blank = false;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      boolean isBlank = Character.isWhitespace(c) || Character.isISOControl(c) || c == 0xA0;
      if (isBlank) {
        blank = true;
        continue;
      }
      if (blank && out.length() > 0) {
        out.append(' ');
      }
      blank = false;
      out.appendCodePoint(c);
    }
    return out.toString();
  }

  /** The text a hex dump stands for, when {@code text} is one and it decodes to printable text. */
  static Optional<String> hexDump(String text, Optional<Charset> declared) {
    if (!HEX_DUMP.matcher(text).matches()) {
      return Optional.empty();
    }
    String[] pairs = text.trim().split("\\s+");
    if (pairs.length < MIN_HEX_PAIRS) {
      return Optional.empty();
    }
    byte[] bytes = new byte[pairs.length];
    for (int i = 0; i < pairs.length; i++) {
      bytes[i] = (byte) Integer.parseInt(pairs[i], 16);
    }
    byte[] body = terminated(bytes);
    if (body.length == 0) {
      return Optional.empty();
    }
    for (byte b : body) {
      int u = b & 0xff;
      if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') {
        return Optional.empty(); // binary, not text: a MAC address or a key stays a hex string
      }
    }
    String decoded = clean(charset(body, declared));
    return decoded.isEmpty() ? Optional.empty() : Optional.of(decoded);
  }
}
