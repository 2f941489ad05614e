package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.device.DeviceDirect;
import org.openrps.device.DeviceDirectConfig;
import org.openrps.device.DeviceHost;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.wire.DeviceDiagnostics;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.MeterReading;
import org.openrps.wire.command.Command;

/**
 * The whole command channel with the real parts: a Device Direct module enrols naming its printer
 * and reports it, an operator queues a reboot with {@code server command send}, the module fetches
 * and applies it at its next contact, and {@code server command show} prints its life.
 */
class DeviceDirectCommandEndToEndTest {

  @TempDir Path dir;

  /** A printer that remembers the commands it carried out. */
  static final class Printer implements DeviceHost {
    final List<String> applied = new ArrayList<>();

    @Override
    public DeviceSnapshot snapshot() {
      Instant now = Instant.now();
      return new DeviceSnapshot(
          new DeviceIdentity(
              "HP",
              "LaserJet M507",
              " cn-e2e-1 ",
              "1.3.6.1.4.1.11.2.3.9.1",
              Optional.empty(),
              Optional.of("2.4"),
              Optional.empty(),
              now,
              Optional.of("Room 1")),
          "127.0.0.1",
          now,
          List.of(new MeterReading(MeterReading.TOTAL, 1234, "1.3.6.1.2.1.43.10.2.1.4.1.1", now)),
          List.of(),
          new DeviceStatus("idle", List.of(), now));
    }

    @Override
    public DeviceDiagnostics diagnostics() {
      return new DeviceDiagnostics(
          List.of(),
          List.of(),
          Map.of("firmware", "2.4"),
          Map.of(),
          List.of(),
          Map.of(),
          Instant.now());
    }

    @Override
    public synchronized Applied apply(Command command) {
      applied.add(command.id());
      return Applied.done("restarted");
    }
  }

  @Test
  void anOperatorsRebootReachesTheModuleAtItsNextContactAndShowsDone() throws Exception {
    Path data = dir.resolve("srv");
    try (ServerApp app = ServerApp.start(ServerConfig.embedded(data, 0), Clock.systemUTC())) {
      Printer printer = new Printer();
      DeviceDirectConfig config =
          DeviceDirectConfig.of(
              URI.create("https://127.0.0.1:" + app.port()),
              Optional.of(app.certificatePem()),
              Optional.of(app.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code()),
              dir.resolve("module"));
      try (DeviceDirect module = DeviceDirect.open(config, printer)) {
        DeviceDirect.Contact first = module.contact(true);
        assertThat(first.ok()).as(first.failure().orElse("")).isTrue();
        assertThat(first.enrolled()).isTrue();
        assertThat(first.reportsSent()).isEqualTo(1);
        assertThat(app.devices())
            .extracting(d -> d.make() + "/" + d.serial())
            .contains("HP/cn-e2e-1");

        String[] server = {"server", "--data", data.toString()};
        Run sent =
            Run.of(
                Run.concat(
                    server, "command", "send", "--type", "reboot", "--device", "HP/cn-e2e-1"));
        assertThat(sent.exit()).as(sent.err()).isZero();
        Matcher m =
            Pattern.compile("command (cmd-[0-9a-f]+) reboot for HP/cn-e2e-1 queued, .*\\n")
                .matcher(sent.out());
        assertThat(m.matches()).as(sent.out()).isTrue();
        String id = m.group(1);

        DeviceDirect.Contact next = module.contact(false);
        assertThat(next.ok()).as(next.failure().orElse("")).isTrue();
        assertThat(printer.applied).containsExactly(id);
        assertThat(next.commands()).extracting(r -> r.commandId()).containsExactly(id);

        Run shown = Run.of(Run.concat(server, "command", "show", id));
        assertThat(shown.out())
            .isEqualTo("command " + id + " queued → delivered → done (restarted)\n");
        // Another contact applies nothing again: the command is over.
        assertThat(module.contact(false).ok()).isTrue();
        assertThat(printer.applied).containsExactly(id);
      }
    }
  }
}
