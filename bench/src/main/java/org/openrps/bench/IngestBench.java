package org.openrps.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.MeterReading;
import org.openrps.wire.Report;
import org.openrps.wire.Source;
import org.openrps.wire.SupplyReading;
import org.openrps.wire.WireJson;

/**
 * Ingestion on PostgreSQL: many agents upload realistic gzip reports at once over TLS to one node,
 * then to two nodes on the same database, for a fixed time each. Prints device snapshots stored per
 * second and upload latency (p50, p99), counted from the database afterwards.
 *
 * <p>{@code IngestBench [agents] [devicesPerReport] [seconds]}; PostgreSQL from {@code
 * OPENRPS_BENCH_PG_URL} or {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}, in a schema
 * of its own that is dropped afterwards.
 */
public final class IngestBench {

  /** How long every agent uploads before a run is timed. */
  private static final Duration WARM_UP = Duration.ofSeconds(5);

  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    int agents = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    int devices = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    String base =
        Optional.ofNullable(System.getenv("OPENRPS_BENCH_PG_URL"))
            .orElse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    printMachine();
    System.out.printf(
        Locale.ROOT,
        "ingestion: %d agents uploading gzip reports of %d devices (4 meters, 4 supplies each),"
            + " %d s per run, PostgreSQL%n",
        agents,
        devices,
        seconds);
    System.out.println("load average before: " + loadAverage());
    System.out.println("nodes  uploads  snapshots  snapshots/s  p50 ms  p99 ms  errors");
    for (int nodes : new int[] {1, 2}) {
      run(base, nodes, agents, devices, seconds);
    }
    System.out.println("load average after: " + loadAverage());
  }

  /** Other work on the machine skews the figures; the 1/5/15-minute load says how much. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static void run(String base, int nodes, int agents, int devices, int seconds)
      throws Exception {
    String schema = "bench_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection c = DriverManager.getConnection(base);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    List<ServerApp> servers = new ArrayList<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            agents,
            r -> {
              Thread t = new Thread(r, "bench-agent");
              t.setDaemon(true);
              return t;
            });
    try {
      ServerConfig.Policy policy =
          ServerConfig.Policy.DEFAULTS.withUploadsPerMinute(1_000_000).withDbPoolSize(16);
      for (int n = 0; n < nodes; n++) {
        servers.add(
            ServerApp.start(
                new ServerConfig(
                    Files.createTempDirectory("openrps-bench-node"),
                    0,
                    Optional.of(url),
                    Set.of(),
                    policy),
                Clock.systemUTC()));
      }
      for (int a = 0; a < agents; a++) {
        servers.get(0).putAgent("bench-" + a, ("bench-secret-" + a).toCharArray());
      }
      ObjectMapper json = WireJson.newMapper();
      int firstSeq = warmUp(servers, agents, devices, json);
      long snapshotsBefore = count(url, "device_snapshots");
      long uploadsBefore = count(url, "reports");
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      AtomicLong errors = new AtomicLong();
      long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      List<Future<?>> futures = new ArrayList<>();
      for (int a = 0; a < agents; a++) {
        ServerApp node = servers.get(a % nodes);
        HttpClient http =
            HttpClient.newBuilder()
                .sslContext(trusting(node.certificatePem()))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        URI uri = URI.create("https://127.0.0.1:" + node.port() + "/api/v1/reports");
        String agent = "bench-" + a;
        String auth =
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (agent + ":bench-secret-" + a).getBytes(StandardCharsets.UTF_8));
        futures.add(
            pool.submit(
                () -> {
                  int seq = firstSeq;
                  while (System.nanoTime() < end) {
                    byte[] body = WireJson.gzip(json, report(agent, seq++, devices, Instant.now()));
                    long start = System.nanoTime();
                    try {
                      HttpResponse<Void> r =
                          http.send(
                              HttpRequest.newBuilder(uri)
                                  .header("Content-Type", "application/json")
                                  .header("Content-Encoding", "gzip")
                                  .header("Authorization", auth)
                                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                  .build(),
                              HttpResponse.BodyHandlers.discarding());
                      if (r.statusCode() != 201) {
                        errors.incrementAndGet();
                      }
                    } catch (Exception e) {
                      errors.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - start);
                  }
                  return null;
                }));
      }
      long started = System.nanoTime();
      for (Future<?> f : futures) {
        f.get(seconds + 120L, TimeUnit.SECONDS);
      }
      double elapsed = (System.nanoTime() - started) / 1e9;
      long snapshots = count(url, "device_snapshots") - snapshotsBefore;
      long uploads = count(url, "reports") - uploadsBefore;
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      System.out.printf(
          Locale.ROOT,
          "%5d  %7d  %9d  %11.0f  %6.0f  %6.0f  %6d%n",
          nodes,
          uploads,
          snapshots,
          snapshots / elapsed,
          percentile(sorted, 0.50),
          percentile(sorted, 0.99),
          errors.get());
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
      for (ServerApp s : servers) {
        s.close();
      }
      try (Connection c = DriverManager.getConnection(base);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  /**
   * Uploads from every agent to every node for {@link #WARM_UP} before the clock starts: connection
   * pools, TLS sessions, each node's memo of verified secrets (the first upload of an agent pays
   * for Argon2id) and the JIT, which on two cores needs seconds of load to compile the hot paths;
   * with a single upload per agent the first run measured the compiler as much as the server.
   * Returns the first sequence number left for the timed run, so that meters keep rising.
   */
  private static int warmUp(List<ServerApp> servers, int agents, int devices, ObjectMapper json)
      throws Exception {
    long end = System.nanoTime() + WARM_UP.toNanos();
    int round = 0;
    do {
      warmUpRound(servers, agents, devices, json, round++);
    } while (System.nanoTime() < end);
    return round * servers.size();
  }

  private static void warmUpRound(
      List<ServerApp> servers, int agents, int devices, ObjectMapper json, int round)
      throws Exception {
    for (int a = 0; a < agents; a++) {
      for (ServerApp node : servers) {
        HttpClient http =
            HttpClient.newBuilder().sslContext(trusting(node.certificatePem())).build();
        String agent = "bench-" + a;
        http.send(
            HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + node.port() + "/api/v1/reports"))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (agent + ":bench-secret-" + a).getBytes(StandardCharsets.UTF_8)))
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        WireJson.gzip(
                            json,
                            report(
                                agent,
                                round * servers.size() + servers.indexOf(node),
                                devices,
                                Instant.now()))))
                .build(),
            HttpResponse.BodyHandlers.discarding());
      }
    }
  }

  /** A report like an agent's: identity, 4 meters, 4 supplies, status, per device. */
  public static Report report(String agent, int seq, int devices, Instant t) {
    List<DeviceSnapshot> list = new ArrayList<>(devices);
    for (int d = 0; d < devices; d++) {
      String serial = String.format(Locale.ROOT, "%s-%05d", agent.toUpperCase(Locale.ROOT), d);
      long pages = 10_000L + seq * 37L + d;
      list.add(
          new DeviceSnapshot(
              new DeviceIdentity(
                  "HP",
                  "HP LaserJet M605",
                  serial,
                  "1.3.6.1.4.1.11.2.3.9.1",
                  Optional.of("00:1b:78:00:00:01"),
                  Optional.of("2509"),
                  Optional.of("prn-" + serial),
                  t),
              "127.60." + (d / 250) + "." + (d % 250 + 1),
              t,
              List.of(
                  new MeterReading(MeterReading.TOTAL, pages, "1.3.6.1.2.1.43.10.2.1.4.1.1", t),
                  new MeterReading("mono", pages - 100, "1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.5.0", t),
                  new MeterReading("color", 100, "1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.6.0", t),
                  new MeterReading("scan", pages / 3, "1.3.6.1.4.1.11.2.3.9.4.2.1.2.2.1.29.0", t)),
              List.of(
                  new SupplyReading(
                      1, "Black Toner", "toner", "supplyThatIsConsumed", "percent", 100, 60, t),
                  new SupplyReading(
                      2, "Cyan Toner", "toner", "supplyThatIsConsumed", "percent", 100, 55, t),
                  new SupplyReading(
                      3, "Imaging Drum", "opc", "supplyThatIsConsumed", "percent", 100, 80, t),
                  new SupplyReading(
                      4,
                      "Waste Toner",
                      "wasteToner",
                      "receptacleThatIsFilled",
                      "percent",
                      100,
                      5,
                      t)),
              new DeviceStatus("idle", List.of(), t)));
    }
    return Report.of(
        agent + "-" + seq + "-" + UUID.randomUUID(),
        new Source(Source.Kind.agent, agent, "0.1.0"),
        t,
        list);
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
  }

  private static long count(String url, String table) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (var in = Files.newInputStream(pem)) {
      trust.setCertificateEntry(
          "server", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  private static void printMachine() {
    String cpu = "unknown CPU";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .findFirst()
              .orElse(cpu);
    } catch (Exception e) {
      // keep "unknown CPU"
    }
    var os = ManagementFactory.getOperatingSystemMXBean();
    System.out.printf(
        Locale.ROOT,
        "machine: %s, %d cores, %s %s; Java %s; max heap %d MB%n",
        cpu,
        os.getAvailableProcessors(),
        os.getName(),
        os.getArch(),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }
}
