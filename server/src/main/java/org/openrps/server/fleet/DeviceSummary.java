package org.openrps.server.fleet;

import java.time.Instant;

/** A device in the device list: its latest state, one line of figures, and their sources. */
public record DeviceSummary(
    String customer,
    String site,
    String make,
    String model,
    String serial,
    String address,
    Instant lastSeen,
    Long totalPages,
    Double lowestSupplyPercent,
    String printerStatus,
    Sources sources) {

  /** Which client ({@code agent:<id>} or {@code device:<id>}) gave each figure. */
  public record Sources(
      String address, String totalPages, String lowestSupplyPercent, String printerStatus) {}

  static DeviceSummary of(DeviceState d) {
    return new DeviceSummary(
        d.tenant().value(),
        d.site().value(),
        d.make(),
        d.model(),
        d.serial(),
        d.address(),
        d.lastSeen(),
        d.totalPages().isPresent() ? d.totalPages().getAsLong() : null,
        d.lowestSupplyPercent().isPresent() ? d.lowestSupplyPercent().getAsDouble() : null,
        d.printerStatus(),
        new Sources(
            d.sources().address(),
            d.sources().totalPages().orElse(null),
            d.sources().lowestSupplyPercent().orElse(null),
            d.sources().printerStatus()));
  }
}
