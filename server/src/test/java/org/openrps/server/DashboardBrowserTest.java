package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.WireSamples;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.MeterReading;
import org.openrps.wire.Report;
import org.openrps.wire.WireJson;

/** The dashboard in Debian's headless Chromium, one browser for the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

  private ServerApp server;
  private Playwright playwright;
  private Browser browser;
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
    uploadReport();
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(Paths.get("/usr/bin/chromium"))
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-quic",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run")));
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
                    "Basic "
                        + Base64.getEncoder().encodeToString("agent-1:agent-secret".getBytes()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @AfterAll
  void stopBrowserAndServer() {
    browser.close();
    playwright.close();
    server.close();
  }

  @BeforeEach
  void newContext() {
    clock.advance(Duration.ofMinutes(1));
    context = browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true));
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
    page.navigate(url("/devices"));

    Locator pages = page.locator("tr[data-serial='WRAP1'] td.totalPages");
    assertThat(pages.textContent()).isEqualTo("flagged: wrapped");
    assertThat(pages.locator("span").getAttribute("title")).contains("held for review");
    assertThat(page.locator("#devices").textContent()).doesNotContain("4,294,966,616 ");
  }

  private void logIn(String username, String password) {
    page.navigate(url("/login"));
    page.fill("#username", username);
    page.fill("#password", password);
    page.click("button[type=submit]");
  }

  @Test
  void userLogsInAndSeesTheDevices() {
    logIn("admin", "correct horse");

    assertThat(page.url()).isEqualTo(url("/"));
    page.navigate(url("/devices"));
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
}
