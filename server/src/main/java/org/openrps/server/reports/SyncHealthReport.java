package org.openrps.server.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openrps.server.agents.AgentInfo;
import org.openrps.server.agents.AgentRepository;
import org.openrps.server.agents.AgentSite;
import org.openrps.wire.SiteFacts;

/**
 * {@code sync-health}: per agent (and Device Direct device), what the server can tell of its sync:
 * its last contact and a state from it, the devices in its last report and those whose latest state
 * it sent, the newest reading among them, what it sent in the last day, and its outbox backlog as
 * its last site information reported it (since schema {@code openrps.report/7}; blank for older
 * agents and Device Direct devices, which do not send it).
 */
final class SyncHealthReport implements ReportDefinition {

  /** A daily sync and two hours of slack: a last contact within this is {@code ok}. */
  static final Duration ON_TIME = Duration.ofHours(26);

  /** After this a client is {@code silent}, as long as the incident rule's communication loss. */
  static final Duration SILENT = Duration.ofHours(72);

  /** What "the last day" is for the counts. */
  static final Duration DAY = Duration.ofHours(24);

  static final List<Column> COLUMNS =
      List.of(
          Column.of("site", "Site"),
          Column.of("agent", "Agent"),
          Column.of("kind", "Kind"),
          Column.of("version", "Version"),
          Column.of("host", "Host name"),
          Column.of("state", "State"),
          Column.of("lastContact", "Last contact"),
          Column.of("lastContactAge", "Since"),
          Column.of("devicesLastReport", "Devices in last report"),
          Column.of("printersManaged", "Printers read (agent's last cycle)"),
          Column.of("devicesReporting", "Devices it reports"),
          Column.of("devicesNotSeenLastDay", "Of those, not seen in 24 h"),
          Column.of("newestReading", "Newest reading"),
          Column.of("newestReadingAge", "Age"),
          Column.of("reportsLastDay", "Reports in 24 h"),
          Column.of("snapshotsLastDay", "Snapshots in 24 h"),
          Column.of("backlog", "Backlog (readings waiting, as reported)"),
          Column.of("backlogOldest", "Oldest waiting"));

  private static final int PAGE = 1000;

  private final AgentRepository agents;
  private final ReportQueries queries;

  SyncHealthReport(AgentRepository agents, ReportQueries queries) {
    this.agents = Objects.requireNonNull(agents, "agents");
    this.queries = Objects.requireNonNull(queries, "queries");
  }

  @Override
  public String name() {
    return "sync-health";
  }

  @Override
  public String title() {
    return "Sync health per agent";
  }

  @Override
  public String description() {
    return "Per agent: last contact, devices in its last report and those it reports, the age of"
        + " the newest reading, the reports and snapshots received in the last day, and the"
        + " outbox backlog the agent reported";
  }

  @Override
  public Report make(ReportRequest request) {
    Instant now = request.now();
    Instant dayAgo = now.minus(DAY);
    List<AgentInfo> all = new ArrayList<>();
    String after = "";
    while (true) {
      List<AgentInfo> page = agents.list(request.scope(), after, PAGE);
      all.addAll(page);
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).id();
    }
    all.sort(
        Comparator.comparing((AgentInfo a) -> a.tenant().value())
            .thenComparing(a -> a.site().value())
            .thenComparing(AgentInfo::id));
    Map<String, ReportQueries.Received> received = queries.receivedSince(request.scope(), dayAgo);
    Map<String, ReportQueries.Reporting> reporting =
        queries.devicesBySource(request.scope(), dayAgo);
    List<List<Cell>> rows = new ArrayList<>(all.size());
    int notOk = 0;
    for (AgentInfo a : all) {
      Optional<SiteFacts> facts = a.siteInformation().map(AgentSite::facts);
      Optional<ReportQueries.Received> r = Optional.ofNullable(received.get(a.id()));
      Optional<ReportQueries.Reporting> d = Optional.ofNullable(reporting.get(a.id()));
      String state = state(a, now);
      if (!state.equals("ok")) {
        notOk++;
      }
      rows.add(
          request.row(
              a.tenant(),
              List.of(
                  Cell.text(a.site().value()),
                  Cell.text(a.id()),
                  Cell.text(a.kind().name()),
                  Cell.text(a.version()),
                  Cell.text(facts.flatMap(SiteFacts::hostName)),
                  Cell.text(state),
                  Cell.time(a.lastContact()),
                  Cell.age(a.lastContact(), now),
                  a.lastContact().isPresent() ? Cell.count(a.devicesReported()) : Cell.NONE,
                  facts
                      .flatMap(SiteFacts::printersManaged)
                      .<Cell>map(n -> Cell.count(n))
                      .orElse(Cell.NONE),
                  Cell.count(d.map(ReportQueries.Reporting::devices).orElse(0)),
                  Cell.count(d.map(ReportQueries.Reporting::notSeen).orElse(0)),
                  Cell.time(d.map(ReportQueries.Reporting::newestReading)),
                  Cell.age(d.map(ReportQueries.Reporting::newestReading), now),
                  Cell.count(r.map(ReportQueries.Received::reports).orElse(0)),
                  Cell.count(r.map(ReportQueries.Received::snapshots).orElse(0L)),
                  Cell.count(
                      facts.flatMap(SiteFacts::backlogReadings).stream()
                          .mapToLong(Long::longValue)
                          .findFirst()),
                  Cell.time(facts.flatMap(SiteFacts::backlogOldest)))));
    }
    List<String> notes =
        List.of(
            all.size()
                + (all.size() == 1 ? " client" : " clients")
                + ", "
                + notOk
                + " not ok. State: ok when the last contact is within 26 hours (a daily sync"
                + " and two hours), late within 72 hours, silent after; revoked, or never"
                + " reported.",
            "The backlog is the agent's outbox backlog (readings taken and not yet acknowledged"
                + " by the server) as its last site information reported it, counted when it sent"
                + " that report; older agents do not report it (blank). What the server can tell"
                + " of any agent: one in contact whose newest reading is old, or that sends many"
                + " reports at once after a gap, is sending a backlog. \"Devices it reports\" are"
                + " the devices whose latest state came from its reports.");
    return request.report(this, title(), notes, request.columns(COLUMNS), rows);
  }

  static String state(AgentInfo a, Instant now) {
    if (a.revokedAt().isPresent()) {
      return "revoked";
    }
    if (a.lastContact().isEmpty()) {
      return "never reported";
    }
    Duration since = Duration.between(a.lastContact().get(), now);
    if (since.compareTo(ON_TIME) <= 0) {
      return "ok";
    }
    return since.compareTo(SILENT) <= 0 ? "late" : "silent";
  }
}
