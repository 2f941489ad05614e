package org.openrps.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrps.device.DeviceHost;
import org.openrps.snmp.Oid;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.testkit.MutableClock;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.command.Command;
import org.openrps.wire.command.CommandTypes;

/**
 * The firmware side of simulated printers: what a Device Direct module reports is what the printer
 * answers over SNMP, and what its commands change shows over SNMP (read with our client over UDP).
 */
class DirectPrinterTest {

  private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
  private static MutableClock clock;
  private static Simulator simulator;
  private static SnmpClient client;

  @BeforeAll
  static void start() throws IOException {
    clock = MutableClock.at(START);
    simulator =
        Simulator.start(
            SimulatorConfig.defaults(20)
                .withFirstAddress(InetAddress.getByName("127.78.0.1"))
                .withPort(0),
            clock);
    client = Snmp.openClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    simulator.close();
  }

  private static DirectPrinter host(int index) {
    return new DirectPrinter((Printer) simulator.printers().get(index));
  }

  private static Command command(String type, Map<String, String> params) {
    return new Command(
        "cmd-" + type,
        type,
        params,
        Optional.empty(),
        clock.instant(),
        clock.instant().plusSeconds(60));
  }

  private static SnmpTarget v2c(SimulatedPrinter printer) {
    return new SnmpTarget(
        printer.address(), SnmpCredentials.Community.v2c("public"), Duration.ofSeconds(2), 1);
  }

  private static List<VarBind> get(SimulatedPrinter printer, Oid oid) {
    return client.get(v2c(printer), List.of(oid)).join();
  }

  @Test
  void theSnapshotIsWhatThePrinterAnswersOverSnmp() {
    DirectPrinter host = host(2);
    SimulatedPrinter printer = simulator.printers().get(2);
    DeviceSnapshot s = host.snapshot();

    assertThat(s.identity().serial()).isEqualTo(printer.serial());
    assertThat(s.identity().make()).isEqualTo(printer.make());
    assertThat(s.totalPages()).hasValue(printer.totalPages());
    String location =
        ((SnmpValue.OctetString) get(printer, StandardMib.SYS_LOCATION).get(0).value()).text();
    assertThat(s.identity().location()).contains(location);
    assertThat(host.diagnostics().versions()).containsKey("firmware");
    assertThat(host.diagnostics().parts()).extracting(p -> p.part()).contains("fuser");
  }

  @Test
  void aLocationSetByCommandShowsInSysLocation() {
    DirectPrinter host = host(4);
    SimulatedPrinter printer = simulator.printers().get(4);

    DeviceHost.Applied a =
        host.apply(command(CommandTypes.SET_LOCATION, Map.of("location", "Floor 3, copy room")));

    assertThat(a.done()).isTrue();
    assertThat(
            ((SnmpValue.OctetString) get(printer, StandardMib.SYS_LOCATION).get(0).value()).text())
        .isEqualTo("Floor 3, copy room");
    assertThat(host.snapshot().identity().location()).contains("Floor 3, copy room");
    assertThat(host.diagnostics().settings()).containsEntry("location", "Floor 3, copy room");
  }

  @Test
  void aRebootRestartsSysUpTime() {
    DirectPrinter host = host(9);
    SimulatedPrinter printer = simulator.printers().get(9);
    long before =
        ((SnmpValue.TimeTicks) get(printer, StandardMib.SYS_UP_TIME).get(0).value()).value();
    assertThat(before).isGreaterThan(6_000); // up for more than a minute

    assertThat(host.apply(command(CommandTypes.REBOOT, Map.of())).done()).isTrue();

    long after =
        ((SnmpValue.TimeTicks) get(printer, StandardMib.SYS_UP_TIME).get(0).value()).value();
    assertThat(after).isLessThan(before).isLessThan(100);
    assertThat(host.snapshot().status().uptimeSeconds()).contains(after / 100);
  }

  @Test
  void clearingAnAlertRemovesItFromThePrintersAlertTable() {
    // the first printer and hour (office time, from the start) that show an alert
    DirectPrinter host = null;
    AlertReading alert = null;
    search:
    for (int hour = 0; hour < 24 * 14; hour++) {
      clock.set(START.plus(Duration.ofMinutes(20 + 60L * hour)));
      for (int i = 10; i < 20; i++) {
        List<AlertReading> alerts = host(i).snapshot().alerts();
        if (!alerts.isEmpty()) {
          host = host(i);
          alert = alerts.get(0);
          break search;
        }
      }
    }
    assertThat(alert).as("an alert within two weeks on printers 10..19").isNotNull();
    SimulatedPrinter printer = host.printer();
    Oid severity = StandardMib.PRT_ALERT_ENTRY.append(2, 1, alert.index());
    assertThat(get(printer, severity).get(0).value()).isInstanceOf(SnmpValue.Integer32.class);

    DeviceHost.Applied a =
        host.apply(command(CommandTypes.CLEAR_ALERT, Map.of("alert", "" + alert.index())));

    assertThat(a.done()).as(a.message()).isTrue();
    assertThat(get(printer, severity).get(0).value()).isNotInstanceOf(SnmpValue.Integer32.class);
    final int index = alert.index();
    assertThat(host.snapshot().alerts()).noneMatch(x -> x.index() == index);
    // clearing it again: nothing there to clear
    assertThat(host.apply(command(CommandTypes.CLEAR_ALERT, Map.of("alert", "" + index))).done())
        .isFalse();
    clock.set(START);
  }

  @Test
  void aShareOfTheFleetIsChosenEvenly() {
    assertThat(DeviceDirectFleet.chosen(20, 0.2)).containsExactly(4, 9, 14, 19);
    assertThat(DeviceDirectFleet.chosen(20, 0)).isEmpty();
    assertThat(DeviceDirectFleet.chosen(20, 1)).hasSize(20);
    assertThat(DeviceDirectFleet.chosen(7, 0.5)).hasSize(3);
  }
}
