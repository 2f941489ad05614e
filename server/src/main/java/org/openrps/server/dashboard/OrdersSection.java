package org.openrps.server.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openrps.server.accounts.Customer;
import org.openrps.server.accounts.CustomerRepository;
import org.openrps.server.asr.AsrRepository;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;

/**
 * {@code /orders}: the supply orders that automatic replenishment raised, newest first, filtered by
 * state (open, closed, all) and, for a provider admin, by customer; then the misses, supplies that
 * ran empty with no order raised before. The same orders as {@code /orders.csv}.
 */
public final class OrdersSection implements DashboardSection {

  /** The most orders a page shows (the CSV holds up to {@link #MAX_CSV}). */
  static final int MAX_SHOWN = 1_000;

  static final int MAX_CSV = 100_000;

  /** The most misses a page shows. */
  static final int MAX_MISSES = 200;

  static final List<String> STATES = List.of("open", "closed", "all");

  private final AsrRepository orders;
  private final CustomerRepository customers;

  public OrdersSection(AsrRepository orders, CustomerRepository customers) {
    this.orders = Objects.requireNonNull(orders, "orders");
    this.customers = Objects.requireNonNull(customers, "customers");
  }

  @Override
  public void pages(PageRoutes routes) {
    routes.get("/orders", this::page);
    routes.get("/orders.csv", this::csv);
  }

  /** The page's filters as its form and links carry them. */
  record Query(String state, Optional<Customer> customer) {

    static Query of(Viewer viewer, CustomerRepository customers, Request r) {
      String state = r.query("state").orElse("open").strip();
      if (!STATES.contains(state)) {
        throw ApiException.badRequest("state must be open, closed or all, not " + state);
      }
      return new Query(state, CustomerChoice.of(viewer, customers, r.query("customer").orElse("")));
    }

    Optional<String> stored() {
      return state.equals("all") ? Optional.empty() : Optional.of(state);
    }

    Scope scope(Viewer viewer) {
      return CustomerChoice.scope(viewer, customer);
    }

    String string() {
      return CustomerChoice.query(
          CustomerChoice.param("state", state),
          CustomerChoice.param("customer", customer.map(c -> c.id().value()).orElse("")));
    }
  }

  /**
   * The forecast's days to empty as a band, "8–12 days" (the pessimistic and optimistic ends,
   * rounded down and up); one end when they meet; null when the order had no rate (a threshold).
   */
  static String daysBand(AsrRepository.Order o) {
    if (o.daysLow().isEmpty() || !Double.isFinite(o.daysLow().get())) {
      return null;
    }
    long low = (long) Math.floor(Math.max(0, o.daysLow().get()));
    if (o.daysHigh().isEmpty() || !Double.isFinite(o.daysHigh().get())) {
      return "at least " + Html.count(low) + (low == 1 ? " day" : " days");
    }
    long high = (long) Math.ceil(Math.max(o.daysLow().get(), o.daysHigh().get()));
    if (high == low) {
      return Html.count(low) + (low == 1 ? " day" : " days");
    }
    return Html.count(low) + "–" + Html.count(high) + " days";
  }

  private static String device(AsrRepository.Order o) {
    return Html.link(
        Links.device(TenantId.of(o.tenant()), o.make(), o.serial()), o.make() + " " + o.serial());
  }

  static Listing<AsrRepository.Order> listing(Viewer viewer) {
    List<Column<AsrRepository.Order>> columns = new ArrayList<>();
    columns.add(Column.time("raisedAt", "Raised", AsrRepository.Order::raisedAt));
    if (viewer.provider()) {
      columns.add(Column.text("customer", "Customer", AsrRepository.Order::tenant));
      columns.add(Column.text("site", "Site", AsrRepository.Order::site));
    }
    columns.add(Column.text("make", "Make", AsrRepository.Order::make));
    columns.add(Column.of("serial", "Device", AsrRepository.Order::serial, OrdersSection::device));
    columns.add(Column.text("supply", "Supply", AsrRepository.Order::description));
    columns.add(
        Column.of(
            "partNumber",
            "Part number",
            o -> o.partNumber().orElse(null),
            o -> Html.text(o.partNumber())));
    columns.add(Column.count("quantity", "Quantity", o -> (long) o.quantity()));
    columns.add(
        Column.<AsrRepository.Order>of(
                "levelPercent",
                "Level",
                o -> o.levelPercent().map(p -> Math.round(p)).orElse(null),
                o -> o.levelPercent().map(Html::percent).orElse(Html.UNKNOWN))
            .asNumber());
    columns.add(
        Column.of(
            "daysToEmpty",
            "Days to empty",
            OrdersSection::daysBand,
            o -> {
              String band = daysBand(o);
              return band == null ? Html.UNKNOWN : Html.escape(band);
            }));
    columns.add(
        Column.of(
            "state",
            "State",
            AsrRepository.Order::state,
            o ->
                o.state().equals("open")
                    ? "<span class=\"low\">open</span>"
                    : "<span class=\"ok\">" + Html.escape(o.state()) + "</span>"));
    columns.add(Column.text("reason", "Reason", AsrRepository.Order::reason));
    columns.add(Column.time("closedAt", "Closed", o -> o.closedAt().orElse(null)));
    columns.add(Column.text("closedBecause", "Closed because", o -> o.closedBecause().orElse("")));
    return new Listing<>("orders", "Supply orders, newest first", columns)
        .rows(
            o ->
                "data-id=\""
                    + Html.escape(o.id())
                    + "\" data-serial=\""
                    + Html.escape(o.serial())
                    + "\"");
  }

  static Listing<AsrRepository.Miss> misses(Viewer viewer) {
    List<Column<AsrRepository.Miss>> columns = new ArrayList<>();
    if (viewer.provider()) {
      columns.add(Column.text("customer", "Customer", AsrRepository.Miss::tenant));
    }
    columns.add(Column.text("make", "Make", AsrRepository.Miss::make));
    columns.add(
        Column.of(
            "serial",
            "Device",
            AsrRepository.Miss::serial,
            m ->
                Html.link(
                    Links.device(TenantId.of(m.tenant()), m.make(), m.serial()),
                    m.make() + " " + m.serial())));
    columns.add(Column.text("supply", "Supply", AsrRepository.Miss::description));
    columns.add(Column.time("emptyAt", "Ran empty", AsrRepository.Miss::emptyAt));
    return new Listing<>("misses", "Supplies that ran empty without an order", columns)
        .rows(m -> "data-serial=\"" + Html.escape(m.serial()) + "\"");
  }

  private Response page(Viewer viewer, Request request) {
    Query q = Query.of(viewer, customers, request);
    List<AsrRepository.Order> list = orders.list(q.scope(viewer), q.stored(), MAX_SHOWN + 1);
    boolean more = list.size() > MAX_SHOWN;
    if (more) {
      list = list.subList(0, MAX_SHOWN);
    }
    StringBuilder body = new StringBuilder("<h1>Supply orders</h1>");
    body.append("<form class=\"filters\" method=\"get\" action=\"/orders\">")
        .append("<label>State<select name=\"state\" id=\"state\">");
    for (String s : STATES) {
      body.append(
          DevicesSection.option(
              s, s.equals("all") ? "All" : s.equals("open") ? "Open" : "Closed", q.state()));
    }
    body.append("</select></label>")
        .append(
            CustomerChoice.select(
                viewer,
                customers,
                q.customer().map(c -> c.id().value()).orElse(""),
                Optional.of("All customers")))
        .append("<button type=\"submit\">Show</button> <a href=\"/orders\">Clear</a></form>");
    body.append("<div class=\"actions\"><p class=\"muted\" id=\"order-count\">")
        .append(
            list.isEmpty()
                ? "No order."
                : (more ? "The newest " : "")
                    + Html.count(list.size())
                    + (list.size() == 1 ? " order" : " orders")
                    + (more ? "; the CSV holds them all." : ""))
        .append("</p><a id=\"orders-csv\" href=\"/orders.csv")
        .append(Html.escape(q.string()))
        .append("\">Download CSV</a></div>");
    String empty =
        switch (q.state()) {
          case "open" -> "No supply order is open: every consumable lasts beyond its lead time.";
          case "closed" -> "No supply order has been closed yet.";
          default -> "No supply order has been raised yet.";
        };
    body.append(listing(viewer).html(list, empty));
    body.append("<h2 id=\"misses-heading\">Misses</h2>")
        .append(
            misses(viewer)
                .html(
                    orders.misses(q.scope(viewer), MAX_MISSES),
                    "No supply ran empty without an order."));
    return Response.html(200, Layout.page(viewer, "/orders", "Supply orders", body.toString()));
  }

  private Response csv(Viewer viewer, Request request) {
    Query q = Query.of(viewer, customers, request);
    return listing(viewer).csv("orders.csv", orders.list(q.scope(viewer), q.stored(), MAX_CSV));
  }
}
