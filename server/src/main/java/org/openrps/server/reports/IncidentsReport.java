package org.openrps.server.reports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openrps.server.incidents.IncidentRepository;
import org.openrps.server.store.TenantId;

/**
 * {@code incidents}: the open incidents and those closed in the last {@link #RECENT}, open ones
 * first, each group newest first, from {@link IncidentRepository}.
 */
final class IncidentsReport implements ReportDefinition {

  /** How far back a closed incident is still shown. */
  static final Duration RECENT = Duration.ofDays(30);

  /** At most this many rows; the report says so when there were more. */
  static final int MAX_ROWS = 10_000;

  static final List<Column> COLUMNS =
      List.of(
          Column.of("state", "State"),
          Column.of("severity", "Severity"),
          Column.of("make", "Make"),
          Column.of("serial", "Serial"),
          Column.of("code", "Code"),
          Column.of("kind", "Kind"),
          Column.of("description", "Description"),
          Column.of("openedAt", "Opened"),
          Column.of("lastSeenAt", "Last seen"),
          Column.of("closedAt", "Closed"),
          Column.of("returned", "Returned"));

  private final IncidentRepository incidents;

  IncidentsReport(IncidentRepository incidents) {
    this.incidents = Objects.requireNonNull(incidents, "incidents");
  }

  @Override
  public String name() {
    return "incidents";
  }

  @Override
  public String title() {
    return "Incidents, open and recent";
  }

  @Override
  public String description() {
    return "Open incidents and those closed in the last 30 days, with severity, code, when each"
        + " opened, was last seen and closed, and how often it came back";
  }

  @Override
  public Report make(ReportRequest request) {
    List<IncidentRepository.Incident> list =
        incidents.openAndRecent(request.scope(), request.now().minus(RECENT), MAX_ROWS + 1);
    boolean more = list.size() > MAX_ROWS;
    if (more) {
      list = list.subList(0, MAX_ROWS);
    }
    List<List<Cell>> rows = new ArrayList<>(list.size());
    long open = 0;
    for (IncidentRepository.Incident i : list) {
      if (i.closedAt().isEmpty()) {
        open++;
      }
      rows.add(
          request.row(
              TenantId.of(i.tenant()),
              List.of(
                  Cell.text(i.closedAt().isEmpty() ? "open" : "closed"),
                  Cell.text(i.severity()),
                  Cell.text(i.make()),
                  Cell.text(i.serial()),
                  Cell.text(i.code()),
                  Cell.text(i.kind()),
                  Cell.text(i.description()),
                  Cell.time(i.openedAt()),
                  Cell.time(i.lastSeenAt()),
                  Cell.time(i.closedAt()),
                  Cell.count(i.returned()))));
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        open
            + " open, "
            + (list.size() - open)
            + " closed since "
            + HtmlReport.MINUTE.format(request.now().minus(RECENT))
            + ". An incident closes once its condition has stayed away for the hold-down;"
            + " \"returned\" counts the times it came back within it.");
    if (more) {
      notes.add("Only the first " + MAX_ROWS + " incidents are shown.");
    }
    return request.report(this, title(), notes, request.columns(COLUMNS), rows);
  }
}
