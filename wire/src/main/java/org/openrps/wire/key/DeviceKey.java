package org.openrps.wire.key;

import java.util.Objects;
import java.util.Optional;
import org.openrps.wire.DeviceIdentity;

/**
 * The identity of a printer across agents, Device Direct modules and the server: its manufacturer
 * and its normalised serial number. Addresses change with DHCP; this does not.
 *
 * @param make the manufacturer as the make table names it (see {@link Makes}), e.g. {@code HP}
 * @param serial the serial in normal form (see {@link SerialNumbers})
 */
public record DeviceKey(String make, String serial) {

  /** The longest make kept (as in the report schema). */
  public static final int MAX_MAKE_LENGTH = 64;

  public DeviceKey {
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(serial, "serial");
    if (make.isBlank() || !make.equals(make.strip()) || make.length() > MAX_MAKE_LENGTH) {
      throw new IllegalArgumentException(
          "a make is 1 to "
              + MAX_MAKE_LENGTH
              + " characters, not blank or padded: \""
              + make
              + "\"");
    }
    if (!SerialNumbers.isNormal(serial)) {
      throw new IllegalArgumentException("not a serial number in normal form: \"" + serial + "\"");
    }
  }

  /**
   * The key for a make and a serial as a device gave it: the make trimmed, the serial normalised.
   *
   * @throws IllegalArgumentException when the make is blank or the serial holds no usable serial
   */
  public static DeviceKey of(String make, String rawSerial) {
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(rawSerial, "rawSerial");
    String serial =
        SerialNumbers.normalise(rawSerial)
            .orElseThrow(
                () -> new IllegalArgumentException("no usable serial in \"" + rawSerial + "\""));
    return new DeviceKey(make.strip(), serial);
  }

  /** The key for a make and a raw serial, or empty when either cannot make one. */
  public static Optional<DeviceKey> tryOf(String make, String rawSerial) {
    if (make == null || rawSerial == null || make.isBlank()) {
      return Optional.empty();
    }
    Optional<String> serial = SerialNumbers.normalise(rawSerial);
    String m = make.strip();
    return serial.filter(s -> m.length() <= MAX_MAKE_LENGTH).map(s -> new DeviceKey(m, s));
  }

  /** The key of a reported identity, or empty when it has no usable serial. */
  public static Optional<DeviceKey> of(DeviceIdentity identity) {
    return tryOf(identity.make(), identity.serial());
  }

  @Override
  public String toString() {
    return make + "/" + serial;
  }
}
