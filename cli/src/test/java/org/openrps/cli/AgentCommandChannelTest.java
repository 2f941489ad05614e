package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.Agent;
import org.openrps.agent.AgentConfig;
import org.openrps.agent.AgentOperations;
import org.openrps.agent.command.AgentCommands;
import org.openrps.agent.remote.EffectiveSettings;
import org.openrps.agent.remote.LocalSettings;
import org.openrps.agent.remote.RemoteConfigurator;
import org.openrps.agent.schedule.Schedule;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.CommandLog;
import org.openrps.client.CommandClient;
import org.openrps.client.Tls;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.commands.Commands;
import org.openrps.server.commands.StoredCommand;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.testkit.MutableClock;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.WireJson;
import org.openrps.wire.command.CommandResult;
import org.openrps.wire.command.CommandState;

/**
 * The agent's end of the command channel against a real server over HTTPS: expiry judged on the
 * server's clock, a command cut short by a crash reported failed and not applied, a command whose
 * result was lost answered from the journal and not applied again, a re-read of one device, and a
 * command for another agent never reaching this one.
 */
class AgentCommandChannelTest {

  private static final String AGENT = "agent-channel";
  private static final char[] SECRET = "secret-of-the-channel-agent".toCharArray();

  @TempDir Path dir;

  private Simulator sim;
  private ServerApp server;
  private Agent agent;
  private MutableClock agentClock;
  private AgentConfig config;
  private RemoteConfigurator remote;
  private final List<EffectiveSettings> applied = new ArrayList<>();
  private int syncsAsked;

  @BeforeEach
  void start() throws Exception {
    sim =
        Simulator.start(
            new SimulatorConfig(2, InetAddress.getByName("127.63.5.1"), 0, "public", 23),
            Clock.systemUTC());
    server = ServerApp.start(ServerConfig.embedded(dir.resolve("server"), 0), Clock.systemUTC());
    server.putAgent(AGENT, SECRET);
    server.putAgent("agent-other", "secret-of-the-other-agent".toCharArray());
    // The agent's clock is two hours fast: expiry must be judged on the server's.
    agentClock = MutableClock.at(Clock.systemUTC().instant().plus(Duration.ofHours(2)));
    config =
        new AgentConfig(
            dir.resolve("agent.db"),
            "127.63.5.1-127.63.5.2",
            sim.printers().get(0).address().getPort(),
            "public",
            Duration.ofSeconds(5),
            2,
            64,
            url(),
            AGENT,
            SECRET,
            Optional.of(server.certificatePem()));
    agent = Agent.open(config, agentClock);
    LocalSettings local =
        new LocalSettings(
            new Schedule(Duration.ofHours(2), LocalTime.of(2, 0), ZoneOffset.UTC, false),
            config.targets(),
            config.pollSettings(),
            List.of());
    remote = agent.remoteSettings(local, rule -> rule);
  }

  @AfterEach
  void stop() {
    agent.close();
    server.close();
    sim.close();
  }

  private URI url() {
    return URI.create("https://127.0.0.1:" + server.port());
  }

  private AgentCommands channel(String agentId, char[] secret) {
    CommandClient client =
        new CommandClient(
            url(), agentId, secret, Tls.clientContext(Optional.of(server.certificatePem())));
    return agent.commandChannel(() -> client, operations());
  }

  private AgentOperations operations() {
    return new AgentOperations(
        agent,
        remote,
        new AgentOperations.Control() {
          @Override
          public void apply(EffectiveSettings settings) {
            applied.add(settings);
          }

          @Override
          public void requestSync() {
            syncsAsked++;
          }
        },
        rules -> {});
  }

  @Test
  void aLiveCommandIsAppliedOnTheServersClockEvenWhenTheAgentsClockIsPastItsExpiry() {
    String id = send(AGENT, "configure", Map.of("poll-every", "4h"), Duration.ofMinutes(30), null);
    AgentCommands.Check check = channel(AGENT, SECRET).check();
    assertThat(check.failure()).isEmpty();
    assertThat(check.finished()).hasSize(1);
    assertThat(check.finished().get(0).result().outcome()).isEqualTo(CommandResult.Outcome.done);
    assertThat(applied).hasSize(1);
    assertThat(applied.get(0).schedule().pollEvery()).isEqualTo(Duration.ofHours(4));
    StoredCommand stored = find(id);
    assertThat(stored.state()).isEqualTo(CommandState.done);
    // applied-at in the server's time, not the agent's fast clock
    assertThat(stored.appliedAt().orElseThrow())
        .isBefore(Clock.systemUTC().instant().plus(Duration.ofMinutes(5)));
  }

  @Test
  void aCommandCutShortByACrashIsReportedFailedAndNeverApplied() {
    String id = send(AGENT, "configure", Map.of("poll-every", "4h"), Duration.ofHours(1), null);
    // The agent took it and died before it finished: the journal says "applying".
    try (AgentStore store = AgentStore.open(dir.resolve("agent.db"), WireJson.newMapper())) {
      assertThat(new CommandLog(store).begin(find(id).toWire(), agentClock.instant())).isTrue();
    }
    AgentCommands.Check check = channel(AGENT, SECRET).check();
    assertThat(check.failure()).isEmpty();
    assertThat(check.finished()).isEmpty();
    assertThat(applied).isEmpty();
    assertThat(remote.current().schedule().pollEvery()).isEqualTo(Duration.ofHours(2));
    StoredCommand stored = find(id);
    assertThat(stored.state()).isEqualTo(CommandState.failed);
    assertThat(stored.message().orElseThrow())
        .isEqualTo("the agent stopped while applying it; not applied again");
  }

  @Test
  void aCommandWhoseResultWasLostIsAnsweredFromTheJournalNotAppliedAgain() {
    String id = send(AGENT, "send-now", Map.of(), Duration.ofHours(1), null);
    // Applied once; the answer to its result was lost, so the server still has it delivered.
    try (AgentStore store = AgentStore.open(dir.resolve("agent.db"), WireJson.newMapper())) {
      CommandLog journal = new CommandLog(store);
      assertThat(journal.begin(find(id).toWire(), agentClock.instant())).isTrue();
      journal.finish(
          new CommandResult(
              id,
              CommandResult.Outcome.done,
              "sync started, 0 snapshots waiting",
              Clock.systemUTC().instant(),
              Map.of()));
    }
    AgentCommands.Check check = channel(AGENT, SECRET).check();
    assertThat(check.failure()).isEmpty();
    assertThat(syncsAsked).as("not applied a second time").isZero();
    StoredCommand stored = find(id);
    assertThat(stored.state()).isEqualTo(CommandState.done);
    assertThat(stored.message()).contains("sync started, 0 snapshots waiting");
  }

  @Test
  void aRereadReadsTheOneDeviceAgainAndAsksForASync() throws Exception {
    agent.poll();
    agent.sync();
    var device = sim.printers().get(1);
    var key = org.openrps.wire.key.DeviceKey.of(device.make(), device.serial());
    DeviceRef ref = new DeviceRef(key.make(), key.serial());
    String id = send(AGENT, "reread-device", Map.of(), Duration.ofHours(1), ref);
    long before = agent.pendingSnapshots();
    AgentCommands.Check check = channel(AGENT, SECRET).check();
    assertThat(check.finished()).hasSize(1);
    assertThat(check.finished().get(0).result().message())
        .startsWith("read " + ref + " at " + device.address().getAddress().getHostAddress());
    assertThat(agent.pendingSnapshots()).isEqualTo(before + 1);
    assertThat(syncsAsked).isEqualTo(1);
    assertThat(find(id).state()).isEqualTo(CommandState.done);
  }

  @Test
  void aRotateSecretCommandRotatesWithoutAGapAndTheChannelGoesOnWithTheNewSecret()
      throws Exception {
    agent.close();
    Path file = dir.resolve("credentials.properties");
    new org.openrps.client.Credentials(AGENT, SECRET).save(file);
    agent = Agent.open(config.withCredentialsFile(file), agentClock);
    String id = send(AGENT, "rotate-secret", Map.of(), Duration.ofHours(1), null);
    AgentCommands live = agent.commandChannel(operations());
    AgentCommands.Check check = live.check();
    assertThat(check.failure()).isEmpty();
    assertThat(check.finished()).hasSize(1);
    assertThat(check.finished().get(0).result().outcome()).isEqualTo(CommandResult.Outcome.done);
    assertThat(find(id).state()).isEqualTo(CommandState.done);
    char[] now = org.openrps.client.Credentials.load(file).secret();
    assertThat(new String(now)).isNotEqualTo(new String(SECRET));
    // the old secret is gone on the server; the channel goes on with the new one
    assertThat(channel(AGENT, SECRET).check().failure()).get().asString().contains("401");
    assertThat(live.check().failure()).isEmpty();
  }

  @Test
  void anotherAgentsCommandNeverReachesThisOne() {
    String theirs = send("agent-other", "send-now", Map.of(), Duration.ofHours(1), null);
    AgentCommands.Check check = channel(AGENT, SECRET).check();
    assertThat(check.failure()).isEmpty();
    assertThat(check.finished()).isEmpty();
    assertThat(find(theirs).state()).isEqualTo(CommandState.queued);
  }

  private String send(
      String agentId, String type, Map<String, String> params, Duration ttl, DeviceRef device) {
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
                device == null ? List.of() : List.of(device),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(agentId)))
        .commands()
        .get(0)
        .id();
  }

  private StoredCommand find(String id) {
    return server.commands().find(Scope.provider(), id).orElseThrow();
  }
}
