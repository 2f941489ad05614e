package org.openrps.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.amr.BillingSchedule;
import org.openrps.server.amr.MeterRead;
import org.openrps.server.asr.AsrRepository;
import org.openrps.server.dashboard.DashboardBrowser.Width;
import org.openrps.server.incidents.IncidentRepository;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.RfcCsv;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.testkit.WireSamples;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.SupplyReading;

/**
 * The dashboard's work pages in Chromium, on data that agents uploaded over HTTPS through a
 * simulated month: AMR closes a period with three wrapped counters held for review, ASR raises an
 * order for a toner that runs down, and the incident job opens incidents for jammed and open
 * printers. A provider admin reviews held reads through the forms; a customer's user sees them
 * without the forms; orders and incidents show with their device links and figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkPagesBrowserTest {

  static final TenantId A = TenantId.of("work-a");
  static final TenantId B = TenantId.of("work-b");
  static final SiteId SITE = SiteId.of("main");
  static final String PERIOD = "2026-11-01";
  static final String HOSTILE = "<script>x</script>";
  static final String PART = "106R<i>03</i>";
  static final String REASON = "\"><b>bold</b> counter board swapped";

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-10-20T00:00:00Z"));
  private ServerApp server;
  private ApiClient api;
  private DashboardBrowser browser;
  private BrowserContext context;
  private Page page;

  @BeforeAll
  void uploadAMonthAndRunTheServices() {
    Path dir = org.openrps.testkit.Scratch.directory("openrps-work-pages");
    server = ServerApp.start(ServerConfig.embedded(dir, 0), clock, ServerApp.Jobs.onCall);
    api = new ApiClient(server);
    server.addCustomer(A, "Alpha & Sons", SITE, "Alpha main");
    server.addCustomer(B, "Beta", SITE, "Beta main");
    server.putUser("provider", "provider-pw".toCharArray(), TenantId.DEFAULT, Role.provider_admin);
    server.putUser("a-admin", "a-admin-pw".toCharArray(), A, Role.customer_admin);
    server.putAgent("agent-a", "agent-a-secret".toCharArray(), A, SITE);
    server.putAgent("agent-b", "agent-b-secret".toCharArray(), B, SITE);
    server.putAgent("agent-quiet", "agent-quiet-secret".toCharArray(), B, SITE);
    server.setBillingSchedule(
        A,
        BillingSchedule.monthly(java.time.ZoneOffset.UTC, Instant.parse("2026-10-15T00:00:00Z")));

    // a toner running down by about 5 % a day, unevenly: a forecast with a band
    int[] toner = {70, 66, 60, 57, 50, 47, 40, 36, 30, 27, 20, 16};
    upload("agent-a", "2026-10-20T00:00:00Z", printer("ACT-1", 1000), tonerPrinter(5000, 70));
    upload("agent-quiet", "2026-10-20T06:00:00Z", printer("QUIET-1", 10)); // then silent
    for (int day = 1; day < toner.length; day++) {
      String at = Instant.parse("2026-10-20T12:00:00Z").plus(Duration.ofDays(day)).toString();
      upload("agent-a", at, tonerPrinter(5000 + day * 100L, toner[day]));
    }
    upload("agent-a", "2026-10-31T20:00:00Z", printer("ACT-1", 1_234_567));
    upload(
        "agent-a",
        "2026-10-31T21:00:00Z",
        printer("WRAP-A", 4_294_967_000L),
        printer("WRAP-B", 4_294_967_000L),
        printer("WRAP-C", 4_294_967_000L).model(HOSTILE));
    upload(
        "agent-a",
        "2026-10-31T22:00:00Z",
        printer("WRAP-A", 300),
        printer("WRAP-B", 300),
        printer("WRAP-C", 300).model(HOSTILE));
    upload("agent-a", "2026-11-01T12:00:00Z", tonerPrinter(6300, 10));
    upload(
        "agent-a",
        "2026-11-01T17:00:00Z",
        SnapshotBuilder.printer("HP", "FIXED-1").pages(50).status("idle", "jammed"));
    upload(
        "agent-a",
        "2026-11-01T18:00:00Z",
        SnapshotBuilder.printer("HP", "JAM-1").pages(77).status("idle", "jammed"));
    upload(
        "agent-b",
        "2026-11-01T19:00:00Z",
        SnapshotBuilder.printer("HP", "BETA-DOOR").pages(500).status("idle", "doorOpen"));

    clock.set(Instant.parse("2026-11-02T00:00:00Z"));
    assertThat(server.runAmr()).isPresent();
    assertThat(server.runAsr()).hasValueSatisfying(o -> assertThat(o.raised()).isEqualTo(1));
    // two jams, an open door and a silent agent
    assertThat(server.runIncidents()).hasValueSatisfying(c -> assertThat(c.opened()).isEqualTo(4));
    // FIXED-1's jam clears and, after the hold-down, its incident closes
    upload("agent-a", "2026-11-02T00:30:00Z", printer("FIXED-1", 60));
    clock.set(Instant.parse("2026-11-02T00:40:00Z"));
    assertThat(server.runIncidents()).hasValueSatisfying(c -> assertThat(c.absent()).isEqualTo(1));
    clock.set(Instant.parse("2026-11-02T01:00:00Z"));
    assertThat(server.runIncidents()).hasValueSatisfying(c -> assertThat(c.closed()).isEqualTo(1));
    assertThat(server.meterReads(A, PERIOD))
        .filteredOn(r -> r.status() == MeterRead.Status.held)
        .extracting(MeterRead::serial)
        .containsExactlyInAnyOrder("WRAP-A", "WRAP-B", "WRAP-C");
    browser = new DashboardBrowser("https://127.0.0.1:" + server.port());
  }

  /** A printer without error states: only the jam and the open door are incidents. */
  private static SnapshotBuilder printer(String serial, long pages) {
    return SnapshotBuilder.printer("HP", serial).pages(pages).status("idle");
  }

  /** The toner printer: one black toner, with a part number. */
  private static SnapshotBuilder tonerPrinter(long pages, int level) {
    return SnapshotBuilder.printer("Xerox", "TONER-1")
        .pages(pages)
        .status("idle")
        .supply("Black Toner", "toner", 100, level);
  }

  private static DeviceSnapshot withPartNumber(DeviceSnapshot s) {
    if (!s.identity().serial().equals("TONER-1")) {
      return s;
    }
    List<SupplyReading> supplies = new ArrayList<>();
    for (SupplyReading r : s.supplies()) {
      supplies.add(
          new SupplyReading(
              r.index(),
              r.description(),
              r.type(),
              r.supplyClass(),
              r.unit(),
              r.maxCapacity(),
              r.level(),
              r.readAt(),
              Optional.of(PART)));
    }
    return new DeviceSnapshot(
        s.identity(), s.address(), s.seenAt(), s.counters(), supplies, s.status());
  }

  private void upload(String agent, String at, SnapshotBuilder... snapshots) {
    Instant t = Instant.parse(at);
    clock.set(t.plusSeconds(60));
    DeviceSnapshot[] built = new DeviceSnapshot[snapshots.length];
    for (int i = 0; i < snapshots.length; i++) {
      built[i] = withPartNumber(snapshots[i].at(t).build());
    }
    HttpResponse<String> r =
        api.upload(
            WireSamples.report(UUID.randomUUID().toString(), agent, t, built),
            ApiClient.basic(agent, agent + "-secret"));
    assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  /** Each test a minute later: a fresh login-rate window. */
  @BeforeEach
  void later() {
    clock.advance(Duration.ofMinutes(1));
  }

  @AfterEach
  void closeContext() {
    if (context != null) {
      context.close();
      context = null;
    }
  }

  private Page as(String user, String password, Width width) {
    context = browser.context(width);
    page = context.newPage();
    browser.logIn(page, user, password);
    return page;
  }

  private Page asProvider() {
    return as("provider", "provider-pw", Width.desktop);
  }

  private Optional<MeterRead> stored(String serial) {
    return server.meterReads(A, PERIOD).stream().filter(r -> r.serial().equals(serial)).findFirst();
  }

  private Locator readRow(String serial) {
    return page.locator("#reads tr[data-serial='" + serial + "']");
  }

  private Locator held(String serial) {
    return page.locator("#held section[data-serial='" + serial + "']");
  }

  private static List<List<String>> csv(APIResponse r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.headers().get("content-type")).startsWith("text/csv");
    return RfcCsv.parse(r.text());
  }

  private static List<String> column(List<List<String>> csv, String name) {
    int at = csv.get(0).indexOf(name);
    assertThat(at).as(name + " in " + csv.get(0)).isNotNegative();
    return csv.subList(1, csv.size()).stream().map(r -> r.get(at)).toList();
  }

  private String csrf() {
    return page.locator("input[name=csrf]").first().getAttribute("value");
  }

  private APIResponse review(Map<String, String> fields) {
    FormData form = FormData.create();
    fields.forEach(form::set);
    return page.request()
        .post(
            browser.url("/meter-reads/review"),
            RequestOptions.create().setForm(form).setMaxRedirects(0));
  }

  private static Map<String, String> reviewOf(String serial, String action) {
    return new java.util.LinkedHashMap<>(
        Map.of(
            "customer",
            A.value(),
            "period",
            PERIOD,
            "make",
            "HP",
            "serial",
            serial,
            "meter",
            "total",
            "action",
            action));
  }

  // --- meter reads

  @Test
  void aHeldReadIsListedAsHeldAndAcceptedThroughItsForm() {
    asProvider();
    page.navigate(browser.url("/meter-reads?customer=work-a"));

    assertThat(page.locator("h1").textContent()).isEqualTo("Meter reads · Alpha & Sons");
    assertThat(page.locator("#period").inputValue()).isEqualTo(PERIOD);
    assertThat(page.locator("#next-cut-off").textContent()).contains("2026-12-01 00:00 UTC");
    assertThat(held("WRAP-A").locator(".status").textContent()).isEqualTo("held for review");
    assertThat(held("WRAP-A").locator(".raw").textContent()).isEqualTo("300");
    assertThat(held("WRAP-A").locator(".trusted").textContent()).isEqualTo("4,294,967,000");
    assertThat(held("WRAP-A").locator(".flags").textContent()).contains("wrapped");
    assertThat(readRow("WRAP-A").locator("td.value").textContent()).isEqualTo("held: not billed");
    assertThat(readRow("WRAP-A").locator("td.status").textContent()).isEqualTo("held for review");
    assertThat(readRow("ACT-1").locator("td.value").textContent()).isEqualTo("1,234,567");
    assertThat(readRow("ACT-1").locator("td.status").textContent()).isEqualTo("actual");
    assertThat(readRow("ACT-1").locator("td.serial a").getAttribute("href"))
        .isEqualTo("/devices/work-a/HP/ACT-1");

    held("WRAP-A").locator("button[value=acceptRaw]").click();

    assertThat(page.url())
        .contains("/meter-reads?customer=work-a&period=2026-11-01&done=acceptRaw");
    assertThat(page.locator("#notice").textContent())
        .isEqualTo("The read HP WRAP-A total was accepted at its raw value: 300 billed.");
    assertThat(held("WRAP-A").count()).isZero();
    assertThat(readRow("WRAP-A").locator("td.status").textContent()).isEqualTo("accepted");
    assertThat(readRow("WRAP-A").locator("td.value").textContent()).isEqualTo("300");
    Locator entry =
        page.locator("#audit tbody tr").filter(new Locator.FilterOptions().setHasText("WRAP-A"));
    assertThat(entry.locator("td.username").textContent()).isEqualTo("provider");
    assertThat(entry.locator("td.action").textContent()).isEqualTo("read.acceptRaw");
    assertThat(entry.locator("td.after").textContent()).isEqualTo("accepted 300");
    assertThat(entry.locator("td.before").textContent()).contains("held", "raw 300");
    MeterRead read = stored("WRAP-A").orElseThrow();
    assertThat(read.status()).isEqualTo(MeterRead.Status.accepted);
    assertThat(read.value()).hasValue(300);
  }

  @Test
  void aHeldReadIsCorrectedWithAValueAndAReasonShownEscaped() {
    asProvider();
    page.navigate(browser.url("/meter-reads?customer=work-a&period=" + PERIOD));
    Locator form = held("WRAP-B").locator("form.correct");
    form.locator("input[name=value]").fill("4,294,967,300");
    form.locator("input[name=reason]").fill(REASON);
    form.locator("button[type=submit]").click();

    assertThat(page.locator("#notice").textContent())
        .isEqualTo("The read HP WRAP-B total was corrected: 4,294,967,300 billed.");
    assertThat(readRow("WRAP-B").locator("td.status").textContent()).isEqualTo("corrected");
    assertThat(readRow("WRAP-B").locator("td.value").textContent()).isEqualTo("4,294,967,300");
    Locator entry =
        page.locator("#audit tbody tr").filter(new Locator.FilterOptions().setHasText("WRAP-B"));
    assertThat(entry.locator("td.username").textContent()).isEqualTo("provider");
    assertThat(entry.locator("td.action").textContent()).isEqualTo("read.correct");
    assertThat(entry.locator("td.reason").textContent()).isEqualTo(REASON);
    assertThat(page.locator("#audit b").count()).as("the reason is text, not markup").isZero();
    MeterRead read = stored("WRAP-B").orElseThrow();
    assertThat(read.status()).isEqualTo(MeterRead.Status.corrected);
    assertThat(read.value()).hasValue(4_294_967_300L);
  }

  @Test
  void aCorrectionWithoutAWholeNumberOrAReasonIsRefusedAndChangesNothing() {
    asProvider();
    page.navigate(browser.url("/meter-reads?customer=work-a"));
    Map<String, String> noNumber = reviewOf("WRAP-C", "correct");
    noNumber.put("csrf", csrf());
    noNumber.put("value", "twelve");
    noNumber.put("reason", "typo");
    APIResponse refused = review(noNumber);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text()).contains("a corrected value must be a whole number");

    Map<String, String> noReason = reviewOf("WRAP-C", "correct");
    noReason.put("csrf", csrf());
    noReason.put("value", "12");
    noReason.put("reason", "  ");
    assertThat(review(noReason).status()).isEqualTo(400);

    assertThat(stored("WRAP-C").orElseThrow().status()).isEqualTo(MeterRead.Status.held);
  }

  @Test
  void aReviewWithoutTheSessionsTokenIsRefusedAndTheReadStaysHeld() {
    asProvider();
    page.navigate(browser.url("/meter-reads?customer=work-a"));
    Map<String, String> none = reviewOf("WRAP-C", "acceptRaw");
    APIResponse refused = review(none);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text()).contains("nothing was changed");

    Map<String, String> wrong = reviewOf("WRAP-C", "acceptTrusted");
    wrong.put("csrf", "not-the-token");
    assertThat(review(wrong).status()).isEqualTo(403);

    Map<String, String> correct = reviewOf("WRAP-C", "correct");
    correct.put("value", "12");
    correct.put("reason", "no token");
    assertThat(review(correct).status()).isEqualTo(403);

    MeterRead read = stored("WRAP-C").orElseThrow();
    assertThat(read.status()).isEqualTo(MeterRead.Status.held);
    assertThat(read.value()).isEmpty();
  }

  @Test
  void aCustomersUserSeesTheHeldReadsWithoutTheFormsAndCannotReview() {
    as("a-admin", "a-admin-pw", Width.desktop);
    page.navigate(browser.url("/meter-reads"));

    assertThat(page.locator("h1").textContent()).isEqualTo("Meter reads · Alpha & Sons");
    assertThat(page.locator("#customer").count()).as("no customer select").isZero();
    assertThat(held("WRAP-C").locator(".status").textContent()).isEqualTo("held for review");
    assertThat(page.locator("#held-readonly").textContent())
        .contains("provider's administrators accept or correct");
    assertThat(page.locator("form[action='/meter-reads/review']").count()).isZero();

    Map<String, String> attempt = reviewOf("WRAP-C", "acceptRaw");
    attempt.put("csrf", csrf());
    APIResponse refused = review(attempt);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text()).contains("only a provider admin may do this");
    assertThat(stored("WRAP-C").orElseThrow().status()).isEqualTo(MeterRead.Status.held);

    page.navigate(browser.url("/meter-reads?customer=work-b"));
    assertThat(page.locator("#page-error").textContent()).contains("customer work-b");
  }

  @Test
  void theDownloadsHoldWhatThePageShows() {
    asProvider();
    page.navigate(browser.url("/meter-reads?customer=work-a&period=" + PERIOD));
    List<String> shown = page.locator("#reads td.serial").allTextContents();

    List<List<String>> reads =
        csv(page.request().get(browser.url(page.locator("#reads-csv").getAttribute("href"))));
    assertThat(reads.get(0)).startsWith("kind", "period", "make", "serial", "meter", "status");
    List<String> serials = column(reads, "serial");
    assertThat(serials).containsExactlyElementsOf(shown);
    int act = serials.indexOf("ACT-1");
    assertThat(column(reads, "end").get(act)).isEqualTo("1234567");
    assertThat(column(reads, "status").get(act)).isEqualTo("actual");
    int c = serials.indexOf("WRAP-C");
    assertThat(column(reads, "status").get(c)).isEqualTo("held");
    assertThat(column(reads, "end").get(c)).as("a held read has no billed value").isEmpty();
    assertThat(column(reads, "rawValue").get(c)).isEqualTo("300");

    APIResponse statement =
        page.request().get(browser.url(page.locator("#statement").getAttribute("href")));
    assertThat(statement.status()).isEqualTo(200);
    assertThat(statement.headers().get("content-type")).startsWith("text/html");
    assertThat(statement.text())
        .contains("Meter statement: Alpha &amp; Sons")
        .contains("flagged, under review: not billed");

    List<String> missedShown = page.locator("#missed td.serial").allTextContents();
    assertThat(missedShown).contains("ACT-1", "WRAP-C").doesNotContain("JAM-1");
    List<List<String>> missed =
        csv(page.request().get(browser.url(page.locator("#missed-csv").getAttribute("href"))));
    assertThat(column(missed, "serial")).containsExactlyElementsOf(missedShown);
    int m = column(missed, "serial").indexOf("WRAP-C");
    assertThat(column(missed, "model").get(m)).isEqualTo(HOSTILE);
    assertThat(column(missed, "source").get(m)).isEqualTo("agent agent-a");

    // the hostile model is text on the page, not an element
    Locator wrapC = page.locator("#missed tr[data-serial='WRAP-C'] td.model");
    assertThat(wrapC.textContent()).isEqualTo(HOSTILE);
    assertThat(page.locator("main script").count()).isZero();
  }

  // --- orders

  @Test
  void anOrderIsSeenWithItsDeviceLinkFiguresAndCsv() {
    AsrRepository.Order order = server.orders(10).get(0);
    asProvider();
    page.navigate(browser.url("/orders"));

    Locator row = page.locator("#orders tr[data-serial='TONER-1']");
    assertThat(row.count()).isEqualTo(1);
    assertThat(row.locator("td.serial a").getAttribute("href"))
        .isEqualTo("/devices/work-a/Xerox/TONER-1");
    assertThat(row.locator("td.serial").textContent()).isEqualTo("Xerox TONER-1");
    assertThat(row.locator("td.customer").textContent()).isEqualTo("work-a");
    assertThat(row.locator("td.site").textContent()).isEqualTo("main");
    assertThat(row.locator("td.supply").textContent()).isEqualTo("Black Toner");
    assertThat(row.locator("td.partNumber").textContent()).isEqualTo(PART);
    assertThat(row.locator("td.partNumber i").count()).as("escaped").isZero();
    assertThat(row.locator("td.quantity").textContent()).isEqualTo("1");
    assertThat(row.locator("td.levelPercent").textContent()).isEqualTo("10 %");
    assertThat(row.locator("td.daysToEmpty").textContent())
        .matches("\\d+(–\\d+)? days?")
        .isEqualTo(OrdersSection.daysBand(order));
    assertThat(row.locator("td.state").textContent()).isEqualTo("open");
    assertThat(row.locator("td.reason").textContent()).isEqualTo("forecast");
    assertThat(row.locator("td.raisedAt").textContent()).isEqualTo("2026-11-02 00:00 UTC");
    assertThat(page.locator("#misses-empty").textContent())
        .isEqualTo("No supply ran empty without an order.");

    List<List<String>> csv =
        csv(page.request().get(browser.url(page.locator("#orders-csv").getAttribute("href"))));
    assertThat(column(csv, "serial")).containsExactly("TONER-1");
    assertThat(column(csv, "partNumber")).containsExactly(PART);
    assertThat(column(csv, "levelPercent")).containsExactly("10");
    assertThat(column(csv, "daysToEmpty"))
        .containsExactly(row.locator("td.daysToEmpty").textContent());
    assertThat(column(csv, "customer")).containsExactly("work-a");

    page.navigate(browser.url("/orders?state=closed"));
    assertThat(page.locator("#orders-empty").textContent())
        .isEqualTo("No supply order has been closed yet.");
    page.navigate(browser.url("/orders?customer=work-b&state=all"));
    assertThat(page.locator("#orders-empty").count()).isEqualTo(1);
  }

  @Test
  void aCustomersUserSeesItsOrdersWithoutCustomerColumns() {
    as("a-admin", "a-admin-pw", Width.desktop);
    page.navigate(browser.url("/orders"));
    assertThat(page.locator("#orders tr[data-serial='TONER-1']").count()).isEqualTo(1);
    assertThat(page.locator("#orders th[data-key=customer]").count()).isZero();
    assertThat(page.locator("#customer").count()).isZero();
    assertThat(csv(page.request().get(browser.url("/orders.csv"))).get(0))
        .doesNotContain("customer", "site");
  }

  // --- incidents

  @Test
  void anIncidentIsSeenWithItsDeviceLinkAndTheFiltersNarrowIt() {
    IncidentRepository.Incident jam =
        server.incidents(10).stream()
            .filter(i -> i.serial().equals("JAM-1"))
            .findFirst()
            .orElseThrow();
    asProvider();
    page.navigate(browser.url("/incidents"));

    Locator row = page.locator("#incidents tr[data-subject='JAM-1']");
    assertThat(row.count()).isEqualTo(1);
    assertThat(row.locator("td.device a").getAttribute("href"))
        .isEqualTo("/devices/work-a/HP/JAM-1");
    assertThat(row.locator("td.code").textContent()).isEqualTo("error:jammed");
    assertThat(row.locator("td.severity").textContent())
        .isEqualTo(Character.toUpperCase(jam.severity().charAt(0)) + jam.severity().substring(1));
    assertThat(row.locator("td.state").textContent()).isEqualTo("open");
    assertThat(row.locator("td.customer").textContent()).isEqualTo("work-a");
    assertThat(row.locator("td.description").textContent()).isEqualTo(jam.description());
    assertThat(row.locator("td.kind").textContent()).isEqualTo("error");
    assertThat(row.locator("td.returned").textContent()).isEqualTo("0");
    assertThat(row.locator("td.openedAt").textContent()).isEqualTo(Html.timeText(jam.openedAt()));
    assertThat(page.locator("#incidents tr[data-subject='BETA-DOOR']").count()).isEqualTo(1);
    Locator quiet = page.locator("#incidents tr[data-subject='agent-quiet']");
    assertThat(quiet.locator("td.device").textContent()).isEqualTo("agent agent-quiet");
    assertThat(quiet.locator("td.device a").count()).as("an agent has no device page").isZero();
    assertThat(quiet.locator("td.code").textContent()).isEqualTo(IncidentRepository.AGENT_SILENT);
    assertThat(quiet.locator("td.lastSeen").textContent()).isEqualTo("2026-10-20 06:01 UTC");
    assertThat(quiet.locator("td.customer").textContent()).isEqualTo("work-b");
    assertThat(page.locator("#incident-count").textContent()).isEqualTo("3 open, 1 closed");
    // open ones first, the closed one last, with when it closed
    Locator last = page.locator("#incidents tbody tr").last();
    assertThat(last.getAttribute("data-subject")).isEqualTo("FIXED-1");
    assertThat(last.locator("td.state").textContent()).isEqualTo("closed");
    assertThat(last.locator("td.closedAt").textContent()).startsWith("2026-11-02 ");

    List<List<String>> csv =
        csv(page.request().get(browser.url(page.locator("#incidents-csv").getAttribute("href"))));
    assertThat(column(csv, "device"))
        .containsExactlyElementsOf(page.locator("#incidents td.device").allTextContents());
    assertThat(column(csv, "code")).contains("error:jammed", "error:doorOpen");

    page.navigate(browser.url("/incidents?customer=work-b"));
    assertThat(page.locator("#incidents td.device").allTextContents())
        .containsExactlyInAnyOrder("BETA-DOOR", "agent agent-quiet");
    page.navigate(browser.url("/incidents?state=closed"));
    assertThat(page.locator("#incidents td.device").allTextContents()).containsExactly("FIXED-1");
    page.navigate(browser.url("/incidents?state=closed&customer=work-b"));
    assertThat(page.locator("#incidents-empty").textContent())
        .isEqualTo("No incident closed in the last 30 days matches.");
    page.navigate(browser.url("/incidents?state=open&customer=work-a"));
    assertThat(page.locator("#incidents td.device").allTextContents()).containsExactly("JAM-1");
    String other = jam.severity().equals("critical") ? "minor" : "critical";
    page.navigate(browser.url("/incidents?customer=work-a&severity=" + other));
    assertThat(page.locator("#incidents tr[data-subject='JAM-1']").count()).isZero();
    page.navigate(browser.url("/incidents?severity=bogus"));
    assertThat(page.locator("#page-error").textContent()).contains("severity must be one of");
  }

  @Test
  void aCustomersUserSeesOnlyItsOwnIncidents() {
    as("a-admin", "a-admin-pw", Width.desktop);
    page.navigate(browser.url("/incidents"));
    assertThat(page.locator("#incidents td.device").allTextContents())
        .containsExactly("JAM-1", "FIXED-1");
    assertThat(page.locator("#incidents th[data-key=customer]").count()).isZero();
    assertThat(column(csv(page.request().get(browser.url("/incidents.csv"))), "device"))
        .containsExactly("JAM-1", "FIXED-1");
    page.navigate(browser.url("/incidents?customer=work-b"));
    assertThat(page.locator("#page-error").textContent()).contains("customer work-b");
  }

  // --- every page at both widths

  @Test
  void theWorkPagesPassAxeAtBothWidthsAndKeepTheirTablesInside() {
    for (Width width : Width.values()) {
      as("provider", "provider-pw", width);
      for (String name : List.of("meter-reads", "orders", "incidents")) {
        page.navigate(
            browser.url("/" + name + (name.equals("meter-reads") ? "?customer=work-a" : "")));
        assertThat(page.locator("main h1").count()).as(name).isEqualTo(1);
        assertThat(page.locator("#page-error").count()).as(name).isZero();
        DashboardBrowser.screenshot(page, name + "-" + width.name());
        assertThat(DashboardBrowser.seriousViolations(page)).as(name + " " + width).isEmpty();
        assertThat(DashboardBrowser.scrollsSideways(page)).as(name + " " + width).isFalse();
      }
      context.close();
      context = null;
    }
  }
}
