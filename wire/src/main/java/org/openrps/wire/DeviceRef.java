package org.openrps.wire;

import java.util.Objects;

/**
 * A device named by its key: make and serial as {@link org.openrps.wire.key.DeviceKey} derives them
 * (a receiver normalises what it is given the same way).
 */
public record DeviceRef(String make, String serial) {
  public DeviceRef {
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(serial, "serial");
    if (make.isBlank() || serial.isBlank()) {
      throw new IllegalArgumentException("a device's make and serial must not be blank");
    }
  }

  @Override
  public String toString() {
    return make + "/" + serial;
  }
}
