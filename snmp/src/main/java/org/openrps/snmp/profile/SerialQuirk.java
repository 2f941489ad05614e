package org.openrps.snmp.profile;

import java.util.Arrays;
import java.util.Optional;

/**
 * Named workarounds for the ways makes mangle serial numbers, switched on per make by a profile's
 * {@code serial.quirks}. Each has a test that shows the device behaviour it exists for.
 */
public enum SerialQuirk {

  /**
   * HP LaserJets (P2015d, P2055dn; glpi-agent #652) report their 10-character serial with a leading
   * {@code "00"} through one OID and without it through another. A 12-character serial starting
   * with {@code "00"} is taken as the 10-character one, so the device has one identity whichever
   * OID answered.
   */
  hpLeading00 {
    @Override
    String apply(String serial) {
      return serial.length() == 12 && serial.startsWith("00") ? serial.substring(2) : serial;
    }
  },

  /**
   * HP's private MIB (and Brother's copy of it) prefixes OCTET STRING values with two binary octets
   * (JEL: {@code 0xFD 0xE8}; a Brother walk: {@code 0x01 0x15}). The prefix is dropped when the
   * rest is printable text.
   */
  hpBinaryPrefix {
    @Override
    String apply(String serial) {
      return serial;
    }

    @Override
    Optional<byte[]> unwrap(byte[] raw) {
      if (raw.length > 2 && !printable(raw[0]) && !printable(raw[1])) {
        byte[] rest = Arrays.copyOfRange(raw, 2, raw.length);
        boolean text = true;
        for (byte b : rest) {
          text &= printable(b) || b == 0;
        }
        return text ? Optional.of(rest) : Optional.empty();
      }
      return Optional.empty();
    }
  };

  /** The serial after this quirk's correction (already trimmed and cleaned). */
  abstract String apply(String serial);

  /** For quirks about the raw octets: the octets to read as text instead, if they apply. */
  Optional<byte[]> unwrap(byte[] raw) {
    return Optional.empty();
  }

  static boolean printable(byte b) {
    return b >= 0x20 && b < 0x7F;
  }
}
