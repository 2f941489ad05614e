package org.openrps.wire;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A device's state.
 *
 * @param printerStatus hrPrinterStatus as its RFC 2790 name ({@code idle}, {@code printing}, {@code
 *     warmup}, {@code other}, {@code unknown})
 * @param errors the conditions set in hrPrinterDetectedErrorState, as RFC 2790 bit names (e.g.
 *     {@code lowToner}, {@code jammed}); empty when none
 * @param readAt when it was read
 * @param deviceStatus hrDeviceStatus of the printer device as its RFC 2790 name ({@code running},
 *     {@code warning}, {@code down}, ...), if the device gave it
 * @param uptimeSeconds sysUpTime in whole seconds, if the device gave it
 */
public record DeviceStatus(
    String printerStatus,
    List<String> errors,
    Instant readAt,
    Optional<String> deviceStatus,
    Optional<Long> uptimeSeconds) {

  public DeviceStatus {
    Objects.requireNonNull(printerStatus, "printerStatus");
    errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
    Objects.requireNonNull(readAt, "readAt");
    deviceStatus = deviceStatus == null ? Optional.empty() : deviceStatus;
    uptimeSeconds = uptimeSeconds == null ? Optional.empty() : uptimeSeconds;
    if (uptimeSeconds.isPresent() && uptimeSeconds.get() < 0) {
      throw new IllegalArgumentException("uptime is negative: " + uptimeSeconds.get());
    }
  }

  /** A status without hrDeviceStatus and uptime. */
  public DeviceStatus(String printerStatus, List<String> errors, Instant readAt) {
    this(printerStatus, errors, readAt, Optional.empty(), Optional.empty());
  }
}
