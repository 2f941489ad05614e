package org.openrps.server.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openrps.server.accounts.Customer;
import org.openrps.server.amr.Amr;
import org.openrps.server.amr.AmrRepository;
import org.openrps.server.http.ApiException;

/**
 * {@code missed-reads}: the devices of one billed customer without a fresh reading before its next
 * cut-off, with their last contact and the agent (or Device Direct device) responsible: the
 * missed-read prediction of AMR, as the e-mail sends it once the lead time has begun.
 */
final class MissedReadsReport implements ReportDefinition {

  static final List<Column> COLUMNS =
      List.of(
          Column.of("make", "Make"),
          Column.of("serial", "Serial"),
          Column.of("model", "Model"),
          Column.of("site", "Site"),
          Column.of("lastSeen", "Last reading"),
          Column.of("sourceKind", "Reported by"),
          Column.of("sourceId", "Agent or device"),
          Column.of("sourceLastContact", "Its last contact"));

  private final Amr amr;

  MissedReadsReport(Amr amr) {
    this.amr = Objects.requireNonNull(amr, "amr");
  }

  @Override
  public String name() {
    return "missed-reads";
  }

  @Override
  public String title() {
    return "Reads missing before the next cut-off";
  }

  @Override
  public String description() {
    return "One billed customer's devices without a fresh reading before the next cut-off, with"
        + " their last contact and the agent responsible";
  }

  @Override
  public boolean oneCustomer() {
    return true;
  }

  @Override
  public Report make(ReportRequest request) {
    Customer customer = request.customer().orElseThrow();
    Amr.MissedReads list =
        amr.missedReads(request.scope(), customer.id(), request.now())
            .orElseThrow(() -> ApiException.notFound("billing schedule of " + customer.id()));
    List<List<Cell>> rows = new ArrayList<>();
    for (AmrRepository.MissedDevice d : list.devices()) {
      rows.add(
          request.row(
              customer.id(),
              List.of(
                  Cell.text(d.make()),
                  Cell.text(d.serial()),
                  Cell.text(d.model()),
                  Cell.text(d.site()),
                  Cell.time(d.lastSeen()),
                  Cell.text(d.sourceKind()),
                  Cell.text(d.sourceId()),
                  Cell.time(d.sourceLastContact()))));
    }
    List<String> notes =
        List.of(
            list.devices().size()
                + " device(s) without a fresh reading before the cut-off "
                + HtmlReport.MINUTE.format(list.cutOff())
                + " (period "
                + list.period()
                + "); the list is e-mailed from "
                + HtmlReport.MINUTE.format(list.listFrom())
                + ".");
    return request.report(this, title(), notes, request.columns(COLUMNS), rows);
  }
}
