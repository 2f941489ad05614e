package org.openrps.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.Oid;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpTarget;
import org.openrps.testkit.NetSnmp;

/** One device of every model on 127.85.0.x, walked by net-snmp over v1 and v2c. */
class EveryMakeNetSnmpTest {

  @Test
  void netSnmpWalksEveryModelOverV1AndV2cLikeOurClient() throws Exception {
    Map<String, Integer> mix = new LinkedHashMap<>();
    for (PrinterModel m : ModelCatalog.builtIn().models()) {
      mix.put(m.fullName(), 1);
    }
    SimulatorConfig config =
        SimulatorConfig.defaults(120)
            .withFirstAddress(InetAddress.getByName("127.85.0.1"))
            .withPort(0)
            .withMix(mix)
            .withLife(Life.steady());
    try (Simulator sim =
            Simulator.start(
                config,
                SimulationClock.start(
                    Instant.parse("2026-03-03T10:00:00Z"), 0, java.time.Clock.systemUTC()));
        SnmpClient client = Snmp.openClient()) {
      Map<String, SimulatedPrinter> oneEach = new LinkedHashMap<>();
      for (SimulatedPrinter p : sim.printers()) {
        oneEach.putIfAbsent(p.make() + " " + p.model(), p);
      }
      assertThat(oneEach).hasSize(mix.size());
      for (SimulatedPrinter p : oneEach.values()) {
        int ours =
            client
                .walk(
                    new SnmpTarget(
                        p.address(),
                        SnmpCredentials.Community.v2c("public"),
                        Duration.ofSeconds(2),
                        1),
                    Oid.of("1.3"))
                .join()
                .size();
        String bulk =
            NetSnmp.v2c("public").withOptions("-Cr25").bulkWalk(p.address(), "1.3").output();
        String v1 = NetSnmp.v1("public").walk(p.address(), "1.3").output();
        assertThat(lines(bulk)).as(p + " bulkwalk").isEqualTo(ours);
        assertThat(lines(v1)).as(p + " v1 walk").isEqualTo(ours);
        assertThat(bulk + v1).doesNotContain("OID not increasing").doesNotContain("Timeout");
        assertThat(bulk).contains(".1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.");
        String descr = NetSnmp.v2c("public").get(p.address(), "1.3.6.1.2.1.1.1.0").output();
        assertThat(descr).contains("= STRING: ");
        // the MAC as six bytes (-Ox: hex whatever the bytes, which may happen to be printable)
        String mac =
            NetSnmp.v2c("public")
                .withOptions("-Ox")
                .get(p.address(), "1.3.6.1.2.1.2.2.1.6.1")
                .output();
        assertThat(mac)
            .as(p + " ifPhysAddress")
            .containsPattern("Hex-STRING: ([0-9A-F]{2} ){5}[0-9A-F]{2}");
      }
    }
  }

  private static long lines(String out) {
    // snmpbulkwalk also prints the endOfMibView binding at the end of the whole MIB
    return out.lines()
        .filter(l -> l.startsWith(".1.3.") && !l.contains("No more variables left"))
        .count();
  }
}
