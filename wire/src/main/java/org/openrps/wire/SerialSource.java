package org.openrps.wire;

import java.util.Objects;

/**
 * One source's answer for a device's serial number, where two sources of one device disagree.
 *
 * @param source where the serial was read: a MIB object's name ({@code prtGeneralSerialNumber}), a
 *     vendor OID (dotted) or {@code sysDescr}
 * @param serial the serial that source gave, normalised as the identity's serial is
 */
public record SerialSource(String source, String serial) {

  /** The longest source name kept (an OID in dotted form fits). */
  public static final int MAX_SOURCE_LENGTH = 128;

  public SerialSource {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(serial, "serial");
    if (source.isBlank() || source.length() > MAX_SOURCE_LENGTH) {
      throw new IllegalArgumentException(
          "a serial source is 1 to " + MAX_SOURCE_LENGTH + " characters: \"" + source + "\"");
    }
    if (serial.isBlank()) {
      throw new IllegalArgumentException("a serial source needs a serial: " + source);
    }
  }
}
