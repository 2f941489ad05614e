package org.openrps.wire;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A device of the printer other than its print engine, from the Host Resources MIB's hrDeviceTable
 * (RFC 2790): hard disk, fax modem, finisher, network card and the like.
 *
 * @param index hrDeviceIndex
 * @param type hrDeviceType as its RFC 2790 name without the prefix (e.g. {@code diskStorage},
 *     {@code network}, {@code modem}), or {@code other(OID)}
 * @param description hrDeviceDescr, as the device wrote it
 * @param status hrDeviceStatus as its RFC 2790 name, if given
 * @param readAt when it was read
 */
public record InstalledOption(
    int index, String type, String description, Optional<String> status, Instant readAt) {

  public InstalledOption {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    status = status == null ? Optional.empty() : status;
    Objects.requireNonNull(readAt, "readAt");
    if (index < 1) {
      throw new IllegalArgumentException("device index must be positive: " + index);
    }
  }
}
