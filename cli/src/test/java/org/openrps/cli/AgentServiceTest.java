package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.client.Credentials;
import org.openrps.client.HttpsReceiver;
import org.openrps.client.TestTls;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The agent as a service, as a real child process: nothing at start unless asked, {@code agent
 * sync-now} from another shell reaches it, a second agent on the same data directory is refused,
 * and SIGTERM in the middle of a sync lets the sync end (its receipt recorded) before it stops.
 */
class AgentServiceTest {

  @TempDir Path dir;

  @Test
  void syncNowReachesTheRunningAgentAndSigtermStopsItAfterTheSyncUnderWay() throws Exception {
    TestTls tls = TestTls.selfSigned("server");
    try (Simulator sim =
            Simulator.start(
                new SimulatorConfig(2, InetAddress.getByName("127.62.3.1"), 0, "public", 13),
                Clock.systemUTC());
        HttpsReceiver server = new HttpsReceiver(tls)) {
      Path data = dir.resolve("agent");
      new Credentials("agent-svc", "secret-of-the-agent".toCharArray())
          .save(data.resolve("credentials.properties"));
      // One poll a day, twelve hours from now: nothing scheduled happens during the test.
      String syncAt =
          LocalTime.now(ZoneOffset.UTC).plusHours(12).format(DateTimeFormatter.ofPattern("HH:mm"));
      List<String> args =
          new ArrayList<>(
              List.of(
                  "agent",
                  "--targets",
                  "127.62.3.1-127.62.3.2",
                  "--port",
                  Integer.toString(sim.printers().get(0).address().getPort()),
                  "--timeout",
                  "PT0.5S",
                  "--retries",
                  "0",
                  "--server",
                  server.url().toString(),
                  "--trust-cert",
                  tls.writePem(dir, "server.pem").toString(),
                  "--data",
                  data.toString(),
                  "--poll-every",
                  "24h",
                  "--sync-at",
                  syncAt,
                  "--time-zone",
                  "UTC"));
      AgentProcess agent = AgentProcess.start(args);
      try {
        agent.await(l -> l.contains("openrps agent: next poll at"));
        assertThat(server.requests()).as("no cycle at start").isZero();

        Run second = Run.of(args.toArray(String[]::new));
        assertThat(second.exit()).isEqualTo(2);
        assertThat(second.err())
            .contains("another agent is running with data directory " + data)
            .doesNotContain("Exception");

        Run now = Run.of("agent", "sync-now", "--data", data.toString());
        assertThat(now.exit()).as(now.err()).isZero();
        assertThat(now.out()).contains("openrps agent: sync done: 1 reports acknowledged");
        assertThat(server.requests()).isEqualTo(1);
        agent.await(l -> l.contains("openrps agent: sync done: 1 reports acknowledged"));

        Run polled = Run.of("agent", "sync-now", "--poll", "--data", data.toString());
        assertThat(polled.exit()).as(polled.err()).isZero();
        assertThat(polled.out())
            .contains("openrps agent: sync done: 1 reports acknowledged (2 readings)");
        assertThat(server.received().get(1).report().devices()).hasSize(2);
        agent.await(l -> l.contains("openrps agent: poll done: 2 addresses, 2 printers"));

        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.answer(
            r -> {
              if (HttpsReceiver.isCommandFetch(r)) {
                // the agent looks at its commands after each sync: not the upload held here
                return server.noCommands();
              }
              arrived.countDown();
              try {
                release.await(AgentProcess.WAIT_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return server.receipt(r);
            });
        CompletableFuture<Run> held =
            CompletableFuture.supplyAsync(
                () -> Run.of("agent", "sync-now", "--data", data.toString()));
        assertThat(arrived.await(AgentProcess.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        agent.terminate();
        agent.await(l -> l.contains("openrps agent: stopping after the current sync"));
        release.countDown();
        assertThat(agent.process.waitFor(AgentProcess.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        List<String> tail = agent.lines();
        assertThat(String.join("\n", tail))
            .containsSubsequence(
                "stopping after the current sync",
                "sync done: 1 reports",
                "openrps agent: stopped");
        Run heldRun = held.get(AgentProcess.WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(heldRun.exit()).as(heldRun.err()).isZero();
        assertThat(heldRun.out()).contains("sync done");
        assertThat(agent.process.exitValue()).as("ended by SIGTERM").isEqualTo(143);
        assertThat(unacknowledged(data.resolve("agent.db")))
            .as("the receipt of the sync under way was recorded")
            .isZero();

        Run gone = Run.of("agent", "sync-now", "--data", data.toString());
        assertThat(gone.exit()).isEqualTo(2);
        assertThat(gone.err()).contains("no agent is running with data directory " + data);
      } finally {
        agent.process.destroyForcibly();
      }
    }
  }

  private static long unacknowledged(Path db) throws Exception {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + db);
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT count(*) FROM outbox_report WHERE acked_at IS NULL")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
