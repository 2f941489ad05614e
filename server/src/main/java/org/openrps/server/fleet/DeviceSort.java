package org.openrps.server.fleet;

import java.util.Locale;
import java.util.Optional;

/**
 * The orders a device list can be sorted in. Each names its SQL expression here, never from the
 * request; unknown figures sort last either way, and make and serial break ties so that paging is
 * stable.
 */
public enum DeviceSort {
  customer("d.tenant_id"),
  site("d.site_id"),
  make("d.make"),
  model("d.model"),
  serial("d.serial"),
  address("d.address"),
  lastSeen("d.last_seen"),
  totalPages("(CASE WHEN m.flags = '' AND m.server_flags = '' THEN m.value END)"),
  lowestSupply("d.lowest_supply_percent"),
  status("d.printer_status");

  private final String expression;

  DeviceSort(String expression) {
    this.expression = expression;
  }

  /** The ORDER BY clause's body for this sort. */
  String orderBy(boolean descending) {
    String direction = descending ? " DESC" : "";
    String tieBreak = this == make ? "d.serial, d.tenant_id" : "d.make, d.serial, d.tenant_id";
    return "(" + expression + ") IS NULL, " + expression + direction + ", " + tieBreak;
  }

  public static Optional<DeviceSort> parse(String name) {
    for (DeviceSort s : values()) {
      if (s.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
