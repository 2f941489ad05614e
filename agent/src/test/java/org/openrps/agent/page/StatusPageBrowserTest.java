package org.openrps.agent.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.agent.Agent;
import org.openrps.agent.AgentConfig;
import org.openrps.agent.AgentDaemon;
import org.openrps.agent.AgentException;
import org.openrps.agent.PollResult;
import org.openrps.agent.SyncOutcome;
import org.openrps.agent.schedule.Schedule;
import org.openrps.agent.status.AgentStatusReader;
import org.openrps.agent.status.NextSteps;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.sync.RetryPolicy;
import org.openrps.client.HttpsReceiver;
import org.openrps.client.TestTls;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.testkit.MutableClock;
import org.openrps.wire.WireJson;

/**
 * The running agent's local page in Debian's headless Chromium: a real agent that polled simulated
 * printers and synced with a real HTTPS receiver, its daemon running, the page on loopback. One
 * browser for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageBrowserTest {

  private static final String PASSWORD = "correct horse battery";
  private static final String HOSTILE = "<script>alert(1)</script>";

  private Path dir;
  private Simulator sim;
  private HttpsReceiver server;
  private Agent agent;
  private AgentDaemon daemon;
  private Thread loop;
  private StatusPage page;
  private Playwright playwright;
  private Browser browser;

  @BeforeAll
  void start() throws Exception {
    dir = org.openrps.testkit.Scratch.directory("openrps-agent-page");
    Clock clock = Clock.systemUTC();
    TestTls tls = TestTls.selfSigned("server");
    sim =
        Simulator.start(
            new SimulatorConfig(2, InetAddress.getByName("127.61.40.1"), 0, "public", 5), clock);
    server = new HttpsReceiver(tls);
    Path db = dir.resolve("agent.db");
    agent =
        Agent.open(
            new AgentConfig(
                db,
                "127.61.40.1-127.61.40.2",
                sim.printers().get(0).address().getPort(),
                "public",
                Duration.ofMillis(500),
                1,
                16,
                server.url(),
                "agent-page",
                "pw".toCharArray(),
                Optional.of(tls.writePem(dir, "server.pem"))),
            clock);
    agent.runCycle();
    LocalTime syncAt = LocalTime.now(ZoneOffset.UTC).plusHours(12).withSecond(0).withNano(0);
    daemon =
        new AgentDaemon(
            agent,
            new Schedule(Duration.ofHours(24), syncAt, ZoneOffset.UTC, false),
            new RetryPolicy(clock, new Random(1)),
            clock,
            new Quiet());
    loop = new Thread(daemon::run, "test-agent-daemon");
    loop.start();
    page =
        StatusPage.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            PagePassword.of(PASSWORD.toCharArray()),
            () -> {
              try (AgentStore store = AgentStore.openReadOnly(db, WireJson.newMapper())) {
                return AgentStatusReader.read(
                    store, NextSteps.of(daemon.status()), clock.instant());
              }
            },
            Optional.of(daemon::requestSync),
            clock,
            ZoneOffset.UTC);
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

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (page != null) {
      page.close();
    }
    if (daemon != null) {
      daemon.stop();
      loop.join();
    }
    if (agent != null) {
      agent.close();
    }
    server.close();
    sim.close();
  }

  private String url() {
    return "http://127.0.0.1:" + page.address().getPort() + "/";
  }

  private BrowserContext withPassword() {
    return browser.newContext(
        new Browser.NewContextOptions()
            .setViewportSize(390, 844)
            .setHttpCredentials(PagePassword.USER, PASSWORD));
  }

  @Test
  void pageListensOnLoopbackOnly() {
    assertThat(page.address().getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void withoutThePasswordThePageAnswers401AndShowsNoData() {
    try (BrowserContext context = browser.newContext()) {
      Page tab = context.newPage();
      // Chromium asks for credentials; Playwright has none to give: the navigation fails
      assertThatThrownBy(() -> tab.navigate(url()))
          .isInstanceOf(PlaywrightException.class)
          .hasMessageContaining("ERR_INVALID_AUTH_CREDENTIALS");
      APIResponse r = context.request().get(url());
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.headers().get("www-authenticate")).startsWith("Basic realm=");
      String html = r.text();
      assertThat(html).contains("password is needed");
      for (SimulatedPrinter p : sim.printers()) {
        assertThat(html).doesNotContain(p.serial());
      }
      assertThat(html).doesNotContain("Next sync");
    }
  }

  @Test
  void withThePasswordThePageShowsTheDevicesAndTheNextSyncWithHostileNamesAsText()
      throws Exception {
    // a printer names itself with markup (a poll in another test may have renamed it back)
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("agent.db"));
        Statement st = c.createStatement()) {
      st.executeUpdate(
          "UPDATE device SET sys_name = '" + HOSTILE + "' WHERE id = (SELECT min(id) FROM device)");
    }
    try (BrowserContext context = withPassword()) {
      Page tab = context.newPage();
      AtomicBoolean dialog = new AtomicBoolean();
      tab.onDialog(
          d -> {
            dialog.set(true);
            d.dismiss();
          });
      Response r = tab.navigate(url());
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.headerValue("content-security-policy"))
          .contains("default-src 'none'")
          .contains("frame-ancestors 'none'");
      assertThat(r.headerValue("x-content-type-options")).isEqualTo("nosniff");
      assertThat(r.headerValue("cache-control")).isEqualTo("no-store");

      assertThat(tab.locator("caption").allInnerTexts())
          .containsExactly("Sync window", "Outbox backlog", "Devices (2)");
      String sync = tab.locator("table.sync").innerText();
      assertThat(sync)
          .contains("running")
          .contains("Next sync")
          .contains(daemonNextSync())
          .contains("2 printers answered of 2 addresses")
          .containsPattern("acknowledged, HTTP 20\\d");
      assertThat(tab.locator("table.devices tbody tr").count()).isEqualTo(2);
      String devices = tab.locator("table.devices").innerText();
      for (SimulatedPrinter p : sim.printers()) {
        assertThat(devices).contains(p.serial());
      }
      assertThat(devices).contains("v2c community").contains(HOSTILE);
      assertThat(tab.locator("script").count()).as("no script element").isZero();
      assertThat(dialog).as("no script ran").isFalse();
      assertThat(((Number) tab.evaluate("document.documentElement.scrollWidth")).intValue())
          .as("no sideways scrolling at 390 px")
          .isLessThanOrEqualTo(390);

      Path shot = Path.of("target", "screenshots", "agent-page.png");
      Files.createDirectories(shot.getParent());
      tab.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
      assertThat(Files.size(shot)).isPositive();
    }
  }

  /** "2026-12-03 02:00", as the page writes the daemon's next sync. */
  private String daemonNextSync() {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
        .format(daemon.status().nextSync().atZone(ZoneOffset.UTC));
  }

  @Test
  void syncNowButtonMakesTheRunningAgentSync() throws Exception {
    agent.poll(); // new readings to send
    int afterCycle = server.requests();
    try (BrowserContext context = withPassword()) {
      Page tab = context.newPage();
      tab.navigate(url());
      tab.waitForNavigation(
          () -> tab.locator("button", new Page.LocatorOptions().setHasText("Sync now")).click());
      assertThat(tab.url()).endsWith("/?sync=done");
      assertThat(tab.locator("p.notice").innerText()).startsWith("Sync done");
      assertThat(server.requests()).as("the daemon synced once more").isEqualTo(afterCycle + 1);
    }
  }

  @Test
  void aPostWithoutTheFormsTokenIsRefused() throws Exception {
    int before = server.requests();
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url() + "sync"))
                    .header("Authorization", basic(PASSWORD))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=guessed"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(server.requests()).isEqualTo(before);
  }

  @Test
  void wrongPasswordsSlowDownEveryTryAndTheRightOneResets() throws Exception {
    MutableClock clock = MutableClock.at(Instant.parse("2026-12-02T10:00:00Z"));
    try (StatusPage limited =
        StatusPage.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            PagePassword.of(PASSWORD.toCharArray()),
            () -> {
              throw new IllegalStateException("no status here");
            },
            Optional.empty(),
            clock,
            ZoneOffset.UTC)) {
      URI uri = URI.create("http://127.0.0.1:" + limited.address().getPort() + "/");
      for (int i = 0; i < LoginLimiter.FREE_FAILURES; i++) {
        assertThat(get(uri, basic("wrong " + i))).isEqualTo(401);
      }
      assertThat(get(uri, basic(PASSWORD))).as("locked for 1 s").isEqualTo(429);
      clock.advance(Duration.ofSeconds(1));
      assertThat(get(uri, basic("wrong again"))).isEqualTo(401);
      clock.advance(Duration.ofSeconds(1));
      assertThat(get(uri, basic(PASSWORD))).as("now locked for 2 s").isEqualTo(429);
      clock.advance(Duration.ofSeconds(1));
      // the supplier throws: the right password reaches it (and the page answers 500, no data)
      assertThat(get(uri, basic(PASSWORD))).isEqualTo(500);
      assertThat(get(uri, basic("wrong after"))).as("the right one reset the count").isEqualTo(401);
    }
  }

  private static int get(URI uri, String authorization) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(uri).header("Authorization", authorization).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String basic(String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Says nothing. */
  private static final class Quiet implements AgentDaemon.Listener {
    @Override
    public void polled(PollResult result) {}

    @Override
    public void pollFailed(AgentException e) {}

    @Override
    public void synced(SyncOutcome outcome, long kept, Optional<Instant> retryAt) {}

    @Override
    public void missed(AgentDaemon.Step step, Instant due, Instant next) {}

    @Override
    public void waiting(AgentDaemon.Status status) {}
  }
}
