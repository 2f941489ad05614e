package org.openrps.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.server.ApiClient;
import org.openrps.server.Fixtures;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.dashboard.DashboardBrowser.Width;
import org.openrps.server.store.Database;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.WireSamples;
import org.openrps.wire.Report;
import org.openrps.wire.SiteFacts;

/**
 * The agents, access and reports pages in Debian's headless Chromium, on a real server over HTTPS:
 * one server and one browser for the class. Agents enrol with codes and upload real reports; one
 * has been silent for three days on the server's clock, one is revoked through the API, another
 * through the page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsPagesBrowserTest {

  static final TenantId ACME = TenantId.of("acme");
  static final SiteId HQ = SiteId.of("hq");
  static final String HOSTILE = "<script>x</script>";

  /** The server's clock: four days ago, so that three days of silence end about now. */
  private final MutableClock clock =
      MutableClock.at(Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(4)));

  private ServerApp server;
  private ApiClient api;
  private DashboardBrowser browser;
  private String jdbcUrl;
  private BrowserContext context;
  private final Map<String, String> secrets = new java.util.HashMap<>();
  private String quiet;
  private String recent;
  private String retired;
  private String doomed;
  private Instant recentFactsAt;

  @BeforeAll
  void startServerAndBrowser() {
    Path dir = org.openrps.testkit.Scratch.directory("openrps-ops-pages");
    jdbcUrl = Database.sqliteUrl(dir.resolve("openrps.db"));
    server = ServerApp.start(ServerConfig.embedded(dir, 0), clock, ServerApp.Jobs.onCall);
    api = new ApiClient(server);
    server.addCustomer(ACME, "Acme Print", HQ, HOSTILE);
    server.putUser("boss", "boss-pw".toCharArray(), TenantId.DEFAULT, Role.provider_admin);
    server.putUser("acme-admin", "admin-pw".toCharArray(), ACME, Role.customer_admin);
    server.putUser("acme-reader", "reader-pw".toCharArray(), ACME, Role.customer_reader);

    quiet = enrol();
    retired = enrol();
    upload(quiet, report(quiet, 2, Optional.empty()));
    upload(retired, report(retired, 1, Optional.empty()));
    HttpResponse<String> revoked =
        api.delete("/api/v1/agents/" + retired, ApiClient.basic("boss", "boss-pw"));
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);

    clock.advance(Duration.ofDays(3).plusHours(1));
    recent = enrol();
    doomed = enrol();
    recentFactsAt = clock.instant();
    upload(recent, report(recent, 3, Optional.of(withSyncAndBacklog(facts(recentFactsAt)))));
    // an agent of schema 6: site information without a schedule or a backlog
    Report older = report(doomed, 1, Optional.of(facts(clock.instant())));
    upload(
        doomed,
        new Report(
            Report.SCHEMA_6,
            older.reportId(),
            older.source(),
            older.createdAt(),
            older.devices(),
            older.site(),
            older.deltas()));
    assertThat(server.runIncidents()).as("the incident job ran").isPresent();

    browser = new DashboardBrowser("https://127.0.0.1:" + server.port());
  }

  private String enrol() {
    JsonNode c = api.enrol(server.newEnrolCode(ACME, HQ).code(), "agent");
    String id = c.path("clientId").asText();
    secrets.put(id, c.path("secret").asText());
    return id;
  }

  private Report report(String agent, int devices, Optional<SiteFacts> facts) {
    Instant at = clock.instant();
    List<org.openrps.wire.DeviceSnapshot> snapshots = new ArrayList<>();
    for (int i = 0; i < devices; i++) {
      snapshots.add(WireSamples.device("HP", agent + "-" + i, 123_456 + i, 50, at));
    }
    Report r =
        WireSamples.report(
            UUID.randomUUID().toString(),
            agent,
            at,
            snapshots.toArray(org.openrps.wire.DeviceSnapshot[]::new));
    return facts.map(r::withSite).orElse(r);
  }

  private static SiteFacts facts(Instant at) {
    return new SiteFacts(
        at,
        "0.4.2",
        Optional.of("print-srv.acme.example"),
        Optional.of("\"><b>Head office</b>"),
        Optional.of("10.1.2.3"),
        Optional.of("Linux"),
        Optional.of("6.1.0"),
        Optional.of("amd64"),
        Optional.of(64),
        Optional.of("Xeon E-2224"),
        Optional.of(4),
        Optional.of(8L << 30),
        Optional.of(3L << 30),
        Optional.of(100L << 30),
        Optional.of(9L << 30),
        Optional.of("Europe/Paris"),
        Optional.of(5L << 20),
        Optional.of(1L << 20),
        Optional.of(1234),
        Optional.of(1200),
        Optional.of(34),
        Optional.of("10 profiles sha256:0123456789ab"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** When {@link #withSyncAndBacklog} says the agent syncs next: a day after its facts. */
  private static Instant nextSync(SiteFacts f) {
    return f.collectedAt().plus(Duration.ofDays(1));
  }

  /**
   * The facts with what an agent of schema 7 adds: daily at 02:00 Paris time, a poll every 90
   * minutes, 1,234 readings (2,200,000 bytes) waiting, the oldest 3 days and 4 hours old.
   */
  private static SiteFacts withSyncAndBacklog(SiteFacts f) {
    return f.withSync(
        Optional.of("02:00"),
        Optional.of("Europe/Paris"),
        Optional.of(5400),
        Optional.of(nextSync(f)),
        Optional.of(1234L),
        Optional.of(2_200_000L),
        Optional.of(f.collectedAt().minus(Duration.ofDays(3).plusHours(4))));
  }

  /** What /agents shows for the sync window of {@code recent}'s facts. */
  private String recentSyncWindow() {
    return "daily at 02:00 Europe/Paris, polls every 1 h 30 min; next "
        + Html.timeText(recentFactsAt.plus(Duration.ofDays(1)));
  }

  private int upload(String agent, Report report) {
    HttpResponse<String> r = api.upload(report, ApiClient.basic(agent, secrets.get(agent)));
    if (r.statusCode() != 401) {
      assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
    }
    return r.statusCode();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  @BeforeEach
  void nextMinute() {
    // A fresh per-minute window for the login limits.
    clock.advance(Duration.ofMinutes(1));
  }

  @AfterEach
  void closeContext() {
    if (context != null) {
      context.close();
      context = null;
    }
  }

  private Page logIn(Width width, String user, String password) {
    if (context != null) {
      context.close();
    }
    context = browser.context(width);
    Page page = context.newPage();
    browser.logIn(page, user, password);
    return page;
  }

  /** No serious accessibility violation, no sideways scrolling on a phone, and a screenshot. */
  private static void looksRight(Page page, Width width, String name) {
    assertThat(DashboardBrowser.seriousViolations(page)).as(name + " at " + width).isEmpty();
    assertThat(DashboardBrowser.scrollsSideways(page)).as(name + " scrolls sideways").isFalse();
    DashboardBrowser.screenshot(page, name + "-" + width.name());
  }

  private String csrf(Page page) {
    return page.locator("header input[name=csrf]").getAttribute("value");
  }

  private boolean isRevoked(String agent) {
    JsonNode a = api.json(api.get("/api/v1/agents/" + agent, ApiClient.basic("boss", "boss-pw")));
    return !a.path("revokedAt").isNull() && !a.path("revokedAt").isMissingNode();
  }

  @Test
  void agentsPageShowsStateSiteInformationIncidentsAndOutOfTouch() {
    for (Width width : Width.values()) {
      Page page = logIn(width, "boss", "boss-pw");
      page.navigate(browser.url("/agents"));

      Locator q = page.locator("tr[data-agent='" + quiet + "']");
      assertThat(q.locator("td.state").textContent()).startsWith("out of touch: silent 3 d 1 h");
      assertThat(q.locator("td.state span").getAttribute("class")).isEqualTo("bad");
      assertThat(q.locator("td.openIncidents").textContent()).isEqualTo("1");
      assertThat(q.locator("td.devicesReported").textContent()).isEqualTo("2");
      assertThat(q.locator("td.host").textContent()).isEqualTo("not reported");
      assertThat(q.locator("td.syncWindow").textContent()).isEqualTo("not reported");
      assertThat(q.locator("td.backlog").textContent()).isEqualTo("not reported");
      Locator r = page.locator("tr[data-agent='" + recent + "']");
      assertThat(r.locator("td.state").textContent()).isEqualTo("in touch");
      assertThat(r.locator("td.customer").textContent()).isEqualTo("acme");
      assertThat(r.locator("td.devicesReported").textContent()).isEqualTo("3");
      assertThat(r.locator("td.version").textContent()).isEqualTo(WireSamples.VERSION);
      assertThat(r.locator("td.host").textContent()).isEqualTo("print-srv.acme.example");
      assertThat(r.locator("td.address").textContent()).isEqualTo("10.1.2.3");
      assertThat(r.locator("td.os").textContent()).isEqualTo("Linux 6.1.0 amd64 (64-bit)");
      assertThat(r.locator("td.diskFree").textContent()).isEqualTo("9.0 GiB of 100.0 GiB (9 %)");
      assertThat(r.locator("td.syncWindow").textContent()).isEqualTo(recentSyncWindow());
      assertThat(r.locator("td.backlog").textContent())
          .isEqualTo("1,234 readings (2.1 MiB), oldest 3 d 4 h old");
      if (width == Width.desktop) {
        // whether an agent keeps up is seen without scrolling sideways at 1280 px
        for (String cell : List.of("td.syncWindow", "td.backlog")) {
          var box = r.locator(cell).boundingBox();
          assertThat(box.x + box.width).as(cell).isLessThanOrEqualTo(1280);
        }
      }
      Locator d = page.locator("tr[data-agent='" + doomed + "']");
      assertThat(d.locator("td.host").textContent())
          .as("an older agent's site information")
          .isEqualTo("print-srv.acme.example");
      assertThat(d.locator("td.syncWindow").textContent()).isEqualTo("not reported");
      assertThat(d.locator("td.backlog").textContent()).isEqualTo("not reported");
      assertThat(r.locator("td.openIncidents").textContent()).isEqualTo("0");
      assertThat(page.locator("tr[data-agent='" + retired + "'] td.state").textContent())
          .isEqualTo("revoked");
      assertThat(page.locator("#card-out-of-touch .figure").textContent()).isEqualTo("1");
      looksRight(page, width, "agents");

      page.navigate(browser.url("/agents/" + recent));
      Locator facts = page.locator("#site-facts");
      assertThat(facts.textContent())
          .contains(
              "print-srv.acme.example",
              "Xeon E-2224",
              "Europe/Paris",
              "8.0 GiB, 3.0 GiB free",
              "1,234",
              "1,200",
              "10 profiles sha256:0123456789ab",
              "\"><b>Head office</b>");
      assertThat(page.locator("#site-facts b").count()).as("facts are text, not markup").isZero();
      assertThat(page.locator("#credential").textContent())
          .contains(
              "Sync window" + recentSyncWindow(),
              "Backlog1,234 readings (2.1 MiB), oldest 3 d 4 h old");
      looksRight(page, width, "agent-detail");
    }
  }

  @Test
  void theAgentPageListsItsOpenIncident() {
    Page page = logIn(Width.desktop, "acme-admin", "admin-pw");
    page.navigate(browser.url("/agents/" + quiet));

    assertThat(page.locator("#agent-incidents td.code").textContent())
        .isEqualTo("communication:agentSilent");
    assertThat(page.locator("#credential").textContent()).contains("out of touch");
    assertThat(page.locator("#site-facts-none").textContent()).contains("not sent site");
    assertThat(page.locator("#credential").textContent())
        .contains("Sync windownot reported", "Backlognot reported");
  }

  @Test
  void agentsCsvHoldsTheSameRows() {
    Page page = logIn(Width.desktop, "boss", "boss-pw");
    APIResponse csv = page.request().get(browser.url("/agents.csv?state=outOfTouch"));

    assertThat(csv.status()).isEqualTo(200);
    List<Map<String, String>> rows = Csv.parse(csv.text());
    assertThat(rows).extracting(m -> m.get("id")).containsExactly(quiet);
    assertThat(rows.get(0))
        .containsEntry("state", "out of touch")
        .containsEntry("customer", "acme")
        .containsEntry("devicesReported", "2")
        .containsEntry("openIncidents", "1")
        .containsEntry("syncWindow", "");
    List<Map<String, String>> all =
        Csv.parse(page.request().get(browser.url("/agents.csv")).text());
    assertThat(all).extracting(m -> m.get("id")).contains(quiet, recent, retired, doomed);
    assertThat(all.stream().filter(m -> m.get("id").equals(recent)).findFirst().orElseThrow())
        .containsEntry("host", "print-srv.acme.example")
        .containsEntry("diskFree", Long.toString(9L << 30))
        .containsEntry("syncWindow", recentSyncWindow())
        .containsEntry("backlog", "1,234 readings (2.1 MiB), oldest 3 d 4 h old");
  }

  @Test
  void anAdministratorRevokesAnAgentAndItIsRefusedAtTheApi() {
    assertThat(upload(doomed, report(doomed, 1, Optional.empty()))).isIn(200, 201);
    Page page = logIn(Width.desktop, "acme-admin", "admin-pw");
    page.navigate(browser.url("/agents/" + doomed));
    assertThat(page.locator("#revoke").textContent()).isEqualTo("Revoke " + doomed + " now");

    page.click("#revoke");

    assertThat(page.url()).isEqualTo(browser.url("/agents/" + doomed + "?revoked=1"));
    assertThat(page.locator("#notice").textContent()).startsWith("Revoked");
    assertThat(page.locator("#credential").textContent()).contains("revoked");
    assertThat(page.locator("#revoke-form").count()).isZero();
    assertThat(isRevoked(doomed)).isTrue();
    assertThat(upload(doomed, report(doomed, 1, Optional.empty()))).isEqualTo(401);
  }

  @Test
  void anEnrolmentCodeMadeInTheFormEnrolsAnAgentOnce() {
    Page page = logIn(Width.desktop, "boss", "boss-pw");
    page.navigate(browser.url("/admin"));
    page.selectOption("#enrol-site", "acme/hq");

    page.click("#enrol-form button[type=submit]");

    String code = page.locator("#enrol-code").textContent();
    assertThat(code).matches("[A-Z2-7]{5}(-[A-Z2-7]{5}){3}");
    assertThat(page.locator("#enrol-command").textContent())
        .startsWith("openrps agent --server https://127.0.0.1:" + server.port())
        .contains("--trust-cert server.crt.pem", "--enrol-code " + code);
    assertThat(page.locator("#enrol-expires time").getAttribute("datetime"))
        .isEqualTo(clock.instant().plus(Duration.ofHours(24)).toString());
    JsonNode enrolled = api.enrol(code, "agent");
    assertThat(enrolled.path("customer").asText()).isEqualTo("acme");
    assertThat(enrolled.path("site").asText()).isEqualTo("hq");
    HttpResponse<String> again =
        api.post("/api/v1/enrol", null, "{\"code\":\"" + code + "\",\"kind\":\"agent\"}");
    assertThat(again.statusCode()).isEqualTo(400);
    String id = enrolled.path("clientId").asText();
    secrets.put(id, enrolled.path("secret").asText());
    assertThat(upload(id, report(id, 1, Optional.empty()))).isIn(200, 201);
  }

  @Test
  void aTokenMadeInTheFormWorksUntilItIsRevokedThere() {
    Page page = logIn(Width.desktop, "acme-admin", "admin-pw");
    page.navigate(browser.url("/admin"));
    page.fill("#token-name", "nightly \"><b>export</b>");
    page.selectOption("#token-role", "customer_reader");

    page.click("#token-form button[type=submit]");

    String token = page.locator("#new-token").textContent();
    assertThat(token).startsWith("ort_");
    assertThat(page.locator("#new-token-facts").textContent())
        .contains("customer_reader", "acme", "nightly \"><b>export</b>");
    assertThat(page.locator("#new-token-facts b").count()).isZero();
    assertThat(api.get("/api/v1/devices", ApiClient.bearer(token)).statusCode()).isEqualTo(200);

    page.navigate(browser.url("/admin"));
    String id = token.substring(4, 20);
    Locator row = page.locator("tr[data-token='" + id + "']");
    assertThat(row.locator("td.name").textContent()).isEqualTo("nightly \"><b>export</b>");
    assertThat(row.locator("td.role").textContent()).isEqualTo("customer_reader");
    assertThat(page.locator("#tokens b").count()).isZero();
    row.locator("button").click();

    assertThat(page.locator("#notice").textContent()).contains("revoked");
    assertThat(page.locator("tr[data-token='" + id + "']").count()).isZero();
    assertThat(api.get("/api/v1/devices", ApiClient.bearer(token)).statusCode()).isEqualTo(401);
  }

  @Test
  void accessShowsUsersAndTokensByRoleWithTheirCsv() {
    for (Width width : Width.values()) {
      Page page = logIn(width, "boss", "boss-pw");
      page.navigate(browser.url("/admin"));

      assertThat(page.locator("tr[data-user='acme-reader'] td.role").textContent())
          .isEqualTo("customer_reader");
      assertThat(page.locator("tr[data-user='boss'] td.role").textContent())
          .isEqualTo("provider_admin");
      assertThat(page.locator("#role-customer_reader .figure").textContent()).isEqualTo("1");
      Locator hq = page.locator("tr[data-site='acme/hq']");
      assertThat(hq.locator("td.siteName").textContent()).isEqualTo(HOSTILE);
      assertThat(hq.locator("td.customerName").textContent()).isEqualTo("Acme Print");
      assertThat(page.locator("#sites script").count()).as("the site name is text").isZero();
      looksRight(page, width, "admin");
    }
    Page page = logIn(Width.desktop, "boss", "boss-pw");
    page.navigate(browser.url("/admin?role=customer_reader"));
    assertThat(page.locator("#users tbody tr").allTextContents())
        .singleElement()
        .asString()
        .contains("acme-reader");

    List<Map<String, String>> users =
        Csv.parse(page.request().get(browser.url("/admin/users.csv?role=customer_admin")).text());
    assertThat(users).extracting(m -> m.get("username")).containsExactly("acme-admin");
    assertThat(users.get(0)).containsEntry("customer", "acme").doesNotContainKey("passwordHash");
    assertThat(String.join(",", users.get(0).values())).doesNotContain("$argon2");

    HttpResponse<String> made =
        api.post(
            "/api/v1/tokens",
            ApiClient.basic("boss", "boss-pw"),
            "{\"name\":\"csv check\",\"role\":\"customer_admin\",\"customer\":\"acme\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    List<Map<String, String>> tokens =
        Csv.parse(page.request().get(browser.url("/admin/tokens.csv")).text());
    assertThat(tokens)
        .filteredOn(m -> m.get("name").equals("csv check"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m).containsEntry("role", "customer_admin");
              assertThat(m).containsEntry("customer", "acme");
              assertThat(m).containsEntry("createdBy", "boss");
              assertThat(m).containsEntry("id", api.json(made).path("id").asText());
              assertThat(m.values()).noneMatch(v -> v.startsWith("ort_"));
            });
  }

  @Test
  void aSiteWithHostileNameIsAddedAndShownAsText() {
    Page page = logIn(Width.desktop, "acme-admin", "admin-pw");
    page.navigate(browser.url("/admin"));
    page.fill("#site-id", "branch-2");
    page.fill("#site-name", "\"><b>Branch</b>");

    page.click("#site-form button[type=submit]");

    assertThat(page.locator("#notice").textContent()).isEqualTo("The site was added.");
    assertThat(page.locator("tr[data-site='acme/branch-2'] td.siteName").textContent())
        .isEqualTo("\"><b>Branch</b>");
    assertThat(page.locator("#sites b").count()).isZero();
    assertThat(page.locator("#enrol-site option[value='acme/branch-2']").count()).isOne();
    assertThat(page.locator("#customer-form").count()).as("a provider admin's form").isZero();
  }

  @Test
  void aProviderAdminAddsACustomerWithItsFirstSite() {
    Page page = logIn(Width.desktop, "boss", "boss-pw");
    page.navigate(browser.url("/admin"));
    page.fill("#customer-id", "globex");
    page.fill("#customer-name", "Globex");

    page.click("#customer-form button[type=submit]");

    assertThat(page.locator("#notice").textContent()).startsWith("The customer was added");
    assertThat(page.locator("tr[data-site='globex/main'] td.customerName").textContent())
        .isEqualTo("Globex");
  }

  @Test
  void everyFormWithoutTheSessionsTokenIsRefusedAndChangesNothing() {
    Page page = logIn(Width.desktop, "boss", "boss-pw");
    page.navigate(browser.url("/admin"));
    String tokenId =
        api.json(
                api.post(
                    "/api/v1/tokens",
                    ApiClient.basic("boss", "boss-pw"),
                    "{\"name\":\"kept\",\"role\":\"customer_reader\",\"customer\":\"acme\"}"))
            .path("id")
            .asText();
    long codes = Fixtures.count(jdbcUrl, "enrol_codes");
    long sites = Fixtures.count(jdbcUrl, "sites");
    long tenants = Fixtures.count(jdbcUrl, "tenants");
    long tokens = Fixtures.count(jdbcUrl, "api_tokens");
    Map<String, FormData> forms = new java.util.LinkedHashMap<>();
    forms.put("/agents/" + recent + "/revoke", FormData.create());
    forms.put("/admin/enrol-codes", FormData.create().set("site", "acme/hq"));
    forms.put(
        "/admin/sites",
        FormData.create().set("customer", "acme").set("id", "forged").set("name", "Forged"));
    forms.put(
        "/admin/customers",
        FormData.create()
            .set("id", "forged")
            .set("name", "Forged")
            .set("site", "main")
            .set("siteName", "Main"));
    forms.put(
        "/admin/tokens",
        FormData.create()
            .set("name", "forged")
            .set("role", "customer_admin")
            .set("customer", "acme"));
    forms.put("/admin/tokens/" + tokenId + "/revoke", FormData.create());
    for (Map.Entry<String, FormData> f : forms.entrySet()) {
      APIResponse none =
          page.request()
              .post(browser.url(f.getKey()), RequestOptions.create().setForm(f.getValue()));
      assertThat(none.status()).as("no token: " + f.getKey()).isEqualTo(403);
      assertThat(none.text()).contains("nothing was changed");
      APIResponse wrong =
          page.request()
              .post(
                  browser.url(f.getKey()),
                  RequestOptions.create().setForm(f.getValue().set("csrf", "forged-token")));
      assertThat(wrong.status()).as("wrong token: " + f.getKey()).isEqualTo(403);
    }

    assertThat(isRevoked(recent)).isFalse();
    assertThat(Fixtures.count(jdbcUrl, "enrol_codes")).isEqualTo(codes);
    assertThat(Fixtures.count(jdbcUrl, "sites")).isEqualTo(sites);
    assertThat(Fixtures.count(jdbcUrl, "tenants")).isEqualTo(tenants);
    assertThat(Fixtures.count(jdbcUrl, "api_tokens")).isEqualTo(tokens);
    assertThat(
            api.json(api.get("/api/v1/tokens", ApiClient.basic("boss", "boss-pw")))
                .findValuesAsText("id"))
        .contains(tokenId);
  }

  @Test
  void aReadOnlyUserSeesNoChangeFormAndItsPostsAreRefused() {
    Page page = logIn(Width.desktop, "acme-reader", "reader-pw");
    page.navigate(browser.url("/agents/" + recent));
    assertThat(page.locator("#site-facts").count()).isOne();
    assertThat(page.locator("#revoke-form").count()).isZero();
    page.navigate(browser.url("/admin"));
    assertThat(page.locator("main form[method=post]").count()).isZero();
    assertThat(page.locator("#enrol-read-only").count()).isOne();
    assertThat(page.locator("tr[data-user='boss']").count()).as("no provider admin").isZero();
    String csrf = csrf(page);
    long tokens = Fixtures.count(jdbcUrl, "api_tokens");
    long codes = Fixtures.count(jdbcUrl, "enrol_codes");

    APIResponse revoke =
        page.request()
            .post(
                browser.url("/agents/" + recent + "/revoke"),
                RequestOptions.create().setForm(FormData.create().set("csrf", csrf)));
    APIResponse token =
        page.request()
            .post(
                browser.url("/admin/tokens"),
                RequestOptions.create()
                    .setForm(
                        FormData.create()
                            .set("csrf", csrf)
                            .set("name", "sneaky")
                            .set("role", "customer_reader")));
    APIResponse code =
        page.request()
            .post(
                browser.url("/admin/enrol-codes"),
                RequestOptions.create()
                    .setForm(FormData.create().set("csrf", csrf).set("site", "acme/hq")));

    assertThat(revoke.status()).isEqualTo(403);
    assertThat(revoke.text()).contains("this account may only read");
    assertThat(token.status()).isEqualTo(403);
    assertThat(code.status()).isEqualTo(403);
    assertThat(isRevoked(recent)).isFalse();
    assertThat(Fixtures.count(jdbcUrl, "api_tokens")).isEqualTo(tokens);
    assertThat(Fixtures.count(jdbcUrl, "enrol_codes")).isEqualTo(codes);
  }

  @Test
  void reportsOpenAsHtmlAndCsvWithTheViewersScope() {
    for (Width width : Width.values()) {
      Page page = logIn(width, "boss", "boss-pw");
      page.navigate(browser.url("/reports"));
      assertThat(page.locator("tr[data-report='inventory'] td.title").textContent())
          .isEqualTo("Fleet inventory");
      assertThat(page.locator("tr[data-report='meter-reads'] td.download").textContent())
          .isEqualTo("choose a customer");
      looksRight(page, width, "reports");
    }
    Page page = logIn(Width.desktop, "boss", "boss-pw");
    page.navigate(browser.url("/reports"));
    page.click("tr[data-report='inventory'] a.html");

    assertThat(page.url()).isEqualTo(browser.url("/reports/inventory.html"));
    assertThat(page.locator("h1").textContent()).isEqualTo("Fleet inventory");
    assertThat(page.locator("table").textContent()).contains(recent + "-2", "123,458");

    page.navigate(browser.url("/reports"));
    page.selectOption("#form-sync-health select[name=customer]", "acme");
    page.click("#form-sync-health button:has-text('Open as HTML')");
    assertThat(page.url()).startsWith(browser.url("/reports/sync-health.html?customer=acme"));
    assertThat(page.locator("p.meta").textContent()).startsWith("Acme Print (acme)");
    assertThat(page.locator("table").textContent()).contains(quiet, "silent");

    APIResponse csv = page.request().get(browser.url("/reports/inventory.csv?customer=acme"));
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.headers().get("content-disposition")).contains("inventory-acme-");
    List<Map<String, String>> rows = Csv.parse(csv.text());
    assertThat(rows)
        .filteredOn(m -> m.get("serial").equals(recent + "-2"))
        .singleElement()
        .satisfies(m -> assertThat(m).containsEntry("totalPages", "123458"));

    APIResponse unknown = page.request().get(browser.url("/reports/nothing.html"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text()).contains("page-error");
  }

  @Test
  void aCustomersUserGetsItsOwnReportsWithoutChoosingACustomer() {
    Page page = logIn(Width.desktop, "acme-reader", "reader-pw");
    page.navigate(browser.url("/reports"));

    assertThat(page.locator("select[name=customer]").count()).isZero();
    page.click("tr[data-report='sync-health'] a.html");
    assertThat(page.locator("p.meta").textContent()).startsWith("Acme Print (acme)");
    assertThat(page.locator("table").textContent()).contains(recent);
  }

  /** RFC 4180 as the dashboard writes it: a header line, quoted cells where needed. */
  static final class Csv {
    static List<Map<String, String>> parse(String text) {
      List<List<String>> lines = new ArrayList<>();
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            cell.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          cells.add(cell.toString());
          cell.setLength(0);
        } else if (c == '\n') {
          cells.add(cell.toString());
          cell.setLength(0);
          lines.add(cells);
          cells = new ArrayList<>();
        } else if (c != '\r') {
          cell.append(c);
        }
      }
      List<String> header = lines.get(0);
      List<Map<String, String>> rows = new ArrayList<>();
      for (List<String> line : lines.subList(1, lines.size())) {
        assertThat(line).as("cells of a row").hasSameSizeAs(header);
        Map<String, String> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          row.put(header.get(i), line.get(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
