package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.server.dashboard.DashboardBrowser;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.WireSamples;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.MeterReading;
import org.openrps.wire.Report;
import org.openrps.wire.WireJson;

/** The dashboard in Debian's headless Chromium, one browser for the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

  private static final TenantId ACME = TenantId.of("acme");

  private ServerApp server;
  private DashboardBrowser browser;
  private BrowserContext context;
  private Page page;

  /**
   * The server's clock stands still within a test, so a per-minute login limit cannot reset in the
   * middle of one; each test starts a minute later, in a fresh window.
   */
  private final MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.MINUTES));

  @BeforeAll
  void startServerAndBrowser() throws Exception {
    Path dataDir = org.openrps.testkit.Scratch.directory("openrps-dashboard");
    server = ServerApp.start(ServerConfig.embedded(dataDir, 0), clock);
    server.putAgent("agent-1", "agent-secret".toCharArray());
    server.putUser("admin", "correct horse".toCharArray());
    server.putUser("dealer", "dealer horse".toCharArray(), TenantId.DEFAULT, Role.provider_admin);
    server.addCustomer(ACME, "Acme <Printing> & Co", SiteId.of("hq"), "Head office");
    server.putAgent("agent-acme", "acme-secret".toCharArray(), ACME, SiteId.of("hq"));
    server.putUser("acme-admin", "acme horse".toCharArray(), ACME, Role.customer_admin);
    uploadReport();
    upload(
        WireSamples.report("r-acme", "agent-acme", Instant.parse("2026-11-28T09:00:00Z"), 63),
        "agent-acme:acme-secret");
    browser = new DashboardBrowser("https://127.0.0.1:" + server.port());
  }

  private void uploadReport() throws IOException, InterruptedException {
    Instant t = Instant.parse("2026-11-28T08:00:00Z");
    upload(
        WireSamples.report(
            "r-dash",
            "agent-1",
            t,
            WireSamples.device("Xerox", "XRX<b>42</b>", 123456, 7, t),
            WireSamples.device("HP", "CNB1234567", 98765, 55, t)));
    // A Counter32 that wrapped between two readings: the second is flagged by the agent.
    upload(
        WireSamples.report(
            "r-wrap-1",
            "agent-1",
            t,
            WireSamples.device("Kyocera", "WRAP1", 4_294_966_616L, 50, t)));
    Instant later = t.plusSeconds(6 * 3600);
    DeviceSnapshot wrapped = WireSamples.device("Kyocera", "WRAP1", 120, 50, later);
    upload(
        WireSamples.report(
            "r-wrap-2",
            "agent-1",
            later,
            wrapped.withCounters(
                List.of(wrapped.counters().get(0).withFlags(List.of(MeterReading.WRAPPED))))));
  }

  private void upload(Report report) throws IOException, InterruptedException {
    upload(report, "agent-1:agent-secret");
  }

  private void upload(Report report, String credentials) throws IOException, InterruptedException {
    HttpClient client =
        HttpClient.newBuilder().sslContext(Fixtures.trusting(server.certificatePem())).build();
    byte[] body = WireJson.gzip(WireJson.newMapper(), report);
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(url("/api/v1/reports")))
                .header("Content-Encoding", "gzip")
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @AfterAll
  void stopBrowserAndServer() {
    browser.close();
    server.close();
  }

  @BeforeEach
  void newContext() {
    clock.advance(Duration.ofMinutes(1));
    context = browser.context(DashboardBrowser.Width.desktop);
    page = context.newPage();
  }

  @AfterEach
  void closeContext() {
    context.close();
  }

  private String url(String path) {
    return "https://127.0.0.1:" + server.port() + path;
  }

  @Test
  void aWrappedCounterShowsAsFlaggedNeverAsBillionsOfPages() {
    logIn("admin", "correct horse");
    page.navigate(url("/devices?customer=default"));

    Locator pages = page.locator("tr[data-serial='WRAP1'] td.totalPages");
    assertThat(pages.textContent()).isEqualTo("flagged: wrapped");
    assertThat(pages.locator("span").getAttribute("title")).contains("held for review");
    assertThat(page.locator("#devices").textContent()).doesNotContain("4,294,966,616 ");
  }

  private void logIn(String username, String password) {
    DashboardBrowser.logIn(page, url(""), username, password);
  }

  @Test
  void userLogsInAndSeesTheDevices() {
    logIn("admin", "correct horse");

    assertThat(page.url()).isEqualTo(url("/"));
    page.navigate(url("/devices?customer=default"));
    Locator rows = page.locator("#devices tbody tr");
    assertThat(rows.count()).isEqualTo(3);
    Locator xerox = page.locator("tr[data-serial='XRX<b>42</b>']");
    assertThat(xerox.locator("td.serial").textContent()).isEqualTo("XRX<b>42</b>");
    assertThat(xerox.locator("td.totalPages").textContent()).isEqualTo("123,456");
    assertThat(xerox.locator("td.lowestSupply").textContent()).endsWith(" 7 %");
    assertThat(xerox.textContent())
        .contains("Xerox", "Xerox Model 1", "127.50.0.1", "2026-11-28 08:00 UTC");
    Locator hp = page.locator("tr[data-serial='CNB1234567']");
    assertThat(hp.locator("td.totalPages").textContent()).isEqualTo("98,765");
    assertThat(page.locator("#devices b").count()).as("serials are escaped, not markup").isZero();
  }

  @Test
  void sessionCookieIsSecureHttpOnlyAndStrict() {
    logIn("admin", "correct horse");

    Cookie session =
        context.cookies().stream()
            .filter(c -> c.name.equals("openrps_session"))
            .findFirst()
            .orElseThrow();
    assertThat(session.secure).isTrue();
    assertThat(session.httpOnly).isTrue();
    assertThat(session.sameSite).hasToString("STRICT");
  }

  @Test
  void wrongPasswordShowsAnErrorAndNoDevices() {
    logIn("admin", "wrong horse");

    assertThat(page.locator("#login-error").textContent()).contains("Wrong user name or password");
    assertThat(page.locator("#devices").count()).isZero();
    assertThat(context.cookies()).noneMatch(c -> c.name.equals("openrps_session"));
  }

  @Test
  void tooManyWrongPasswordsForOneUserShowTheRateLimitMessage() {
    for (int i = 0; i < 10; i++) {
      logIn("guesser", "guess-" + i);
      assertThat(page.locator("#login-error").textContent())
          .contains("Wrong user name or password");
    }
    logIn("guesser", "guess-10");
    assertThat(page.locator("#login-error").textContent()).contains("Too many attempts");
    assertThat(page.locator("#devices").count()).isZero();
  }

  @Test
  void dashboardWithoutLoginRedirectsToTheLoginForm() {
    page.navigate(url("/"));

    assertThat(page.url()).isEqualTo(url("/login"));
    assertThat(page.locator("#password").count()).isEqualTo(1);
  }

  @Test
  void logoutEndsTheSession() {
    logIn("admin", "correct horse");
    page.click("header button[type=submit]");

    assertThat(page.url()).isEqualTo(url("/login"));
    page.navigate(url("/"));
    assertThat(page.url()).isEqualTo(url("/login"));
  }

  @Test
  void providerOverviewShowsEveryCustomerAndEachCustomersOwn() {
    logIn("dealer", "dealer horse");

    Locator acme = page.locator("#customers tr[data-customer='acme']");
    assertThat(acme.locator("td.devices").textContent()).isEqualTo("63");
    assertThat(acme.locator("td.customer").textContent())
        .as("names are escaped")
        .isEqualTo("Acme <Printing> & Co");
    assertThat(page.locator("#customers tr[data-customer='default'] td.devices").textContent())
        .isEqualTo("3");
    assertThat(page.locator("#card-devices .figure").textContent()).isEqualTo("66");
    assertThat(page.locator("#card-low .figure").textContent())
        .as("the Xerox at 7 %")
        .isEqualTo("1");
    assertThat(page.locator("#card-missed").textContent()).contains("no billing schedule");
    reviewed("overview");

    acme.locator("td.customer a").click();
    assertThat(page.locator("h1").textContent()).isEqualTo("Overview · Acme <Printing> & Co");
    assertThat(page.locator("#card-devices .figure").textContent()).isEqualTo("63");
    assertThat(page.locator("#by-status tr").count()).as("header and idle").isEqualTo(2);
    assertThat(page.locator("#by-status td.devices").textContent()).isEqualTo("63");
  }

  @Test
  void aCustomersUserSeesOnlyTheirFleetWithoutCustomerColumns() {
    logIn("acme-admin", "acme horse");

    assertThat(page.locator("#customers").count()).isZero();
    assertThat(page.locator("#card-devices .figure").textContent()).isEqualTo("63");
    page.navigate(url("/devices"));
    assertThat(page.locator("#device-count").textContent()).isEqualTo("1–50 of 63 devices");
    assertThat(page.locator("#devices th[data-key='customer']").count()).isZero();
    assertThat(page.locator("#customer").count()).as("no customer filter").isZero();
    page.navigate(url("/devices?customer=default"));
    assertThat(page.locator("#device-count").textContent())
        .as("another customer's devices stay out of scope")
        .isEqualTo("No device matches.");
  }

  @Test
  void deviceListSearchesFiltersSortsPagesAndDownloadsTheSameRows() {
    logIn("dealer", "dealer horse");
    page.navigate(url("/devices"));
    assertThat(page.locator("#device-count").textContent()).isEqualTo("1–50 of 66 devices");
    assertThat(page.locator("#devices th[data-key='customer']").count()).isEqualTo(1);
    reviewed("devices");

    page.locator("a[rel=next]").click();
    assertThat(page.locator("#device-count").textContent()).isEqualTo("51–66 of 66 devices");
    assertThat(page.locator("#devices tbody tr").count()).isEqualTo(16);

    page.navigate(url("/devices"));
    page.locator("#devices th[data-key='totalPages'] a").click();
    page.locator("#devices th[data-key='totalPages'] a").click();
    assertThat(page.locator("#devices th[data-key='totalPages']").getAttribute("aria-sort"))
        .isEqualTo("descending");
    assertThat(page.locator("#devices tbody tr").first().getAttribute("data-serial"))
        .isEqualTo("XRX<b>42</b>");
    assertThat(page.locator("#devices tbody tr").first().locator("td.totalPages").textContent())
        .isEqualTo("123,456");

    page.fill("#q", "s0042");
    page.click("form.filters button[type=submit]");
    assertThat(page.locator("#devices tbody tr").count()).isEqualTo(1);
    assertThat(page.locator("#devices tbody tr td.serial").textContent()).isEqualTo("S0042");
    assertThat(page.locator("#devices tbody tr td.site").textContent()).isEqualTo("hq");

    page.navigate(url("/devices"));
    page.selectOption("#low", "10");
    page.click("form.filters button[type=submit]");
    assertThat(page.locator("#devices tbody tr").count()).isEqualTo(1);
    assertThat(page.locator("#devices tbody tr td.lowestSupply").textContent()).contains("7 %");

    page.navigate(url("/devices?make=Kyocera"));
    String csv = page.request().get(url(page.locator("#devices-csv").getAttribute("href"))).text();
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "customer,site,make,model,serial,address,status,lastSeen,totalPages,totalPagesFlags,lowestSupply");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .as("a flagged total has no number in the download either")
        .startsWith("default,default,Kyocera,Kyocera Model 1,WRAP1,127.50.0.1,idle,")
        .contains(",,wrapped,");
  }

  @Test
  void pagesWorkOnAPhone() {
    context.close();
    context = browser.context(DashboardBrowser.Width.phone);
    page = context.newPage();
    logIn("dealer", "dealer horse");
    assertThat(DashboardBrowser.scrollsSideways(page)).as("overview at 390 px").isFalse();
    assertThat(DashboardBrowser.seriousViolations(page)).isEmpty();
    DashboardBrowser.screenshot(page, "overview-phone");
    page.navigate(url("/devices"));
    assertThat(DashboardBrowser.scrollsSideways(page)).as("device list at 390 px").isFalse();
    assertThat(DashboardBrowser.seriousViolations(page)).isEmpty();
    DashboardBrowser.screenshot(page, "devices-phone");
  }

  /** No serious or critical accessibility violation, and a screenshot kept for review. */
  private void reviewed(String name) {
    assertThat(DashboardBrowser.seriousViolations(page)).as(name).isEmpty();
    DashboardBrowser.screenshot(page, name + "-desktop");
  }
}
