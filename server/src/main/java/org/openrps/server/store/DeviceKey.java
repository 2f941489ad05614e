package org.openrps.server.store;

import java.util.Objects;

/** A device's identity on the server: its customer, make and serial number. */
public record DeviceKey(TenantId tenant, String make, String serial) {
  public DeviceKey {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(serial, "serial");
    if (make.isEmpty() || make.length() > 256 || serial.isEmpty() || serial.length() > 256) {
      throw new IllegalArgumentException("make and serial must be 1 to 256 characters");
    }
  }
}
