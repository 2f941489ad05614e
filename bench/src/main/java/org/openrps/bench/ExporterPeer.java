package org.openrps.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The peer the agent's poller is compared with: the Prometheus SNMP exporter (Debian's {@code
 * prometheus-snmp-exporter}), one long-running process per fleet size on 127.0.0.1 and a free port,
 * given this module's {@code snmp-exporter-printer.yml} (the subtrees the agent reads). Each
 * printer is scraped once by one {@code curl --parallel --parallel-max 64} process over a list of
 * URLs; measured are curl's wall time, the exporter's CPU during it ({@code /proc/<pid>/stat}) plus
 * curl's own (its parent shell's {@code times}), and the exporter's peak RSS during it ({@code
 * VmHWM}, reset before the scrape).
 */
final class ExporterPeer implements AutoCloseable {

  static final String BINARY = "prometheus-snmp-exporter";
  static final int PARALLEL = 64;
  private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

  private final Process process;
  private final int port;
  private final Path work;

  private ExporterPeer(Process process, int port, Path work) {
    this.process = process;
    this.port = port;
    this.work = work;
  }

  /** One measured pass: every address scraped once. */
  record Scrape(
      int addresses,
      int http200,
      int withLifeCount,
      double seconds,
      double exporterCpu,
      double curlCpu,
      long peakRss,
      boolean peakReset) {
    double cpu() {
      return exporterCpu + curlCpu;
    }
  }

  static String version() {
    try {
      Process p = new ProcessBuilder(BINARY, "--version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.waitFor(5, TimeUnit.SECONDS);
      return v.lines().findFirst().orElse(BINARY);
    } catch (IOException e) {
      return BINARY;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return BINARY;
    }
  }

  static ExporterPeer start() throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("openrps-bench-exporter");
    Path config = work.resolve("snmp.yml");
    try (InputStream in = ExporterPeer.class.getResourceAsStream("snmp-exporter-printer.yml")) {
      if (in == null) {
        throw new IllegalStateException("snmp-exporter-printer.yml is not on the class path");
      }
      Files.copy(in, config);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path log = work.resolve("exporter.log");
    Process p =
        new ProcessBuilder(
                BINARY,
                "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    ExporterPeer peer = new ExporterPeer(p, port, work);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (peer.answers()) {
        return peer;
      }
      Thread.sleep(100);
    }
    peer.close();
    throw new IllegalStateException(BINARY + " did not start (log: " + log + ")");
  }

  private boolean answers() {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(500);
      int code = c.getResponseCode();
      c.disconnect();
      return code == 200;
    } catch (IOException e) {
      return false;
    }
  }

  long pid() {
    return process.pid();
  }

  /** Scrapes each address once, {@value #PARALLEL} at a time, from one curl process. */
  Scrape scrape(List<String> addresses, int snmpPort) throws Exception {
    Path out = work.resolve("out");
    if (Files.isDirectory(out)) {
      try (Stream<Path> files = Files.list(out)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
    Files.createDirectories(out);
    Path urls = work.resolve("urls.txt");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < addresses.size(); i++) {
      b.append("url = \"http://127.0.0.1:")
          .append(port)
          .append("/snmp?module=printer&target=")
          .append(addresses.get(i))
          .append(':')
          .append(snmpPort)
          .append("\"\noutput = \"")
          .append(out.resolve(i + ".prom"))
          .append("\"\n");
    }
    Files.writeString(urls, b);
    Path codes = work.resolve("codes.txt");
    Path times = work.resolve("times.txt");
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                "-c",
                "curl --silent --parallel --parallel-max "
                    + PARALLEL
                    + " --max-time 60 --write-out '%{http_code}\\n' --config \"$1\" >\"$2\";"
                    + " rc=$?; times >&2; exit $rc",
                "bash",
                urls.toString(),
                codes.toString())
            .redirectError(times.toFile());
    boolean reset = ProcStat.resetPeakRss(process.pid());
    double cpu0 = ProcStat.cpuSeconds(process.pid());
    long t0 = System.nanoTime();
    Process curl = pb.start();
    int rc = curl.waitFor();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu1 = ProcStat.cpuSeconds(process.pid());
    long peak = ProcStat.peakRss(process.pid());
    double curlCpu = childrenCpu(Files.readString(times));
    if (rc != 0 && rc != 22) {
      System.out.println("exporter: curl exited with " + rc);
    }
    int ok = (int) Files.readAllLines(codes).stream().filter(l -> l.strip().equals("200")).count();
    int withLife = 0;
    for (int i = 0; i < addresses.size(); i++) {
      Path f = out.resolve(i + ".prom");
      if (Files.isRegularFile(f) && Files.readString(f).contains("\nprtMarkerLifeCount{")) {
        withLife++;
      }
    }
    return new Scrape(addresses.size(), ok, withLife, seconds, cpu1 - cpu0, curlCpu, peak, reset);
  }

  /** The children's line of bash's {@code times} (user and system), in seconds. */
  private static double childrenCpu(String timesOutput) {
    List<String> lines = timesOutput.strip().lines().toList();
    if (lines.isEmpty()) {
      return Double.NaN;
    }
    Matcher m = TIMES.matcher(lines.get(lines.size() - 1));
    if (!m.find()) {
      return Double.NaN;
    }
    return Integer.parseInt(m.group(1)) * 60
        + Double.parseDouble(m.group(2))
        + Integer.parseInt(m.group(3)) * 60
        + Double.parseDouble(m.group(4));
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(work)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
