package org.openrps.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrps.agent.target.TargetList;
import org.openrps.simulator.FaultKind;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.MeterReading;

/**
 * Every fault mode of the simulator, one printer each (127.62.4.x), in one sweep: the poller never
 * crashes or loops, never reports a wrong number, and says why a device is partial or unreachable.
 *
 * <p>Printers whose fault is on the wire (served through the simulator's proxy) are swept one at a
 * time, the others together: with them in one sweep a printer was seen reported with its
 * neighbour's identity. Our SNMP client matches a response by request id only, not by the address
 * it came from (see {@link #aReplyFromAnotherAddressIsNeverTakenForTheAskedDevice}).
 */
class FaultModePollTest {

  private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);
  private static final List<FaultKind> KINDS = List.of(FaultKind.values());
  private static final List<FaultKind> ON_THE_WIRE =
      List.of(
          FaultKind.SILENT,
          FaultKind.SLOW,
          FaultKind.LATE,
          FaultKind.TRUNCATED,
          FaultKind.GARBLED,
          FaultKind.WRONG_REQUEST_ID,
          FaultKind.TOO_BIG);

  private static Simulator sim;
  private static SnmpClient client;
  private static ScanResult result;
  private static final Map<FaultKind, SimulatedPrinter> printerOf = new HashMap<>();

  @BeforeAll
  static void sweep() throws Exception {
    SimulatorConfig config =
        new SimulatorConfig(KINDS.size() + 1, InetAddress.getByName("127.62.4.1"), 0, "public", 11);
    for (int i = 0; i < KINDS.size(); i++) {
      config = config.withFaultAt(KINDS.get(i), i);
    }
    sim = Simulator.start(config, CLOCK);
    for (int i = 0; i < KINDS.size(); i++) {
      printerOf.put(KINDS.get(i), sim.printers().get(i));
    }
    client = Snmp.openClient();
    int port = sim.printers().get(0).address().getPort();
    PollSettings settings =
        new PollSettings(
            port,
            List.of(
                CredentialSet.everywhere(
                    "public", org.openrps.snmp.SnmpCredentials.Community.v2c("public"))),
            Duration.ofMillis(800),
            0,
            32,
            false,
            0);
    try (Poller poller = new Poller(client, settings, CLOCK)) {
      StringBuilder together = new StringBuilder("127.62.4.1-127.62.4." + (KINDS.size() + 1));
      List<ScanResult> parts = new java.util.ArrayList<>();
      for (FaultKind kind : ON_THE_WIRE) {
        String alone = "127.62.4." + (KINDS.indexOf(kind) + 1);
        together.append(" !").append(alone);
        parts.add(poller.scan(TargetList.of(alone)));
      }
      parts.add(poller.scan(TargetList.of(together.toString())));
      List<PolledDevice> printers = new java.util.ArrayList<>();
      List<String> outOfScope = new java.util.ArrayList<>();
      List<Unreachable> unreachable = new java.util.ArrayList<>();
      int scanned = 0;
      for (ScanResult r : parts) {
        printers.addAll(r.printers());
        outOfScope.addAll(r.outOfScope());
        unreachable.addAll(r.unreachable());
        scanned += r.addressesScanned();
      }
      result = new ScanResult(scanned, printers, outOfScope, unreachable);
    }
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private static String address(FaultKind kind) {
    return printerOf.get(kind).address().getAddress().getHostAddress();
  }

  private static java.util.Optional<PolledDevice> printer(FaultKind kind) {
    return result.printers().stream()
        .filter(p -> p.snapshot().address().equals(address(kind)))
        .findFirst();
  }

  private static java.util.Optional<Unreachable> unreachable(FaultKind kind) {
    return result.unreachable().stream().filter(u -> u.address().equals(address(kind))).findFirst();
  }

  @Test
  void everyAddressIsAccountedForAndTheHealthyPrinterIsReadInFull() {
    assertThat(result.printers().size() + result.outOfScope().size() + result.unreachable().size())
        .isEqualTo(KINDS.size() + 1);
    SimulatedPrinter healthy = sim.printers().get(KINDS.size());
    PolledDevice h =
        result.printers().stream()
            .filter(
                p -> p.snapshot().address().equals(healthy.address().getAddress().getHostAddress()))
            .findFirst()
            .orElseThrow();
    assertThat(h.snapshot().identity().serial()).isEqualTo(healthy.serial());
    assertThat(h.snapshot().totalPages()).hasValue(healthy.totalPages());
  }

  @Test
  void noPrinterEverReportsAWrongLifeCountOrSerial() {
    for (FaultKind kind : KINDS) {
      SimulatedPrinter truth = printerOf.get(kind);
      printer(kind)
          .ifPresent(
              p -> {
                DeviceSnapshot s = p.snapshot();
                if (s.totalPages().isPresent()) {
                  assertThat(s.totalPages()).as(kind.text()).hasValue(truth.totalPages());
                }
                if (!s.identity().serial().isEmpty()) {
                  assertThat(s.identity().serial()).as(kind.text()).isEqualTo(truth.serial());
                }
                for (MeterReading m : s.counters()) {
                  assertThat(m.value()).as(kind.text() + " " + m.name()).isNotNegative();
                }
              });
    }
  }

  @Test
  void devicesThatNeverAnswerUsablyAreUnreachableWithAReason() {
    for (FaultKind kind :
        List.of(
            FaultKind.SILENT,
            FaultKind.LATE,
            FaultKind.TRUNCATED,
            FaultKind.GARBLED,
            FaultKind.WRONG_REQUEST_ID,
            FaultKind.WRONG_COMMUNITY)) {
      assertThat(unreachable(kind)).as(kind.text()).isPresent();
      assertThat(unreachable(kind).get().reason()).as(kind.text()).isNotBlank();
    }
  }

  @Test
  void aPrinterLackingTheStandardCounterAndSerialIsKeptAndSaysWhatIsMissing() {
    PolledDevice p = printer(FaultKind.NO_SUCH_NAME).orElseThrow();
    assertThat(p.snapshot().totalPages()).isEmpty();
    // the make's own serial OID may still answer; the standard life count is reported missing
    assertThat(p.failures()).extracting(ReadFailure::what).contains("prtMarkerLifeCount");
  }

  @Test
  void aReplyFromAnotherAddressIsNeverTakenForTheAskedDevice() throws Exception {
    int port = sim.printers().get(0).address().getPort();
    PollSettings settings = new PollSettings(port, "public", Duration.ofMillis(800), 0, 32);
    try (Poller poller = new Poller(client, settings, CLOCK)) {
      ScanResult all = poller.scan(TargetList.of("127.62.4.1-127.62.4." + (KINDS.size() + 1)));
      for (PolledDevice p : all.printers()) {
        String serial = p.snapshot().identity().serial();
        SimulatedPrinter at =
            sim.printers().stream()
                .filter(
                    s -> s.address().getAddress().getHostAddress().equals(p.snapshot().address()))
                .findFirst()
                .orElseThrow();
        if (!serial.isEmpty()) {
          assertThat(serial).as(p.snapshot().address()).isEqualTo(at.serial());
        }
      }
    }
  }

  @Test
  void aNonIncreasingWalkIsStoppedAndTheRestKept() {
    PolledDevice p = printer(FaultKind.NON_INCREASING).orElseThrow();
    assertThat(p.snapshot().identity().serial())
        .isEqualTo(printerOf.get(FaultKind.NON_INCREASING).serial());
    assertThat(p.failures()).anySatisfy(f -> assertThat(f.reason()).startsWith("nonIncreasing"));
  }

  @Test
  void hugeStringsAreCutToTheWireLimits() {
    PolledDevice p = printer(FaultKind.HUGE_STRINGS).orElseThrow();
    assertThat(p.snapshot().identity().model().length()).isLessThanOrEqualTo(256);
    assertThat(p.snapshot().supplies())
        .allSatisfy(r -> assertThat(r.description().length()).isLessThanOrEqualTo(256));
    assertThat(p.snapshot().totalPages())
        .hasValue(printerOf.get(FaultKind.HUGE_STRINGS).totalPages());
  }

  @Test
  void slowAndTooBigDevicesAreReadWithWhatTheyCouldGive() {
    for (FaultKind kind : List.of(FaultKind.SLOW, FaultKind.TOO_BIG)) {
      boolean read = printer(kind).isPresent();
      boolean gone = unreachable(kind).isPresent();
      assertThat(read ^ gone).as(kind.text()).isTrue();
      printer(kind)
          .ifPresent(
              p -> assertThat(p.snapshot().identity().serial()).as(kind.text()).isNotEmpty());
    }
  }
}
