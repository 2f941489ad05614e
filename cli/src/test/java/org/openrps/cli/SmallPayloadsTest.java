package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.Agent;
import org.openrps.agent.AgentConfig;
import org.openrps.agent.SyncOutcome;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.LoggedUpload;
import org.openrps.agent.store.UploadAttempt;
import org.openrps.agent.store.UploadOutcome;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.simulator.Life;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.simulator.SimulatorOptions;
import org.openrps.testkit.MutableClock;
import org.openrps.wire.WireJson;
import org.sqlite.SQLiteDataSource;

/**
 * Issue 9 point 6, small payloads (ADR 0010), with a real server over HTTPS and a simulated fleet
 * of the default mix and life, on an injected clock: a working day at the default cadence (12
 * polls, one sync) costs less than 1.5 kB per device on the wire once the bases are known; and a
 * server that lost its bases gets the same report again, whole, with every reading stored exactly
 * once.
 */
class SmallPayloadsTest {

  private static final int PRINTERS = 20;

  @TempDir Path dir;

  @Test
  void
      aWorkingDayOfTwentyPrintersCostsUnderOneAndAHalfKilobytesPerDeviceAndABaseMissIsSentWholeOnce()
          throws Exception {
    // Days in the past of the real clock (the server's certificate is made on its clock), and
    // always from a Monday: the lively fleet keeps office hours, so the day measured (the second)
    // is a working Tuesday whatever the date, never a quiet Sunday.
    Instant start =
        java.time.LocalDate.now(java.time.ZoneOffset.UTC)
            .minusDays(7)
            .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
            .atStartOfDay(java.time.ZoneOffset.UTC)
            .toInstant();
    MutableClock clock = MutableClock.at(start);
    SimulatorOptions options =
        SimulatorOptions.defaults().withMix(SimulateCommand.DEFAULT_MIX).withLife(Life.lively());
    try (Simulator sim =
        Simulator.start(
            new SimulatorConfig(
                PRINTERS, InetAddress.getByName("127.59.60.1"), 0, "public", 1, options),
            clock)) {
      Path serverDir = dir.resolve("server");
      ServerConfig base = ServerConfig.embedded(serverDir, 0);
      ServerApp server =
          ServerApp.start(base.withPolicy(base.policy().withUploadsPerMinute(10_000)), clock);
      try {
        server.putAgent("agent-1", "secret-1".toCharArray());
        AgentConfig config =
            new AgentConfig(
                dir.resolve("agent.db"),
                "127.59.60.1-127.59.60." + PRINTERS,
                sim.printers().get(0).address().getPort(),
                "public",
                // Generous: on a busy machine a timed-out read would change the deltas it measures.
                Duration.ofSeconds(5),
                2,
                64,
                URI.create("https://127.0.0.1:" + server.port()),
                "agent-1",
                "secret-1".toCharArray(),
                Optional.of(server.certificatePem()));
        long stored = 0;
        try (Agent agent = Agent.open(config, clock)) {
          stored += day(agent, clock, start);
          int firstDay = uploads().size();
          stored += day(agent, clock, start.plus(Duration.ofDays(1)));
          List<LoggedUpload> second = uploads().subList(0, uploads().size() - firstDay);
          long devices = devices(serverDir);
          long bytes =
              second.stream()
                  .mapToLong(u -> u.body().map(UploadAttempt.Body::bytes).orElse(0))
                  .sum();
          System.out.printf(
              "small payloads: %d devices, %d uploads, %d bytes on the wire, %d bytes per device"
                  + " per day%n",
              devices, second.size(), bytes, bytes / devices);
          assertThat(devices).isGreaterThanOrEqualTo(PRINTERS / 2);
          assertThat(second).hasSize(12);
          // A working day of the lively fleet measured 1,332 bytes per device (12 polls, every
          // meter moving); a quiet Sunday stays under 1 KB. Deterministic: the day is fixed.
          assertThat(bytes / devices).isLessThan(1536);

          // The server loses the bases (restored from a backup before deltas, say).
          execute(serverDir, "DELETE FROM delta_bases");
          clock.set(start.plus(Duration.ofDays(2)));
          stored += agent.poll().readingsQueued();
          SyncOutcome outcome = agent.sync();
          assertThat(outcome.failure()).isEmpty();
          assertThat(outcome.refused()).isEmpty();
          List<LoggedUpload> last = uploads().subList(0, 2);
          assertThat(last.get(1).outcome()).isEqualTo(UploadOutcome.refused);
          assertThat(last.get(1).refusalCode()).isEqualTo("delta.base.unknown");
          assertThat(last.get(0).outcome()).isEqualTo(UploadOutcome.acknowledged);
          assertThat(last.get(0).reportId()).isEqualTo(last.get(1).reportId());
          assertThat(last.get(0).body().orElseThrow().bytes())
              .isGreaterThan(last.get(1).body().orElseThrow().bytes());
          assertThat(agent.pendingSnapshots()).isZero();
        }
        // Every reading the agent stored is on the server once.
        assertThat(count(serverDir, "SELECT count(*) FROM device_snapshots")).isEqualTo(stored);
        assertThat(
                count(
                    serverDir,
                    "SELECT count(*) FROM (SELECT DISTINCT make, serial, seen_at"
                        + " FROM device_snapshots)"))
            .isEqualTo(stored);
      } finally {
        server.close();
      }
    }
  }

  /** 12 polls two hours apart from {@code day}, then the day's one sync: snapshots stored. */
  private static long day(Agent agent, MutableClock clock, Instant day) throws Exception {
    long queued = 0;
    for (int i = 0; i < 12; i++) {
      clock.set(day.plus(Duration.ofHours(2L * i)));
      queued += agent.poll().readingsQueued();
    }
    clock.set(day.plus(Duration.ofHours(23)));
    SyncOutcome outcome = agent.sync();
    assertThat(outcome.failure()).isEmpty();
    assertThat(outcome.reportsAcknowledged()).isEqualTo(12);
    return queued;
  }

  private List<LoggedUpload> uploads() {
    try (AgentStore store =
        AgentStore.openReadOnly(dir.resolve("agent.db"), WireJson.newMapper())) {
      return store.uploads(10_000);
    }
  }

  private static long devices(Path serverDir) throws Exception {
    return count(serverDir, "SELECT count(*) FROM devices");
  }

  private static long count(Path serverDir, String sql) throws Exception {
    try (Connection c = connect(serverDir);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(Path serverDir, String sql) throws Exception {
    try (Connection c = connect(serverDir);
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  private static Connection connect(Path serverDir) throws Exception {
    Path db = serverDir.resolve("openrps.db");
    assertThat(Files.exists(db)).isTrue();
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + db);
    return ds.getConnection();
  }
}
