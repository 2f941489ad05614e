package org.openrps.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.NetSnmp;

/** One printer per fault on 127.83.0.x, checked with our client and net-snmp. */
class FaultInjectionTest {

  private static Simulator simulator;
  private static SnmpClient client;

  @BeforeAll
  static void start() throws IOException {
    SimulatorConfig config =
        SimulatorConfig.defaults(12)
            .withFirstAddress(InetAddress.getByName("127.83.0.1"))
            .withPort(0)
            .withMix(java.util.Map.of("HP LaserJet Enterprise M507", 1))
            .withFaultAt(FaultKind.SILENT, 0)
            .withFaultAt(FaultKind.SLOW, 1)
            .withFaultAt(FaultKind.LATE, 2)
            .withFaultAt(FaultKind.TRUNCATED, 3)
            .withFaultAt(FaultKind.GARBLED, 4)
            .withFaultAt(FaultKind.WRONG_REQUEST_ID, 5)
            .withFaultAt(FaultKind.TOO_BIG, 6)
            .withFaultAt(FaultKind.NO_SUCH_NAME, 7)
            .withFaultAt(FaultKind.NON_INCREASING, 8)
            .withFaultAt(FaultKind.HUGE_STRINGS, 9)
            .withFaultAt(FaultKind.WRONG_COMMUNITY, 10);
    config =
        config.withOptions(
            config.options().withDelays(Duration.ofMillis(150), Duration.ofMillis(1500)));
    simulator = Simulator.start(config, MutableClock.at(Instant.parse("2026-03-03T10:00:00Z")));
    client = Snmp.openClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    simulator.close();
  }

  @Test
  void devicesWithAFaultOnTheWireGiveTheClientNothingItCanUse() {
    // one at a time: a reply with a wrong request id could otherwise complete another request
    for (int i : new int[] {0, 2, 3, 4, 5, 10}) {
      CompletableFuture<List<VarBind>> answer =
          client.get(target(i, Duration.ofMillis(500)), List.of(StandardMib.SYS_DESCR));
      assertThat(answer)
          .as(simulator.printers().get(i).toString())
          .failsWithin(Duration.ofSeconds(5));
    }
  }

  @Test
  void aSlowDeviceAnswersWithinALongerTimeoutAndAHealthyOneAnswersAtOnce() {
    assertThat(client.get(target(1, Duration.ofSeconds(2)), List.of(StandardMib.SYS_DESCR)))
        .succeedsWithin(Duration.ofSeconds(5));
    assertThat(client.get(target(11, Duration.ofSeconds(2)), List.of(StandardMib.SYS_DESCR)))
        .succeedsWithin(Duration.ofSeconds(5));
  }

  @Test
  void aLateDeviceAnswersAfterTheTimeout() throws Exception {
    String out = v2c(3).get(address(2), "1.3.6.1.2.1.1.5.0").output();
    assertThat(out).contains("STRING");
  }

  @Test
  void tooBigAnswersBigRequestsWithTheErrorAndSmallOnesNormally() throws Exception {
    assertThat(v2c(1).get(address(6), "1.3.6.1.2.1.1.5.0").output()).contains("STRING");
    NetSnmp bulk = v2c(1).withOptions("-Cr40");
    assertThat(NetSnmp.run(bulk.command("snmpbulkget", address(6), "1.3.6.1.2.1.43")).output())
        .contains("tooBig");
  }

  @Test
  void noSuchNameDeviceLacksTheLifeCountAndTheSerial() throws Exception {
    List<VarBind> v2 =
        client
            .get(
                target(7, Duration.ofSeconds(2)),
                List.of(
                    StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1),
                    StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1),
                    StandardMib.SYS_DESCR))
            .join();
    assertThat(v2.get(0).value().isValue()).isFalse();
    assertThat(v2.get(1).value().isValue()).isFalse();
    assertThat(v2.get(2).value().isValue()).isTrue();
    String v1 =
        NetSnmp.v1("public")
            .withTimeout(Duration.ofSeconds(1))
            .withRetries(0)
            .get(address(7), "1.3.6.1.2.1.43.10.2.1.4.1.1")
            .output();
    assertThat(v1).contains("noSuchName");
  }

  @Test
  void aNonIncreasingWalkIsDetected() {
    assertThat(client.walk(target(8, Duration.ofSeconds(2)), StandardMib.PRT_MARKER_SUPPLIES_TABLE))
        .failsWithin(Duration.ofSeconds(10));
  }

  @Test
  void hugeStringsAreHuge() {
    SnmpValue descr =
        client
            .get(target(9, Duration.ofSeconds(2)), List.of(StandardMib.SYS_DESCR))
            .join()
            .get(0)
            .value();
    assertThat(((SnmpValue.OctetString) descr).bytes()).hasSize(16 * 1024);
  }

  @Test
  void faultSharesAreDisjointAndFollowTheSeed() {
    Fleet fleet =
        new Fleet(
            ModelCatalog.builtIn(),
            7,
            MutableClock.at(Instant.EPOCH),
            0,
            Life.steady(),
            List.of(FaultRule.of(FaultKind.GARBLED, 0.2), FaultRule.of(FaultKind.SILENT, 0.1)),
            10_000,
            InetAddress.getLoopbackAddress(),
            1);
    long garbled = 0;
    long silent = 0;
    for (int i = 0; i < 10_000; i++) {
      var f = fleet.faultOf(i);
      garbled += f.filter(k -> k == FaultKind.GARBLED).isPresent() ? 1 : 0;
      silent += f.filter(k -> k == FaultKind.SILENT).isPresent() ? 1 : 0;
    }
    assertThat(garbled).isBetween(1_800L, 2_200L);
    assertThat(silent).isBetween(850L, 1_150L);
  }

  private static InetSocketAddress address(int i) {
    return simulator.printers().get(i).address();
  }

  /** net-snmp over v2c with a timeout of {@code seconds} and no retry. */
  private static NetSnmp v2c(int seconds) {
    return NetSnmp.v2c("public").withTimeout(Duration.ofSeconds(seconds)).withRetries(0);
  }

  private static SnmpTarget target(int i, Duration timeout) {
    return new SnmpTarget(
        simulator.printers().get(i).address(), SnmpCredentials.Community.v2c("public"), timeout, 0);
  }
}
