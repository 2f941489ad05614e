package org.openrps.server.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.openrps.server.accounts.Customer;
import org.openrps.server.accounts.CustomerRepository;
import org.openrps.server.agents.AgentInfo;
import org.openrps.server.agents.AgentRepository;
import org.openrps.server.amr.Amr;
import org.openrps.server.asr.AsrRepository;
import org.openrps.server.fleet.DeviceFilter;
import org.openrps.server.fleet.DeviceQuery;
import org.openrps.server.fleet.DeviceRepository;
import org.openrps.server.fleet.DeviceSort;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.incidents.IncidentRepository;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;

/**
 * {@code /}: the fleet at a glance. Devices by status, open incidents by severity, low supplies and
 * open orders, agents out of touch, and devices whose reading would be missing at the next billing
 * close. A customer's user sees their fleet; a provider admin sees every customer in one table,
 * with the totals, and each customer's own overview at {@code /?customer=ID}.
 */
public final class OverviewSection implements DashboardSection {

  /** A supply below this share is low. */
  static final double LOW_SUPPLY = 10;

  /** An agent that has not synced for this long is out of touch (it syncs at least daily). */
  static final Duration OUT_OF_TOUCH = Duration.ofHours(36);

  /** The most rows read from a list to count it. */
  static final int MAX_COUNTED = 100_000;

  private final DeviceRepository devices;
  private final IncidentRepository incidents;
  private final AsrRepository orders;
  private final AgentRepository agents;
  private final Amr amr;
  private final CustomerRepository customers;

  public OverviewSection(
      DeviceRepository devices,
      IncidentRepository incidents,
      AsrRepository orders,
      AgentRepository agents,
      Amr amr,
      CustomerRepository customers) {
    this.devices = Objects.requireNonNull(devices, "devices");
    this.incidents = Objects.requireNonNull(incidents, "incidents");
    this.orders = Objects.requireNonNull(orders, "orders");
    this.agents = Objects.requireNonNull(agents, "agents");
    this.amr = Objects.requireNonNull(amr, "amr");
    this.customers = Objects.requireNonNull(customers, "customers");
  }

  @Override
  public void pages(PageRoutes routes) {
    routes.get("/", this::overview);
  }

  /** One customer's figures. {@code missedReads} is empty when it has no billing schedule. */
  record Figures(
      TenantId customer,
      String name,
      long devices,
      Map<String, Long> byStatus,
      long unseenDay,
      long lowSupplies,
      Map<String, Long> incidentsBySeverity,
      long openOrders,
      long agentsOutOfTouch,
      long agents,
      Optional<Long> missedReads,
      Optional<Instant> nextCutOff) {

    long incidents() {
      return incidentsBySeverity.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private long count(Scope scope, DeviceFilter filter) {
    return devices
        .search(scope, new DeviceQuery(filter, "", DeviceSort.make, false, 0, 1))
        .matching();
  }

  private Figures figures(Viewer viewer, Customer customer) {
    Scope scope = viewer.scope();
    TenantId id = customer.id();
    DeviceFilter mine =
        new DeviceFilter(
            Optional.of(id),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            OptionalDouble.empty(),
            Optional.empty());
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (String status : DevicesSection.STATUSES) {
      long n =
          count(
              scope,
              new DeviceFilter(
                  Optional.of(id),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.of(status),
                  OptionalDouble.empty(),
                  Optional.empty()));
      if (n > 0) {
        byStatus.put(status, n);
      }
    }
    long unseen =
        count(
            scope,
            new DeviceFilter(
                Optional.of(id),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalDouble.empty(),
                Optional.of(viewer.now().minus(Duration.ofDays(1)))));
    long low =
        count(
            scope,
            new DeviceFilter(
                Optional.of(id),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalDouble.of(LOW_SUPPLY),
                Optional.empty()));
    Map<String, Long> bySeverity = new LinkedHashMap<>();
    for (String s : List.of("critical", "warning", "minor")) {
      bySeverity.put(s, 0L);
    }
    Scope own = Scope.customer(id);
    incidents
        .list(own, true, MAX_COUNTED)
        .forEach(i -> bySeverity.merge(i.severity(), 1L, Long::sum));
    incidents
        .agentIncidents(own, true, MAX_COUNTED)
        .forEach(i -> bySeverity.merge(i.severity(), 1L, Long::sum));
    long openOrders = orders.list(own, Optional.of("open"), MAX_COUNTED).size();
    List<AgentInfo> own_agents = agents.list(own, "", MAX_COUNTED);
    long outOfTouch =
        own_agents.stream()
            .filter(a -> a.revokedAt().isEmpty())
            .filter(
                a ->
                    a.lastContact().isEmpty()
                        || a.lastContact().get().isBefore(viewer.now().minus(OUT_OF_TOUCH)))
            .count();
    long live = own_agents.stream().filter(a -> a.revokedAt().isEmpty()).count();
    Optional<Amr.MissedReads> missed = amr.missedReads(own, id, viewer.now());
    return new Figures(
        id,
        customer.name(),
        count(scope, mine),
        byStatus,
        unseen,
        low,
        bySeverity,
        openOrders,
        outOfTouch,
        live,
        missed.map(m -> (long) m.devices().size()),
        missed.map(Amr.MissedReads::cutOff));
  }

  private Response overview(Viewer viewer, Request request) {
    Optional<String> wanted = request.query("customer").filter(c -> !c.isBlank());
    List<Customer> visible = new ArrayList<>();
    if (viewer.provider() && wanted.isEmpty()) {
      visible.addAll(customers.list(viewer.scope(), "", 10_000));
    } else {
      TenantId id = wanted.map(DashboardText::tenant).orElse(viewer.user().tenant());
      visible.add(customers.find(viewer.scope(), id).orElseGet(() -> new Customer(id, id.value())));
    }
    List<Figures> all = visible.stream().map(c -> figures(viewer, c)).toList();
    StringBuilder body = new StringBuilder();
    if (all.size() == 1) {
      Figures f = all.get(0);
      body.append("<h1>Overview · ").append(Html.escape(f.name())).append("</h1>");
      if (viewer.provider()) {
        body.append("<p><a href=\"/\">All customers</a></p>");
      }
      body.append(cards(f, "?customer=" + Html.url(f.customer().value())));
      body.append(statusTable(f));
    } else {
      body.append("<h1>Overview · all customers</h1>");
      Figures total = total(all);
      body.append(cards(total, ""));
      body.append(customerTable(all));
      body.append(statusTable(total));
    }
    return Response.html(200, Layout.page(viewer, "/", "Overview", body.toString()));
  }

  private static Figures total(List<Figures> all) {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    Map<String, Long> bySeverity = new LinkedHashMap<>();
    long devices = 0, unseen = 0, low = 0, open = 0, outOfTouch = 0, agents = 0, missed = 0;
    boolean anyMissed = false;
    Optional<Instant> next = Optional.empty();
    for (Figures f : all) {
      devices += f.devices();
      unseen += f.unseenDay();
      low += f.lowSupplies();
      open += f.openOrders();
      outOfTouch += f.agentsOutOfTouch();
      agents += f.agents();
      f.byStatus().forEach((k, v) -> byStatus.merge(k, v, Long::sum));
      f.incidentsBySeverity().forEach((k, v) -> bySeverity.merge(k, v, Long::sum));
      if (f.missedReads().isPresent()) {
        anyMissed = true;
        missed += f.missedReads().get();
      }
      if (f.nextCutOff().isPresent()
          && (next.isEmpty() || f.nextCutOff().get().isBefore(next.get()))) {
        next = f.nextCutOff();
      }
    }
    return new Figures(
        TenantId.of("all"),
        "all customers",
        devices,
        byStatus,
        unseen,
        low,
        bySeverity,
        open,
        outOfTouch,
        agents,
        anyMissed ? Optional.of(missed) : Optional.empty(),
        next);
  }

  private static String card(String id, String figure, String what, String href) {
    String inner =
        "<span class=\"figure\">" + figure + "</span><span class=\"what\">" + what + "</span>";
    return "<li id=\""
        + id
        + "\">"
        + (href == null ? inner : "<a href=\"" + Html.escape(href) + "\">" + inner + "</a>")
        + "</li>";
  }

  private static String cards(Figures f, String customerQuery) {
    String and = customerQuery.isEmpty() ? "?" : customerQuery + "&";
    StringBuilder out = new StringBuilder("<ul class=\"cards\" aria-label=\"Fleet figures\">");
    out.append(
        card("card-devices", Html.count(f.devices()), "devices", "/devices" + customerQuery));
    out.append(
        card(
            "card-unseen",
            Html.count(f.unseenDay()),
            "not seen for a day",
            "/devices" + and + "unseen=1d"));
    out.append(
        card(
            "card-incidents",
            Html.count(f.incidents()),
            "open incidents: " + severities(f.incidentsBySeverity()),
            "/incidents" + customerQuery));
    out.append(
        card(
            "card-low",
            Html.count(f.lowSupplies()),
            "devices with a supply below " + Math.round(LOW_SUPPLY) + " %",
            "/devices" + and + "low=" + Math.round(LOW_SUPPLY)));
    out.append(card("card-orders", Html.count(f.openOrders()), "supply orders open", "/orders"));
    out.append(
        card(
            "card-agents",
            Html.count(f.agentsOutOfTouch()),
            "of " + Html.count(f.agents()) + " agents out of touch for 36 h",
            "/agents"));
    out.append(
        card(
            "card-missed",
            f.missedReads().map(Html::count).orElse(Html.UNKNOWN),
            f.missedReads().isEmpty()
                ? "reads missing: no billing schedule"
                : "reads missing before the close "
                    + f.nextCutOff().map(Html::time).orElse(Html.UNKNOWN),
            "/meter-reads" + customerQuery));
    return out.append("</ul>").toString();
  }

  private static String severities(Map<String, Long> bySeverity) {
    List<String> parts = new ArrayList<>();
    bySeverity.forEach((k, v) -> parts.add(Html.count(v) + " " + Html.escape(k)));
    return String.join(", ", parts);
  }

  private static String statusTable(Figures f) {
    List<Column<Map.Entry<String, Long>>> columns =
        List.of(
            Column.text("status", "Status", Map.Entry::getKey),
            Column.count("devices", "Devices", Map.Entry::getValue));
    return "<h2>Devices by status</h2>"
        + new Listing<>("by-status", "Devices by printer status", columns)
            .html(new ArrayList<>(f.byStatus().entrySet()), "No device has reported yet.");
  }

  private static String customerTable(List<Figures> all) {
    List<Column<Figures>> columns =
        List.of(
            Column.of(
                "customer",
                "Customer",
                f -> f.customer().value(),
                f -> Html.link("/?customer=" + Html.url(f.customer().value()), f.name())),
            Column.count("devices", "Devices", Figures::devices),
            Column.count("unseen", "Not seen for a day", Figures::unseenDay),
            Column.count("incidents", "Open incidents", Figures::incidents),
            Column.<Figures>of(
                    "critical",
                    "Critical",
                    f -> f.incidentsBySeverity().getOrDefault("critical", 0L),
                    f -> Html.count(f.incidentsBySeverity().getOrDefault("critical", 0L)))
                .asNumber(),
            Column.count("low", "Low supplies", Figures::lowSupplies),
            Column.count("orders", "Orders open", Figures::openOrders),
            Column.count("agentsOut", "Agents out of touch", Figures::agentsOutOfTouch),
            Column.<Figures>of(
                    "missed",
                    "Reads missing",
                    f -> f.missedReads().orElse(null),
                    f -> f.missedReads().map(Html::count).orElse(Html.UNKNOWN))
                .asNumber());
    return "<h2>Customers</h2>"
        + new Listing<>("customers", "Figures per customer", columns)
            .rows(f -> "data-customer=\"" + Html.escape(f.customer().value()) + "\"")
            .html(all, "No customer yet.");
  }
}
