package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A full disk under the running agent, for real: its data directory on a 2 MiB tmpfs mounted by the
 * test, filled to the last byte between two polls. The poll that cannot be stored is one line (disk
 * full, what happens next), the agent keeps running, its database stays intact with nothing of that
 * poll in it, and once there is room again the next poll is stored and everything the agent stored
 * reaches the server once.
 *
 * <p>Mounting needs root (or password-less sudo), as {@code scripts/test} does for its packages.
 */
class AgentFullDiskTest {

  private static final int PRINTERS = 6;

  @TempDir Path dir;

  @Test
  void aPollOnAFullDiskIsOneLineTheAgentRunsOnAndNothingIsHalfWrittenOrLost() throws Exception {
    Path mount = dir.resolve("small-disk");
    Files.createDirectories(mount);
    mount(mount);
    try (Simulator sim =
        Simulator.start(
            new SimulatorConfig(PRINTERS, InetAddress.getByName("127.62.7.1"), 0, "public", 17),
            Clock.systemUTC())) {
      Path serverDir = dir.resolve("server");
      ServerApp server = ServerApp.start(ServerConfig.embedded(serverDir, 0), Clock.systemUTC());
      AgentProcess agent = null;
      try {
        Path data = mount.resolve("agent");
        String syncAt =
            LocalTime.now(ZoneOffset.UTC)
                .plusHours(12)
                .format(DateTimeFormatter.ofPattern("HH:mm"));
        List<String> args =
            List.of(
                "agent",
                "--targets",
                "127.62.7.1-127.62.7." + PRINTERS,
                "--port",
                Integer.toString(sim.printers().get(0).address().getPort()),
                "--timeout",
                "PT0.5S",
                "--retries",
                "0",
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
                "--enrol-code",
                server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code());
        agent = AgentProcess.start(args);
        agent.await(l -> l.contains("openrps agent: next poll at"));

        Run first = Run.of("agent", "sync-now", "--poll", "--data", data.toString());
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("(" + PRINTERS + " readings)");

        Path filler = mount.resolve("filler");
        fill(filler);
        Run full = Run.of("agent", "sync-now", "--poll", "--data", data.toString());
        String problem = agent.await(l -> l.startsWith("openrps agent: store failed"));
        assertThat(problem)
            .isEqualTo(
                "openrps agent: store failed: disk full, the database cannot grow (nothing"
                    + " half-written): this poll's readings were not stored; the next poll tries"
                    + " again");
        assertThat(agent.lines())
            .as("no stack trace, no exception names for the operator")
            .noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"))
            .filteredOn(l -> l.startsWith("openrps agent:"))
            .noneMatch(l -> l.contains("Exception"));
        assertThat(agent.process.isAlive()).as("the agent runs on").isTrue();
        assertThat(full.exit()).isIn(0, 3);

        Files.delete(filler);
        Run again = Run.of("agent", "sync-now", "--poll", "--data", data.toString());
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("sync done");
        agent.await(l -> l.contains("poll done: " + PRINTERS + " addresses"));

        agent.terminate();
        assertThat(agent.process.waitFor(AgentProcess.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        Path db = data.resolve("agent.db");
        assertThat(query(db, "PRAGMA integrity_check")).containsExactly("ok");
        assertThat(query(db, "SELECT count(*) FROM poll"))
            .as("two polls stored, none of the one on the full disk")
            .containsExactly(Integer.toString(2 * PRINTERS));
        assertThat(query(db, "SELECT count(*) FROM outbox_item")).containsExactly("0");
        Map<String, Integer> onServer = serverReadings(serverDir.resolve("openrps.db"));
        assertThat(onServer)
            .hasSize(PRINTERS)
            .allSatisfy((serial, n) -> assertThat(n).isEqualTo(2));
      } finally {
        if (agent != null) {
          agent.process.destroyForcibly();
          agent.process.waitFor(AgentProcess.WAIT_SECONDS, TimeUnit.SECONDS);
        }
        server.close();
        unmount(mount);
      }
    }
  }

  /** Writes to {@code file} until the file system has no byte left. */
  private static void fill(Path file) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        try {
          out.write(block);
        } catch (IOException full) {
          break;
        }
      }
      for (int i = 0; i < 4096; i++) {
        try {
          out.write(block, 0, 1);
          out.flush();
        } catch (IOException full) {
          break;
        }
      }
    } catch (IOException closingOnAFullDisk) {
      // the last bytes could not be flushed: the disk is full, as wanted
    }
  }

  private static void mount(Path at) throws Exception {
    List<String> command = new ArrayList<>();
    if (!"root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("sudo", "-n"));
    }
    command.addAll(
        List.of("mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", at.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor())
        .as("mounting a 2 MiB tmpfs for the full disk needs root or sudo -n: " + out)
        .isZero();
  }

  private static void unmount(Path at) throws Exception {
    List<String> command = new ArrayList<>();
    if (!"root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("sudo", "-n"));
    }
    command.addAll(List.of("umount", at.toString()));
    new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
  }

  private static List<String> query(Path db, String sql) throws Exception {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + db);
    List<String> rows = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  private static Map<String, Integer> serverReadings(Path db) throws Exception {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + db);
    Map<String, Integer> bySerial = new TreeMap<>();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT serial, count(*) FROM device_snapshots GROUP BY serial")) {
      while (rs.next()) {
        bySerial.put(rs.getString(1), rs.getInt(2));
      }
    }
    return bySerial;
  }
}
