package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.http.ClientPrincipal;
import org.openrps.server.store.ClientKind;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.command.CommandResult;

/**
 * {@code server command} queues commands on the server's database beside the running server, shows
 * a command's life (following it until its device answers) and lists them; a mistake is one line.
 */
class ServerCommandCommandTest {

  private static final Pattern QUEUED =
      Pattern.compile(
          "command (cmd-[0-9a-f]{32}) reboot for HP/CN123 queued, expires \\d{4}-\\d\\d-\\d\\dT\\S+Z\\n");

  @TempDir Path dir;

  @Test
  void aCommandIsSentFollowedUntilItsDeviceAnswersAndListed() throws Exception {
    Path data = dir.resolve("srv");
    try (ServerApp app = ServerApp.start(ServerConfig.embedded(data, 0), Clock.systemUTC())) {
      DeviceRef device = new DeviceRef("HP", "CN123");
      app.putDevice(
          "dev-cli", "dev-secret".toCharArray(), TenantId.DEFAULT, SiteId.DEFAULT, device);
      app.putAgent("agt-cli", "agent-secret".toCharArray());
      ClientPrincipal module =
          new ClientPrincipal(
              "dev-cli", ClientKind.device, TenantId.DEFAULT, SiteId.DEFAULT, Optional.of(device));
      String[] server = {"server", "--data", data.toString()};

      Run sent =
          Run.of(Run.concat(server, "command", "send", "--type", "reboot", "--device", "HP/CN123"));
      assertThat(sent.exit()).as(sent.err()).isZero();
      Matcher m = QUEUED.matcher(sent.out());
      assertThat(m.matches()).as(sent.out()).isTrue();
      String id = m.group(1);

      Run queued = Run.of(Run.concat(server, "command", "show", id));
      assertThat(queued.out()).isEqualTo("command " + id + " queued\n");

      assertThat(app.commands().fetch(module).commands()).hasSize(1);
      CompletableFuture<Run> follow =
          CompletableFuture.supplyAsync(
              () ->
                  Run.of(Run.concat(server, "command", "show", id, "--follow", "--timeout", "1m")));
      app.commands()
          .answer(
              module,
              id,
              new CommandResult(
                  id,
                  CommandResult.Outcome.done,
                  "restarted",
                  Clock.systemUTC().instant(),
                  Map.of()));
      Run followed = follow.get(90, TimeUnit.SECONDS);
      assertThat(followed.exit()).as(followed.err()).isZero();
      assertThat(followed.out())
          .endsWith("command " + id + " queued → delivered → done (restarted)\n");

      Run agent =
          Run.of(Run.concat(server, "command", "send", "--type", "send-now", "--agent", "agt-cli"));
      assertThat(agent.exit()).as(agent.err()).isZero();
      assertThat(agent.out())
          .matches("command cmd-[0-9a-f]{32} send-now for agent agt-cli queued, expires \\S+\\n");

      Run listed = Run.of(Run.concat(server, "command", "list", "--device", "HP/CN123"));
      assertThat(listed.exit()).as(listed.err()).isZero();
      assertThat(listed.out())
          .isEqualTo(
              "command "
                  + id
                  + " queued → delivered → done (restarted) — reboot for HP/CN123, "
                  + app.commands()
                      .find(org.openrps.server.store.Scope.provider(), id)
                      .orElseThrow()
                      .createdAt()
                  + "\n");

      assertOneLine(
          Run.of(
              Run.concat(server, "command", "send", "--type", "reboot", "--device", "HP/NOPE-1")),
          "openrps: device HP/NOPE-1 of customer default has no Device Direct module (no device"
              + " credential is bound to it), so nothing would fetch the command");
      assertOneLine(
          Run.of(
              Run.concat(
                  server, "command", "send", "--type", "set-contact", "--device", "HP/CN123")),
          "openrps: set-contact needs the parameter contact");
      assertOneLine(
          Run.of(Run.concat(server, "command", "send", "--type", "reboot", "--device", "CN123")),
          "openrps: --device: a device is named make/serial, e.g. HP/CN123: CN123");
      assertOneLine(
          Run.of(Run.concat(server, "command", "show", "cmd-nope")),
          "openrps: no such command cmd-nope");
      assertOneLine(
          Run.of(Run.concat(server, "command", "list", "--state", "lost")),
          "openrps: --state must be one of [queued, delivered, done, failed, expired]");
    }
  }

  private static void assertOneLine(Run run, String line) {
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(line + System.lineSeparator());
  }
}
