package org.openrps.snmp.profile;

import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Serial-number normalisation: what a device said, made into one comparable serial. Trimmed; NULs
 * and other control characters dropped; a hex dump of text ({@code "0x5647..."} or {@code "56 47
 * ..."}) decoded; binary noise refused; then the make's {@link SerialQuirk}s. The same device read
 * through two OIDs gives one serial.
 */
public final class SerialNumbers {

  /** The longest serial kept; longer values are not serial numbers. */
  public static final int MAX_LENGTH = 64;

  private static final Pattern HEX_DUMP =
      Pattern.compile("(?i)(0x)?[0-9a-f]{2}([ :][0-9a-f]{2}){3,}|0x([0-9a-f]{2}){4,}");
  private static final Pattern PLACEHOLDER =
      Pattern.compile("(?i)(unknown|none|n/?a|not ?available|-+|0+|x+|\\?+)");

  private SerialNumbers() {}

  /**
   * The serial in {@code raw} octets, or empty when they hold no usable serial (empty, binary,
   * placeholder such as {@code "unknown"} or {@code "0000000000"}).
   */
  public static Optional<String> normalise(byte[] raw, Set<SerialQuirk> quirks) {
    byte[] bytes = raw;
    for (SerialQuirk q : quirks) {
      Optional<byte[]> inner = q.unwrap(bytes);
      if (inner.isPresent()) {
        bytes = inner.get();
      }
    }
    StringBuilder text = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      if (b == 0) {
        continue;
      }
      if (!SerialQuirk.printable(b)) {
        return Optional.empty(); // binary: not a serial number we can trust
      }
      text.append((char) b);
    }
    return normalise(text.toString(), quirks);
  }

  /** As {@link #normalise(byte[], Set)}, for a serial that is already text. */
  public static Optional<String> normalise(String text, Set<SerialQuirk> quirks) {
    String s = text.replace("\0", "").strip();
    if (HEX_DUMP.matcher(s).matches()) {
      String hex = s.replaceAll("(?i)^0x|[ :]", "");
      byte[] decoded = HexFormat.of().parseHex(hex);
      boolean printable = decoded.length > 0;
      StringBuilder b = new StringBuilder();
      for (byte x : decoded) {
        if (x == 0) {
          continue;
        }
        printable &= SerialQuirk.printable(x);
        b.append((char) x);
      }
      if (printable) {
        s = b.toString().strip();
      }
    }
    StringBuilder clean = new StringBuilder(s.length());
    s.codePoints().filter(c -> !Character.isISOControl(c)).forEach(clean::appendCodePoint);
    s = clean.toString().strip();
    for (SerialQuirk q : quirks) {
      s = q.apply(s);
    }
    if (s.isEmpty() || s.length() > MAX_LENGTH || PLACEHOLDER.matcher(s).matches()) {
      return Optional.empty();
    }
    return Optional.of(s);
  }
}
