package org.openrps.server.dashboard;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openrps.server.accounts.AccountRepository;
import org.openrps.server.accounts.AccountRoutes;
import org.openrps.server.accounts.Customer;
import org.openrps.server.accounts.CustomerRepository;
import org.openrps.server.accounts.Enrolment;
import org.openrps.server.accounts.Site;
import org.openrps.server.accounts.StoredToken;
import org.openrps.server.accounts.Tokens;
import org.openrps.server.accounts.UserInfo;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;

/**
 * {@code /admin} ("Access"): enrolment codes for a site (shown once, with the command that enrols
 * an agent with it), the customers and their sites (a site added by an administrator, a customer by
 * a provider admin), the users and API tokens by role (a token made, shown once, or revoked), with
 * {@code /admin/users.csv}, {@code /admin/tokens.csv} and {@code /admin/sites.csv}. Every change
 * calls the service the API calls ({@link Enrolment}, {@link CustomerRepository}, {@link Tokens}),
 * with the same rights: a read-only user sees no form, and a form posted by one is refused.
 */
public final class AccessSection implements DashboardSection {

  /** The most rows read for one list. */
  static final int MAX_READ = 10_000;

  /** What a form's redirect may announce, by its {@code done} value. */
  static final Map<String, String> NOTICES =
      Map.of(
          "site", "The site was added.",
          "customer", "The customer was added, with its first site.",
          "token-revoked", "The token was revoked: it no longer works.");

  private final Enrolment enrolment;
  private final CustomerRepository customers;
  private final AccountRepository accounts;
  private final Tokens tokens;

  public AccessSection(
      Enrolment enrolment,
      CustomerRepository customers,
      AccountRepository accounts,
      Tokens tokens) {
    this.enrolment = Objects.requireNonNull(enrolment, "enrolment");
    this.customers = Objects.requireNonNull(customers, "customers");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  @Override
  public void pages(PageRoutes routes) {
    routes.get("/admin", this::page);
    routes.get("/admin/users.csv", this::usersCsv);
    routes.get("/admin/tokens.csv", this::tokensCsv);
    routes.get("/admin/sites.csv", this::sitesCsv);
    routes.post("/admin/enrol-codes", this::newCode);
    routes.post("/admin/sites", this::addSite);
    routes.post("/admin/customers", this::addCustomer);
    routes.post("/admin/tokens", this::newToken);
    routes.post("/admin/tokens/{token}/revoke", this::revokeToken);
  }

  /** A site with its customer's name. */
  record SiteRow(Customer customer, Site site) {}

  private List<Customer> visibleCustomers(Viewer viewer) {
    List<Customer> all = customers.list(viewer.scope(), "", MAX_READ);
    if (all.isEmpty() && !viewer.provider()) {
      TenantId own = viewer.user().tenant();
      return List.of(new Customer(own, own.value()));
    }
    return all;
  }

  private List<SiteRow> sites(Viewer viewer) {
    List<SiteRow> rows = new ArrayList<>();
    for (Customer c : visibleCustomers(viewer)) {
      for (Site s : customers.sites(viewer.scope(), c.id(), "", MAX_READ)) {
        rows.add(new SiteRow(c, s));
      }
    }
    return rows;
  }

  private static Optional<Role> role(Request request) {
    String asked = request.query("role").orElse("").strip();
    if (asked.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Role.parse(asked)
            .orElseThrow(() -> ApiException.badRequest("role must be one of the roles")));
  }

  private List<UserInfo> users(Viewer viewer, Optional<Role> role) {
    List<UserInfo> all = new ArrayList<>();
    String after = "";
    while (all.size() < MAX_READ) {
      List<UserInfo> page = accounts.listUsers(viewer.scope(), role, after, 1000);
      all.addAll(page);
      if (page.size() < 1000) {
        break;
      }
      after = page.get(page.size() - 1).username();
    }
    return all;
  }

  private List<StoredToken> tokens(Viewer viewer, Optional<Role> role) {
    List<StoredToken> all = new ArrayList<>();
    String after = "";
    while (all.size() < MAX_READ) {
      List<StoredToken> page = tokens.list(viewer.user(), after, 1000);
      all.addAll(page);
      if (page.size() < 1000) {
        break;
      }
      after = page.get(page.size() - 1).id();
    }
    return role.isEmpty() ? all : all.stream().filter(t -> t.role() == role.get()).toList();
  }

  private static Listing<SiteRow> siteListing(Viewer viewer) {
    List<Column<SiteRow>> columns = new ArrayList<>();
    if (viewer.provider()) {
      columns.add(Column.text("customer", "Customer", r -> r.customer().id().value()));
      columns.add(Column.text("customerName", "Customer name", r -> r.customer().name()));
    }
    columns.add(Column.text("site", "Site", r -> r.site().id().value()));
    columns.add(Column.text("siteName", "Site name", r -> r.site().name()));
    return new Listing<>("sites", "Sites", columns)
        .rows(
            r ->
                "data-site=\""
                    + Html.escape(r.customer().id().value() + "/" + r.site().id().value())
                    + "\"");
  }

  private static Listing<UserInfo> userListing(Viewer viewer) {
    List<Column<UserInfo>> columns = new ArrayList<>();
    columns.add(Column.text("username", "User", UserInfo::username));
    if (viewer.provider()) {
      columns.add(Column.text("customer", "Customer", u -> u.tenant().value()));
    }
    columns.add(Column.text("role", "Role", u -> u.role().name()));
    columns.add(Column.time("updatedAt", "Last changed", UserInfo::updatedAt));
    return new Listing<>("users", "Users", columns)
        .rows(u -> "data-user=\"" + Html.escape(u.username()) + "\"");
  }

  private static Listing<StoredToken> tokenListing(Viewer viewer, boolean forms) {
    List<Column<StoredToken>> columns = new ArrayList<>();
    columns.add(Column.text("id", "Token id", StoredToken::id));
    columns.add(Column.text("name", "Name", StoredToken::name));
    columns.add(Column.text("role", "Role", t -> t.role().name()));
    if (viewer.provider()) {
      columns.add(Column.text("customer", "Customer", t -> t.tenant().value()));
    }
    columns.add(Column.text("createdBy", "Made by", StoredToken::createdBy));
    columns.add(Column.time("createdAt", "Made", StoredToken::createdAt));
    if (forms) {
      columns.add(
          Column.of(
              "revoke",
              "Revoke",
              t -> "",
              t ->
                  "<form class=\"inline\" method=\"post\" action=\"/admin/tokens/"
                      + Html.escape(Html.url(t.id()))
                      + "/revoke\">"
                      + viewer.csrfField()
                      + "<button type=\"submit\" class=\"danger\">Revoke token "
                      + Html.escape(t.name())
                      + "</button></form>"));
    }
    return new Listing<>("tokens", "API tokens", columns)
        .rows(t -> "data-token=\"" + Html.escape(t.id()) + "\"");
  }

  private Response page(Viewer viewer, Request request) {
    Optional<Role> role = role(request);
    List<SiteRow> sites = sites(viewer);
    StringBuilder body = new StringBuilder("<h1>Access</h1>");
    request
        .query("done")
        .map(NOTICES::get)
        .ifPresent(
            n ->
                body.append("<p class=\"notice\" role=\"status\" id=\"notice\">")
                    .append(Html.escape(n))
                    .append("</p>"));
    body.append("<nav class=\"actions\" aria-label=\"On this page\">")
        .append(
            "<a href=\"#enrol\">Enrolment codes</a><a href=\"#customers\">Customers and sites</a>")
        .append("<a href=\"#people\">Users</a><a href=\"#api-tokens\">API tokens</a></nav>");

    body.append("<section aria-labelledby=\"enrol\"><h2 id=\"enrol\">Enrolment codes</h2>");
    if (!viewer.canChange()) {
      body.append(
          "<p class=\"muted\" id=\"enrol-read-only\">An administrator makes enrolment codes; this"
              + " account may only read.</p>");
    } else if (sites.isEmpty()) {
      body.append("<p class=\"muted\">Add a site first: a code enrols an agent at a site.</p>");
    } else {
      body.append(
              "<p>A code lets one agent (or Device Direct device) enrol at a site, once, before it"
                  + " expires. It is shown once.</p>")
          .append(
              "<form class=\"stacked\" method=\"post\" action=\"/admin/enrol-codes\" id=\"enrol-form\">")
          .append(viewer.csrfField())
          .append("<label>Site<select name=\"site\" id=\"enrol-site\" required>");
      for (SiteRow s : sites) {
        String value = s.customer().id().value() + "/" + s.site().id().value();
        body.append(
            DevicesSection.option(
                value, s.customer().name() + " · " + s.site().name() + " (" + value + ")", ""));
      }
      body.append(
          "</select></label><button type=\"submit\">Make an enrolment code</button></form>");
    }
    body.append("</section>");

    body.append(
        "<section aria-labelledby=\"customers\"><h2 id=\"customers\">Customers and sites</h2>");
    body.append(
        "<div class=\"actions\"><a id=\"sites-csv\" href=\"/admin/sites.csv\">Download CSV</a></div>");
    body.append(siteListing(viewer).html(sites, "No site yet."));
    if (viewer.canChange()) {
      body.append(addSiteForm(viewer));
      if (viewer.provider()) {
        body.append(
            "<h3>Add a customer</h3><form class=\"stacked\" method=\"post\" action=\"/admin/customers\" id=\"customer-form\""
                + " aria-label=\"Add a customer\">"
                + viewer.csrfField()
                + "<label>New customer id<input name=\"id\" id=\"customer-id\" required"
                + " maxlength=\"64\" placeholder=\"acme\"></label>"
                + "<label>Customer name<input name=\"name\" id=\"customer-name\" required"
                + " maxlength=\"200\"></label>"
                + "<label>First site id<input name=\"site\" id=\"customer-site\" required"
                + " maxlength=\"64\" value=\"main\"></label>"
                + "<label>First site name<input name=\"siteName\" id=\"customer-site-name\""
                + " required maxlength=\"200\" value=\"Main site\"></label>"
                + "<button type=\"submit\">Add the customer</button></form>");
      }
    }
    body.append("</section>");

    List<UserInfo> users = users(viewer, Optional.empty());
    List<StoredToken> allTokens = tokens(viewer, Optional.empty());
    body.append(
        "<section aria-labelledby=\"people\"><h2 id=\"people\">Users and tokens by role</h2>");
    body.append(roleSummary(users, allTokens, role));
    body.append(roleFilter(role));
    String roleQuery = role.map(r -> "?role=" + r.name()).orElse("");
    List<UserInfo> shownUsers =
        role.isEmpty() ? users : users.stream().filter(u -> u.role() == role.get()).toList();
    body.append("<h3>Users</h3><div class=\"actions\"><a id=\"users-csv\" href=\"/admin/users.csv")
        .append(Html.escape(roleQuery))
        .append("\">Download CSV</a></div>");
    body.append(userListing(viewer).html(shownUsers, "No user with this role."));
    body.append("</section>");

    body.append("<section aria-labelledby=\"api-tokens\"><h2 id=\"api-tokens\">API tokens</h2>");
    body.append(
        "<p class=\"muted\">Scripts call the API with a token: <code>Authorization: Bearer"
            + " TOKEN</code>. A token has one customer and one role; the server keeps only its"
            + " hash, and does not record when it was last used.</p>");
    body.append("<div class=\"actions\"><a id=\"tokens-csv\" href=\"/admin/tokens.csv")
        .append(Html.escape(roleQuery))
        .append("\">Download CSV</a></div>");
    List<StoredToken> shownTokens =
        role.isEmpty()
            ? allTokens
            : allTokens.stream().filter(t -> t.role() == role.get()).toList();
    body.append(tokenListing(viewer, viewer.canChange()).html(shownTokens, "No live token."));
    if (viewer.canChange()) {
      body.append(newTokenForm(viewer));
    }
    body.append("</section>");
    return Response.html(200, Layout.page(viewer, "/admin", "Access", body.toString()));
  }

  private static String roleSummary(
      List<UserInfo> users, List<StoredToken> tokens, Optional<Role> selected) {
    Map<Role, long[]> counts = new EnumMap<>(Role.class);
    for (Role r : Role.values()) {
      counts.put(r, new long[2]);
    }
    users.forEach(u -> counts.get(u.role())[0]++);
    tokens.forEach(t -> counts.get(t.role())[1]++);
    StringBuilder out = new StringBuilder("<ul class=\"cards\" aria-label=\"By role\">");
    for (Role r : Role.values()) {
      long[] n = counts.get(r);
      out.append("<li id=\"role-")
          .append(r.name())
          .append("\"><a href=\"/admin?role=")
          .append(r.name())
          .append("#people\"")
          .append(selected.equals(Optional.of(r)) ? " aria-current=\"true\"" : "")
          .append("><span class=\"figure\">")
          .append(Html.count(n[0]))
          .append("</span><span class=\"what\">")
          .append(n[0] == 1 ? "user" : "users")
          .append(" and ")
          .append(Html.count(n[1]))
          .append(n[1] == 1 ? " token" : " tokens")
          .append(" as ")
          .append(r.name())
          .append("</span></a></li>");
    }
    return out.append("</ul>").toString();
  }

  private static String roleFilter(Optional<Role> role) {
    StringBuilder f =
        new StringBuilder(
            "<form class=\"filters\" method=\"get\" action=\"/admin#people\" role=\"search\""
                + " aria-label=\"Users and tokens by role\">"
                + "<label>Role<select name=\"role\" id=\"role\">");
    f.append(DevicesSection.option("", "Every role", role.map(Role::name).orElse("")));
    for (Role r : Role.values()) {
      f.append(DevicesSection.option(r.name(), r.name(), role.map(Role::name).orElse("")));
    }
    return f.append("</select></label><button type=\"submit\">Show</button></form>").toString();
  }

  private String customerSelect(Viewer viewer, String id) {
    if (!viewer.provider()) {
      return "<input type=\"hidden\" name=\"customer\" value=\""
          + Html.escape(viewer.user().tenant().value())
          + "\">";
    }
    StringBuilder s =
        new StringBuilder("<label>Customer<select name=\"customer\" id=\"" + id + "\" required>");
    for (Customer c : visibleCustomers(viewer)) {
      s.append(DevicesSection.option(c.id().value(), c.name() + " (" + c.id().value() + ")", ""));
    }
    return s.append("</select></label>").toString();
  }

  private String addSiteForm(Viewer viewer) {
    return "<h3>Add a site</h3><form class=\"stacked\" method=\"post\" action=\"/admin/sites\" id=\"site-form\""
        + " aria-label=\"Add a site\">"
        + viewer.csrfField()
        + customerSelect(viewer, "site-customer")
        + "<label>New site id<input name=\"id\" id=\"site-id\" required maxlength=\"64\""
        + " placeholder=\"branch-2\"></label>"
        + "<label>Site name<input name=\"name\" id=\"site-name\" required maxlength=\"200\">"
        + "</label><button type=\"submit\">Add the site</button></form>";
  }

  private String newTokenForm(Viewer viewer) {
    StringBuilder f =
        new StringBuilder(
            "<h3>Make an API token</h3><form class=\"stacked\" method=\"post\" action=\"/admin/tokens\" id=\"token-form\""
                + " aria-label=\"Make an API token\">");
    f.append(viewer.csrfField());
    f.append(
        "<label>Token name<input name=\"name\" id=\"token-name\" required maxlength=\"100\""
            + " placeholder=\"billing export\"></label>");
    f.append("<label>Role<select name=\"role\" id=\"token-role\">");
    for (Role r : Role.values()) {
      if (r == Role.provider_admin && !viewer.provider()) {
        continue;
      }
      f.append(DevicesSection.option(r.name(), r.name(), Role.customer_reader.name()));
    }
    f.append("</select></label>");
    f.append(customerSelect(viewer, "token-customer"));
    return f.append("<button type=\"submit\">Make the token</button></form>").toString();
  }

  private Response usersCsv(Viewer viewer, Request request) {
    Optional<Role> role = role(request);
    return userListing(viewer).csv("users.csv", users(viewer, role));
  }

  private Response tokensCsv(Viewer viewer, Request request) {
    Optional<Role> role = role(request);
    return tokenListing(viewer, false).csv("tokens.csv", tokens(viewer, role));
  }

  private Response sitesCsv(Viewer viewer, Request request) {
    return siteListing(viewer).csv("sites.csv", sites(viewer));
  }

  private Response newCode(Viewer viewer, Request request) {
    viewer.user().requireChange();
    String placement = OpsForms.field(request, "site");
    int slash = placement.indexOf('/');
    if (slash <= 0 || slash == placement.length() - 1) {
      throw ApiException.badRequest("choose a site (customer/site)");
    }
    TenantId tenant = DashboardText.tenant(placement.substring(0, slash));
    SiteId site = DashboardText.site(placement.substring(slash + 1));
    Enrolment.Code code = enrolment.newCode(viewer.scope(), viewer.user().username(), tenant, site);
    String server = serverUrl(request);
    String command =
        "openrps agent --server "
            + server
            + " --trust-cert server.crt.pem --targets ADDRESSES --enrol-code "
            + code.code();
    StringBuilder body = new StringBuilder("<h1>Enrolment code</h1>");
    body.append("<p class=\"notice\" role=\"status\">Made for ")
        .append(Html.escape(tenant.value() + "/" + site.value()))
        .append(". It is shown once: copy it now.</p>");
    body.append("<dl class=\"facts\" id=\"new-code\"><dt>Code</dt><dd><code id=\"enrol-code\">")
        .append(Html.escape(code.code()))
        .append("</code></dd><dt>Works until</dt><dd id=\"enrol-expires\">")
        .append(Html.time(code.expiresAt()))
        .append("</dd><dt>Works</dt><dd>once</dd></dl>");
    body.append(
            "<h2>Enrol an agent with it</h2><p>On the agent's host, with a copy of the server's"
                + " certificate (<code>DATA/tls/server.crt.pem</code> on the server) and the"
                + " printers' addresses (ranges, CIDR blocks, single addresses):</p>")
        .append("<pre class=\"chart\" id=\"enrol-command\" tabindex=\"0\">")
        .append(Html.escape(command))
        .append("</pre><p>Or, for the installed service, put <code>enrol-code = ")
        .append(Html.escape(code.code()))
        .append(
            "</code> in <code>/etc/openrps/agent.properties</code>. The first start exchanges the"
                + " code for the agent's own credentials; the code then stops working.</p>")
        .append("<p><a href=\"/admin\">Back to Access</a></p>");
    return Response.html(200, Layout.page(viewer, "/admin", "Enrolment code", body.toString()));
  }

  /** The address the viewer reached this server at, for the command lines shown. */
  private static String serverUrl(Request request) {
    String host = request.header("Host").orElse("").strip();
    if (host.isEmpty() || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")) {
      return "https://SERVER";
    }
    return "https://" + host;
  }

  private Response addSite(Viewer viewer, Request request) {
    viewer.user().requireChange();
    TenantId customer = DashboardText.tenant(OpsForms.field(request, "customer"));
    if (customers.find(viewer.scope(), customer).isEmpty()) {
      throw ApiException.notFound("customer " + customer);
    }
    Site site =
        new Site(
            customer,
            DashboardText.site(OpsForms.field(request, "id")),
            AccountRoutes.name(OpsForms.field(request, "name")));
    if (!customers.insertSite(viewer.scope(), site)) {
      throw ApiException.conflict("site " + site.id() + " exists");
    }
    return Response.redirect("/admin?done=site#customers");
  }

  private Response addCustomer(Viewer viewer, Request request) {
    viewer.user().requireProvider();
    Customer customer =
        new Customer(
            DashboardText.tenant(OpsForms.field(request, "id")),
            AccountRoutes.name(OpsForms.field(request, "name")));
    Site site =
        new Site(
            customer.id(),
            DashboardText.site(OpsForms.field(request, "site")),
            AccountRoutes.name(OpsForms.field(request, "siteName")));
    if (!customers.insert(viewer.scope(), customer)) {
      throw ApiException.conflict("customer " + customer.id() + " exists");
    }
    if (!customers.insertSite(viewer.scope(), site)) {
      throw ApiException.conflict("site " + site.id() + " exists");
    }
    return Response.redirect("/admin?done=customer#customers");
  }

  private Response newToken(Viewer viewer, Request request) {
    String customer = OpsForms.field(request, "customer");
    TenantId tenant = customer.isEmpty() ? viewer.user().tenant() : DashboardText.tenant(customer);
    String asked = OpsForms.field(request, "role");
    Role role =
        Role.parse(asked.isEmpty() ? Role.customer_reader.name() : asked)
            .orElseThrow(() -> ApiException.badRequest("role must be one of the roles"));
    Tokens.NewToken t =
        tokens.create(viewer.user(), tenant, role, request.form("name").orElse("").strip());
    Map<String, String> shown = new LinkedHashMap<>();
    shown.put("Id", t.id());
    shown.put("Name", t.name());
    shown.put("Role", t.role().name());
    shown.put("Customer", t.tenant().value());
    StringBuilder body = new StringBuilder("<h1>API token</h1>");
    body.append(
        "<p class=\"notice\" role=\"status\">The token is shown once: copy it now. The server"
            + " keeps only its hash.</p>");
    body.append(
            "<dl class=\"facts\" id=\"new-token-facts\"><dt>Token</dt><dd><code id=\"new-token\">")
        .append(Html.escape(t.token()))
        .append("</code></dd>");
    shown.forEach(
        (k, v) ->
            body.append("<dt>")
                .append(Html.escape(k))
                .append("</dt><dd>")
                .append(Html.escape(v))
                .append("</dd>"));
    body.append("</dl><h2>Use it</h2><pre class=\"chart\" id=\"token-command\" tabindex=\"0\">")
        .append(
            Html.escape(
                "curl --cacert server.crt.pem -H \"Authorization: Bearer "
                    + t.token()
                    + "\" "
                    + serverUrl(request)
                    + "/api/v1/devices"))
        .append("</pre><p><a href=\"/admin#api-tokens\">Back to Access</a></p>");
    return Response.html(200, Layout.page(viewer, "/admin", "API token", body.toString()));
  }

  private Response revokeToken(Viewer viewer, Request request) {
    tokens.revoke(viewer.user(), request.pathParam("token"));
    return Response.redirect("/admin?done=token-revoked#api-tokens");
  }
}
