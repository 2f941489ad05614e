package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.device.DeviceDirect;
import org.openrps.device.DeviceDirectConfig;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.commands.Commands;
import org.openrps.server.commands.StoredCommand;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.DeviceDirectFleet;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.testkit.Loopback;
import org.openrps.testkit.MutableClock;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.command.CommandState;
import org.openrps.wire.command.CommandTypes;

/**
 * Device Direct with every real part: the server (HTTPS, SQLite), simulated printers answering SNMP
 * over loopback UDP, and Device Direct modules inside a share of them. Commands are queued on the
 * server, fetched by the modules at their contact, applied in the simulated printer (seen over SNMP
 * by our client) and acknowledged; one clock for all, moved by the test.
 */
class DeviceDirectEndToEndTest {

  @TempDir Path dir;

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T10:30:00Z"));
  private ServerApp server;
  private Simulator simulator;
  private DeviceDirectFleet modules;
  private SnmpClient snmp;

  /** A printer of the test's own, known by the given key. */
  static final class ProbeHost implements org.openrps.device.DeviceHost {
    private final DeviceRef key;

    ProbeHost(DeviceRef key) {
      this.key = key;
    }

    @Override
    public org.openrps.wire.DeviceSnapshot snapshot() {
      Instant now = Instant.parse("2026-11-24T10:30:00Z");
      return new org.openrps.wire.DeviceSnapshot(
          new org.openrps.wire.DeviceIdentity(
              key.make(),
              "Probe",
              key.serial(),
              "1.3.6.1.4.1.11.2.3.9.1",
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              now,
              Optional.empty()),
          "127.0.0.1",
          now,
          List.of(
              new org.openrps.wire.MeterReading(
                  org.openrps.wire.MeterReading.TOTAL, 10, "1.3.6.1.2.1.43.10.2.1.4.1.1", now)),
          List.of(),
          new org.openrps.wire.DeviceStatus("idle", List.of(), now));
    }

    @Override
    public org.openrps.wire.DeviceDiagnostics diagnostics() {
      return new org.openrps.wire.DeviceDiagnostics(
          List.of(),
          List.of(),
          Map.of(),
          Map.of(),
          List.of(),
          Map.of(),
          Instant.parse("2026-11-24T10:30:00Z"));
    }

    @Override
    public Applied apply(org.openrps.wire.command.Command command) {
      return Applied.done("applied");
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = ServerApp.start(ServerConfig.embedded(dir.resolve("server"), 0), clock);
    InetAddress first = InetAddress.getByName("127.59.40.1");
    simulator =
        Simulator.start(
            new SimulatorConfig(10, first, Loopback.freeUdpPort(first), "public", 1), clock);
    modules =
        DeviceDirectFleet.start(
            simulator,
            0.2,
            new DeviceDirectFleet.Settings(
                url(),
                Optional.of(server.certificatePem()),
                dir.resolve("dd"),
                Duration.ofMinutes(1),
                false),
            p -> Optional.of(server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code()),
            clock);
    snmp = Snmp.openClient();
  }

  @AfterEach
  void stop() {
    snmp.close();
    modules.close();
    simulator.close();
    server.close();
  }

  private URI url() {
    return URI.create("https://127.0.0.1:" + server.port());
  }

  private StoredCommand send(
      DeviceRef device, String type, Map<String, String> params, Duration ttl) {
    return server
        .commands()
        .send(
            Scope.provider(),
            TenantId.DEFAULT,
            "test",
            new Commands.Order(
                type,
                params,
                ttl,
                List.of(device),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()))
        .commands()
        .get(0);
  }

  private StoredCommand find(String id) {
    return server.commands().find(Scope.provider(), id).orElseThrow();
  }

  private SnmpValue snmpGet(DeviceDirectFleet.Member m, org.openrps.snmp.Oid oid) {
    return snmp.get(
            new SnmpTarget(
                m.printer().address(),
                SnmpCredentials.Community.v2c("public"),
                Duration.ofSeconds(2),
                2),
            List.of(oid))
        .join()
        .get(0)
        .value();
  }

  @Test
  void aCommandIsQueuedFetchedAppliedInThePrinterSeenOverSnmpAndAcknowledged() {
    assertThat(modules.members()).hasSize(2);
    assertThat(modules.contactAll(true)).allSatisfy(c -> assertThat(c.failure()).isEmpty());
    DeviceDirectFleet.Member m = modules.members().get(0);
    DeviceRef device = m.module().device();
    assertThat(server.devices())
        .extracting(d -> d.make() + "/" + d.serial())
        .contains(device.toString());

    StoredCommand located =
        send(device, CommandTypes.SET_LOCATION, Map.of("location", "Floor 7"), Duration.ofHours(1));
    clock.advance(Duration.ofSeconds(1)); // queued after it: fetched after it
    StoredCommand rebooted = send(device, CommandTypes.REBOOT, Map.of(), Duration.ofHours(1));
    assertThat(find(located.id()).state()).isEqualTo(CommandState.queued);
    long uptimeBefore = ((SnmpValue.TimeTicks) snmpGet(m, StandardMib.SYS_UP_TIME)).value();

    clock.advance(Duration.ofSeconds(30));
    DeviceDirect.Contact contact = m.module().contact(false);

    assertThat(contact.failure()).isEmpty();
    assertThat(contact.commands())
        .extracting(r -> r.commandId())
        .containsExactly(located.id(), rebooted.id());
    assertThat(((SnmpValue.OctetString) snmpGet(m, StandardMib.SYS_LOCATION)).text())
        .isEqualTo("Floor 7");
    long uptimeAfter = ((SnmpValue.TimeTicks) snmpGet(m, StandardMib.SYS_UP_TIME)).value();
    assertThat(uptimeAfter).isLessThan(uptimeBefore).isZero(); // the clock has not moved since
    StoredCommand done = find(located.id());
    assertThat(done.state()).isEqualTo(CommandState.done);
    assertThat(done.deliveredAt()).isPresent();
    assertThat(done.message()).contains("sysLocation is now Floor 7");
    assertThat(ServerCommandsCommand.life(done))
        .isEqualTo(
            "command " + done.id() + " queued → delivered → done (sysLocation is now Floor 7)");
    assertThat(find(rebooted.id()).state()).isEqualTo(CommandState.done);
    // the other module's printer is untouched
    DeviceDirectFleet.Member other = modules.members().get(1);
    assertThat(((SnmpValue.OctetString) snmpGet(other, StandardMib.SYS_LOCATION)).text())
        .isNotEqualTo("Floor 7");
    // a further contact applies nothing again
    assertThat(other.module().contact(false).commands()).isEmpty();
    assertThat(m.module().contact(false).commands()).isEmpty();
  }

  @Test
  void anExpiredCommandIsNeverDeliveredNorApplied() {
    modules.contactAll(true);
    DeviceDirectFleet.Member m = modules.members().get(1);
    String location = ((SnmpValue.OctetString) snmpGet(m, StandardMib.SYS_LOCATION)).text();
    StoredCommand c =
        send(
            m.module().device(),
            CommandTypes.SET_LOCATION,
            Map.of("location", "Too late"),
            Duration.ofMinutes(5));

    clock.advance(Duration.ofMinutes(6));
    assertThat(server.runCommandExpiry()).hasValue(1);
    DeviceDirect.Contact contact = m.module().contact(false);

    assertThat(contact.failure()).isEmpty();
    assertThat(contact.commands()).isEmpty();
    assertThat(find(c.id()).state()).isEqualTo(CommandState.expired);
    assertThat(((SnmpValue.OctetString) snmpGet(m, StandardMib.SYS_LOCATION)).text())
        .isEqualTo(location);
  }

  @Test
  void aCommandForOneCustomersDeviceNeverReachesAnotherCustomersModule() throws Exception {
    modules.contactAll(true); // both modules are the default customer's
    TenantId other = TenantId.of("other");
    server.addCustomer(other, "Other Ltd", SiteId.DEFAULT, "Main");
    DeviceDirectFleet.Member m = modules.members().get(0);
    // the same make and serial, enrolled for the other customer (its own device there)
    Path otherDir = dir.resolve("other-module");
    try (DeviceDirect foreign =
        DeviceDirect.open(
            DeviceDirectConfig.of(
                    url(),
                    Optional.of(server.certificatePem()),
                    Optional.of(server.newEnrolCode(other, SiteId.DEFAULT).code()),
                    otherDir)
                .withClock(clock),
            new ProbeHost(m.module().device()))) {
      assertThat(foreign.contact(true).failure()).isEmpty();
      StoredCommand c =
          send(m.module().device(), CommandTypes.SELF_TEST, Map.of(), Duration.ofHours(1));

      assertThat(foreign.contact(false).commands()).isEmpty();
      assertThat(find(c.id()).state()).isEqualTo(CommandState.queued);
      assertThat(m.module().contact(false).commands())
          .extracting(r -> r.commandId())
          .containsExactly(c.id());
    }
  }

  @Test
  void aServerTheModuleDoesNotTrustGetsNothingNotEvenTheEnrolment() throws Exception {
    Path otherPem =
        org.openrps.client.TestTls.selfSigned("someone-else").writePem(dir, "other.pem");
    String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();
    int before = server.devices().size();
    DeviceDirectConfig untrusting =
        DeviceDirectConfig.of(url(), Optional.of(otherPem), Optional.of(code), dir.resolve("u"))
            .withClock(clock);
    DeviceDirect.Contact refused;
    try (DeviceDirect module =
        DeviceDirect.open(untrusting, new ProbeHost(new DeviceRef("HP", "UNTRUSTED1")))) {
      refused = module.contact(true);
    }
    assertThat(refused.failure()).hasValueSatisfying(f -> assertThat(f).contains("not trusted"));
    assertThat(refused.reportsQueued()).isEqualTo(1);
    assertThat(server.devices()).hasSize(before);
    // the code was not spent: the same module, trusting the server, enrols with it
    DeviceDirectConfig trusting =
        DeviceDirectConfig.of(
                url(), Optional.of(server.certificatePem()), Optional.of(code), dir.resolve("u"))
            .withClock(clock);
    try (DeviceDirect module =
        DeviceDirect.open(trusting, new ProbeHost(new DeviceRef("HP", "UNTRUSTED1")))) {
      DeviceDirect.Contact c = module.contact(false);
      assertThat(c.failure()).isEmpty();
      assertThat(c.enrolled()).isTrue();
      assertThat(c.reportsSent()).isEqualTo(1); // the report kept from before
    }
    assertThat(server.devices()).hasSize(before + 1);
  }
}
