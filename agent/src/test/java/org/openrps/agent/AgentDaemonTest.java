package org.openrps.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.remote.EffectiveSettings;
import org.openrps.agent.remote.RemoteSettings;
import org.openrps.agent.schedule.Schedule;
import org.openrps.agent.sync.RetryPolicy;
import org.openrps.client.HttpsReceiver;
import org.openrps.client.TestTls;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.testkit.MutableClock;
import org.openrps.wire.Report;
import org.openrps.wire.SiteFacts;

/**
 * The agent's schedule in its daemon, on an injected clock against simulated printers and a real
 * HTTPS receiver: polls on the cadence, one sync a day, nothing at start, missed steps when the
 * host slept, catch-up, retries, a sync asked from another thread.
 */
class AgentDaemonTest {

  private static final Schedule DEFAULT =
      new Schedule(Duration.ofHours(2), LocalTime.of(2, 0), ZoneOffset.UTC, false);

  @TempDir Path dir;

  private final MutableClock clock = MutableClock.at("2026-12-02T09:10:00Z");
  private final List<String> events = new ArrayList<>();
  private Simulator sim;
  private HttpsReceiver server;
  private Agent agent;

  @BeforeEach
  void start() throws Exception {
    TestTls tls = TestTls.selfSigned("server");
    sim =
        Simulator.start(
            new SimulatorConfig(2, InetAddress.getByName("127.61.10.1"), 0, "public", 7), clock);
    server = new HttpsReceiver(tls);
    AgentConfig config =
        new AgentConfig(
            dir.resolve("agent.db"),
            "127.61.10.1-127.61.10.2",
            sim.printers().get(0).address().getPort(),
            "public",
            Duration.ofMillis(500),
            1,
            16,
            server.url(),
            "agent-10",
            "pw".toCharArray(),
            Optional.of(tls.writePem(dir, "server.pem")));
    agent = Agent.open(config, clock);
  }

  @AfterEach
  void stop() {
    agent.close();
    server.close();
    sim.close();
  }

  private AgentDaemon daemon(Schedule schedule) {
    return new AgentDaemon(
        agent, schedule, new RetryPolicy(clock, new Random(3)), clock, new Recorder());
  }

  @Test
  void nothingRunsAtStartThenPollsEveryTwoHoursAndSyncsOnceADayWithEveryReadingInOrder()
      throws Exception {
    AgentDaemon daemon = daemon(DEFAULT);
    assertThat(daemon.step()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    assertThat(events).isEmpty();
    assertThat(server.requests()).isZero();

    Instant end = Instant.parse("2026-12-04T03:00:00Z");
    for (Instant next = daemon.step(); next.isBefore(end); next = daemon.step()) {
      clock.set(next);
    }
    List<String> polls = events.stream().filter(e -> e.startsWith("polled")).toList();
    List<String> syncs = events.stream().filter(e -> e.startsWith("synced")).toList();
    // 10:00 .. 22:00 on the 2nd (7), every 2 h on the 3rd (12), 00:00 and 02:00 on the 4th (2);
    // the first sync carries 9 reports (10:00 .. 02:00), the second 12
    assertThat(polls).hasSize(21).first().isEqualTo("polled 2026-12-02T10:00:00Z 2");
    assertThat(syncs)
        .containsExactly("synced 2026-12-03T02:00:00Z ok 9", "synced 2026-12-04T02:00:00Z ok 12");
    assertThat(agent.pendingSnapshots()).isZero();
    List<Instant> seen = new ArrayList<>();
    for (HttpsReceiver.Received r : server.received()) {
      Report report = r.report();
      assertThat(report.devices().size() + report.deltas().size())
          .as("both printers, whole or as deltas")
          .isEqualTo(2);
      seen.add(
          report.devices().isEmpty()
              ? report.deltas().get(0).seenAt()
              : report.devices().get(0).seenAt());
    }
    assertThat(seen).hasSize(21).isSorted();
  }

  @Test
  void aSyncTimeTheHostSleptThroughWaitsForTheNextDayAndAMissedPollForTheNextSlot() {
    clock.set(Instant.parse("2026-12-02T01:00:00Z"));
    AgentDaemon daemon = daemon(DEFAULT);
    assertThat(daemon.step()).isEqualTo(Instant.parse("2026-12-02T02:00:00Z"));
    clock.set(Instant.parse("2026-12-02T09:00:00Z")); // asleep from 01:00 to 09:00
    assertThat(daemon.step()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    assertThat(events)
        .containsExactly(
            "missed poll 2026-12-02T02:00:00Z next 2026-12-02T10:00:00Z",
            "missed sync 2026-12-02T02:00:00Z next 2026-12-03T02:00:00Z");
    assertThat(server.requests()).isZero();
    assertThat(daemon.status().nextSync()).isEqualTo(Instant.parse("2026-12-03T02:00:00Z"));
  }

  @Test
  void withCatchUpASleptThroughStepRunsAtOnceAndOnlyOnce() {
    clock.set(Instant.parse("2026-12-02T01:00:00Z"));
    AgentDaemon daemon =
        daemon(new Schedule(Duration.ofHours(2), LocalTime.of(2, 0), ZoneOffset.UTC, true));
    assertThat(daemon.step()).as("nothing polled or synced yet: both due").isNotNull();
    events.clear();
    int before = server.requests();
    clock.set(Instant.parse("2026-12-02T09:00:00Z"));
    assertThat(daemon.step()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    assertThat(events)
        .containsExactly("polled 2026-12-02T09:00:00Z 2", "synced 2026-12-02T09:00:00Z ok 1");
    assertThat(server.requests()).isEqualTo(before + 1);
  }

  @Test
  void atStartCatchUpRunsWhatWasMissedWhileTheAgentWasOffAndWithoutItNothingRuns()
      throws Exception {
    clock.set(Instant.parse("2026-12-01T01:00:00Z"));
    agent.runCycle(); // last poll and sync: yesterday 01:00, before yesterday's 02:00 sync
    int before = server.requests();
    clock.set(Instant.parse("2026-12-02T09:10:00Z"));

    AgentDaemon plain = daemon(DEFAULT);
    assertThat(plain.step()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    assertThat(server.requests()).isEqualTo(before);
    assertThat(events).isEmpty();

    AgentDaemon catchUp =
        daemon(new Schedule(Duration.ofHours(2), LocalTime.of(2, 0), ZoneOffset.UTC, true));
    assertThat(catchUp.step()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    assertThat(events)
        .containsExactly("polled 2026-12-02T09:10:00Z 2", "synced 2026-12-02T09:10:00Z ok 1");
    assertThat(server.requests()).isEqualTo(before + 1);
  }

  @Test
  void aFailedSyncIsRetriedWithGrowingWaitsBeforeTheNextSlotUntilTheServerIsBack()
      throws Exception {
    clock.set(Instant.parse("2026-12-02T01:59:00Z"));
    server.answer(r -> new HttpsReceiver.Answer(503, "{\"code\":\"down\",\"message\":\"down\"}"));
    AgentDaemon daemon = daemon(DEFAULT);
    clock.set(daemon.step());
    List<Duration> waits = new ArrayList<>();
    Instant next = daemon.step(); // 02:00: poll, sync fails
    for (int i = 0; i < 5; i++) {
      assertThat(next).isBefore(Instant.parse("2026-12-02T04:00:00Z"));
      waits.add(Duration.between(clock.instant(), next));
      clock.set(next);
      next = daemon.step();
    }
    assertThat(events.stream().filter(e -> e.startsWith("synced")))
        .hasSize(6)
        .allMatch(e -> e.contains("failed"));
    for (int i = 1; i < waits.size(); i++) {
      assertThat(waits.get(i)).isGreaterThan(waits.get(i - 1).dividedBy(2));
    }
    assertThat(waits).allMatch(w -> w.compareTo(RetryPolicy.CAP) <= 0);
    server.answer(server::receipt);
    events.clear();
    clock.set(next);
    next = daemon.step();
    assertThat(events).hasSize(1).first().asString().contains("ok 1");
    assertThat(daemon.status().retryAt()).isEmpty();
    assertThat(next).isEqualTo(Instant.parse("2026-12-02T04:00:00Z"));
  }

  @Test
  void aSyncAskedFromAnotherThreadRunsWhileTheDaemonWaitsAndStopEndsTheLoop() throws Exception {
    AgentDaemon daemon = daemon(DEFAULT);
    Thread loop = new Thread(daemon::run, "daemon-under-test");
    loop.start();
    SyncOutcome outcome = daemon.requestSync().get(60, TimeUnit.SECONDS);
    assertThat(outcome.failure()).isEmpty();
    assertThat(outcome.reportsAcknowledged()).isEqualTo(1);
    assertThat(server.requests()).isEqualTo(1);
    daemon.stop();
    loop.join(60_000);
    assertThat(loop.isAlive()).isFalse();
    assertThat(daemon.requestSync().isCancelled()).as("no request after stop").isTrue();
  }

  @Test
  void aClockSetBackMovesTheNextTimesBackWithIt() {
    AgentDaemon daemon = daemon(DEFAULT);
    assertThat(daemon.step()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    clock.set(Instant.parse("2026-12-01T09:10:00Z"));
    assertThat(daemon.step()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    assertThat(daemon.status().nextSync()).isEqualTo(Instant.parse("2026-12-02T02:00:00Z"));
  }

  @Test
  void theSiteInformationReportsTheScheduleInForceAndNoneWhileDisabled() {
    assertThat(agent.siteFacts().syncAt()).as("no daemon: no schedule").isEmpty();
    AgentDaemon daemon = daemon(DEFAULT);
    SiteFacts own = agent.siteFacts();
    assertThat(own.syncAt()).hasValue("02:00");
    assertThat(own.syncTimeZone()).hasValue("Z");
    assertThat(own.pollEverySeconds()).hasValue(7200);
    assertThat(own.nextSyncAt()).hasValue(Instant.parse("2026-12-03T02:00:00Z"));

    Map<String, String> fromServer =
        Map.of(RemoteSettings.SYNC_AT, "23:30", RemoteSettings.POLL_EVERY, "1h");
    EffectiveSettings remote =
        new EffectiveSettings(
            RemoteSettings.schedule(DEFAULT, fromServer),
            agent.config().targetList(),
            agent.config().pollSettings(),
            List.of(),
            true,
            fromServer);
    daemon.apply(remote);
    SiteFacts applied = agent.siteFacts();
    assertThat(applied.syncAt()).hasValue("23:30");
    assertThat(applied.pollEverySeconds()).hasValue(3600);
    assertThat(applied.nextSyncAt()).hasValue(Instant.parse("2026-12-02T23:30:00Z"));
    assertThat(applied.nextSyncAt()).contains(daemon.status().nextSync());

    daemon.apply(
        new EffectiveSettings(
            remote.schedule(), remote.targets(), remote.poll(), List.of(), false, fromServer));
    assertThat(agent.siteFacts().syncAt()).as("disabled: syncs on no schedule").isEmpty();
    assertThat(agent.siteFacts().nextSyncAt()).isEmpty();
    assertThat(agent.siteFacts().backlogReadings()).hasValue(0L);
  }

  private final class Recorder implements AgentDaemon.Listener {
    @Override
    public void polled(PollResult result) {
      events.add("polled " + clock.instant() + " " + result.printersFound());
    }

    @Override
    public void pollFailed(AgentException e) {
      events.add("poll failed " + clock.instant() + " " + e.getMessage());
    }

    @Override
    public void synced(SyncOutcome outcome, long kept, Optional<Instant> retryAt) {
      events.add(
          "synced "
              + clock.instant()
              + (outcome.failure().isPresent()
                  ? " failed"
                  : " ok " + outcome.reportsAcknowledged()));
    }

    @Override
    public void missed(AgentDaemon.Step step, Instant due, Instant next) {
      events.add("missed " + step + " " + due + " next " + next);
    }

    @Override
    public void waiting(AgentDaemon.Status status) {}
  }
}
