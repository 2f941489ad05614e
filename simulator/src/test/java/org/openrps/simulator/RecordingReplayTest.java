package org.openrps.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.Oid;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.testkit.MutableClock;

/** snmprec files replayed on 127.82.0.x. */
class RecordingReplayTest {

  @Test
  void everyGoodFileIsOnePrinterAndABrokenFileIsRejectedWithItsLine() throws Exception {
    Path dir = Path.of(getClass().getResource("/recordings/a-printer.snmprec").toURI()).getParent();
    SimulatorConfig config =
        SimulatorConfig.defaults(2)
            .withFirstAddress(InetAddress.getByName("127.82.0.1"))
            .withPort(0)
            .withRecordings(dir);
    try (Simulator sim = Simulator.start(config, MutableClock.at(java.time.Instant.EPOCH));
        SnmpClient client = Snmp.openClient()) {
      assertThat(sim.rejected()).singleElement().asString().contains("b-broken.snmprec:2");
      SimulatedPrinter acme = sim.printers().get(0);
      assertThat(acme.serial()).isEqualTo("ACME001");
      assertThat(acme.totalPages()).isEqualTo(424_242);
      assertThat(acme.make()).isEqualTo("Acme");

      List<VarBind> walk = client.walk(v2c(acme), Oid.of("1.3")).join();
      assertThat(walk).extracting(VarBind::oid).isSorted().hasSize(8);
      assertThat(walk.get(3).value())
          .isEqualTo(
              new SnmpValue.OctetString(new byte[] {0, 0x11, 0x22, 0x33, 0x44, (byte) 0xAA}));

      SimulatedPrinter sw = sim.printers().get(1);
      List<VarBind> all = client.walk(v2c(sw), Oid.of("1.3")).join();
      assertThat(all).extracting(VarBind::value).contains(new SnmpValue.Counter64(-1L));
    }
  }

  private static SnmpTarget v2c(SimulatedPrinter p) {
    return new SnmpTarget(
        p.address(), SnmpCredentials.Community.v2c("public"), Duration.ofSeconds(2), 1);
  }
}
