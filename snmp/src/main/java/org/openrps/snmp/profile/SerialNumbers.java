package org.openrps.snmp.profile;

import java.util.Optional;
import java.util.Set;

/**
 * Serial numbers as SNMP gives them: octets made into text (binary noise refused, a make's octet
 * quirks unwrapped), then the generic rules every side shares ({@link
 * org.openrps.wire.key.SerialNumbers}: trimmed, control characters dropped, hex dumps decoded,
 * placeholders refused) with the make's {@link SerialQuirk}s applied. The same device read through
 * two OIDs gives one serial, and the serial a Device Direct module reports about itself.
 */
public final class SerialNumbers {

  /** The longest serial kept; longer values are not serial numbers. */
  public static final int MAX_LENGTH = org.openrps.wire.key.SerialNumbers.MAX_LENGTH;

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

  /**
   * As {@link #normalise(byte[], Set)}, for a serial that is already text: the generic rules of
   * {@link org.openrps.wire.key.SerialNumbers}, with the make's quirks as the vendor correction.
   */
  public static Optional<String> normalise(String text, Set<SerialQuirk> quirks) {
    return org.openrps.wire.key.SerialNumbers.normalise(
        text,
        s -> {
          String corrected = s;
          for (SerialQuirk q : quirks) {
            corrected = q.apply(corrected);
          }
          return corrected;
        });
  }
}
