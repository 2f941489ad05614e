package org.openrps.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openrps.agent.target.TargetList;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.wire.DeviceSnapshot;

/** The poller against the real fleet simulator over loopback UDP (127.61.0.x). */
class SimulatorPollTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T10:30:00Z"), ZoneOffset.UTC);

  @Test
  void everySimulatedPrinterIsFoundWithItsSerialAndLifeCount() throws Exception {
    SimulatorConfig config =
        new SimulatorConfig(20, InetAddress.getByName("127.61.0.1"), 0, "public", 61);
    try (Simulator sim = Simulator.start(config, CLOCK);
        SnmpClient client = Snmp.openClient();
        Poller poller =
            new Poller(
                client,
                new PollSettings(
                    sim.printers().get(0).address().getPort(),
                    "public",
                    Duration.ofSeconds(1),
                    2,
                    PollSettings.DEFAULT_MAX_IN_FLIGHT),
                CLOCK)) {

      ScanResult result = poller.scan(TargetList.of("127.61.0.1-127.61.0.20"));

      assertThat(result.addressesScanned()).isEqualTo(20);
      assertThat(result.unreachable()).isEmpty();
      assertThat(result.outOfScope()).isEmpty();
      assertThat(result.printers()).hasSize(20);
      Map<String, PolledDevice> byAddress =
          result.printers().stream()
              .collect(Collectors.toMap(p -> p.snapshot().address(), Function.identity()));
      for (SimulatedPrinter printer : sim.printers()) {
        String address = printer.address().getAddress().getHostAddress();
        PolledDevice device = byAddress.get(address);
        assertThat(device).as(address).isNotNull();
        DeviceSnapshot s = device.snapshot();
        assertThat(device.failures()).as(address).isEmpty();
        assertThat(s.identity().serial()).as(address).isEqualTo(printer.serial());
        assertThat(s.identity().make()).as(address).isEqualTo(printer.make());
        // The device says hrDeviceDescr ("HP LaserJet M507", "Canon LBP664C"); the simulator's
        // model() is the catalogue name ("LaserJet Enterprise M507", "i-SENSYS LBP664Cx"). The
        // model number without a trailing lower-case variant suffix is what both share.
        String[] words = printer.model().split(" ");
        String number = words[words.length - 1].replaceAll("[a-z]+$", "");
        assertThat(s.identity().model()).as(address).contains(number);
        assertThat(s.identity().mac()).as(address).isPresent();
        assertThat(s.totalPages()).as(address).hasValue(printer.totalPages());
        assertThat(s.supplies()).as(address).isNotEmpty();
      }
    }
  }
}
