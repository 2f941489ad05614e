package org.openrps.server.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.openrps.server.asr.AsrRepository;
import org.openrps.server.store.TenantId;

/**
 * {@code orders}: the supply orders, open ones and closed ones, newest first, with part number,
 * quantity, ship-to site, why each was raised and why it closed; and the misses (a supply that ran
 * empty with no order before it) counted in the notes.
 */
final class OrdersReport implements ReportDefinition {

  /** At most this many rows; the report says so when there were more. */
  static final int MAX_ROWS = 10_000;

  static final List<Column> COLUMNS =
      List.of(
          Column.of("state", "State"),
          Column.of("make", "Make"),
          Column.of("serial", "Serial"),
          Column.of("supply", "Supply"),
          Column.of("partNumber", "Part number"),
          Column.of("quantity", "Quantity"),
          Column.of("shipToSite", "Ship to site"),
          Column.of("reason", "Why"),
          Column.of("levelPercent", "Level when raised"),
          Column.of("daysToEmptyLow", "Days to empty (low)"),
          Column.of("raisedAt", "Raised"),
          Column.of("closedAt", "Closed"),
          Column.of("closedBecause", "Closed because"));

  private final AsrRepository orders;

  OrdersReport(AsrRepository orders) {
    this.orders = Objects.requireNonNull(orders, "orders");
  }

  @Override
  public String name() {
    return "orders";
  }

  @Override
  public String title() {
    return "Supply orders";
  }

  @Override
  public String description() {
    return "Supply orders raised from the forecasts, open and closed, with part number, quantity,"
        + " ship-to site and why each was raised and closed; misses counted";
  }

  @Override
  public Report make(ReportRequest request) {
    List<AsrRepository.Order> list = orders.list(request.scope(), Optional.empty(), MAX_ROWS + 1);
    boolean more = list.size() > MAX_ROWS;
    if (more) {
      list = list.subList(0, MAX_ROWS);
    }
    List<List<Cell>> rows = new ArrayList<>(list.size());
    long open = 0;
    for (AsrRepository.Order o : list) {
      if (o.state().equals("open")) {
        open++;
      }
      rows.add(
          request.row(
              TenantId.of(o.tenant()),
              List.of(
                  Cell.text(o.state()),
                  Cell.text(o.make()),
                  Cell.text(o.serial()),
                  Cell.text(o.description()),
                  Cell.text(o.partNumber()),
                  Cell.count(o.quantity()),
                  Cell.text(o.site()),
                  Cell.text(o.reason()),
                  Cell.percent(
                      o.levelPercent().isPresent()
                          ? OptionalDouble.of(o.levelPercent().get())
                          : OptionalDouble.empty()),
                  o.daysLow().isPresent()
                      ? Cell.text(String.format(java.util.Locale.ROOT, "%.1f", o.daysLow().get()))
                      : Cell.none("no rate"),
                  Cell.time(o.raisedAt()),
                  Cell.time(o.closedAt()),
                  Cell.text(o.closedBecause()))));
    }
    int misses = orders.misses(request.scope(), MAX_ROWS).size();
    List<String> notes = new ArrayList<>();
    notes.add(
        open
            + " open, "
            + (list.size() - open)
            + " closed; "
            + misses
            + " supplies ran empty with no order raised before (misses).");
    if (more) {
      notes.add("Only the first " + MAX_ROWS + " orders are shown.");
    }
    return request.report(this, title(), notes, request.columns(COLUMNS), rows);
  }
}
