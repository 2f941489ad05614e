package org.openrps.server.fleet;

import java.time.Instant;
import java.util.List;

/**
 * A device in the device list: its latest state, one line of figures, and their sources. {@code
 * totalPages} is null when unknown or flagged; {@code totalPagesFlags} and {@code totalPagesNote}
 * then say why.
 */
public record DeviceSummary(
    String customer,
    String site,
    String make,
    String model,
    String serial,
    String address,
    Instant lastSeen,
    Long totalPages,
    List<String> totalPagesFlags,
    String totalPagesNote,
    Double lowestSupplyPercent,
    String printerStatus,
    Sources sources) {

  /** Which client ({@code agent:<id>} or {@code device:<id>}) gave each figure. */
  public record Sources(
      String address,
      String totalPages,
      String lowestSupplyPercent,
      String printerStatus,
      String identity) {
    static Sources of(DeviceState.Sources s) {
      return new Sources(
          s.address(),
          s.totalPages().orElse(null),
          s.lowestSupplyPercent().orElse(null),
          s.printerStatus(),
          s.identity().orElse(null));
    }
  }

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
        d.total().flags(),
        TotalPagesView.note(d.total()),
        d.lowestSupplyPercent().isPresent() ? d.lowestSupplyPercent().getAsDouble() : null,
        d.printerStatus(),
        Sources.of(d.sources()));
  }
}
