package org.openrps.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.Oid;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.testkit.MutableClock;

/** A fleet that lives: office hours, power, alerts, replacements, wrap, swap and DHCP. */
class LivingFleetTest {

  private static final Instant TUESDAY_10 = Instant.parse("2026-03-03T10:00:00Z");

  private static List<SimulatedPrinter> fleet(MutableClock clock, Life life, int n) {
    SimulatorConfig config =
        SimulatorConfig.defaults(n)
            .withFirstAddress(InetAddress.getLoopbackAddress())
            .withLife(life);
    return Simulator.printersOf(config, clock, clock.millis(), 0, n);
  }

  private static long number(SimulatedPrinter p, Oid oid) {
    return ((Printer) p).get(oid).orElseThrow().asLong().orElseThrow();
  }

  @Test
  void pagesArePrintedInOfficeHoursOnWeekdaysOnly() {
    MutableClock clock = MutableClock.at(TUESDAY_10);
    SimulatedPrinter p = fleet(clock, Life.lively().withWrapIndex(-1), 5).get(3);
    long at10 = p.totalPages();
    clock.advance(Duration.ofHours(8)); // 18:00
    long at18 = p.totalPages();
    clock.advance(Duration.ofHours(13)); // 07:00 next day
    assertThat(at18).isGreaterThan(at10);
    assertThat(p.totalPages()).isEqualTo(at18);
    clock.advance(Duration.ofDays(4)); // Sunday 07:00, after Wednesday..Friday
    long sunday = p.totalPages();
    clock.advance(Duration.ofHours(12));
    assertThat(p.totalPages()).isEqualTo(sunday);
  }

  @Test
  void oneDeviceWrapsItsCounter32ButNotItsLifeCount() {
    MutableClock clock = MutableClock.at(TUESDAY_10);
    SimulatedPrinter p = fleet(clock, Life.lively(), 3).get(0);
    Oid life = StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1);
    long before = number(p, life);
    assertThat(before).isGreaterThan(0xFFFF_0000L);
    clock.advance(Duration.ofDays(1));
    assertThat(p.totalPages()).isGreaterThan(1L << 32);
    assertThat(number(p, life)).isEqualTo(p.totalPages() & 0xFFFF_FFFFL).isLessThan(before);
  }

  @Test
  void alertsAndErrorsComeAndGoAndSuppliesAreReplaced() {
    MutableClock clock = MutableClock.at(TUESDAY_10);
    List<SimulatedPrinter> printers = fleet(clock, Life.lively().withWrapIndex(-1), 20);
    Oid alertCodes = Oid.of("1.3.6.1.2.1.43.18.1.1.7");
    Oid errorState = StandardMib.HR_PRINTER_DETECTED_ERROR_STATE.append(1);
    int withJam = 0;
    int jamCleared = 0;
    boolean levelJumpedUp = false;
    for (int step = 0; step < 5 * 24 * 6; step++) { // every 10 minutes for 5 days
      for (SimulatedPrinter sp : printers) {
        Printer p = (Printer) sp;
        var next = p.next(alertCodes);
        boolean jam =
            next.isPresent()
                && next.get().oid().startsWith(alertCodes)
                && next.get().value().equals(new SnmpValue.Integer32(8));
        List<String> errors =
            StandardMib.decodePrinterErrors(
                ((SnmpValue.OctetString) p.get(errorState).orElseThrow()).bytes());
        if (jam) {
          withJam++;
          assertThat(errors).contains("jammed");
        } else if (withJam > 0 && !errors.contains("jammed")) {
          jamCleared++;
        }
      }
      Printer hp = (Printer) printers.get(4);
      long before =
          hp.get(StandardMib.PRT_MARKER_SUPPLIES_LEVEL.append(1, 1))
              .flatMap(
                  v ->
                      v.asLong().isPresent()
                          ? java.util.Optional.of(v.asLong().getAsLong())
                          : java.util.Optional.empty())
              .orElse(0L);
      clock.advance(Duration.ofMinutes(10));
      long after =
          hp.get(StandardMib.PRT_MARKER_SUPPLIES_LEVEL.append(1, 1))
              .flatMap(
                  v ->
                      v.asLong().isPresent()
                          ? java.util.Optional.of(v.asLong().getAsLong())
                          : java.util.Optional.empty())
              .orElse(0L);
      levelJumpedUp |= after > before && before >= 0;
    }
    assertThat(withJam).isPositive();
    assertThat(jamCleared).isPositive();
    assertThat(levelJumpedUp).isTrue();
  }

  @Test
  void nightOffPrintersStopAnsweringSwappedOnesChangeSerialAndTheMovedOneMoves() throws Exception {
    MutableClock clock = MutableClock.at(TUESDAY_10);
    Life life =
        Life.lively()
            .withNightOffShare(1.0)
            .withSwap(1, Duration.ofHours(2))
            .withMove(2, Duration.ofHours(2));
    SimulatorConfig config =
        SimulatorConfig.defaults(4)
            .withFirstAddress(InetAddress.getByName("127.84.0.1"))
            .withPort(0)
            .withLife(life);
    try (Simulator sim = Simulator.start(config, clock);
        SnmpClient client = Snmp.openClient()) {
      SimulatedPrinter swapped = sim.printers().get(1);
      SimulatedPrinter moved = sim.printers().get(2);
      String oldSerial = swapped.serial();
      var oldAddress = moved.address();
      assertThat(answers(client, sim.printers().get(0).address())).isTrue();

      clock.advance(Duration.ofHours(3)); // 13:00: swapped and moved
      sim.sync();
      assertThat(swapped.serial()).isNotEqualTo(oldSerial);
      assertThat(moved.address()).isNotEqualTo(oldAddress);
      assertThat(moved.address().getAddress().getHostAddress()).isEqualTo("127.84.0.5");
      assertThat(answers(client, moved.address())).isTrue();
      assertThat(answers(client, oldAddress)).isFalse();

      clock.advance(Duration.ofHours(9)); // 22:00: powered off
      sim.sync();
      assertThat(answers(client, sim.printers().get(0).address())).isFalse();

      clock.advance(Duration.ofHours(10)); // Wednesday 08:00: on again, just booted
      sim.sync();
      assertThat(answers(client, sim.printers().get(0).address())).isTrue();
    }
  }

  private static boolean answers(SnmpClient client, java.net.InetSocketAddress address) {
    SnmpTarget target =
        new SnmpTarget(address, SnmpCredentials.Community.v2c("public"), Duration.ofMillis(400), 1);
    return client.get(target, List.of(StandardMib.SYS_UP_TIME)).handle((ok, e) -> e == null).join();
  }
}
