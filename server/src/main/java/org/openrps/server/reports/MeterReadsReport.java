package org.openrps.server.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openrps.server.accounts.Customer;
import org.openrps.server.amr.AmrExport;
import org.openrps.server.amr.AmrRepository;
import org.openrps.server.amr.MeterRead;
import org.openrps.server.http.ApiException;

/**
 * {@code meter-reads}: one closed AMR period of one customer, with the rows of the AMR CSV ({@link
 * AmrExport}, the same columns and values): actual reads, estimates with their method, held reads
 * with both values and no number billed, missing reads, and the adjustments billed in the period.
 */
final class MeterReadsReport implements ReportDefinition {

  static final String PERIOD = "period";

  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("kind", "Kind"),
          Map.entry("period", "Period"),
          Map.entry("make", "Make"),
          Map.entry("serial", "Serial"),
          Map.entry("meter", "Meter"),
          Map.entry("status", "Status"),
          Map.entry("start", "Start"),
          Map.entry("end", "End (billed)"),
          Map.entry("usage", "Usage"),
          Map.entry("readAt", "Read at"),
          Map.entry("method", "Estimate method"),
          Map.entry("rawValue", "Raw value"),
          Map.entry("trustedValue", "Trusted value"),
          Map.entry("flags", "Flags"),
          Map.entry("basis", "Basis"));

  private static final int STATUS = AmrExport.HEADER.indexOf("status");
  private static final int END = AmrExport.HEADER.indexOf("end");

  private final AmrRepository amr;

  MeterReadsReport(AmrRepository amr) {
    this.amr = Objects.requireNonNull(amr, "amr");
  }

  @Override
  public String name() {
    return "meter-reads";
  }

  @Override
  public String title() {
    return "Meter reads per period";
  }

  @Override
  public String description() {
    return "One closed billing period of one customer: actual, estimated (with the method), held"
        + " (both values, nothing billed) and missing reads, and the adjustments billed in it";
  }

  @Override
  public boolean oneCustomer() {
    return true;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter(
            PERIOD,
            "the period's cut-off date in the customer's zone, yyyy-mm-dd; default: the newest"
                + " closed period",
            false));
  }

  @Override
  public Report make(ReportRequest request) {
    Customer customer = request.customer().orElseThrow();
    AmrRepository.Period period =
        request
            .parameter(PERIOD)
            .map(
                p ->
                    amr.period(request.scope(), customer.id(), p)
                        .orElseThrow(() -> ApiException.notFound("closed period " + p)))
            .orElseGet(
                () ->
                    amr.periods(request.scope(), customer.id()).stream()
                        .findFirst()
                        .orElseThrow(
                            () -> ApiException.notFound("closed period of " + customer.id())));
    List<MeterRead> reads = amr.reads(request.scope(), customer.id(), period.period());
    List<AmrRepository.Adjustment> adjustments =
        amr.adjustmentsIn(request.scope(), customer.id(), period.period());
    List<List<Cell>> rows = new ArrayList<>();
    for (List<Object> values : AmrExport.rows(period, reads, adjustments)) {
      List<Cell> row = new ArrayList<>(values.size());
      for (int i = 0; i < values.size(); i++) {
        row.add(cell(values.get(i)));
      }
      String status = String.valueOf(values.get(STATUS));
      if (values.get(END) == null
          && (status.equals(MeterRead.Status.held.name())
              || status.equals(MeterRead.Status.missing.name()))) {
        row.set(END, Cell.none(status.equals("held") ? "held: not billed" : "missing"));
      }
      rows.add(row);
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        "Period from "
            + HtmlReport.MINUTE.format(period.startsAt())
            + " to the cut-off "
            + HtmlReport.MINUTE.format(period.cutOff())
            + ", closed "
            + HtmlReport.MINUTE.format(period.closedAt())
            + ". Billed "
            + period.billed()
            + ", estimated "
            + period.estimated()
            + ", held for review "
            + period.held()
            + ", missing "
            + period.missing()
            + (adjustments.isEmpty()
                ? "."
                : "; " + adjustments.size() + " adjustment(s) of earlier periods billed in it."));
    if (period.held() > 0) {
      notes.add(
          "A held read is not billed: its end is blank, and both its raw value (as the device"
              + " reported it) and its trusted value (the last one without flags) are shown until"
              + " a provider admin accepts or corrects it.");
    }
    if (period.estimated() > 0) {
      notes.add(
          "An estimated read had no reading in the window; its method (linear, dailyAverage) and"
              + " the readings it is based on are given.");
    }
    List<Column> columns = new ArrayList<>();
    for (String key : AmrExport.HEADER) {
      columns.add(Column.of(key, LABELS.getOrDefault(key, key)));
    }
    return request.report(
        this, "Meter reads, period " + period.period(), notes, columns, rows, period.period());
  }

  /** An AMR CSV value as a cell: numbers are counts, instants times, blanks empty. */
  private static Cell cell(Object value) {
    if (value == null || "".equals(value)) {
      return Cell.NONE;
    }
    if (value instanceof Long n) {
      return Cell.count(n);
    }
    if (value instanceof Instant t) {
      return Cell.time(t);
    }
    return Cell.text(value.toString());
  }
}
