package org.openrps.wire.key;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The generic serial-number rules every side applies, so that an agent reading SNMP and a Device
 * Direct module reporting about itself give one device one serial: trimmed; NULs and other control
 * characters dropped; a hex dump of text ({@code "0x5647..."} or {@code "56 47 ..."}) decoded;
 * placeholders ({@code "unknown"}, {@code "0000000000"}) and over-long values refused.
 *
 * <p>Vendor-specific corrections (an SNMP profile's named quirks) are not here; they are passed in
 * as {@code correction} and run after the cleaning, before the placeholder and length checks.
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
   * The serial in {@code raw}, or empty when it holds no usable serial (empty, placeholder such as
   * {@code "unknown"} or {@code "0000000000"}, longer than {@link #MAX_LENGTH}).
   */
  public static Optional<String> normalise(String raw) {
    return normalise(raw, UnaryOperator.identity());
  }

  /**
   * As {@link #normalise(String)}, with a vendor {@code correction} applied to the cleaned text
   * before it is accepted or refused.
   */
  public static Optional<String> normalise(String raw, UnaryOperator<String> correction) {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(correction, "correction");
    String s = raw.replace("\0", "").strip();
    if (HEX_DUMP.matcher(s).matches()) {
      String hex = s.replaceAll("(?i)^0x|[ :]", "");
      byte[] decoded = HexFormat.of().parseHex(hex);
      boolean printable = decoded.length > 0;
      StringBuilder b = new StringBuilder();
      for (byte x : decoded) {
        if (x == 0) {
          continue;
        }
        printable &= x >= 0x20 && x < 0x7F;
        b.append((char) x);
      }
      if (printable) {
        s = b.toString().strip();
      }
    }
    StringBuilder clean = new StringBuilder(s.length());
    s.codePoints().filter(c -> !Character.isISOControl(c)).forEach(clean::appendCodePoint);
    s = Objects.requireNonNull(correction.apply(clean.toString().strip()), "corrected serial");
    if (s.isEmpty() || s.length() > MAX_LENGTH || PLACEHOLDER.matcher(s).matches()) {
      return Optional.empty();
    }
    return Optional.of(s);
  }

  /** True when {@code serial} is already in normal form: {@link #normalise} keeps it as it is. */
  public static boolean isNormal(String serial) {
    return serial != null && normalise(serial).filter(serial::equals).isPresent();
  }
}
