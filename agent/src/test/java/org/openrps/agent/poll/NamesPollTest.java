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
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.SerialSource;

/**
 * The names people use (issue 10 point 3), read over loopback UDP (127.62.0.x) from the simulator's
 * fixtures: OEM brands, IEEE 1284 device IDs, vendor firmware OIDs, a serial disagreement.
 */
class NamesPollTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T10:30:00Z"), ZoneOffset.UTC);

  @Test
  void anOemBrandIsTheNameOnTheDeviceWhileTheMakeStaysItsEngineMakers() throws Exception {
    for (PolledDevice device : scan("Konica Minolta ineo+ 301i", "127.62.1.1")) {
      DeviceIdentity id = device.snapshot().identity();
      assertThat(id.make()).isEqualTo("Konica Minolta");
      assertThat(id.manufacturer()).hasValue("Konica Minolta");
      assertThat(id.brand()).hasValue("Develop"); // the device ID's MFG
      // the profile's order: the model OID before hrDeviceDescr ("Generic 30C-1")
      assertThat(id.model()).isEqualTo("Develop ineo+ 301i");
      assertThat(id.firmware()).hasValue("GC9-M3");
      assertThat(id.serialDisagreement()).isEmpty();
    }
    for (PolledDevice device : scan("Kyocera P-4532 MFP", "127.62.2.1")) {
      DeviceIdentity id = device.snapshot().identity();
      assertThat(id.make()).isEqualTo("Kyocera");
      assertThat(id.brand()).hasValue("TA Triumph-Adler"); // no device ID: the model's "TA"
      assertThat(id.model()).isEqualTo("TA P-4532 MFP");
      assertThat(id.firmware()).hasValue("2V9_2000.003.201");
      assertThat(id.serialDisagreement()).isEmpty(); // two sources, one serial
    }
  }

  @Test
  void twoSerialSourcesThatDisagreeAreFlaggedWithBothAndTheTrustedOneIsTheSerial()
      throws Exception {
    for (PolledDevice device : scan("HP LaserJet Pro M404dn", "127.62.3.1")) {
      DeviceIdentity id = device.snapshot().identity();
      assertThat(id.brand()).hasValue("HP"); // MFG:Hewlett-Packard, as the brand is known
      assertThat(id.model()).isEqualTo("HP LaserJet Pro M404dn");
      assertThat(id.firmware()).hasValue("002.2403A");
      assertThat(id.serialDisagreement()).hasSize(2);
      assertThat(id.serialDisagreement().get(0))
          .isEqualTo(new SerialSource("prtGeneralSerialNumber", id.serial()));
      SerialSource other = id.serialDisagreement().get(1);
      assertThat(other.source()).isEqualTo("1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3.0");
      assertThat(other.serial()).startsWith("VNB3").isNotEqualTo(id.serial());
    }
  }

  /** Three printers of one model, scanned; each as the simulator says it is. */
  private static java.util.List<PolledDevice> scan(String model, String first) throws Exception {
    SimulatorConfig config =
        new SimulatorConfig(3, InetAddress.getByName(first), 0, "public", 62)
            .withMix(Map.of(model, 1));
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
      String last = first.substring(0, first.lastIndexOf('.') + 1) + "3";
      ScanResult result = poller.scan(TargetList.of(first + "-" + last));
      assertThat(result.printers()).hasSize(3);
      Map<String, PolledDevice> byAddress =
          result.printers().stream()
              .collect(Collectors.toMap(p -> p.snapshot().address(), Function.identity()));
      for (SimulatedPrinter printer : sim.printers()) {
        PolledDevice device = byAddress.get(printer.address().getAddress().getHostAddress());
        assertThat(device).isNotNull();
        assertThat(device.failures()).isEmpty();
        assertThat((printer.make() + " " + printer.model())).isEqualTo(model);
        DeviceIdentity id = device.snapshot().identity();
        assertThat(id.make()).isEqualTo(printer.make());
        assertThat(id.brand()).hasValue(printer.brand());
        assertThat(id.serial()).isEqualTo(printer.serial());
      }
      return result.printers();
    }
  }
}
