package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.server.amr.MeterRead;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.testkit.Loopback;

/**
 * Issue 11 point 7: a simulated month of fleet, agent and server on one stepped clock, every
 * service's output checked against the simulator's ground truth.
 */
class MonthTest {

  @TempDir Path dir;

  @Test
  void aMonthsBillsAndIncidentsMatchWhatTheSimulatedFleetReallyDid() throws Exception {
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
    try (DemoMonth month = DemoMonth.start(options)) {
      DemoMonth.Figures f = month.run(line -> {});
      String problems = String.join("\n", f.problems());

      // billing: the period closed inside the month; every billed number is the simulator's
      assertThat(f.period()).isEqualTo("2026-11-22");
      assertThat(f.billed()).as("billed lines").isGreaterThan(20);
      assertThat(f.wrong())
          .as("billed lines unlike the simulator's counters:\n" + problems)
          .isZero();
      assertThat(f.late()).as("pages printed after the last reading:\n" + problems).isZero();
      assertThat(f.unflaggedHolds()).isZero();
      assertThat(f.estimatedSwapped())
          .as("estimates for swapped-out devices:\n" + problems)
          .isZero();
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
