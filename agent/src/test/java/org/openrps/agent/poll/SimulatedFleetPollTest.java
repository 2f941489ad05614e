package org.openrps.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openrps.agent.target.TargetList;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.snmp.AuthProtocol;
import org.openrps.snmp.PrivProtocol;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.UsmUser;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.SupplyReading;

/**
 * The poller against the fleet simulator as a whole (127.63.x.x): every make it models, every
 * SNMPv3 user it knows, and a replayed recording.
 */
class SimulatedFleetPollTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T10:30:00Z"), ZoneOffset.UTC);

  private static final Set<String> TEN_MAKES =
      Set.of(
          "HP",
          "Xerox",
          "Ricoh",
          "Canon",
          "Kyocera",
          "Konica Minolta",
          "Lexmark",
          "Brother",
          "Sharp",
          "Epson");

  @Test
  void everyMakeOfTheSimulatorIsFoundWithItsMakeSerialAndLifeCount() throws Exception {
    Map<String, Integer> mix =
        TEN_MAKES.stream().collect(Collectors.toMap(Function.identity(), make -> 1));
    SimulatorConfig config =
        new SimulatorConfig(60, InetAddress.getByName("127.63.0.1"), 0, "public", 63).withMix(mix);
    try (Simulator sim = Simulator.start(config, CLOCK);
        SnmpClient client = Snmp.openClient();
        Poller poller = new Poller(client, community(sim), CLOCK)) {

      ScanResult result = poller.scan(TargetList.of("127.63.0.1-127.63.0.60"));

      assertThat(result.unreachable()).isEmpty();
      assertThat(result.printers()).hasSize(60);
      Map<String, PolledDevice> byAddress =
          result.printers().stream()
              .collect(Collectors.toMap(p -> p.snapshot().address(), Function.identity()));
      Set<String> makesSeen = new TreeSet<>();
      for (SimulatedPrinter printer : sim.printers()) {
        String address = printer.address().getAddress().getHostAddress();
        DeviceSnapshot s = byAddress.get(address).snapshot();
        assertThat(s.identity().make()).as(address).isEqualTo(printer.make());
        assertThat(s.identity().serial()).as(address).isEqualTo(printer.serial());
        if (s.totalPages().isPresent()) {
          assertThat(s.totalPages().getAsLong())
              .as("life count of %s (%s)", address, printer.model())
              .isEqualTo(printer.totalPages() & 0xFFFF_FFFFL);
        } else {
          assertThat(s.counters()).as("%s has vendor meters", address).isNotEmpty();
        }
        assertThat(s.supplies()).as(address).isNotEmpty();
        for (SupplyReading supply : s.supplies()) {
          if (supply.level() < 0) {
            assertThat(supply.percent()).as("%s %s", address, supply.description()).isEmpty();
          }
        }
        makesSeen.add(s.identity().make());
      }
      assertThat(makesSeen).containsAll(TEN_MAKES);
    }
  }

  @Test
  void everyV3UserOfTheSimulatorReadsTheSameLifeCountAndIsRecordedAsThePosture() throws Exception {
    SimulatorConfig config =
        new SimulatorConfig(2, InetAddress.getByName("127.63.1.1"), 0, "public", 64)
            .withMix(Map.of("Kyocera", 1));
    try (Simulator sim = Simulator.start(config, CLOCK);
        SnmpClient client = Snmp.openClient()) {
      SimulatedPrinter printer = sim.printers().get(0);
      List<UsmUser> users = UsmUser.defaultSet();
      assertThat(users).hasSize(31);
      for (UsmUser user : users) {
        PollSettings settings =
            new PollSettings(
                printer.address().getPort(),
                List.of(CredentialSet.everywhere(user.name(), SnmpCredentials.Usm.of(user))),
                Duration.ofSeconds(1),
                1,
                8,
                false,
                0,
                false);
        try (Poller poller = new Poller(client, settings, CLOCK)) {
          ScanResult result = poller.scan(TargetList.of("127.63.1.1"));

          assertThat(result.printers()).as(user.name()).hasSize(1);
          PolledDevice device = result.printers().get(0);
          assertThat(device.snapshot().identity().serial()).isEqualTo(printer.serial());
          assertThat(device.snapshot().totalPages()).hasValue(printer.totalPages());
          assertThat(device.access())
              .hasValue(
                  new SnmpAccess(
                      "v3", user.auth().token() + "/" + user.priv().token(), user.name()));
        }
      }
      assertThat(users)
          .anyMatch(u -> u.auth() == AuthProtocol.MD5 && u.priv() == PrivProtocol.DES)
          .anyMatch(u -> u.auth() == AuthProtocol.SHA512 && u.priv() == PrivProtocol.AES256);
    }
  }

  @Test
  void aReplayedRecordingIsReadAsTheRealDeviceSaidIt() throws Exception {
    SimulatorConfig config =
        new SimulatorConfig(2, InetAddress.getByName("127.63.2.1"), 0, "public", 65)
            .withRecordings(resource("recordings"));
    try (Simulator sim = Simulator.start(config, CLOCK);
        SnmpClient client = Snmp.openClient();
        Poller poller = new Poller(client, community(sim), CLOCK)) {

      ScanResult result = poller.scan(TargetList.of("127.63.2.1-127.63.2.2"));

      assertThat(result.outOfScope()).containsExactly("127.63.2.2");
      assertThat(result.printers()).hasSize(1);
      DeviceSnapshot s = result.printers().get(0).snapshot();
      assertThat(s.identity().make()).isEqualTo("HP");
      assertThat(s.identity().model()).isEqualTo("HP Color LaserJet M452nw");
      assertThat(s.identity().serial()).isEqualTo("VNB3H12345");
      assertThat(s.identity().mac()).hasValue("a0:b3:cc:11:22:33");
      assertThat(s.totalPages()).hasValue(4_294_967_000L);
      Map<String, SupplyReading> supplies =
          s.supplies().stream()
              .collect(Collectors.toMap(SupplyReading::description, Function.identity()));
      assertThat(supplies.get("Black Cartridge HP CF410A").percent()).hasValue(25.0);
      assertThat(supplies.get("Cyan Cartridge HP CF411A").levelState())
          .isEqualTo(SupplyReading.LevelState.someRemaining);
      assertThat(supplies.get("Cyan Cartridge HP CF411A").percent()).isEmpty();
      assertThat(supplies.get("Waste Toner").levelState())
          .isEqualTo(SupplyReading.LevelState.other);
      assertThat(supplies.get("Waste Toner").percent()).isEmpty();
    }
  }

  private static PollSettings community(Simulator sim) {
    return new PollSettings(
        sim.printers().get(0).address().getPort(), "public", Duration.ofSeconds(1), 2, 32);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(
        Objects.requireNonNull(SimulatedFleetPollTest.class.getResource("/" + name)).toURI());
  }
}
