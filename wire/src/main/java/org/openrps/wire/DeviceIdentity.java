package org.openrps.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a device is.
 *
 * @param make the make of the device key ({@link org.openrps.wire.key.DeviceKey}): the manufacturer
 *     as the make table names the enterprise number of sysObjectID, never renamed (ADR 0013)
 * @param model the model name
 * @param serial the normalised serial number (trimmed, no NULs)
 * @param sysObjectId the device's sysObjectID, dotted
 * @param mac the MAC address, lower-case colon-separated, if known
 * @param firmware the firmware version, if known
 * @param sysName the device's sysName, if set
 * @param readAt when the identity was read
 * @param location the device's sysLocation, if set
 * @param manufacturer who made the device, under its current name (a maker that was renamed is
 *     named as it is now, while {@code make} keeps the name the device key was made with); since
 *     schema {@link Report#SCHEMA_5}
 * @param brand the name on the device, which an OEM device does not share with its manufacturer (a
 *     Develop-branded Konica Minolta); since schema {@link Report#SCHEMA_5}
 * @param serialDisagreement empty when the serial sources agree; else every source that gave a
 *     serial, the one whose serial is {@code serial} (the most trusted) first; since schema {@link
 *     Report#SCHEMA_5}
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
    Optional<String> location,
    Optional<String> manufacturer,
    Optional<String> brand,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SerialSource> serialDisagreement) {

  /** The longest manufacturer or brand kept (as {@link org.openrps.wire.key.DeviceKey}'s make). */
  public static final int MAX_NAME_LENGTH = 64;

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
    manufacturer = name("manufacturer", manufacturer);
    brand = name("brand", brand);
    serialDisagreement = serialDisagreement == null ? List.of() : List.copyOf(serialDisagreement);
    if (serialDisagreement.size() == 1) {
      throw new IllegalArgumentException("a serial disagreement needs two sources at least");
    }
    if (!serialDisagreement.isEmpty() && !serialDisagreement.get(0).serial().equals(serial)) {
      throw new IllegalArgumentException(
          "a serial disagreement lists the source of the reported serial first: " + serial);
    }
  }

  /** An identity without the names and flags of schema {@link Report#SCHEMA_5}. */
  public DeviceIdentity(
      String make,
      String model,
      String serial,
      String sysObjectId,
      Optional<String> mac,
      Optional<String> firmware,
      Optional<String> sysName,
      Instant readAt,
      Optional<String> location) {
    this(
        make,
        model,
        serial,
        sysObjectId,
        mac,
        firmware,
        sysName,
        readAt,
        location,
        Optional.empty(),
        Optional.empty(),
        List.of());
  }

  /** This identity read at another time (everything else the same). */
  public DeviceIdentity withReadAt(Instant at) {
    return new DeviceIdentity(
        make,
        model,
        serial,
        sysObjectId,
        mac,
        firmware,
        sysName,
        at,
        location,
        manufacturer,
        brand,
        serialDisagreement);
  }

  /** True when this identity holds what only schema {@link Report#SCHEMA_5} can carry. */
  public boolean needsSchema5() {
    return manufacturer.isPresent() || brand.isPresent() || !serialDisagreement.isEmpty();
  }

  private static Optional<String> name(String what, Optional<String> value) {
    if (value == null) {
      return Optional.empty();
    }
    value.ifPresent(
        v -> {
          if (v.isBlank() || !v.equals(v.strip()) || v.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                "a " + what + " is 1 to " + MAX_NAME_LENGTH + " characters: \"" + v + "\"");
          }
        });
    return value;
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
