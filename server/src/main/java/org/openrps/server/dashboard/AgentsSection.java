package org.openrps.server.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.openrps.server.accounts.Customer;
import org.openrps.server.accounts.CustomerRepository;
import org.openrps.server.accounts.Enrolment;
import org.openrps.server.agents.AgentInfo;
import org.openrps.server.agents.AgentRepository;
import org.openrps.server.agents.AgentSite;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.incidents.IncidentRepository;
import org.openrps.server.incidents.IncidentRepository.AgentIncident;
import org.openrps.server.store.Scope;
import org.openrps.wire.SiteFacts;

/**
 * {@code /agents}: every agent and Device Direct credential in the viewer's scope, with its last
 * contact ("out of touch" after {@link OverviewSection#OUT_OF_TOUCH}), the devices it reports, what
 * its site information says (host, address, system, disk), its sync window and backlog where the
 * agent reports them, and its open incidents; the same list as {@code /agents.csv}. {@code
 * /agents/{id}} shows every fact of one, and lets an administrator revoke it (the same {@link
 * Enrolment#revoke} as {@code DELETE /api/v1/agents/{id}}).
 */
public final class AgentsSection implements DashboardSection {

  static final int PAGE_SIZE = 100;

  /** The most agents and incidents read for one page. */
  static final int MAX_READ = 100_000;

  /** What a figure the agent does not send shows. */
  static final String NOT_REPORTED = "not reported";

  /** The state filter's choices, by their query value. */
  static final Map<String, String> STATES = new LinkedHashMap<>();

  static {
    STATES.put("live", "Not revoked");
    STATES.put("inTouch", "In touch");
    STATES.put("outOfTouch", "Out of touch");
    STATES.put("revoked", "Revoked");
  }

  private final AgentRepository agents;
  private final IncidentRepository incidents;
  private final Enrolment enrolment;
  private final CustomerRepository customers;

  public AgentsSection(
      AgentRepository agents,
      IncidentRepository incidents,
      Enrolment enrolment,
      CustomerRepository customers) {
    this.agents = Objects.requireNonNull(agents, "agents");
    this.incidents = Objects.requireNonNull(incidents, "incidents");
    this.enrolment = Objects.requireNonNull(enrolment, "enrolment");
    this.customers = Objects.requireNonNull(customers, "customers");
  }

  @Override
  public void pages(PageRoutes routes) {
    routes.get("/agents", this::list);
    routes.get("/agents.csv", this::csv);
    routes.get("/agents/{agent}", this::agent);
    routes.post("/agents/{agent}/revoke", this::revoke);
  }

  /** Where a credential stands, as its last contact and revocation say. */
  enum State {
    inTouch("in touch", "ok"),
    outOfTouch("out of touch", "bad"),
    revoked("revoked", "muted");

    final String label;
    final String css;

    State(String label, String css) {
      this.label = label;
      this.css = css;
    }

    static State of(AgentInfo a, Instant now) {
      if (a.revokedAt().isPresent()) {
        return revoked;
      }
      return a.lastContact().isPresent()
              && !a.lastContact().get().isBefore(now.minus(OverviewSection.OUT_OF_TOUCH))
          ? inTouch
          : outOfTouch;
    }
  }

  /** A row: the credential, its state now and its open incidents. */
  record Row(AgentInfo agent, State state, List<AgentIncident> openIncidents) {

    Optional<SiteFacts> facts() {
      return agent.siteInformation().map(AgentSite::facts);
    }

    <T> Optional<T> fact(Function<SiteFacts, Optional<T>> fact) {
      return facts().flatMap(fact);
    }
  }

  /** The list's query, as the page's form and links carry it. */
  record Query(String text, String customer, String state, int page) {

    static Query of(Request r) {
      String state = r.query("state").orElse("").strip();
      if (!state.isEmpty() && !STATES.containsKey(state)) {
        throw ApiException.badRequest("state must be one of " + STATES.keySet());
      }
      String customer = r.query("customer").orElse("").strip();
      if (!customer.isEmpty()) {
        DashboardText.tenant(customer);
      }
      return new Query(
          r.query("q").orElse("").strip(),
          customer,
          state,
          OpsForms.page(r.query("page").orElse("1")));
    }

    boolean matches(Row r) {
      if (!customer.isEmpty() && !r.agent().tenant().value().equals(customer)) {
        return false;
      }
      boolean stateMatches =
          switch (state) {
            case "live" -> r.state() != State.revoked;
            case "inTouch" -> r.state() == State.inTouch;
            case "outOfTouch" -> r.state() == State.outOfTouch;
            case "revoked" -> r.state() == State.revoked;
            default -> true;
          };
      if (!stateMatches) {
        return false;
      }
      if (text.isEmpty()) {
        return true;
      }
      String t = text.toLowerCase(Locale.ROOT);
      return contains(r.agent().id(), t)
          || contains(r.agent().site().value(), t)
          || contains(r.agent().tenant().value(), t)
          || r.fact(SiteFacts::hostName).map(h -> contains(h, t)).orElse(false)
          || r.fact(SiteFacts::siteName).map(h -> contains(h, t)).orElse(false)
          || r.fact(SiteFacts::agentAddress).map(h -> contains(h, t)).orElse(false);
    }

    private static boolean contains(String value, String lowerText) {
      return value.toLowerCase(Locale.ROOT).contains(lowerText);
    }

    /** The query string of this list with one parameter changed (or dropped when empty). */
    String with(String name, String value) {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("q", text);
      p.put("customer", customer);
      p.put("state", state);
      p.put("page", page == 1 ? "" : Integer.toString(page));
      p.put(name, value);
      return OpsForms.query(p);
    }
  }

  private List<Row> rows(Viewer viewer) {
    Scope scope = viewer.scope();
    Map<String, List<AgentIncident>> open = new HashMap<>();
    for (AgentIncident i : incidents.agentIncidents(scope, true, MAX_READ)) {
      open.computeIfAbsent(i.agentId(), k -> new ArrayList<>()).add(i);
    }
    List<Row> rows = new ArrayList<>();
    String after = "";
    while (rows.size() < MAX_READ) {
      List<AgentInfo> page = agents.list(scope, after, 1000);
      for (AgentInfo a : page) {
        rows.add(new Row(a, State.of(a, viewer.now()), open.getOrDefault(a.id(), List.of())));
      }
      if (page.size() < 1000) {
        break;
      }
      after = page.get(page.size() - 1).id();
    }
    return rows;
  }

  private static Listing<Row> listing(Viewer viewer) {
    List<Column<Row>> columns = new ArrayList<>();
    columns.add(
        Column.of(
            "id",
            "Agent",
            r -> r.agent().id(),
            r -> Html.link("/agents/" + Html.url(r.agent().id()), r.agent().id())));
    columns.add(Column.text("kind", "Kind", r -> kind(r.agent())));
    if (viewer.provider()) {
      columns.add(Column.text("customer", "Customer", r -> r.agent().tenant().value()));
    }
    columns.add(Column.text("site", "Site", r -> r.agent().site().value()));
    columns.add(
        Column.of("state", "State", r -> r.state().label, r -> stateLabel(r, viewer.now())));
    // whether an agent keeps up, beside its state: seen at 1280 px without scrolling sideways
    columns.add(
        Column.of(
            "syncWindow",
            "Sync window",
            r -> syncWindow(r).orElse(null),
            r -> wrapped(notReported(syncWindow(r)))));
    columns.add(
        Column.of(
            "backlog",
            "Backlog",
            r -> backlog(r).orElse(null),
            r -> wrapped(notReported(backlog(r)))));
    columns.add(
        Column.time("lastContact", "Last contact", r -> r.agent().lastContact().orElse(null)));
    columns.add(
        Column.<Row>of(
                "devicesReported",
                "Devices reported",
                r -> r.agent().devicesReported(),
                r -> Html.count(r.agent().devicesReported()))
            .asNumber());
    columns.add(
        Column.<Row>of(
                "openIncidents",
                "Open incidents",
                r -> r.openIncidents().size(),
                r ->
                    r.openIncidents().isEmpty()
                        ? "0"
                        : "<span class=\"bad\">" + Html.count(r.openIncidents().size()) + "</span>")
            .asNumber());
    columns.add(
        Column.of(
            "host",
            "Host",
            r -> r.fact(SiteFacts::hostName).orElse(null),
            r -> siteFact(r, r.fact(SiteFacts::hostName))));
    columns.add(
        Column.of(
            "address",
            "Address",
            r -> r.fact(SiteFacts::agentAddress).orElse(null),
            r -> siteFact(r, r.fact(SiteFacts::agentAddress))));
    columns.add(
        Column.of(
            "os",
            "System",
            r -> system(r.facts()).orElse(null),
            r -> siteFact(r, system(r.facts()))));
    columns.add(
        Column.of(
            "diskFree",
            "Disk free",
            r -> r.fact(SiteFacts::diskFreeBytes).orElse(null),
            r -> r.facts().isEmpty() ? noSiteInformation() : disk(r.facts().get())));
    columns.add(
        Column.of(
            "version",
            "Version",
            r -> version(r.agent()).orElse(null),
            r -> Html.text(version(r.agent()))));
    columns.add(Column.time("revokedAt", "Revoked", r -> r.agent().revokedAt().orElse(null)));
    return new Listing<>("agents", "Agents and Device Direct credentials", columns)
        .rows(
            r ->
                "data-agent=\""
                    + Html.escape(r.agent().id())
                    + "\" data-state=\""
                    + r.state().name()
                    + "\"");
  }

  static String kind(AgentInfo a) {
    return switch (a.kind()) {
      case agent -> "agent";
      case device -> "Device Direct";
    };
  }

  /** The version from the last contact, else the one in the site information. */
  static Optional<String> version(AgentInfo a) {
    return a.version().or(() -> a.siteInformation().map(s -> s.facts().agentVersion()));
  }

  private static String stateLabel(Row r, Instant now) {
    String detail = "";
    if (r.state() == State.outOfTouch) {
      detail =
          r.agent().lastContact().isEmpty()
              ? ": never called in"
              : ": silent " + age(Duration.between(r.agent().lastContact().get(), now));
    }
    return "<span class=\"" + r.state().css + "\">" + r.state().label + detail + "</span>";
  }

  /** A duration in whole days and hours, or hours and minutes under a day: {@code 3 d 1 h}. */
  static String age(Duration d) {
    if (d.isNegative()) {
      return "0 min";
    }
    long days = d.toDays();
    long hours = d.toHoursPart();
    if (days > 0) {
      return days + " d" + (hours > 0 ? " " + hours + " h" : "");
    }
    return hours > 0 ? hours + " h " + d.toMinutesPart() + " min" : d.toMinutesPart() + " min";
  }

  /**
   * When the agent syncs, as its site information reports it (since schema {@code
   * openrps.report/7}): {@code daily at 02:00 Europe/Paris, polls every 2 h; next 2026-12-04 01:00
   * UTC}. Empty ("not reported") without such facts: an agent of an older version, or one that runs
   * on no schedule (a single run, or disabled by the server).
   */
  static Optional<String> syncWindow(Row r) {
    return r.facts().flatMap(AgentsSection::syncWindow);
  }

  static Optional<String> syncWindow(SiteFacts f) {
    List<String> parts = new ArrayList<>();
    f.syncAt()
        .ifPresent(
            at -> parts.add("daily at " + at + f.syncTimeZone().map(z -> " " + z).orElse("")));
    f.pollEverySeconds().ifPresent(s -> parts.add("polls every " + every(Duration.ofSeconds(s))));
    String text = String.join(", ", parts);
    if (f.nextSyncAt().isPresent()) {
      text += (text.isEmpty() ? "" : "; ") + "next " + Html.timeText(f.nextSyncAt().get());
    }
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** A period in hours, minutes and seconds, the parts that are not 0: {@code 1 h 30 min}. */
  static String every(Duration d) {
    List<String> parts = new ArrayList<>();
    if (d.toHours() > 0) {
      parts.add(d.toHours() + " h");
    }
    if (d.toMinutesPart() > 0) {
      parts.add(d.toMinutesPart() + " min");
    }
    if (d.toSecondsPart() > 0 || parts.isEmpty()) {
      parts.add(d.toSecondsPart() + " s");
    }
    return String.join(" ", parts);
  }

  /**
   * The readings waiting in the agent's outbox for the server's acknowledgement, as its site
   * information reports them (since schema {@code openrps.report/7}): {@code 1,234 readings (2.1
   * MiB), oldest 3 d 4 h old}, the age as of when the agent collected the facts; {@code none
   * waiting} for 0. Empty ("not reported") for an agent of an older version.
   */
  static Optional<String> backlog(Row r) {
    return r.facts().flatMap(AgentsSection::backlog);
  }

  static Optional<String> backlog(SiteFacts f) {
    if (f.backlogReadings().isEmpty()) {
      return Optional.empty();
    }
    long n = f.backlogReadings().get();
    if (n == 0) {
      return Optional.of("none waiting");
    }
    StringBuilder text = new StringBuilder(Html.count(n)).append(n == 1 ? " reading" : " readings");
    f.backlogBytes().ifPresent(b -> text.append(" (").append(byteText(b)).append(')'));
    f.backlogOldest()
        .ifPresent(
            oldest ->
                text.append(", oldest ")
                    .append(age(Duration.between(oldest, f.collectedAt())))
                    .append(" old"));
    return Optional.of(text.toString());
  }

  /** A cell's markup that wraps rather than widen the table. */
  private static String wrapped(String html) {
    return "<span class=\"wrap\">" + html + "</span>";
  }

  private static String notReported(Optional<String> value) {
    return value.map(Html::escape).orElse("<span class=\"muted\">" + NOT_REPORTED + "</span>");
  }

  private static String noSiteInformation() {
    return "<span class=\"muted\">" + NOT_REPORTED + "</span>";
  }

  /** A site fact, "unknown" when the agent could not read it, "not reported" without facts. */
  private static String siteFact(Row r, Optional<String> value) {
    return r.facts().isEmpty() ? noSiteInformation() : Html.text(value);
  }

  /** {@code Linux 6.1.0 amd64 (64-bit)}, from what is known. */
  static Optional<String> system(Optional<SiteFacts> facts) {
    if (facts.isEmpty()) {
      return Optional.empty();
    }
    SiteFacts f = facts.get();
    List<String> parts = new ArrayList<>();
    f.osName().ifPresent(parts::add);
    f.osVersion().ifPresent(parts::add);
    f.osArch().ifPresent(parts::add);
    f.osBits().ifPresent(b -> parts.add("(" + b + "-bit)"));
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", parts));
  }

  /** The free space and its share of the disk: {@code 9.3 GiB of 93.1 GiB (10 %)}. */
  static String disk(SiteFacts f) {
    if (f.diskFreeBytes().isEmpty()) {
      return Html.UNKNOWN;
    }
    long free = f.diskFreeBytes().get();
    if (f.diskBytes().isEmpty() || f.diskBytes().get() == 0) {
      return bytes(free);
    }
    long size = f.diskBytes().get();
    double share = 100.0 * free / size;
    return "<span"
        + (share < 10 ? " class=\"low\"" : "")
        + ">"
        + bytes(free)
        + " of "
        + bytes(size)
        + " ("
        + Html.percent(share)
        + ")</span>";
  }

  /** A size in binary units with the exact count of bytes in its title. */
  static String bytes(long n) {
    return "<span title=\"" + Html.count(n) + " bytes\">" + byteText(n) + "</span>";
  }

  /** A size in binary units, as text: {@code 812 bytes}, {@code 2.1 MiB}. */
  static String byteText(long n) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? Html.count(n) + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  private Response list(Viewer viewer, Request request) {
    Query q = Query.of(request);
    List<Row> all = rows(viewer);
    List<Row> matching = all.stream().filter(q::matches).toList();
    int from = Math.min((q.page() - 1) * PAGE_SIZE, matching.size());
    List<Row> page = matching.subList(from, Math.min(from + PAGE_SIZE, matching.size()));
    long outOfTouch = all.stream().filter(r -> r.state() == State.outOfTouch).count();
    long live = all.stream().filter(r -> r.state() != State.revoked).count();
    long withIncidents = all.stream().filter(r -> !r.openIncidents().isEmpty()).count();
    StringBuilder body = new StringBuilder("<h1>Agents</h1>");
    body.append("<ul class=\"cards\" aria-label=\"Agent figures\">")
        .append(
            card(
                "card-live",
                Html.count(live),
                "agents and devices not revoked",
                "/agents?state=live"))
        .append(
            card(
                "card-out-of-touch",
                Html.count(outOfTouch),
                "out of touch (no contact for " + OverviewSection.OUT_OF_TOUCH.toHours() + " h)",
                "/agents?state=outOfTouch"))
        .append(
            card(
                "card-agent-incidents",
                Html.count(withIncidents),
                "with an open incident",
                "/incidents"))
        .append("</ul>");
    body.append(filters(viewer, q));
    body.append("<div class=\"actions\"><p id=\"agent-count\" class=\"muted\">")
        .append(
            matching.isEmpty()
                ? "No agent matches."
                : Html.count(from + 1)
                    + "–"
                    + Html.count(from + page.size())
                    + " of "
                    + Html.count(matching.size())
                    + (matching.size() == 1 ? " agent" : " agents"))
        .append("</p><a id=\"agents-csv\" href=\"/agents.csv")
        .append(Html.escape(q.with("page", "")))
        .append("\">Download CSV</a></div>");
    body.append(listing(viewer).html(page, "No agent or device matches these filters."));
    body.append(
        OpsForms.links("/agents", q.page(), matching.size(), PAGE_SIZE, p -> q.with("page", p)));
    body.append(
        "<p class=\"muted\" id=\"agents-note\">The sync window and the backlog (readings"
            + " still waiting for the server besides those of the agent's last report) show what"
            + " an agent's site information reports; older agents do not send them, and an agent"
            + " running on no schedule has no sync window: \"not reported\". An agent syncs at"
            + " least daily: with no contact for "
            + OverviewSection.OUT_OF_TOUCH.toHours()
            + " h it is out of touch.</p>");
    return Response.html(200, Layout.page(viewer, "/agents", "Agents", body.toString()));
  }

  private static String card(String id, String figure, String what, String href) {
    return "<li id=\""
        + id
        + "\"><a href=\""
        + Html.escape(href)
        + "\"><span class=\"figure\">"
        + figure
        + "</span><span class=\"what\">"
        + Html.escape(what)
        + "</span></a></li>";
  }

  private String filters(Viewer viewer, Query q) {
    StringBuilder f =
        new StringBuilder(
            "<form class=\"filters\" method=\"get\" action=\"/agents\" role=\"search\">");
    f.append("<label>Search<input type=\"search\" name=\"q\" id=\"q\" value=\"")
        .append(Html.escape(q.text()))
        .append("\" placeholder=\"id, site, host, address\"></label>");
    if (viewer.provider()) {
      f.append("<label>Customer<select name=\"customer\" id=\"customer\">")
          .append(DevicesSection.option("", "All customers", q.customer()));
      for (Customer c : customers.list(viewer.scope(), "", 10_000)) {
        f.append(
            DevicesSection.option(
                c.id().value(), c.name() + " (" + c.id().value() + ")", q.customer()));
      }
      f.append("</select></label>");
    }
    f.append("<label>State<select name=\"state\" id=\"state\">")
        .append(DevicesSection.option("", "Any", q.state()));
    STATES.forEach((k, v) -> f.append(DevicesSection.option(k, v, q.state())));
    f.append("</select></label>");
    f.append("<button type=\"submit\">Show</button> <a href=\"/agents\">Clear</a></form>");
    return f.toString();
  }

  private Response csv(Viewer viewer, Request request) {
    Query q = Query.of(request);
    return listing(viewer).csv("agents.csv", rows(viewer).stream().filter(q::matches).toList());
  }

  private Row row(Viewer viewer, String id) {
    AgentInfo a =
        agents
            .find(viewer.scope(), id)
            .orElseThrow(() -> ApiException.notFound("no agent " + id + " here"));
    List<AgentIncident> open =
        incidents.agentIncidents(viewer.scope(), true, MAX_READ).stream()
            .filter(i -> i.agentId().equals(a.id()))
            .toList();
    return new Row(a, State.of(a, viewer.now()), open);
  }

  private Response agent(Viewer viewer, Request request) {
    Row r = row(viewer, request.pathParam("agent"));
    AgentInfo a = r.agent();
    StringBuilder body = new StringBuilder();
    body.append("<p><a href=\"/agents\">All agents</a></p>");
    body.append("<h1>")
        .append(a.kind() == org.openrps.server.store.ClientKind.agent ? "Agent " : "Device Direct ")
        .append(Html.escape(a.id()))
        .append("</h1>");
    if (request.query("revoked").isPresent() && r.state() == State.revoked) {
      body.append(
          "<p class=\"notice\" role=\"status\" id=\"notice\">Revoked: its credential no longer"
              + " works; to bring it back, enrol it again with a new code.</p>");
    }
    body.append("<div class=\"grid2\"><section aria-labelledby=\"h-credential\">")
        .append(
            "<h2 id=\"h-credential\">Credential and contact</h2><dl class=\"facts\" id=\"credential\">");
    fact(body, "Kind", Html.escape(kind(a)));
    fact(body, "Customer", Html.escape(a.tenant().value()));
    fact(body, "Site", Html.escape(a.site().value()));
    fact(body, "State", stateLabel(r, viewer.now()));
    fact(body, "Last contact", Html.time(a.lastContact()));
    fact(body, "Version", Html.text(version(a)));
    fact(body, "Devices reported", Html.count(a.devicesReported()));
    fact(body, "Sync window", notReported(syncWindow(r)));
    fact(body, "Backlog", notReported(backlog(r)));
    fact(body, "Credential changed", Html.time(a.updatedAt()));
    fact(body, "Revoked", a.revokedAt().map(Html::time).orElse("no"));
    body.append("</dl></section>");
    body.append("<section aria-labelledby=\"h-site\"><h2 id=\"h-site\">Site information</h2>");
    if (a.siteInformation().isEmpty()) {
      body.append(
          "<p class=\"muted\" id=\"site-facts-none\">"
              + (a.kind() == org.openrps.server.store.ClientKind.agent
                  ? "This agent has not sent site information yet."
                  : "A Device Direct device sends no site information.")
              + "</p>");
    } else {
      body.append(siteFacts(a.siteInformation().get()));
    }
    body.append("</section></div>");
    body.append("<h2>Open incidents</h2>");
    List<Column<AgentIncident>> columns =
        List.of(
            Column.time("openedAt", "Opened", AgentIncident::openedAt),
            Column.text("severity", "Severity", AgentIncident::severity),
            Column.text("code", "Code", AgentIncident::code),
            Column.text("description", "Description", AgentIncident::description));
    body.append(
        new Listing<>("agent-incidents", "Open incidents of this agent", columns)
            .html(r.openIncidents(), "No open incident."));
    if (viewer.canChange() && r.state() != State.revoked) {
      body.append("<h2>Revoke</h2>")
          .append("<form class=\"stacked\" method=\"post\" action=\"/agents/")
          .append(Html.escape(Html.url(a.id())))
          .append("/revoke\" id=\"revoke-form\">")
          .append(viewer.csrfField())
          .append(
              "<p>Revoking refuses its credential at once: it can no longer send readings or"
                  + " fetch commands. Its devices and their history stay. To bring it back, enrol"
                  + " it again with a new code.</p>")
          .append("<button type=\"submit\" class=\"danger\" id=\"revoke\">Revoke ")
          .append(Html.escape(a.id()))
          .append(" now</button></form>");
    }
    return Response.html(200, Layout.page(viewer, "/agents", "Agent " + a.id(), body.toString()));
  }

  private static void fact(StringBuilder out, String name, String html) {
    out.append("<dt>").append(Html.escape(name)).append("</dt><dd>").append(html).append("</dd>");
  }

  /** Every fact the agent sent, "unknown" for those it could not read. */
  static String siteFacts(AgentSite site) {
    SiteFacts f = site.facts();
    StringBuilder out = new StringBuilder("<dl class=\"facts\" id=\"site-facts\">");
    fact(out, "Collected", Html.time(f.collectedAt()));
    fact(out, "Received", Html.time(site.receivedAt()));
    fact(out, "Agent version", Html.escape(f.agentVersion()));
    fact(out, "Host name", Html.text(f.hostName()));
    fact(out, "Site name", Html.text(f.siteName()));
    fact(out, "Agent address", Html.text(f.agentAddress()));
    fact(out, "Operating system", Html.text(system(Optional.of(f))));
    fact(out, "Processor", Html.text(f.processor()));
    fact(
        out, "Processors", f.processors().map(n -> Html.count(n.longValue())).orElse(Html.UNKNOWN));
    fact(out, "Memory", sizeWithFree(f.memoryBytes(), f.memoryFreeBytes()));
    fact(out, "Disk", sizeWithFree(f.diskBytes(), f.diskFreeBytes()));
    fact(out, "Time zone", Html.text(f.timeZone()));
    fact(out, "Agent database", f.databaseBytes().map(AgentsSection::bytes).orElse(Html.UNKNOWN));
    fact(
        out,
        "Discovery data",
        f.discoveryDataBytes().map(AgentsSection::bytes).orElse(Html.UNKNOWN));
    fact(out, "Devices discovered", count(f.devicesDiscovered()));
    fact(out, "Printers managed", count(f.printersManaged()));
    fact(out, "Out of scope", count(f.printersOutOfScope()));
    fact(out, "Discovery rules", Html.text(f.discoveryRulesVersion()));
    fact(out, "Report", Html.escape(site.reportId()));
    return out.append("</dl>").toString();
  }

  private static String count(Optional<Integer> n) {
    return n.map(v -> Html.count(v.longValue())).orElse(Html.UNKNOWN);
  }

  private static String sizeWithFree(Optional<Long> size, Optional<Long> free) {
    if (size.isEmpty() && free.isEmpty()) {
      return Html.UNKNOWN;
    }
    return size.map(AgentsSection::bytes).orElse(Html.UNKNOWN)
        + ", "
        + free.map(AgentsSection::bytes).orElse(Html.UNKNOWN)
        + " free";
  }

  private Response revoke(Viewer viewer, Request request) {
    viewer.user().requireChange();
    String id = request.pathParam("agent");
    enrolment.revoke(viewer.scope(), viewer.user().username(), id);
    return Response.redirect("/agents/" + Html.url(id) + "?revoked=1");
  }
}
