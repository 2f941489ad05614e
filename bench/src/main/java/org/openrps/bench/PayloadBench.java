package org.openrps.bench;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openrps.agent.Agent;
import org.openrps.agent.AgentConfig;
import org.openrps.agent.Payloads;
import org.openrps.agent.SyncOutcome;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.LoggedUpload;
import org.openrps.agent.store.UploadAttempt;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.simulator.Life;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.simulator.SimulatorOptions;
import org.openrps.wire.WireJson;
import org.sqlite.SQLiteDataSource;

/**
 * Bytes on the wire per device per day (issue 9 point 6, ADR 0010): the standard simulated fleet
 * ({@code openrps simulate}'s defaults: 50 printers of the model file's ten makes, 1 % switches and
 * 1 % UPSs, lively life, seed 1) against a real server (embedded, SQLite, HTTPS) at the default
 * cadence on an injected clock: 12 polls two hours apart and one sync a day. Day 1 sends every
 * device whole (no base yet); day 2 is the steady state. Each payload kind runs on its own fleet,
 * server and agent: full snapshots with the site information in every report (before), deltas with
 * the meters always whole, deltas (after). Bytes are the gzip bodies as the agent's upload log
 * holds them; devices are those the server holds.
 *
 * <pre>bench/run payloads [printers] [days]</pre>
 */
public final class PayloadBench {

  /** {@code openrps simulate}'s default mix (SimulateCommand.DEFAULT_MIX). */
  private static final Map<String, Integer> MIX = Map.of("printer", 98, "switch", 1, "ups", 1);

  private PayloadBench() {}

  public static void main(String[] args) throws Exception {
    int printers = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    PollBench.printMachine();
    System.out.printf(
        "fleet: %d simulated printers (default mix and life, seed 1); 12 polls a day, one sync;"
            + " %d days%n",
        printers, days);
    System.out.printf(
        "%-22s %7s %9s %12s %12s %14s %14s%n",
        "payloads",
        "devices",
        "requests",
        "day 1 bytes",
        "last bytes",
        "day 1 B/dev",
        "steady B/dev");
    for (Payloads p : List.of(Payloads.FULL, Payloads.DELTAS_METERS_ALWAYS, Payloads.DELTAS)) {
      run(p, printers, days);
    }
  }

  private static void run(Payloads payloads, int printers, int days) throws Exception {
    Path dir = Files.createTempDirectory("openrps-payloads");
    Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(days + 1));
    SettableClock clock = new SettableClock(start);
    SimulatorOptions options = SimulatorOptions.defaults().withMix(MIX).withLife(Life.lively());
    try (Simulator sim =
        Simulator.start(
            new SimulatorConfig(
                printers, InetAddress.getByName("127.62.0.1"), 0, "public", 1, options),
            clock)) {
      ServerConfig base = ServerConfig.embedded(dir.resolve("server"), 0);
      ServerApp server =
          ServerApp.start(base.withPolicy(base.policy().withUploadsPerMinute(100_000)), clock);
      try {
        server.putAgent("bench-agent", "bench-secret".toCharArray());
        String last =
            sim.printers().get(sim.printers().size() - 1).address().getAddress().getHostAddress();
        AgentConfig config =
            new AgentConfig(
                dir.resolve("agent.db"),
                "127.62.0.1-" + last,
                sim.printers().get(0).address().getPort(),
                "public",
                Duration.ofSeconds(1),
                1,
                64,
                URI.create("https://127.0.0.1:" + server.port()),
                "bench-agent",
                "bench-secret".toCharArray(),
                Optional.of(server.certificatePem()));
        long[] bytes = new long[days];
        int requests = 0;
        try (Agent agent = Agent.open(config, clock, payloads)) {
          int before = 0;
          for (int d = 0; d < days; d++) {
            Instant day = start.plus(Duration.ofDays(d));
            for (int i = 0; i < 12; i++) {
              clock.set(day.plus(Duration.ofHours(2L * i)));
              agent.poll();
            }
            clock.set(day.plus(Duration.ofHours(23)));
            SyncOutcome outcome = agent.sync();
            if (outcome.failure().isPresent()) {
              throw new IllegalStateException("sync failed: " + outcome.failure().get());
            }
            List<LoggedUpload> all = uploads(dir.resolve("agent.db"));
            List<LoggedUpload> today = all.subList(0, all.size() - before);
            bytes[d] =
                today.stream()
                    .mapToLong(u -> u.body().map(UploadAttempt.Body::bytes).orElse(0))
                    .sum();
            requests = today.size();
            before = all.size();
          }
        }
        long devices = count(dir.resolve("server/openrps.db"), "SELECT count(*) FROM devices");
        System.out.printf(
            "%-22s %7d %9d %12d %12d %14d %14d%n",
            payloads,
            devices,
            requests,
            bytes[0],
            bytes[days - 1],
            bytes[0] / devices,
            bytes[days - 1] / devices);
      } finally {
        server.close();
      }
    }
  }

  private static List<LoggedUpload> uploads(Path db) {
    try (AgentStore store = AgentStore.openReadOnly(db, WireJson.newMapper())) {
      return store.uploads(1_000_000);
    }
  }

  private static long count(Path db, String sql) throws Exception {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + db);
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The simulated day's clock, shared by the fleet, the server and the agent. */
  static final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant start) {
      this.now = start;
    }

    void set(Instant at) {
      now = at;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
