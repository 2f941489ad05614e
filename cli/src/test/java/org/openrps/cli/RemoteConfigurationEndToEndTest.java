package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.CommandLog;
import org.openrps.client.Credentials;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.commands.Commands;
import org.openrps.server.commands.StoredCommand;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.wire.WireJson;
import org.openrps.wire.command.CommandState;

/**
 * Issue 13 point 3, with a real server, a real agent process and simulated printers: a
 * configuration sent through the command channel is applied by the running agent and acknowledged;
 * a bad one is refused with its reason and the last good one kept; every change is in {@code agent
 * status}; the configuration outlives a restart; a disabled agent neither polls nor syncs; a
 * command the agent has taken is never applied again.
 */
class RemoteConfigurationEndToEndTest {

  private static final String AGENT = "agent-remote";

  @TempDir Path dir;

  @Test
  void aConfigurationFromTheServerIsAppliedRefusedWhenBadKeptAcrossARestartAndLogged()
      throws Exception {
    try (Simulator sim =
        Simulator.start(
            new SimulatorConfig(3, InetAddress.getByName("127.63.4.1"), 0, "public", 17),
            Clock.systemUTC())) {
      ServerApp server =
          ServerApp.start(ServerConfig.embedded(dir.resolve("server"), 0), Clock.systemUTC());
      AgentProcess agent = null;
      try {
        server.putAgent(AGENT, "secret-of-the-remote-agent".toCharArray());
        Path data = dir.resolve("agent");
        new Credentials(AGENT, "secret-of-the-remote-agent".toCharArray())
            .save(data.resolve("credentials.properties"));
        String syncAt =
            LocalTime.now(ZoneOffset.UTC)
                .plusHours(12)
                .format(DateTimeFormatter.ofPattern("HH:mm"));
        List<String> args =
            new ArrayList<>(
                List.of(
                    "agent",
                    "--targets",
                    "127.63.4.1-127.63.4.3",
                    "--port",
                    Integer.toString(sim.printers().get(0).address().getPort()),
                    "--server",
                    "https://127.0.0.1:" + server.port(),
                    "--trust-cert",
                    server.certificatePem().toString(),
                    "--data",
                    data.toString(),
                    "--poll-every",
                    "24h",
                    "--sync-at",
                    syncAt,
                    "--time-zone",
                    "UTC",
                    "--page-port",
                    "0"));
        agent = AgentProcess.start(args);
        agent.await(l -> l.contains("openrps agent: next poll at"));

        // A good configuration: applied by the running agent at its next contact.
        String good =
            send(server, Map.of("poll-every", "6h", "sync-at", "03:30", "exclude", "127.63.4.3"));
        syncNow(data);
        agent.await(
            l ->
                l.contains(
                    "settings from the server applied: poll every 6 h, sync daily at 03:30"));
        String applied =
            agent.await(l -> l.startsWith("openrps agent: command " + good + " configure"));
        assertThat(applied)
            .isEqualTo(
                "openrps agent: command "
                    + good
                    + " configure done: applied: poll-every 1d -> 6h, sync-at "
                    + syncAt
                    + " -> 03:30, targets 127.63.4.1-127.63.4.3 -> 127.63.4.1-127.63.4.3,!127.63.4.3");
        StoredCommand done = find(server, good);
        assertThat(done.state()).isEqualTo(CommandState.done);
        assertThat(done.message().orElseThrow()).contains("poll-every 1d -> 6h");

        // The new targets are polled: the excluded printer is not read any more.
        Run polled = Run.of("agent", "sync-now", "--poll", "--data", data.toString());
        assertThat(polled.exit()).as(polled.err()).isZero();
        agent.await(l -> l.contains("openrps agent: poll done: 2 addresses, 2 printers"));

        // A bad one: refused with its reason; the last good one stays.
        String bad = send(server, Map.of("poll-every", "1m", "sync-at", "04:00"));
        syncNow(data);
        assertThat(agent.await(l -> l.startsWith("openrps agent: command " + bad + " configure")))
            .contains(
                "configure failed: configuration refused, the last good one kept: poll-every must be");
        StoredCommand refused = find(server, bad);
        assertThat(refused.state()).isEqualTo(CommandState.failed);
        assertThat(refused.message().orElseThrow()).contains("poll-every").contains("5 minutes");

        // A setting that names a credential set the agent does not have.
        String unknownSet = send(server, Map.of("credential-set-for.1", "127.63.4.0/30=v3 nobody"));
        syncNow(data);
        assertThat(
                agent.await(
                    l -> l.startsWith("openrps agent: command " + unknownSet + " configure")))
            .contains("no credential set named \"v3 nobody\"; its sets are community 1");

        // Alert rules from the server need an SMTP server in the agent's own configuration.
        String alert = send(server, Map.of("alert.1", "supply-below=10%:ops@example.com"));
        syncNow(data);
        assertThat(agent.await(l -> l.startsWith("openrps agent: command " + alert + " configure")))
            .contains("configure failed")
            .contains("this agent has no SMTP server");

        Run status = Run.of("agent", "status", "--data", data.toString());
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out())
            .contains("Set by the server:")
            .contains("exclude=127.63.4.3, poll-every=6h, sync-at=03:30")
            .contains("applied: poll-every 1d -> 6h")
            .contains("REFUSED: poll-every must be from 5 minutes to 24 hours, not PT1M")
            .contains(good + " configure: done")
            .contains(bad + " configure: failed");

        // The last good configuration outlives a restart.
        agent.terminate();
        assertThat(agent.process.waitFor(AgentProcess.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        agent = AgentProcess.start(args);
        agent.await(l -> l.contains("openrps agent: running (poll every 6 h, sync daily at 03:30"));

        // Disabled: no poll, no scheduled sync; still fetches commands, so it can be enabled.
        String off = send(server, Map.of("enabled", "false"));
        syncNow(data);
        agent.await(l -> l.contains("DISABLED by the server"));
        agent.await(l -> l.startsWith("openrps agent: command " + off + " configure done"));
        String on = send(server, Map.of("enabled", "true"));
        syncNow(data);
        agent.await(
            l ->
                l.startsWith(
                    "openrps agent: command "
                        + on
                        + " configure done: applied: enabled false -> true"));
        agent.terminate();
        assertThat(agent.process.waitFor(AgentProcess.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        // Applied at most once: the journal holds every command, and refuses to take one again.
        try (AgentStore store = AgentStore.open(data.resolve("agent.db"), WireJson.newMapper())) {
          CommandLog journal = new CommandLog(store);
          assertThat(journal.recent(10))
              .extracting(CommandLog.Entry::commandId)
              .contains(good, bad, unknownSet, off, on);
          assertThat(journal.unreported()).isEmpty();
          assertThat(journal.begin(find(server, good).toWire(), java.time.Instant.now())).isFalse();
        }
      } finally {
        if (agent != null) {
          agent.process.destroyForcibly();
        }
        server.close();
      }
    }
  }

  private static void syncNow(Path data) {
    Run now = Run.of("agent", "sync-now", "--data", data.toString());
    assertThat(now.exit()).as(now.err()).isZero();
  }

  private static String send(ServerApp server, Map<String, String> params) {
    return server
        .commands()
        .send(
            Scope.provider(),
            TenantId.DEFAULT,
            "test",
            new Commands.Order(
                "configure",
                params,
                Duration.ofHours(1),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(AGENT)))
        .commands()
        .get(0)
        .id();
  }

  private static StoredCommand find(ServerApp server, String id) {
    return server.commands().find(Scope.provider(), id).orElseThrow();
  }
}
