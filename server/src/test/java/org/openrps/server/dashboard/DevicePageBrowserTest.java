package org.openrps.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.client.CommandClient;
import org.openrps.client.Tls;
import org.openrps.server.ApiClient;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.commands.Commands;
import org.openrps.server.store.Role;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.testkit.WireSamples;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceDiagnostics;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.InputTray;
import org.openrps.wire.InstalledOption;
import org.openrps.wire.MeterReading;
import org.openrps.wire.Report;
import org.openrps.wire.SnmpPosture;
import org.openrps.wire.command.Command;
import org.openrps.wire.command.CommandBatch;
import org.openrps.wire.command.CommandResult;

/**
 * The device page in Debian's headless Chromium against a real server: six days of an agent's
 * reports for one printer (growing totals, a wrapped reading last, toner falling so the supplies
 * forecast has a band), a Device Direct printer with diagnostics, and a printer whose model and
 * location are markup. A command goes out through the form and the agent answers it with the real
 * {@link CommandClient}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevicePageBrowserTest {

  private static final Instant DAY0 = Instant.parse("2026-11-24T08:00:00Z");
  private static final String SERIAL = "CNDEVPAGE1";
  private static final String PAGE = "/devices/default/HP/" + SERIAL;
  private static final TenantId ACME = TenantId.of("acme");
  private static final long[] TOTALS = {10_000, 10_500, 11_200, 11_900, 12_345};
  private static final int[] TONER = {80, 75, 68, 63, 55, 50};

  /** The server's clock: after the last report; each test a minute later (login limits). */
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T12:00:00Z"));

  private ServerApp server;
  private ApiClient api;
  private DashboardBrowser browser;
  private BrowserContext context;
  private Page page;

  @BeforeAll
  void startServerAndBrowser() throws Exception {
    Path dir = org.openrps.testkit.Scratch.directory("openrps-device-page");
    server = ServerApp.start(ServerConfig.embedded(dir, 0), clock, ServerApp.Jobs.onCall);
    api = new ApiClient(server);
    server.putAgent("agent-1", "agent-secret".toCharArray());
    server.putUser("admin", "correct horse".toCharArray());
    server.putUser("reader", "reader horse".toCharArray(), TenantId.DEFAULT, Role.customer_reader);
    server.addCustomer(ACME, "Acme", SiteId.of("hq"), "HQ");
    server.putUser("acme-admin", "acme horse".toCharArray(), ACME, Role.customer_admin);
    server.putDevice(
        "dd-1",
        "dd-secret".toCharArray(),
        TenantId.DEFAULT,
        SiteId.DEFAULT,
        new DeviceRef("HP", "DD1"));
    String agent = ApiClient.basic("agent-1", "agent-secret");
    for (int day = 0; day < 6; day++) {
      upload(WireSamples.report("r-day-" + day, "agent-1", at(day), main(day)), agent);
    }
    upload(
        WireSamples.report(
            "r-hostile",
            "agent-1",
            at(5),
            hostile(SnapshotBuilder.printer("HP", "HOSTILE1").at(at(5)).build())),
        agent);
    upload(
        WireSamples.report(
            "r-dd",
            WireSamples.deviceSource("dd-1"),
            at(5),
            List.of(
                SnapshotBuilder.printer("HP", "DD1")
                    .pages(4_321)
                    .at(at(5))
                    .build()
                    .withDiagnostics(
                        new DeviceDiagnostics(
                            List.of(
                                new DeviceDiagnostics.Fault(
                                    "SC542",
                                    "Fuser thermistor",
                                    "critical",
                                    at(5).minusSeconds(600),
                                    Optional.empty())),
                            List.of(),
                            Map.of("engine", "E7", "controller", "C2.1"),
                            Map.of(),
                            List.of(
                                new DeviceDiagnostics.PartCounter(
                                    "fuser",
                                    41_000,
                                    OptionalLong.of(150_000),
                                    1,
                                    Optional.empty())),
                            Map.of(),
                            at(5))))),
        ApiClient.basic("dd-1", "dd-secret"));
    server.runIncidents();
    browser = new DashboardBrowser("https://127.0.0.1:" + server.port());
  }

  private static Instant at(int day) {
    return DAY0.plus(Duration.ofDays(day));
  }

  /** The printer on day {@code day}: on day 5 its total wrapped (flagged by the agent). */
  private static DeviceSnapshot main(int day) {
    Instant t = at(day);
    DeviceSnapshot s =
        SnapshotBuilder.printer("HP", SERIAL)
            .model("LaserJet M507")
            .pages(day < TOTALS.length ? TOTALS[day] : 120)
            .tonerLevel(TONER[day])
            .meter("color", 2_000 + 150L * day, "1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.7.0")
            .at(t)
            .build();
    List<MeterReading> counters = new ArrayList<>(s.counters());
    if (day == 5) {
      counters.set(0, counters.get(0).withFlags(List.of(MeterReading.WRAPPED)));
    }
    DeviceIdentity identity =
        new DeviceIdentity(
            "HP",
            "LaserJet M507",
            SERIAL,
            s.identity().sysObjectId(),
            s.identity().mac(),
            Optional.of("2409048_052604"),
            Optional.of("prn-main"),
            t,
            Optional.of("Floor 2, east"),
            Optional.of("HP Inc."),
            Optional.of("HP"),
            List.of());
    List<AlertReading> alerts =
        day >= 4
            ? List.of(
                new AlertReading(
                    1,
                    "warning",
                    "untrained",
                    "markerSupplies",
                    "markerTonerAlmostEmpty",
                    "Black toner almost empty",
                    t))
            : List.of();
    return new DeviceSnapshot(
        identity,
        s.address(),
        t,
        counters,
        s.supplies(),
        s.status(),
        alerts,
        List.of(
            new InputTray(1, "Tray 1", Optional.of("A4"), 500, 250, t),
            new InputTray(2, "Tray 2", Optional.empty(), 500, -3, t)),
        List.of(new InstalledOption(1, "diskStorage", "HDD 320 GB", Optional.of("running"), t)),
        Optional.of(SnmpPosture.community(SnmpPosture.V2C)));
  }

  private static DeviceSnapshot hostile(DeviceSnapshot s) {
    DeviceIdentity i = s.identity();
    return s.withIdentity(
        new DeviceIdentity(
            i.make(),
            "<script>alert(1)</script>",
            i.serial(),
            i.sysObjectId(),
            i.mac(),
            i.firmware(),
            i.sysName(),
            i.readAt(),
            Optional.of("\"><b>bold</b>")));
  }

  private void upload(Report report, String auth) {
    HttpResponse<String> r = api.upload(report, auth);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
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

  private int commandCount() {
    return server
        .commands()
        .list(Scope.provider(), Commands.Filter.ALL, Optional.empty(), "", 10_000)
        .size();
  }

  @Test
  void theSerialInTheDeviceListLeadsToThePageWithItsIdentityAndSources() {
    browser.logIn(page, "admin", "correct horse");
    page.navigate(browser.url("/devices"));
    page.click("tr[data-serial='" + SERIAL + "'] td.serial a");

    assertThat(page.url()).isEqualTo(browser.url(PAGE));
    assertThat(page.locator("h1").textContent()).isEqualTo("HP LaserJet M507 · " + SERIAL);
    assertThat(page.locator("#fact-model").textContent()).isEqualTo("LaserJet M507");
    assertThat(page.locator("#fact-serial").textContent()).isEqualTo(SERIAL);
    assertThat(page.locator("#fact-customer").textContent()).isEqualTo("default");
    assertThat(page.locator("#fact-address").textContent()).isEqualTo("127.50.0.1");
    assertThat(page.locator("#fact-mac").textContent()).isEqualTo("00:1b:78:00:00:01");
    assertThat(page.locator("#fact-firmware").textContent()).isEqualTo("2409048_052604");
    assertThat(page.locator("#fact-sysName").textContent()).isEqualTo("prn-main");
    assertThat(page.locator("#fact-location").textContent()).isEqualTo("Floor 2, east");
    assertThat(page.locator("#fact-manufacturer").textContent()).isEqualTo("HP Inc.");
    assertThat(page.locator("#fact-uptime").textContent()).isEqualTo("unknown");
    assertThat(page.locator("#fact-status").textContent()).isEqualTo("idle");
    assertThat(page.locator("#fact-errors").textContent()).isEqualTo("lowToner");
    assertThat(page.locator("#fact-lastSeen").textContent()).isEqualTo("2026-11-29 08:00 UTC");
    Locator meters = page.locator("#sources tr[data-group='meters']");
    assertThat(meters.locator("td.source").textContent()).isEqualTo("agent:agent-1");
    assertThat(meters.locator("td.readAt").textContent()).isEqualTo("2026-11-29 08:00 UTC");
    assertThat(page.locator("#sources tr[data-group='diagnostics'] td.source").textContent())
        .isEqualTo("not reported");
    assertThat(DashboardBrowser.seriousViolations(page)).isEmpty();
    DashboardBrowser.screenshot(page, "device-desktop");
  }

  @Test
  void theFlaggedTotalIsShownAsFlaggedAndItsChartMarksItInsteadOfDrawingIt() {
    browser.logIn(page, "admin", "correct horse");
    page.navigate(browser.url(PAGE));

    Locator total = page.locator("#meters tr[data-meter='total'] td.value");
    assertThat(total.textContent())
        // the agent saw the wrap; the server sees a count lower than the one before
        .startsWith("flagged: wrapped, backwards")
        .contains("last trusted: 12,345 at 2026-11-28 08:00 UTC")
        .doesNotContain("120");
    assertThat(page.locator("#meters tr[data-meter='color'] td.value").textContent())
        .isEqualTo("2,750");
    assertThat(page.locator("#total-note").textContent())
        .contains("held for review (wrapped, backwards)");

    Locator chart = page.locator("svg#chart-total");
    assertThat(chart.getAttribute("role")).isEqualTo("img");
    assertThat(chart.getAttribute("aria-label"))
        .isEqualTo(
            "Total pages from 2026-11-24 to 2026-11-29: 10,000 to 12,345;"
                + " 1 reading not drawn (flagged: wrapped, backwards)");
    assertThat(chart.locator("title").textContent()).isEqualTo(chart.getAttribute("aria-label"));
    assertThat(chart.getAttribute("data-points")).isEqualTo("5");
    assertThat(chart.locator("circle.point").count()).isEqualTo(5);
    assertThat(chart.locator("g.marked").count()).isEqualTo(1);
    assertThat(chart.locator("g.y-axis text").allTextContents()).contains("10,000", "13,000");
    assertThat(chart.locator("g.x-axis text").allTextContents())
        .contains("2026-11-24", "2026-11-29");
    Locator table = page.locator("#chart-total-data table");
    assertThat(table.locator("tbody tr").count()).isEqualTo(6);
    assertThat(table.locator("tbody tr").last().textContent())
        .contains("flagged: wrapped, backwards");
    assertThat(page.locator("svg#chart-meter-1").getAttribute("aria-label"))
        .isEqualTo("Meter color from 2026-11-24 to 2026-11-29: 2,000 to 2,750");
  }

  @Test
  void suppliesShowTheirLevelsTheirHistoryAndTheDaysToEmptyOfTheForecast() {
    browser.logIn(page, "admin", "correct horse");
    page.navigate(browser.url(PAGE));

    assertThat(page.locator("#supplies tr[data-supply='1'] td.level").textContent())
        .isEqualTo("50 %");
    assertThat(page.locator("#supplies tr[data-supply='3'] td.level").textContent())
        .isEqualTo("some remaining");
    assertThat(page.locator("#supplies tr[data-supply='1'] td.partNumber").textContent())
        .isEqualTo("unknown");
    JsonNode forecast =
        api.json(
                api.get(
                    "/api/v1/customers/default/devices/HP/" + SERIAL + "/supplies/forecast",
                    ApiClient.basic("admin", "correct horse")))
            .get(0);
    long low = Math.round(forecast.get("daysToEmptyLow").asDouble());
    long high = Math.round(forecast.get("daysToEmptyHigh").asDouble());
    assertThat(low).isLessThan(high);
    String expected = String.format(Locale.ROOT, "Black Toner: empty in %d–%d days", low, high);
    assertThat(page.locator("#forecast-1").textContent()).isEqualTo(expected);
    assertThat(page.locator("#supplies tr[data-supply='1'] td.empty").textContent())
        .isEqualTo(expected.substring("Black Toner: ".length()));
    assertThat(page.locator("#forecast-3").textContent()).isEqualTo("Cyan Toner: not enough data");

    Locator chart = page.locator("svg#chart-supply-1");
    assertThat(chart.getAttribute("role")).isEqualTo("img");
    assertThat(chart.getAttribute("data-points")).isEqualTo("6");
    assertThat(chart.locator("polygon.band").count()).isEqualTo(1);
    assertThat(chart.getAttribute("aria-label"))
        .startsWith("Black Toner level from 2026-11-24 to 2026-11-29: 80 % to 50 %; empty between");
    assertThat(page.locator("svg#chart-supply-3").getAttribute("data-marked")).isEqualTo("6");
    assertThat(page.locator("svg#chart-supply-2").count()).as("waste is not consumed").isZero();
  }

  @Test
  void alertsTraysOptionsAndTheWeakSnmpPostureAreShown() {
    browser.logIn(page, "admin", "correct horse");
    page.navigate(browser.url(PAGE));

    Locator alert = page.locator("#alerts tr[data-code='markerTonerAlmostEmpty']");
    assertThat(alert.locator("td.state").textContent()).isEqualTo("open");
    assertThat(alert.locator("td.firstSeen").textContent()).isEqualTo("2026-11-28 08:00 UTC");
    assertThat(page.locator("#alerts-count").textContent()).startsWith("1 open alert");
    assertThat(page.locator("#incidents, #incidents-empty").count()).isEqualTo(1);
    assertThat(page.locator("#trays tbody tr").first().textContent())
        .contains("Tray 1", "A4", "250 of 500 sheets");
    assertThat(page.locator("#trays tbody tr").last().locator("td.level").textContent())
        .isEqualTo("some remaining");
    assertThat(page.locator("#options").textContent()).contains("HDD 320 GB", "running");
    assertThat(page.locator("#versions").textContent()).contains("2409048_052604");
    assertThat(page.locator("#fact-snmpVersion").textContent()).isEqualTo("v2c");
    assertThat(page.locator("#fact-snmpAssessment").textContent())
        .isEqualTo("weak: SNMPv2c: the community travels in clear");
    assertThat(page.locator("#snmp-rule").textContent()).contains("MD5", "DES", "v1 and v2c");
    assertThat(page.locator("#diagnostics-empty").count()).isEqualTo(1);
  }

  @Test
  void aDeviceDirectPrinterShowsItsModuleAsSourceItsDiagnosticsAndItsOwnCommands() {
    browser.logIn(page, "admin", "correct horse");
    page.navigate(browser.url("/devices/default/HP/DD1"));

    assertThat(page.locator("#sources tr[data-group='diagnostics'] td.source").textContent())
        .isEqualTo("device:dd-1 (Device Direct)");
    assertThat(page.locator("#faults").textContent()).contains("SC542", "Fuser thermistor");
    assertThat(page.locator("#versions").textContent()).contains("engine", "E7", "C2.1");
    assertThat(page.locator("#fact-snmpAssessment").textContent()).startsWith("not reported");
    assertThat(page.locator("#command-type optgroup").count()).isEqualTo(1);
    assertThat(page.locator("#command-type option").allTextContents())
        .contains("reboot", "set-location")
        .doesNotContain("reread-device");
  }

  @Test
  void aCommandSentThroughTheFormIsQueuedThenFollowedToItsResult() throws Exception {
    browser.logIn(page, "admin", "correct horse");
    page.navigate(browser.url(PAGE));
    page.selectOption("#command-type", "reread-device");
    page.click("#send-command button[type=submit]");

    assertThat(page.url()).startsWith(browser.url(PAGE + "?sent=cmd-"));
    String id = page.url().replaceAll(".*sent=([^#&]+).*", "$1");
    assertThat(page.locator("#notice").textContent())
        .isEqualTo(
            "Command " + id + " queued (reread-device for agent agent-1 for HP/" + SERIAL + ")");
    Locator row = page.locator("#commands tr[data-command='" + id + "']");
    assertThat(row.getAttribute("data-state")).isEqualTo("queued");
    assertThat(row.locator("td.id").textContent()).isEqualTo(id);
    assertThat(row.locator("td.by").textContent()).isEqualTo("admin");
    page.reload();
    assertThat(page.locator("#commands tbody tr[data-command='" + id + "']").count()).isEqualTo(1);

    CommandClient agent =
        new CommandClient(
            URI.create(browser.url("")),
            "agent-1",
            "agent-secret".toCharArray(),
            Tls.clientContext(Optional.of(server.certificatePem())));
    CommandBatch batch = agent.fetch();
    Command command =
        batch.commands().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    assertThat(command.device()).contains(new DeviceRef("HP", SERIAL));
    page.reload();
    assertThat(page.locator("#commands tr[data-command='" + id + "']").getAttribute("data-state"))
        .isEqualTo("delivered");
    assertThat(
            agent.report(
                new CommandResult(
                    id,
                    CommandResult.Outcome.done,
                    "re-read HP/" + SERIAL + ": 5 meters, 3 supplies",
                    clock.instant(),
                    Map.of("meters", "5"))))
        .isEqualTo(CommandClient.Acknowledgement.stored);

    page.reload();
    row = page.locator("#commands tr[data-command='" + id + "']");
    assertThat(row.getAttribute("data-state")).isEqualTo("done");
    assertThat(row.locator("td.result").textContent())
        .isEqualTo("re-read HP/" + SERIAL + ": 5 meters, 3 supplies");
    row.locator("td.id a").click();
    assertThat(page.url()).isEqualTo(browser.url("/commands/" + id));
    assertThat(page.locator("#fact-state").textContent()).isEqualTo("done");
    assertThat(page.locator("#fact-details").textContent()).isEqualTo("meters=5");
    assertThat(page.locator("#refresh").getAttribute("href")).isEqualTo("/commands/" + id);
    assertThat(DashboardBrowser.seriousViolations(page)).isEmpty();
  }

  @Test
  void aRefusedCommandShowsTheServicesSentenceAndKeepsTheForm() {
    browser.logIn(page, "admin", "correct horse");
    page.navigate(browser.url(PAGE));
    int before = commandCount();
    String longValue = "x".repeat(4001);
    page.selectOption("#command-type", "configure");
    page.fill("#command-params", "poll-every=1h\nnote=" + longValue);
    page.selectOption("#command-expires", "3d");
    Response response =
        page.waitForResponse(
            r -> r.request().method().equals("POST"),
            () -> page.click("#send-command button[type=submit]"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(page.locator("#command-error").textContent())
        .isEqualTo("parameter note is too long");
    assertThat(page.locator("#command-type").inputValue()).isEqualTo("configure");
    assertThat(page.locator("#command-params").inputValue())
        .isEqualTo("poll-every=1h\nnote=" + longValue);
    assertThat(page.locator("#command-expires").inputValue()).isEqualTo("3d");
    assertThat(commandCount()).isEqualTo(before);

    page.fill("#command-params", "no pair here");
    page.click("#send-command button[type=submit]");
    assertThat(page.locator("#command-error").textContent())
        .isEqualTo("parameter line 1 is not key=value: no pair here");
    assertThat(commandCount()).isEqualTo(before);
  }

  @Test
  void aCommandPostWithoutTheSessionsTokenIsRefusedAndQueuesNothing() {
    browser.logIn(page, "admin", "correct horse");
    int before = commandCount();

    APIResponse none =
        page.request()
            .post(
                browser.url(PAGE + "/commands"),
                RequestOptions.create()
                    .setForm(FormData.create().set("type", "send-now"))
                    .setMaxRedirects(0));
    APIResponse wrong =
        page.request()
            .post(
                browser.url(PAGE + "/commands"),
                RequestOptions.create()
                    .setForm(FormData.create().set("type", "send-now").set("csrf", "forged"))
                    .setMaxRedirects(0));

    assertThat(none.status()).isEqualTo(403);
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.text()).contains("nothing was changed");
    assertThat(commandCount()).isEqualTo(before);
  }

  @Test
  void aReaderSeesTheCommandsButNoFormAndAnotherCustomersUserFindsNoDevice() {
    browser.logIn(page, "reader", "reader horse");
    page.navigate(browser.url(PAGE));
    assertThat(page.locator("#commands, #commands-empty").count()).isEqualTo(1);
    assertThat(page.locator("#send-command").count()).isZero();
    context.close();

    context = browser.context(DashboardBrowser.Width.desktop);
    page = context.newPage();
    browser.logIn(page, "acme-admin", "acme horse");
    Response other = page.navigate(browser.url(PAGE));
    assertThat(other.status()).isEqualTo(404);
    assertThat(page.locator("#page-error").textContent()).isEqualTo("no such device");
    assertThat(page.locator("#identity").count()).isZero();
    Response missing = page.navigate(browser.url("/devices/default/HP/NO-SUCH"));
    assertThat(missing.status()).isEqualTo(404);
  }

  @Test
  void markupInTheModelAndLocationIsShownAsText() {
    browser.logIn(page, "admin", "correct horse");
    page.navigate(browser.url("/devices"));
    page.click("tr[data-serial='HOSTILE1'] td.serial a");

    assertThat(page.locator("h1").textContent())
        .isEqualTo("HP <script>alert(1)</script> · HOSTILE1");
    assertThat(page.locator("#fact-model").textContent()).isEqualTo("<script>alert(1)</script>");
    assertThat(page.locator("#fact-location").textContent()).isEqualTo("\"><b>bold</b>");
    assertThat(page.locator("main script").count()).isZero();
    assertThat(page.locator("main b").count()).isZero();
    assertThat(page.title()).contains("<script>alert(1)</script>");
  }

  @Test
  void onAPhoneThePageFitsItsWidthAndPassesAxe() {
    context.close();
    context = browser.context(DashboardBrowser.Width.phone);
    page = context.newPage();
    browser.logIn(page, "admin", "correct horse");
    page.navigate(browser.url(PAGE));

    assertThat(page.locator("svg#chart-total").isVisible()).isTrue();
    assertThat(DashboardBrowser.scrollsSideways(page)).isFalse();
    assertThat(DashboardBrowser.seriousViolations(page)).isEmpty();
    DashboardBrowser.screenshot(page, "device-phone");
  }
}
