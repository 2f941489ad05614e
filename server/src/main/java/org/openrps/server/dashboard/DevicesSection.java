package org.openrps.server.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.openrps.server.accounts.Customer;
import org.openrps.server.accounts.CustomerRepository;
import org.openrps.server.fleet.DeviceFilter;
import org.openrps.server.fleet.DeviceQuery;
import org.openrps.server.fleet.DeviceRepository;
import org.openrps.server.fleet.DeviceSort;
import org.openrps.server.fleet.DeviceState;
import org.openrps.server.fleet.TotalPagesView;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.store.DeviceKey;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.server.supplies.SupplyRepository;
import org.openrps.wire.SupplyReading;

/**
 * {@code /devices}: the device list with search, filters (customer, site, make, status, low supply,
 * not seen for), sorting by any column, paging, and the same list as {@code /devices.csv}.
 */
public final class DevicesSection implements DashboardSection {

  static final int PAGE_SIZE = 50;

  /** The "not seen for" choices, by their query value. */
  static final Map<String, Duration> UNSEEN = new LinkedHashMap<>();

  static {
    UNSEEN.put("1h", Duration.ofHours(1));
    UNSEEN.put("1d", Duration.ofDays(1));
    UNSEEN.put("3d", Duration.ofDays(3));
    UNSEEN.put("7d", Duration.ofDays(7));
    UNSEEN.put("30d", Duration.ofDays(30));
  }

  static final List<String> STATUSES = List.of("idle", "printing", "warmup", "other", "unknown");

  private final DeviceRepository devices;
  private final SupplyRepository supplies;
  private final CustomerRepository customers;

  public DevicesSection(
      DeviceRepository devices, SupplyRepository supplies, CustomerRepository customers) {
    this.devices = Objects.requireNonNull(devices, "devices");
    this.supplies = Objects.requireNonNull(supplies, "supplies");
    this.customers = Objects.requireNonNull(customers, "customers");
  }

  @Override
  public void pages(PageRoutes routes) {
    routes.get("/devices", this::list);
    routes.get("/devices.csv", this::csv);
  }

  /** A row: the device and its lowest consumed supply, named. */
  record Row(DeviceState device, Optional<SupplyReading> lowest) {}

  /** The list's query as the page's form and links carry it. */
  record Query(
      String text,
      String customer,
      String site,
      String make,
      String status,
      String low,
      String unseen,
      DeviceSort sort,
      boolean descending,
      int page) {

    static Query of(Request r) {
      String sort = r.query("sort").orElse("make");
      return new Query(
          r.query("q").orElse("").strip(),
          r.query("customer").orElse("").strip(),
          r.query("site").orElse("").strip(),
          r.query("make").orElse("").strip(),
          r.query("status").orElse("").strip(),
          r.query("low").orElse("").strip(),
          r.query("unseen").orElse("").strip(),
          DeviceSort.parse(sort)
              .orElseThrow(() -> ApiException.badRequest("a device list cannot sort by " + sort)),
          r.query("dir").orElse("").equals("desc"),
          page(r.query("page").orElse("1")));
    }

    private static int page(String text) {
      try {
        int p = Integer.parseInt(text);
        if (p >= 1 && p <= 1_000_000) {
          return p;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw ApiException.badRequest("page must be a whole number from 1");
    }

    DeviceFilter filter(java.time.Instant now) {
      OptionalDouble lowBelow = OptionalDouble.empty();
      if (!low.isEmpty()) {
        try {
          double p = Double.parseDouble(low);
          if (!(p >= 0 && p <= 100)) {
            throw new NumberFormatException();
          }
          lowBelow = OptionalDouble.of(p);
        } catch (NumberFormatException e) {
          throw ApiException.badRequest("low supply must be a percentage from 0 to 100");
        }
      }
      Optional<java.time.Instant> notSeenSince = Optional.empty();
      if (!unseen.isEmpty()) {
        Duration d = UNSEEN.get(unseen);
        if (d == null) {
          throw ApiException.badRequest("not seen for must be one of " + UNSEEN.keySet());
        }
        notSeenSince = Optional.of(now.minus(d));
      }
      try {
        return new DeviceFilter(
            customer.isEmpty() ? Optional.empty() : Optional.of(TenantId.of(customer)),
            site.isEmpty() ? Optional.empty() : Optional.of(SiteId.of(site)),
            make.isEmpty() ? Optional.empty() : Optional.of(make),
            status.isEmpty() ? Optional.empty() : Optional.of(status),
            lowBelow,
            notSeenSince);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(e.getMessage());
      }
    }

    /** The query string of this list with one parameter changed (or dropped when empty). */
    String with(String name, String value) {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("q", text);
      p.put("customer", customer);
      p.put("site", site);
      p.put("make", make);
      p.put("status", status);
      p.put("low", low);
      p.put("unseen", unseen);
      p.put("sort", sort == DeviceSort.make ? "" : sort.name());
      p.put("dir", descending ? "desc" : "");
      p.put("page", page == 1 ? "" : Integer.toString(page));
      p.put(name, value);
      StringBuilder out = new StringBuilder();
      p.forEach(
          (k, v) -> {
            if (!v.isEmpty()) {
              out.append(out.isEmpty() ? "?" : "&").append(k).append('=').append(Html.url(v));
            }
          });
      return out.toString();
    }

    String sorted(DeviceSort by) {
      boolean desc = by == sort && !descending;
      return new Query(text, customer, site, make, status, low, unseen, by, desc, 1)
          .with("page", "");
    }
  }

  private Listing<Row> listing(Viewer viewer, Query q) {
    List<Column<Row>> columns = new ArrayList<>();
    if (viewer.provider()) {
      columns.add(Column.text("customer", "Customer", r -> r.device().tenant().value()));
    }
    columns.add(Column.text("site", "Site", r -> r.device().site().value()));
    columns.add(Column.text("make", "Make", r -> r.device().make()));
    columns.add(Column.text("model", "Model", r -> r.device().model()));
    columns.add(
        Column.of(
            "serial",
            "Serial",
            r -> r.device().serial(),
            r ->
                Html.link(
                    Links.device(r.device().tenant(), r.device().make(), r.device().serial()),
                    r.device().serial())));
    columns.add(Column.text("address", "Address", r -> r.device().address()));
    columns.add(Column.text("status", "Status", r -> r.device().printerStatus()));
    columns.add(Column.time("lastSeen", "Last seen", r -> r.device().lastSeen()));
    columns.add(
        Column.<Row>of(
                "totalPages",
                "Total pages",
                r ->
                    r.device().totalPages().isPresent()
                        ? r.device().totalPages().getAsLong()
                        : null,
                r -> totalPages(r.device()))
            .asNumber());
    columns.add(
        Column.of(
            "totalPagesFlags",
            "Flags",
            r -> String.join(" ", r.device().total().flags()),
            r -> Html.escape(String.join(", ", r.device().total().flags()))));
    columns.add(
        Column.of(
            "lowestSupply",
            "Lowest supply",
            r -> r.lowest().map(DevicesSection::supplyText).orElse(null),
            r -> lowest(r)));
    Listing<Row> listing =
        new Listing<>("devices", "Devices", columns)
            .rows(
                r ->
                    "data-serial=\""
                        + Html.escape(r.device().serial())
                        + "\" data-make=\""
                        + Html.escape(r.device().make())
                        + "\"");
    if (q != null) {
      listing
          .headers(c -> sortLink(q, c.key(), c.header()))
          .sorted(
              c ->
                  DeviceSort.parse(c.key()).filter(by -> by == q.sort()).isPresent()
                      ? (q.descending() ? "descending" : "ascending")
                      : null);
    }
    return listing;
  }

  private static String sortLink(Query q, String key, String header) {
    Optional<DeviceSort> by = DeviceSort.parse(key);
    if (by.isEmpty()) {
      return null;
    }
    boolean current = by.get() == q.sort();
    String arrow =
        current ? "<span aria-hidden=\"true\">" + (q.descending() ? " ▼" : " ▲") + "</span>" : "";
    return "<a href=\"/devices"
        + Html.escape(q.sorted(by.get()))
        + "\">"
        + Html.escape(header)
        + arrow
        + "</a>";
  }

  /**
   * The page count with thousands separators; a flagged count is shown as flagged (with what was
   * reported and why in its title), never as a number of pages.
   */
  static String totalPages(DeviceState d) {
    if (d.total().flagged()) {
      return "<span class=\"flagged\" title=\""
          + Html.escape(String.valueOf(TotalPagesView.note(d.total())))
          + "\">flagged: "
          + Html.escape(String.join(", ", d.total().flags()))
          + "</span>";
    }
    return Html.count(d.totalPages());
  }

  private static String supplyText(SupplyReading s) {
    return s.description() + " " + Math.round(s.percent().orElse(-1)) + " %";
  }

  private static String lowest(Row r) {
    if (r.lowest().isEmpty()) {
      return Html.UNKNOWN;
    }
    SupplyReading s = r.lowest().get();
    double p = s.percent().orElse(-1);
    return "<span"
        + (p < 10 ? " class=\"low\"" : "")
        + ">"
        + Html.escape(s.description())
        + " "
        + Html.percent(p)
        + "</span>";
  }

  private List<Row> rows(Viewer viewer, List<DeviceState> page) {
    List<Row> rows = new ArrayList<>(page.size());
    for (DeviceState d : page) {
      Optional<SupplyReading> lowest =
          supplies.current(viewer.scope(), new DeviceKey(d.tenant(), d.make(), d.serial())).stream()
              .map(SupplyRepository.StoredSupply::reading)
              .filter(
                  s -> s.percent().isPresent() && "supplyThatIsConsumed".equals(s.supplyClass()))
              .min(java.util.Comparator.comparingDouble(s -> s.percent().getAsDouble()));
      rows.add(new Row(d, lowest));
    }
    return rows;
  }

  private Response list(Viewer viewer, Request request) {
    Query q = Query.of(request);
    DeviceQuery.Result result =
        devices.search(
            viewer.scope(),
            new DeviceQuery(
                q.filter(viewer.now()),
                q.text(),
                q.sort(),
                q.descending(),
                (q.page() - 1) * PAGE_SIZE,
                PAGE_SIZE));
    StringBuilder body = new StringBuilder("<h1>Devices</h1>");
    body.append(filters(viewer, q));
    long from = result.devices().isEmpty() ? 0 : (long) (q.page() - 1) * PAGE_SIZE + 1;
    long to = from == 0 ? 0 : from + result.devices().size() - 1;
    body.append("<div class=\"actions\"><p id=\"device-count\" class=\"muted\">")
        .append(
            result.matching() == 0
                ? "No device matches."
                : Html.count(from)
                    + "–"
                    + Html.count(to)
                    + " of "
                    + Html.count(result.matching())
                    + (result.matching() == 1 ? " device" : " devices"))
        .append("</p><a id=\"devices-csv\" href=\"/devices.csv")
        .append(Html.escape(q.with("page", "")))
        .append("\">Download CSV</a></div>");
    body.append(
        listing(viewer, q)
            .html(rows(viewer, result.devices()), "No device matches these filters."));
    body.append(
        OpsForms.links("/devices", q.page(), result.matching(), PAGE_SIZE, p -> q.with("page", p)));
    return Response.html(200, Layout.page(viewer, "/devices", "Devices", body.toString()));
  }

  private String filters(Viewer viewer, Query q) {
    StringBuilder f =
        new StringBuilder(
            "<form class=\"filters\" method=\"get\" action=\"/devices\" role=\"search\">");
    f.append("<label>Search<input type=\"search\" name=\"q\" id=\"q\" value=\"")
        .append(Html.escape(q.text()))
        .append("\" placeholder=\"serial, model, address, location\"></label>");
    if (viewer.provider()) {
      f.append("<label>Customer<select name=\"customer\" id=\"customer\">")
          .append(option("", "All customers", q.customer()));
      for (Customer c : customers.list(viewer.scope(), "", 10_000)) {
        f.append(option(c.id().value(), c.name() + " (" + c.id().value() + ")", q.customer()));
      }
      f.append("</select></label>");
    }
    f.append("<label>Site<input type=\"text\" name=\"site\" id=\"site\" size=\"10\" value=\"")
        .append(Html.escape(q.site()))
        .append("\"></label>");
    f.append("<label>Make<input type=\"text\" name=\"make\" id=\"make\" size=\"10\" value=\"")
        .append(Html.escape(q.make()))
        .append("\"></label>");
    f.append("<label>Status<select name=\"status\" id=\"status\">")
        .append(option("", "Any", q.status()));
    STATUSES.forEach(s -> f.append(option(s, s, q.status())));
    f.append("</select></label>");
    f.append("<label>Supply below<select name=\"low\" id=\"low\">")
        .append(option("", "Any level", q.low()));
    for (String p : Arrays.asList("5", "10", "20", "30")) {
      f.append(option(p, p + " %", q.low()));
    }
    f.append("</select></label>");
    f.append("<label>Not seen for<select name=\"unseen\" id=\"unseen\">")
        .append(option("", "Any time", q.unseen()));
    Map<String, String> labels =
        Map.of("1h", "1 hour", "1d", "1 day", "3d", "3 days", "7d", "7 days", "30d", "30 days");
    UNSEEN.keySet().forEach(k -> f.append(option(k, labels.get(k), q.unseen())));
    f.append("</select></label>");
    if (q.sort() != DeviceSort.make || q.descending()) {
      f.append("<input type=\"hidden\" name=\"sort\" value=\"")
          .append(q.sort().name())
          .append("\">");
      if (q.descending()) {
        f.append("<input type=\"hidden\" name=\"dir\" value=\"desc\">");
      }
    }
    f.append("<button type=\"submit\">Show</button> <a href=\"/devices\">Clear</a></form>");
    return f.toString();
  }

  static String option(String value, String label, String selected) {
    return "<option value=\""
        + Html.escape(value)
        + "\""
        + (value.equals(selected) ? " selected" : "")
        + ">"
        + Html.escape(label)
        + "</option>";
  }

  private Response csv(Viewer viewer, Request request) {
    Query q = Query.of(request);
    DeviceFilter filter = q.filter(viewer.now());
    List<Row> all = new ArrayList<>();
    int offset = 0;
    while (true) {
      DeviceQuery.Result page =
          devices.search(
              viewer.scope(),
              new DeviceQuery(filter, q.text(), q.sort(), q.descending(), offset, 1000));
      all.addAll(rows(viewer, page.devices()));
      if (page.devices().size() < 1000) {
        break;
      }
      offset += 1000;
    }
    return listing(viewer, null).csv("devices.csv", all);
  }
}
