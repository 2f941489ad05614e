package org.openrps.wire;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a device is.
 *
 * @param make the manufacturer, from the enterprise number of sysObjectID
 * @param model the model name
 * @param serial the normalised serial number (trimmed, no NULs)
 * @param sysObjectId the device's sysObjectID, dotted
 * @param mac the MAC address, lower-case colon-separated, if known
 * @param firmware the firmware version, if known
 * @param sysName the device's sysName, if set
 * @param readAt when the identity was read
 * @param location the device's sysLocation, if set
 */
public record DeviceIdentity(
    String make,
    String model,
    String serial,
    String sysObjectId,
    Optional<String> mac,
    Optional<String> firmware,
    Optional<String> sysName,
    Instant readAt,
    Optional<String> location) {

  public DeviceIdentity {
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(sysObjectId, "sysObjectId");
    mac = mac == null ? Optional.empty() : mac;
    firmware = firmware == null ? Optional.empty() : firmware;
    sysName = sysName == null ? Optional.empty() : sysName;
    Objects.requireNonNull(readAt, "readAt");
    location = location == null ? Optional.empty() : location;
  }

  /** An identity without a location. */
  public DeviceIdentity(
      String make,
      String model,
      String serial,
      String sysObjectId,
      Optional<String> mac,
      Optional<String> firmware,
      Optional<String> sysName,
      Instant readAt) {
    this(make, model, serial, sysObjectId, mac, firmware, sysName, readAt, Optional.empty());
  }
}
