package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.server.amr.MeterRead;
import org.openrps.server.dashboard.DashboardBrowser;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.testkit.Loopback;

/**
 * Issue 11 point 7: a simulated month of fleet, agent and server on one stepped clock, every
 * service's output checked against the simulator's ground truth. Issue 14: the dashboard shows that
 * month as a newcomer running {@code ./openrps demo} sees it (screenshots under {@code
 * target/dashboard-screenshots/month-*.png}, the README's pictures).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonthTest {

  private DemoMonth month;
  private DemoMonth.Figures f;

  @BeforeAll
  void runTheMonth(@TempDir Path dir) throws Exception {
    InetAddress first = InetAddress.getByName("127.61.0.1");
    DemoMonth.Options options =
        new DemoMonth.Options(
            dir.resolve("month"),
            20,
            first,
            Loopback.freeUdpPort(first),
            Instant.parse("2026-11-02T00:00:00Z"), // a Monday
            Duration.ofDays(30),
            Duration.ofHours(1));
    month = DemoMonth.start(options);
    f = month.run(line -> {});
  }

  @AfterAll
  void close() {
    if (month != null) {
      month.close();
    }
  }

  @Test
  void aMonthsBillsAndIncidentsMatchWhatTheSimulatedFleetReallyDid() {
    String problems = String.join("\n", f.problems());

    // billing: the period closed inside the month; every billed number is the simulator's
    assertThat(f.period()).isEqualTo("2026-11-22");
    assertThat(f.billed()).as("billed lines").isGreaterThan(20);
    assertThat(f.wrong()).as("billed lines unlike the simulator's counters:\n" + problems).isZero();
    assertThat(f.late()).as("pages printed after the last reading:\n" + problems).isZero();
    assertThat(f.unflaggedHolds()).isZero();
    assertThat(f.estimatedSwapped()).as("estimates for swapped-out devices:\n" + problems).isZero();
    assertThat(heldFlags(reads(month, f), swappedOut(month))).contains("deviceReplaced");
    List<SimulatedPrinter> printers = month.simulator().printers();
    List<MeterRead> reads = month.server().meterReads(TenantId.DEFAULT, f.period());
    // printer 0 wraps its Counter32 within hours, printer 1 is swapped on day 2: held, not billed
    assertThat(heldFlags(reads, printers.get(0).serial())).contains("wrapped");
    assertThat(reads)
        .filteredOn(r -> r.serial().equals(printers.get(0).serial()) && r.meter().equals("total"))
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(MeterRead.Status.held));
    assertThat(f.held()).isPositive();

    // supplies: every toner the simulator emptied had its order before it ran out
    assertThat(f.supplyEmpties()).as("toner cartridges emptied").isPositive();
    assertThat(f.misses()).as("cartridges emptied without an order:\n" + problems).isZero();
    assertThat(f.beforeEmpty()).isEqualTo(f.supplyEmpties());
    assertThat(f.serverMisses()).as("misses the server counted").isZero();
    assertThat(f.ordersRaised()).isGreaterThanOrEqualTo(f.supplyEmpties());

    // incidents: every fault a poll saw is one, none without a fault, closed when it cleared
    assertThat(f.faultsSeen()).as("faults seen by a poll").isGreaterThan(20);
    assertThat(f.faultsWithoutIncident()).as("faults without incident:\n" + problems).isZero();
    assertThat(f.falseIncidents()).as("false incidents:\n" + problems).isZero();
    assertThat(f.lateCloses()).as("incidents closed late:\n" + problems).isZero();
    assertThat(f.opened()).isGreaterThanOrEqualTo(f.closed()).isPositive();

    // communication loss: printers off at night and at weekends are not incidents
    assertThat(f.nightOffPrinters()).as("printers off at night").isPositive();
    assertThat(f.nightOffLoss()).isZero();
  }

  @Test
  void theDashboardShowsTheMonth() {
    try (DashboardBrowser browser =
            new DashboardBrowser("https://127.0.0.1:" + month.server().port());
        BrowserContext context = browser.context(DashboardBrowser.Width.desktop)) {
      Page page = context.newPage();
      browser.logIn(page, Demo.USER, Demo.PASSWORD);

      // overview: every card a figure from the month; the swapped-in printer is a device too
      int devices = 20 + replacements(month);
      assertThat(page.locator("#card-devices .figure").textContent())
          .isEqualTo(String.valueOf(devices));
      assertThat(figure(page, "#card-incidents")).isPositive();
      assertThat(page.locator("#by-status tbody tr").count()).isPositive();
      assertThat(page.locator("#card-missed .figure").textContent()).matches("[0-9,]+");
      checked(page, "month-overview");
      DashboardBrowser.view(page, "readme-overview");

      // the device list, then the device that wrapped its counter: held, with its charts
      page.navigate(browser.url("/devices"));
      assertThat(page.locator("#devices tbody tr").count()).isEqualTo(devices);
      checked(page, "month-devices");
      String wrapped = month.simulator().printers().get(0).serial();
      page.locator("#devices tr[data-serial='" + wrapped + "'] a").first().click();
      assertThat(page.locator("#fact-serial").textContent()).isEqualTo(wrapped);
      Locator total = page.locator("svg#chart-total");
      assertThat(total.getAttribute("role")).isEqualTo("img");
      int drawn = Integer.parseInt(total.getAttribute("data-points"));
      int marked = Integer.parseInt(total.getAttribute("data-marked"));
      assertThat(drawn + marked).as("a month of hourly total readings").isGreaterThan(24 * 7);
      assertThat(marked).as("the wrapped reading, marked, not drawn as a number").isPositive();
      assertThat(page.locator("svg[id^='chart-supply-']").count()).as("supply charts").isPositive();
      checked(page, "month-device");
      DashboardBrowser.view(page, "readme-device");

      // meter reads of the closed period: the wrapped printer's held for review
      page.navigate(browser.url("/meter-reads?period=" + f.period()));
      assertThat(page.locator("#period").inputValue()).isEqualTo(f.period());
      assertThat(
              page.locator("#held section[data-serial='" + wrapped + "'] .status")
                  .first()
                  .textContent())
          .isEqualTo("held for review");
      assertThat(page.locator("#reads tbody tr").count()).isGreaterThan(20);
      checked(page, "month-meter-reads");
      page.locator("#held-heading").scrollIntoViewIfNeeded();
      DashboardBrowser.view(page, "readme-meter-reads");

      // every order the server raised, and the month's incidents
      page.navigate(browser.url("/orders?state=all"));
      assertThat(page.locator("#orders tbody tr").count()).isEqualTo(f.ordersRaised());
      checked(page, "month-orders");
      page.navigate(browser.url("/incidents"));
      // paged: the first page's rows, and every incident in the CSV
      assertThat(page.locator("#incidents tbody tr").count()).isEqualTo(Math.min(f.opened(), 100));
      String incidentsCsv = page.request().get(browser.url("/incidents.csv")).text();
      assertThat(incidentsCsv.lines().count() - 1).isEqualTo(f.opened());
      checked(page, "month-incidents");
      page.navigate(browser.url("/agents"));
      assertThat(page.locator("#agents tbody tr").count()).isEqualTo(1);
      checked(page, "month-agents");
      page.locator("#agents tbody tr a").first().click();
      assertThat(page.locator("#credential dt:text-is('Backlog') + dd").textContent())
          .as("the agent's backlog, from its site information")
          .matches("none waiting|[0-9,]+ readings? .*");
      checked(page, "month-agent");
      DashboardBrowser.view(page, "readme-agent");
    }
  }

  /** The devices the simulator swapped in during the month. */
  private static int replacements(DemoMonth month) {
    return (int)
        org.openrps.simulator.Truth.events(
                month.simulator().printers(),
                Instant.parse("2026-11-02T00:00:00Z"),
                Instant.parse("2026-12-02T00:00:00Z"),
                Duration.ofHours(1))
            .stream()
            .filter(e -> e.kind() == org.openrps.simulator.TruthEvent.Kind.deviceReplaced)
            .count();
  }

  /** The figure of an overview card, as a number. */
  private static long figure(Page page, String card) {
    return Long.parseLong(page.locator(card + " .figure").textContent().replace(",", ""));
  }

  /** A screenshot for review, and no serious accessibility violation on real data. */
  private static void checked(Page page, String name) {
    DashboardBrowser.screenshot(page, name);
    assertThat(DashboardBrowser.seriousViolations(page)).as(name).isEmpty();
  }

  private static List<MeterRead> reads(DemoMonth month, DemoMonth.Figures f) {
    return month.server().meterReads(TenantId.DEFAULT, f.period());
  }

  /** Printer 1's first device, swapped out on day 2, as the simulator's truth names it. */
  private static String swappedOut(DemoMonth month) {
    return org.openrps.simulator.Truth.events(
            month.simulator().printers(),
            Instant.parse("2026-11-02T00:00:00Z"),
            Instant.parse("2026-11-12T00:00:00Z"),
            Duration.ofHours(1))
        .stream()
        .filter(e -> e.kind() == org.openrps.simulator.TruthEvent.Kind.deviceReplaced)
        .map(org.openrps.simulator.TruthEvent::detail)
        .findFirst()
        .orElseThrow();
  }

  private static List<String> heldFlags(List<MeterRead> reads, String serial) {
    return reads.stream()
        .filter(r -> r.serial().equals(serial) && r.status() == MeterRead.Status.held)
        .flatMap(r -> r.flags().stream())
        .toList();
  }
}
