package org.openrps.server.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openrps.server.fleet.DeviceRepository;
import org.openrps.server.fleet.DeviceState;
import org.openrps.server.ingest.ReportRepository;
import org.openrps.server.store.DeviceKey;
import org.openrps.wire.SupplyReading;

/**
 * {@code inventory}: every device the scope sees, one row each, by customer, make and serial: where
 * it is, what it is, when it was last seen, its status, its life page count (a flagged count is
 * held, never shown as pages) and its lowest consumed supply, named.
 */
final class InventoryReport implements ReportDefinition {

  static final List<Column> COLUMNS =
      List.of(
          Column.of("site", "Site"),
          Column.of("make", "Make"),
          Column.of("brand", "Brand"),
          Column.of("model", "Model"),
          Column.of("serial", "Serial"),
          Column.of("address", "Address"),
          Column.of("host", "Host name"),
          Column.of("firmware", "Firmware"),
          Column.of("lastSeen", "Last seen"),
          Column.of("status", "Status"),
          Column.of("totalPages", "Total pages"),
          Column.of("totalPagesFlags", "Page count flags"),
          Column.of("lowestSupply", "Lowest supply"),
          Column.of("lowestSupplyPercent", "Level"));

  private final DeviceRepository devices;
  private final ReportQueries queries;

  InventoryReport(DeviceRepository devices, ReportQueries queries) {
    this.devices = Objects.requireNonNull(devices, "devices");
    this.queries = Objects.requireNonNull(queries, "queries");
  }

  @Override
  public String name() {
    return "inventory";
  }

  @Override
  public String title() {
    return "Fleet inventory";
  }

  @Override
  public String description() {
    return "Every device: customer, site, make, brand, model, serial, address, host name,"
        + " firmware, last seen, status, total pages and the lowest supply";
  }

  @Override
  public Report make(ReportRequest request) {
    List<DeviceState> all = new ArrayList<>(devices.latest(request.scope()));
    all.sort(
        Comparator.comparing((DeviceState d) -> d.tenant().value())
            .thenComparing(DeviceState::make)
            .thenComparing(DeviceState::serial));
    Map<DeviceKey, List<SupplyReading>> supplies = queries.latestSupplies(request.scope());
    List<List<Cell>> rows = new ArrayList<>(all.size());
    int flagged = 0;
    for (DeviceState d : all) {
      Optional<SupplyReading> lowest =
          ReportRepository.lowestConsumable(
              supplies.getOrDefault(new DeviceKey(d.tenant(), d.make(), d.serial()), List.of()));
      if (d.total().flagged()) {
        flagged++;
      }
      rows.add(
          request.row(
              d.tenant(),
              List.of(
                  Cell.text(d.site().value()),
                  Cell.text(d.make()),
                  Cell.text(d.details().brand()),
                  Cell.text(d.model()),
                  Cell.text(d.serial()),
                  Cell.text(d.address()),
                  Cell.text(d.details().sysName()),
                  Cell.text(d.details().firmware()),
                  Cell.time(d.lastSeen()),
                  Cell.text(status(d)),
                  pages(d.total()),
                  d.total().flagged() ? Cell.text(String.join(" ", d.total().flags())) : Cell.NONE,
                  lowest.<Cell>map(s -> Cell.text(supplyName(s))).orElse(Cell.NONE),
                  lowest.map(s -> Cell.percent(s.percent())).orElse(Cell.NONE))));
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        all.size()
            + (all.size() == 1 ? " device" : " devices")
            + ", each as its latest snapshot shows it. The lowest supply is the consumed supply"
            + " (toner, drum, ink) with the lowest known level; waste containers and levels the"
            + " device does not give as a number are left out.");
    if (flagged > 0) {
      notes.add(
          flagged
              + " total page "
              + (flagged == 1 ? "count is" : "counts are")
              + " flagged (wrapped, backwards or another device at the address) and held for"
              + " review: no number is shown for them.");
    }
    return request.report(this, title(), notes, request.columns(COLUMNS), rows);
  }

  /** The printer status and, after it, the detected error states. */
  private static String status(DeviceState d) {
    List<String> errors = d.details().errors();
    return errors.isEmpty()
        ? d.printerStatus()
        : d.printerStatus() + " (" + String.join(", ", errors) + ")";
  }

  /** The life page count; a flagged one is held, with its flags, and no number. */
  private static Cell pages(DeviceState.Total total) {
    if (total.flagged()) {
      return Cell.none("held for review");
    }
    return Cell.count(total.pages());
  }

  private static String supplyName(SupplyReading s) {
    return s.partNumber()
        .filter(p -> !p.isBlank() && !p.equals(s.description()))
        .map(p -> s.description() + " (" + p + ")")
        .orElse(s.description());
  }
}
