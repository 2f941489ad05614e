package org.openrps.wire;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A device's state.
 *
 * @param printerStatus hrPrinterStatus as its RFC 2790 name ({@code idle}, {@code printing}, {@code
 *     warmup}, {@code other}, {@code unknown})
 * @param errors the conditions set in hrPrinterDetectedErrorState, as RFC 2790 bit names (e.g.
 *     {@code lowToner}, {@code jammed}); empty when none
 * @param readAt when it was read
 */
public record DeviceStatus(String printerStatus, List<String> errors, Instant readAt) {

  public DeviceStatus {
    Objects.requireNonNull(printerStatus, "printerStatus");
    errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
    Objects.requireNonNull(readAt, "readAt");
  }
}
