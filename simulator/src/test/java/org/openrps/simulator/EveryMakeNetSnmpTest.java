package org.openrps.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.Oid;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpTarget;

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
        String target = p.address().getAddress().getHostAddress() + ":" + p.address().getPort();
        String bulk = run("snmpbulkwalk", "-v2c", "-Cr25", target);
        String v1 = run("snmpwalk", "-v1", target);
        assertThat(lines(bulk)).as(p + " bulkwalk").isEqualTo(ours);
        assertThat(lines(v1)).as(p + " v1 walk").isEqualTo(ours);
        assertThat(bulk + v1).doesNotContain("OID not increasing").doesNotContain("Timeout");
        assertThat(bulk).contains(".1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.");
        String get = run("snmpget", "-v2c", target, "1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.2.2.1.6.1");
        assertThat(get).contains("STRING").contains("Hex-STRING");
      }
    }
  }

  private static long lines(String out) {
    // snmpbulkwalk also prints the endOfMibView binding at the end of the whole MIB
    return out.lines()
        .filter(l -> l.startsWith(".1.3.") && !l.contains("No more variables left"))
        .count();
  }

  private static String run(String tool, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(tool, "-m", "", "-On", "-c", "public", "-t", "2", "-r", "1"));
    command.addAll(List.of(args));
    if (!tool.equals("snmpget")) {
      command.add("1.3");
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }
}
