package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.sqlite.SQLiteDataSource;
import picocli.CommandLine;

/**
 * Nothing lost, nothing doubled, with the agent as a real process killed with SIGKILL at random
 * points of its poll, store and sync: first with the server down for many cycles, then with the
 * server back (kills in the middle of uploads); then clean runs until the outbox is empty. Every
 * reading the agent stored is on the server exactly once.
 *
 * <p>A failure prints the seed and every kill delay: put the printed seed into {@link #SEED} to
 * replay the same kill points, or give it as {@code -Dopenrps.killSeed=N}.
 */
class AgentKillTest {

  private static final long SEED = Long.getLong("openrps.killSeed", System.nanoTime());
  private static final int KILLS_SERVER_DOWN = 85;
  private static final int KILLS_SERVER_UP = 20;

  @TempDir Path dir;

  @Test
  void everyReadingTheAgentStoredArrivesExactlyOnceAfterKillsAtRandomPoints() throws Exception {
    Random random = new Random(SEED);
    String seed = "seed " + SEED;
    InetAddress first = InetAddress.getByName("127.59.7.1");
    try (Simulator sim =
        Simulator.start(new SimulatorConfig(4, first, 0, "public", 11), Clock.systemUTC())) {
      Path serverDir = dir.resolve("server");
      ServerApp server = ServerApp.start(serverConfig(serverDir, 0), Clock.systemUTC());
      int port = server.port();
      Path pem = server.certificatePem();
      List<String> args =
          List.of(
              "agent",
              "--once",
              "--targets",
              "127.59.7.1-127.59.7.4",
              "--port",
              Integer.toString(sim.printers().get(0).address().getPort()),
              "--timeout",
              "PT0.5S",
              "--retries",
              "0",
              "--server",
              "https://127.0.0.1:" + port,
              "--trust-cert",
              pem.toString(),
              "--data",
              dir.resolve("agent").toString());
      String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();
      List<String> enrol = new ArrayList<>(args);
      enrol.addAll(List.of("--enrol-code", code));
      StringWriter err = new StringWriter();
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(new StringWriter()));
      cli.setErr(new PrintWriter(err));
      assertThat(cli.execute(enrol.toArray(String[]::new))).as(err.toString()).isZero();
      server.close();

      Child calibration = Child.run(args, -1);
      assertThat(calibration.exit).as("a full run with the server down").isEqualTo(3);
      long full = calibration.elapsedMillis;
      long open = calibration.markerMillis.getOrDefault("store open", full / 2);

      Map<String, Integer> phases = new TreeMap<>();
      List<Long> delays = new ArrayList<>();
      for (int i = 0; i < KILLS_SERVER_DOWN; i++) {
        long delay = open * 8 / 10 + (long) (random.nextDouble() * (full - open * 8 / 10) * 1.1);
        delays.add(delay);
        Child killed = Child.run(args, delay);
        phases.merge("down:" + killed.phase, 1, Integer::sum);
      }

      server = ServerApp.start(serverConfig(serverDir, port), Clock.systemUTC());
      try {
        Child up = Child.run(args, -1);
        long fullUp = up.elapsedMillis;
        for (int i = 0; i < KILLS_SERVER_UP; i++) {
          long delay =
              open * 8 / 10 + (long) (random.nextDouble() * (fullUp - open * 8 / 10) * 1.1);
          delays.add(delay);
          Child killed = Child.run(args, delay);
          phases.merge("up:" + killed.phase, 1, Integer::sum);
        }
        int clean = 0;
        Child done = null;
        for (; clean < 10; clean++) {
          done = Child.run(args, -1);
          if (done.exit == 0 && pending(dir.resolve("agent/agent.db")) == 0) {
            break;
          }
        }
        String story =
            seed
                + ", kill delays (ms) "
                + delays
                + ", phases at the kill "
                + phases
                + ", the last clean run (exit "
                + done.exit
                + ") said: "
                + String.join(" | ", done.lastLines);
        assertThat(pending(dir.resolve("agent/agent.db"))).as(story).isZero();

        Map<String, Long> stored = agentReadings(dir.resolve("agent/agent.db"));
        Map<String, long[]> arrived = serverReadings(serverDir.resolve("openrps.db"));
        long storedTotal = stored.values().stream().mapToLong(Long::longValue).sum();
        long arrivedTotal = arrived.values().stream().mapToLong(a -> a[0]).sum();
        long duplicates = arrived.values().stream().mapToLong(a -> a[0] - a[1]).sum();
        System.out.printf(
            "AgentKillTest: %s; %d kills (%s); %d readings stored by the agent, %d arrived,"
                + " %d duplicates%n",
            seed, delays.size(), phases, storedTotal, arrivedTotal, duplicates);
        assertThat(delays).hasSizeGreaterThanOrEqualTo(100);
        assertThat(duplicates).as(story).isZero();
        assertThat(arrived.keySet()).as(story).isEqualTo(stored.keySet());
        for (Map.Entry<String, Long> e : stored.entrySet()) {
          assertThat(arrived.get(e.getKey())[0])
              .as(story + ", serial " + e.getKey())
              .isEqualTo(e.getValue());
        }
        assertThat(storedTotal).as("at least five cycles of 4 printers").isGreaterThanOrEqualTo(24);
      } finally {
        server.close();
      }
    }
  }

  /** Readings the agent stored per serial (every poll of a device with a serial). */
  private static Map<String, Long> agentReadings(Path db) throws Exception {
    Map<String, Long> bySerial = new TreeMap<>();
    try (Connection c = sqlite(db).getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT d.serial, count(*) FROM poll p JOIN device d ON d.id = p.device_id"
                    + " WHERE d.serial IS NOT NULL GROUP BY d.serial")) {
      while (rs.next()) {
        bySerial.put(rs.getString(1), rs.getLong(2));
      }
    }
    return bySerial;
  }

  /** Snapshots on the server per serial: {rows, distinct reading times}. */
  private static Map<String, long[]> serverReadings(Path db) throws Exception {
    Map<String, long[]> bySerial = new TreeMap<>();
    try (Connection c = sqlite(db).getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT serial, count(*), count(DISTINCT seen_at) FROM device_snapshots"
                    + " GROUP BY serial")) {
      while (rs.next()) {
        bySerial.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
      }
    }
    return bySerial;
  }

  private static long pending(Path db) throws Exception {
    try (Connection c = sqlite(db).getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM outbox_item")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static SQLiteDataSource sqlite(Path db) {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + db);
    return ds;
  }

  /** The agent as a child process: {@code java -cp <this test's class path> Main agent ...}. */
  /**
   * The embedded server, with an upload limit the test's back-to-back agent runs stay under: more
   * than a hundred runs a minute, each with several reports, are over the default (the agent then
   * keeps its readings, as it should, but the outbox does not empty within the clean runs).
   */
  private static ServerConfig serverConfig(Path dir, int port) {
    ServerConfig config = ServerConfig.embedded(dir, port);
    return config.withPolicy(config.policy().withUploadsPerMinute(100_000));
  }

  private static final class Child {
    int exit;
    long elapsedMillis;
    String phase = "start-up";
    final Map<String, Long> markerMillis = new TreeMap<>();

    /** The last lines the agent wrote to stderr, for the story of a failure. */
    final java.util.Deque<String> lastLines = new java.util.ArrayDeque<>();

    /** Runs the agent; with {@code killAfterMillis >= 0}, SIGKILLs it then (if still running). */
    static Child run(List<String> agentArgs, long killAfterMillis) throws Exception {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(
          List.of(
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-XX:-UsePerfData",
              "-Xmx256m",
              "-cp",
              System.getProperty("java.class.path"),
              Main.class.getName()));
      command.addAll(agentArgs);
      Child child = new Child();
      long start = System.nanoTime();
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectErrorStream(false)
              .start();
      AtomicReference<String> phase = new AtomicReference<>("start-up");
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = r.readLine()) != null; ) {
                    synchronized (child) {
                      child.lastLines.addLast(line);
                      if (child.lastLines.size() > 12) {
                        child.lastLines.removeFirst();
                      }
                    }
                    String marker =
                        line.contains("agent store open")
                            ? "store open"
                            : line.contains(" - poll: ")
                                ? "stored"
                                : line.contains("acknowledged") ? "acknowledged" : null;
                    if (marker != null) {
                      synchronized (child) {
                        child.markerMillis.putIfAbsent(
                            marker, (System.nanoTime() - start) / 1_000_000);
                      }
                      phase.set(
                          switch (marker) {
                            case "store open" -> "poll+store";
                            default -> "sync";
                          });
                    }
                  }
                } catch (java.io.IOException e) {
                  // the process was killed: its stream ends
                }
              },
              "agent-child-stderr");
      reader.setDaemon(true);
      reader.start();
      if (killAfterMillis >= 0 && !p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
        child.phase = phase.get();
        p.destroyForcibly(); // SIGKILL on Unix
        p.waitFor();
      } else {
        p.waitFor();
        child.phase = "completed";
      }
      reader.join(10_000);
      child.exit = p.exitValue();
      child.elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      return child;
    }
  }
}
