package org.openrps.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrps.agent.target.TargetList;
import org.openrps.simulator.FaultKind;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.snmp.Oid;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.SupplyReading;

/**
 * Replies that RFC 3416 allows or that a broken printer sends, one printer each over real UDP
 * (127.62.5.x): variables out of order, duplicated, missing or extra; a bad variable; a table that
 * never ends; a level and a counter the MIB does not allow. Nothing is misattributed, every device
 * is kept, and what could not be read says why.
 */
class HostileReplyPollTest {

  private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);
  private static final List<FaultKind> KINDS =
      List.of(
          FaultKind.REORDERED,
          FaultKind.DUPLICATED,
          FaultKind.MISSING,
          FaultKind.EXTRA,
          FaultKind.BAD_VARBIND,
          FaultKind.ENDLESS_TABLE,
          FaultKind.SENTINEL_LEVEL,
          FaultKind.NEGATIVE_COUNTER);

  private static Simulator sim;
  private static SnmpClient client;
  private static int port;
  private static ScanResult result;
  private static final Map<FaultKind, SimulatedPrinter> printerOf = new HashMap<>();

  @BeforeAll
  static void sweep() throws Exception {
    SimulatorConfig config =
        new SimulatorConfig(KINDS.size() + 1, InetAddress.getByName("127.62.5.1"), 0, "public", 12);
    for (int i = 0; i < KINDS.size(); i++) {
      config = config.withFaultAt(KINDS.get(i), i);
    }
    sim = Simulator.start(config, CLOCK);
    for (int i = 0; i < KINDS.size(); i++) {
      printerOf.put(KINDS.get(i), sim.printers().get(i));
    }
    client = Snmp.openClient();
    port = sim.printers().get(0).address().getPort();
    try (Poller poller = new Poller(client, settings(), CLOCK)) {
      result = poller.scan(TargetList.of("127.62.5.1-127.62.5." + (KINDS.size() + 1)));
    }
  }

  private static PollSettings settings() {
    return settings(port);
  }

  private static PollSettings settings(int port) {
    return new PollSettings(
        port,
        List.of(CredentialSet.everywhere("public", SnmpCredentials.Community.v2c("public"))),
        Duration.ofSeconds(2),
        1,
        32,
        false,
        0);
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

  private static PolledDevice printer(FaultKind kind) {
    String address = printerOf.get(kind).address().getAddress().getHostAddress();
    return result.printers().stream()
        .filter(p -> p.snapshot().address().equals(address))
        .findFirst()
        .orElseThrow(() -> new AssertionError(kind.text() + " not read as a printer: " + result));
  }

  /** The value of one OID, asked alone (a GET of one variable cannot be reordered or shifted). */
  private static Optional<String> alone(FaultKind kind, Oid oid) {
    InetSocketAddress at = printerOf.get(kind).address();
    SnmpValue v =
        client
            .get(
                new SnmpTarget(
                    at, SnmpCredentials.Community.v2c("public"), Duration.ofSeconds(2), 1),
                List.of(oid))
            .join()
            .get(0)
            .value();
    return v instanceof SnmpValue.OctetString s ? Optional.of(s.text()) : Optional.empty();
  }

  @Test
  void everyDeviceIsReadAsAPrinterNoneIsUnreachable() {
    assertThat(result.unreachable()).isEmpty();
    assertThat(result.printers()).hasSize(KINDS.size() + 1);
  }

  @Test
  void variablesOutOfOrderDuplicatedMissingOrExtraAreNeverMisattributed() {
    for (FaultKind kind :
        List.of(FaultKind.REORDERED, FaultKind.DUPLICATED, FaultKind.MISSING, FaultKind.EXTRA)) {
      SimulatedPrinter truth = printerOf.get(kind);
      DeviceIdentity id = printer(kind).snapshot().identity();
      assertThat(id.serial()).as(kind.text()).isEqualTo(truth.serial());
      assertThat(id.location())
          .as(kind.text() + " sysLocation")
          .isEqualTo(alone(kind, StandardMib.SYS_LOCATION));
      assertThat(id.sysName())
          .as(kind.text() + " sysName")
          .isEqualTo(alone(kind, StandardMib.SYS_NAME));
      assertThat(Optional.of(id.model()))
          .as(kind.text() + " model")
          .isEqualTo(alone(kind, StandardMib.HR_DEVICE_DESCR.append(1)));
      assertThat(printer(kind).snapshot().totalPages())
          .as(kind.text())
          .hasValue(truth.totalPages());
    }
  }

  @Test
  void aBadVariableCostsThatValueNotTheDevice() {
    PolledDevice p = printer(FaultKind.BAD_VARBIND);
    SimulatedPrinter truth = printerOf.get(FaultKind.BAD_VARBIND);
    assertThat(p.snapshot().identity().serial()).isEqualTo(truth.serial());
    assertThat(p.snapshot().totalPages()).hasValue(truth.totalPages());
    // sysLocation: a 5-byte INTEGER and hrDeviceStatus.1: 40 nested SEQUENCEs, each making the
    // whole reply undecodable; sysName: an OID of 301 arcs
    assertThat(p.snapshot().identity().location()).isEmpty();
    assertThat(p.snapshot().identity().sysName()).isEmpty();
    assertThat(p.snapshot().status().deviceStatus()).isEmpty();
    assertThat(Optional.of(p.snapshot().identity().model()))
        .isEqualTo(alone(FaultKind.BAD_VARBIND, StandardMib.HR_DEVICE_DESCR.append(1)));
    assertThat(p.failures())
        .extracting(ReadFailure::what)
        .contains(
            StandardMib.SYS_LOCATION.toString(),
            StandardMib.SYS_NAME.toString(),
            StandardMib.HR_DEVICE_STATUS.append(1).toString());
    assertThat(p.failures())
        .filteredOn(f -> f.what().equals(StandardMib.SYS_LOCATION.toString()))
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).startsWith("bad value: malformed"));
    assertThat(p.snapshot().supplies()).isNotEmpty();
  }

  @Test
  void aTableThatNeverEndsIsCutAtItsBudgetAndTheRestIsRead() {
    PolledDevice p = printer(FaultKind.ENDLESS_TABLE);
    SimulatedPrinter truth = printerOf.get(FaultKind.ENDLESS_TABLE);
    assertThat(p.failures())
        .contains(new ReadFailure(ReadBudget.TRUNCATED, "prtInputTable over 500 rows"));
    assertThat(p.snapshot().identity().serial()).isEqualTo(truth.serial());
    assertThat(p.snapshot().totalPages()).hasValue(truth.totalPages());
    assertThat(p.snapshot().supplies()).isNotEmpty();
  }

  @Test
  void aLevelOfTwoToTheThirtyOneMinusOneWithMaxZeroIsUnknownWithTheRawValueKept() {
    PolledDevice p = printer(FaultKind.SENTINEL_LEVEL);
    SupplyReading first =
        p.snapshot().supplies().stream().filter(s -> s.index() == 1).findFirst().orElseThrow();
    assertThat(first.levelState()).isEqualTo(SupplyReading.LevelState.unknown);
    assertThat(first.percent()).isEmpty();
    assertThat(p.failures())
        .anySatisfy(
            f -> {
              assertThat(f.what()).isEqualTo("prtMarkerSuppliesTable row 1.1");
              assertThat(f.reason()).contains("raw level 2147483647, max capacity 0");
            });
  }

  @Test
  void aNegativeCounterIsUnknownWithTheRawValueKeptNeverAMeter() {
    PolledDevice p = printer(FaultKind.NEGATIVE_COUNTER);
    assertThat(p.snapshot().totalPages()).isEmpty();
    assertThat(p.snapshot().counters()).allSatisfy(m -> assertThat(m.value()).isNotNegative());
    assertThat(p.failures()).anySatisfy(f -> assertThat(f.reason()).startsWith("unknown (raw -5)"));
    assertThat(p.snapshot().identity().serial())
        .isEqualTo(printerOf.get(FaultKind.NEGATIVE_COUNTER).serial());
  }

  @Test
  void aDeviceOverItsVariablesBudgetKeepsWhatWasReadAndSaysWhatWasNotRead() throws Exception {
    SimulatedPrinter healthy = sim.printers().get(KINDS.size());
    String address = healthy.address().getAddress().getHostAddress();
    try (Poller poller =
        new Poller(
            client,
            settings().withBudget(new ReadBudget(500, 30, Duration.ofSeconds(20))),
            CLOCK)) {
      PolledDevice p = poller.scan(TargetList.of(address)).printers().get(0);
      assertThat(p.failures())
          .filteredOn(f -> f.what().equals(ReadBudget.TRUNCATED))
          .isNotEmpty()
          .anySatisfy(
              f ->
                  assertThat(f.reason())
                      .isEqualTo(
                          "device over its budget of 30 variables; not read: hrDeviceTable"));
      assertThat(p.snapshot().identity().serial()).isEqualTo(healthy.serial());
    }
  }

  @Test
  void aSlowDeviceOverItsTimeBudgetKeepsWhatWasReadAndSkipsTheRest() throws Exception {
    // the first printer of the same seed, answering 500 ms late to every request
    try (Simulator slowOne =
            Simulator.start(
                new SimulatorConfig(1, InetAddress.getByName("127.62.5.100"), 0, "public", 12)
                    .withFaultAt(FaultKind.SLOW, 0),
                CLOCK);
        Poller poller =
            new Poller(
                client,
                settings(slowOne.printers().get(0).address().getPort())
                    .withBudget(new ReadBudget(500, 5_000, Duration.ofMillis(1200))),
                CLOCK)) {
      SimulatedPrinter slow = slowOne.printers().get(0);
      String address = slow.address().getAddress().getHostAddress();
      PolledDevice p = poller.scan(TargetList.of(address)).printers().get(0);
      assertThat(p.snapshot().identity().serial()).isEqualTo(slow.serial());
      assertThat(p.failures())
          .contains(
              new ReadFailure(
                  ReadBudget.TRUNCATED,
                  "device over its time budget of 1200 ms; not read: hrDeviceTable"));
    }
  }

  @Test
  void theRowsPerTableBudgetIsASettingAndAHealthyPrinterOverItKeepsWhatWasRead() throws Exception {
    SimulatedPrinter healthy = sim.printers().get(KINDS.size());
    String address = healthy.address().getAddress().getHostAddress();
    try (Poller poller =
        new Poller(
            client,
            settings().withBudget(new ReadBudget(4, 5_000, Duration.ofSeconds(20))),
            CLOCK)) {
      PolledDevice p = poller.scan(TargetList.of(address)).printers().get(0);
      assertThat(p.failures())
          .contains(new ReadFailure(ReadBudget.TRUNCATED, "prtMarkerSuppliesTable over 4 rows"));
      assertThat(p.snapshot().identity().serial()).isEqualTo(healthy.serial());
      assertThat(p.snapshot().totalPages()).hasValue(healthy.totalPages());
    }
  }
}
