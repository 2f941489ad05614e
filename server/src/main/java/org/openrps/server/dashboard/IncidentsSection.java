package org.openrps.server.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openrps.server.accounts.Customer;
import org.openrps.server.accounts.CustomerRepository;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.incidents.IncidentRepository;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;

/**
 * {@code /incidents}: the open incidents first, then those closed in the last {@link #RECENT}, each
 * newest first; a device's (linked to its page) and an agent's that stopped reporting in one list.
 * Filters: severity, state, and a provider admin's customer. The same list as {@code
 * /incidents.csv}.
 */
public final class IncidentsSection implements DashboardSection {

  /** How far back closed incidents are listed. */
  static final Duration RECENT = Duration.ofDays(30);

  /** The most incidents the list holds, over its pages. */
  static final int MAX_ROWS = 5_000;

  /** Incidents per page. */
  static final int PAGE_SIZE = 100;

  /** The most incidents a CSV holds. */
  static final int MAX_CSV = 100_000;

  static final List<String> SEVERITIES = List.of("critical", "warning", "minor");

  static final List<String> STATES = List.of("all", "open", "closed");

  private final IncidentRepository incidents;
  private final CustomerRepository customers;

  public IncidentsSection(IncidentRepository incidents, CustomerRepository customers) {
    this.incidents = Objects.requireNonNull(incidents, "incidents");
    this.customers = Objects.requireNonNull(customers, "customers");
  }

  @Override
  public void pages(PageRoutes routes) {
    routes.get("/incidents", this::page);
    routes.get("/incidents.csv", this::csv);
  }

  /**
   * One incident of a device ({@code make} and {@code serial}) or of an agent ({@code agent}).
   *
   * @param lastSeen when its condition was last seen (a device), or the agent's last contact
   */
  record Row(
      TenantId tenant,
      Optional<String> make,
      Optional<String> serial,
      Optional<String> agent,
      String code,
      String severity,
      String kind,
      String description,
      Instant openedAt,
      Instant lastSeen,
      Optional<Instant> closedAt,
      Optional<Integer> returned) {

    static Row of(IncidentRepository.Incident i) {
      return new Row(
          TenantId.of(i.tenant()),
          Optional.of(i.make()),
          Optional.of(i.serial()),
          Optional.empty(),
          i.code(),
          i.severity(),
          i.kind(),
          i.description(),
          i.openedAt(),
          i.lastSeenAt(),
          i.closedAt(),
          Optional.of(i.returned()));
    }

    static Row of(IncidentRepository.AgentIncident i) {
      return new Row(
          TenantId.of(i.tenant()),
          Optional.empty(),
          Optional.empty(),
          Optional.of(i.agentId()),
          i.code(),
          i.severity(),
          "communication",
          i.description(),
          i.openedAt(),
          i.lastContactAt(),
          i.closedAt(),
          Optional.empty());
    }

    boolean open() {
      return closedAt.isEmpty();
    }

    String subject() {
      return agent.map(a -> "agent " + a).orElse(serial.orElse(""));
    }
  }

  /** The page's filters as its form and links carry them, and which page of the list. */
  record Query(String severity, String state, Optional<Customer> customer, int page) {

    Query(String severity, String state, Optional<Customer> customer) {
      this(severity, state, customer, 1);
    }

    static Query of(Viewer viewer, CustomerRepository customers, Request r) {
      String severity = r.query("severity").orElse("").strip();
      if (!severity.isEmpty() && !SEVERITIES.contains(severity)) {
        throw ApiException.badRequest("severity must be one of " + SEVERITIES);
      }
      String state = r.query("state").orElse("all").strip();
      if (state.isEmpty()) {
        state = "all";
      }
      if (!STATES.contains(state)) {
        throw ApiException.badRequest("state must be open, closed or all, not " + state);
      }
      return new Query(
          severity,
          state,
          CustomerChoice.of(viewer, customers, r.query("customer").orElse("")),
          OpsForms.page(r.query("page").orElse("1")));
    }

    /** The filters, without the page (the CSV holds every page). */
    String string() {
      return withPage("");
    }

    String withPage(String page) {
      return CustomerChoice.query(
          CustomerChoice.param("severity", severity),
          CustomerChoice.param("state", state.equals("all") ? "" : state),
          CustomerChoice.param("customer", customer.map(c -> c.id().value()).orElse("")),
          CustomerChoice.param("page", page.equals("1") ? "" : page));
    }
  }

  /**
   * The incidents the filters keep, open ones first, then closed, each newest first: at most {@code
   * max}, and whether more matched.
   */
  record Rows(List<Row> list, boolean more) {}

  /** The incidents the filters keep: open ones first, then closed, each newest first. */
  Rows rows(Viewer viewer, Query q, int max) {
    Scope scope = CustomerChoice.scope(viewer, q.customer());
    Instant since = viewer.now().minus(RECENT);
    List<Row> rows = new ArrayList<>();
    boolean openOnly = q.state().equals("open");
    // one more than shown from each source: whether any was cut short
    List<IncidentRepository.Incident> devices =
        openOnly
            ? incidents.list(scope, true, max + 1)
            : incidents.openAndRecent(scope, since, max + 1);
    devices.forEach(i -> rows.add(Row.of(i)));
    List<IncidentRepository.AgentIncident> agents =
        incidents.agentIncidents(scope, openOnly, max + 1);
    agents.stream()
        .filter(i -> i.closedAt().isEmpty() || !i.closedAt().get().isBefore(since))
        .forEach(i -> rows.add(Row.of(i)));
    return keep(rows, q, max, devices.size() > max || agents.size() > max);
  }

  /**
   * The rows {@code q} keeps, in the list's order, at most {@code max}; {@code cut}: a source gave
   * its most, so more may match than were read.
   */
  static Rows keep(List<Row> rows, Query q, int max, boolean cut) {
    List<Row> kept =
        rows.stream()
            .filter(r -> !q.state().equals("closed") || !r.open())
            .filter(r -> q.severity().isEmpty() || q.severity().equals(r.severity()))
            .sorted(
                Comparator.comparing((Row r) -> r.open() ? 0 : 1)
                    .thenComparing(Row::openedAt, Comparator.reverseOrder())
                    .thenComparing(Row::subject)
                    .thenComparing(Row::code))
            .toList();
    return new Rows(kept.size() > max ? kept.subList(0, max) : kept, cut || kept.size() > max);
  }

  /** How many pages {@code rows} incidents fill; one when there are none. */
  static int pages(int rows) {
    return Math.max(1, (rows + PAGE_SIZE - 1) / PAGE_SIZE);
  }

  /** The rows of page {@code page} (from 1, at most {@link #pages}). */
  static List<Row> onPage(List<Row> rows, int page) {
    int from = Math.min(rows.size(), (page - 1) * PAGE_SIZE);
    return rows.subList(from, Math.min(rows.size(), from + PAGE_SIZE));
  }

  /** The line above the list: how many are open and closed, and whether more match. */
  static String countLine(Rows found) {
    List<Row> rows = found.list();
    if (rows.isEmpty()) {
      return "No incident.";
    }
    long open = rows.stream().filter(Row::open).count();
    String counts = Html.count(open) + " open, " + Html.count(rows.size() - open) + " closed";
    return found.more()
        ? "The first "
            + Html.count(rows.size())
            + " listed ("
            + counts
            + "); more may match: narrow the severity, state or customer to see them."
        : counts;
  }

  /** A severity in words (never by colour alone). */
  static String severity(String severity) {
    String css =
        switch (severity) {
          case "critical" -> "bad";
          case "warning" -> "flagged";
          default -> "muted";
        };
    String label =
        severity.isEmpty() ? "" : Character.toUpperCase(severity.charAt(0)) + severity.substring(1);
    return "<span class=\"" + css + "\">" + Html.escape(label) + "</span>";
  }

  private static String subject(Row r) {
    if (r.agent().isPresent()) {
      return "agent " + Html.escape(r.agent().get());
    }
    return Html.link(
        Links.device(r.tenant(), r.make().orElse(""), r.serial().orElse("")),
        r.serial().orElse(""));
  }

  static Listing<Row> listing(Viewer viewer) {
    List<Column<Row>> columns = new ArrayList<>();
    columns.add(Column.of("severity", "Severity", Row::severity, r -> severity(r.severity())));
    columns.add(
        Column.of(
            "state",
            "State",
            r -> r.open() ? "open" : "closed",
            r -> r.open() ? "<span class=\"low\">open</span>" : "closed"));
    columns.add(Column.time("openedAt", "Opened", Row::openedAt));
    if (viewer.provider()) {
      columns.add(Column.text("customer", "Customer", r -> r.tenant().value()));
    }
    columns.add(Column.text("make", "Make", r -> r.make().orElse("")));
    columns.add(Column.of("device", "Device or agent", Row::subject, IncidentsSection::subject));
    columns.add(Column.text("code", "Code", Row::code));
    columns.add(Column.text("kind", "Kind", Row::kind));
    columns.add(Column.text("description", "Description", Row::description));
    columns.add(Column.time("lastSeen", "Last seen", Row::lastSeen));
    columns.add(Column.time("closedAt", "Closed", r -> r.closedAt().orElse(null)));
    columns.add(
        Column.<Row>of(
                "returned",
                "Returned",
                r -> r.returned().map(Integer::longValue).orElse(null),
                r -> r.returned().map(n -> Html.count((long) n)).orElse(""))
            .asNumber());
    return new Listing<>("incidents", "Incidents, open first", columns)
        .rows(
            r ->
                "data-code=\""
                    + Html.escape(r.code())
                    + "\" data-subject=\""
                    + Html.escape(r.agent().orElse(r.serial().orElse("")))
                    + "\"");
  }

  private Response page(Viewer viewer, Request request) {
    Query q = Query.of(viewer, customers, request);
    Rows found = rows(viewer, q, MAX_ROWS);
    List<Row> rows = found.list();
    StringBuilder body = new StringBuilder("<h1>Incidents</h1>");
    body.append("<form class=\"filters\" method=\"get\" action=\"/incidents\">")
        .append("<label>Severity<select name=\"severity\" id=\"severity\">")
        .append(DevicesSection.option("", "Any", q.severity()));
    SEVERITIES.forEach(
        s ->
            body.append(
                DevicesSection.option(
                    s, Character.toUpperCase(s.charAt(0)) + s.substring(1), q.severity())));
    body.append("</select></label><label>State<select name=\"state\" id=\"state\">")
        .append(DevicesSection.option("all", "Open, and closed in 30 days", q.state()))
        .append(DevicesSection.option("open", "Open", q.state()))
        .append(DevicesSection.option("closed", "Closed in 30 days", q.state()))
        .append("</select></label>")
        .append(
            CustomerChoice.select(
                viewer,
                customers,
                q.customer().map(c -> c.id().value()).orElse(""),
                Optional.of("All customers")))
        .append("<button type=\"submit\">Show</button> <a href=\"/incidents\">Clear</a></form>");
    body.append("<div class=\"actions\"><p class=\"muted\" id=\"incident-count\">")
        .append(countLine(found))
        .append("</p><a id=\"incidents-csv\" href=\"/incidents.csv")
        .append(Html.escape(q.string()))
        .append("\">Download CSV</a></div>");
    int page = Math.min(q.page(), pages(rows.size()));
    body.append(
        listing(viewer)
            .html(
                onPage(rows, page),
                q.state().equals("closed")
                    ? "No incident closed in the last 30 days matches."
                    : "No incident matches: nothing is wrong with the devices or agents in view."));
    body.append(OpsForms.links("/incidents", page, rows.size(), PAGE_SIZE, q::withPage));
    return Response.html(200, Layout.page(viewer, "/incidents", "Incidents", body.toString()));
  }

  private Response csv(Viewer viewer, Request request) {
    Query q = Query.of(viewer, customers, request);
    return listing(viewer).csv("incidents.csv", rows(viewer, q, MAX_CSV).list());
  }
}
