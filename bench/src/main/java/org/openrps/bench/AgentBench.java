package org.openrps.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.openrps.agent.poll.PollSettings;
import org.openrps.agent.poll.PolledDevice;
import org.openrps.agent.poll.Poller;
import org.openrps.agent.poll.ScanResult;
import org.openrps.agent.poll.Unreachable;
import org.openrps.agent.target.TargetList;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;

/**
 * The agent's poller against simulated fleets that run in their own processes ({@code openrps
 * simulate}), so that this JVM (run by {@code bench/run agent} with the JVM options the launcher
 * gives {@code scan} and {@code agent}) holds the agent side only:
 *
 * <ul>
 *   <li>discover + read of each fleet size: wall time, ms per device, peak heap, CPU of the agent
 *       and of the simulator;
 *   <li>the same fleet (same simulator process, same addresses) read by the Prometheus SNMP
 *       exporter ({@link ExporterPeer}), each address scraped once, 64 at once from one curl
 *       process, after one warm-up pass of each side; ours and theirs alternate. Wall time, CPU
 *       (utime + stime of the process, plus curl's for theirs) and peak RSS (VmHWM, reset before
 *       the pass) are taken the same way for both ({@link ProcStat}), and the ratios printed;
 *   <li>the same printers and subtrees read by net-snmp's {@code snmpbulkwalk}, one process per
 *       device and subtree, {@code xargs -P 64}: its time per device and ours over it (mostly
 *       process start-up; {@code --netsnmp-devices 0} skips it);
 *   <li>a sweep of a /16 of which 1 % are printers and the rest silent, against the bound addresses
 *       × timeout ÷ in-flight.
 * </ul>
 *
 * <p>Usage: {@code bench/run agent [sizes ...] [--netsnmp-devices N] [--in-flight N] [--sweep N]
 * [--sweep-in-flight N] [--no-sweep] [--no-exporter]} (defaults: 2000 20000, net-snmp on the first
 * 300 printers of each size, 1,000 in flight, a 65,536-address sweep).
 */
public final class AgentBench {

  /** The subtrees DeviceReader walks (plus the system group it asks in its discovery GET). */
  static final Map<String, String> SUBTREES = subtrees();

  private static final Pattern ANSWERING =
      Pattern.compile("(\\d+) printers answering on (\\S+) udp/(\\d+)");
  private static final Duration SIM_START_LIMIT = Duration.ofMinutes(3);
  private static final int NETSNMP_PARALLEL = 64;

  private final Path jar;
  private final int netsnmpDevices;
  private final int inFlight;
  private int nextPort = 16_161;
  private final List<String> peerRows = new ArrayList<>();

  private AgentBench(Path jar, int netsnmpDevices, int inFlight) {
    this.jar = jar;
    this.netsnmpDevices = netsnmpDevices;
    this.inFlight = inFlight;
  }

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    int netsnmp = 300;
    int inFlight = 1000;
    int sweep = 65_536;
    int sweepInFlight = 1000;
    boolean exporter = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--netsnmp-devices" -> netsnmp = Integer.parseInt(args[++i]);
        case "--in-flight" -> inFlight = Integer.parseInt(args[++i]);
        case "--sweep" -> sweep = Integer.parseInt(args[++i]);
        case "--sweep-in-flight" -> sweepInFlight = Integer.parseInt(args[++i]);
        case "--no-sweep" -> sweep = 0;
        case "--no-exporter" -> exporter = false;
        default -> sizes.add(Integer.parseInt(args[i]));
      }
    }
    if (sizes.isEmpty()) {
      sizes = List.of(2000, 20_000);
    }
    // Maven's exec runs in bench/; the jar is the cli module's.
    Path jar = Path.of("cli/target/openrps.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      jar = Path.of("../cli/target/openrps.jar").toAbsolutePath().normalize();
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build first (bench/run does)");
    }
    boolean haveNetSnmp = netsnmp > 0 && onPath("snmpbulkwalk");
    boolean haveExporter = exporter && onPath(ExporterPeer.BINARY);
    PollBench.printMachine();
    System.out.printf(
        Locale.ROOT,
        "agent: this JVM only (simulator in its own processes); timeout 2 s, 1 retry,"
            + " %d requests in flight; net-snmp: %s%n%n",
        inFlight,
        haveNetSnmp
            ? netsnmpVersion()
                + ", snmpbulkwalk -v2c -Cr25 -t 2 -r 1, xargs -P "
                + NETSNMP_PARALLEL
                + ", "
                + SUBTREES.size()
                + " subtrees per device"
            : netsnmp <= 0
                ? "skipped (--netsnmp-devices 0)"
                : "snmpbulkwalk not found (apt-get install snmp), comparison skipped");
    System.out.printf(
        Locale.ROOT,
        "exporter: %s%n%n",
        haveExporter
            ? ExporterPeer.version()
                + ", module printer (bench/src/main/resources/org/openrps/bench/"
                + "snmp-exporter-printer.yml: the same subtrees, v2c, GETBULK 25, timeout 2 s,"
                + " 1 retry), one curl --parallel --parallel-max "
                + ExporterPeer.PARALLEL
                + " over every address of the fleet, after one warm-up pass of each side"
            : !exporter
                ? "skipped (--no-exporter)"
                : ExporterPeer.BINARY
                    + " not found (apt-get install prometheus-snmp-exporter), comparison skipped");
    System.out.printf(
        Locale.ROOT,
        "%8s %8s %8s %8s %8s %14s %9s %9s %9s %9s %7s%n",
        "printers",
        "sim up s",
        "read s",
        "found",
        "ms/dev",
        "heap peak/live",
        "agent cpu",
        "sim cpu",
        "net-snmp",
        "ms/dev",
        "ratio");
    AgentBench bench = new AgentBench(jar, netsnmp, inFlight);
    List<String> notes = new ArrayList<>();
    for (int n : sizes) {
      bench.fleet(n, haveNetSnmp, haveExporter, notes);
    }
    if (!bench.peerRows.isEmpty()) {
      System.out.println();
      System.out.println(
          "ours (agent poller, this JVM) vs theirs (Prometheus SNMP exporter + curl), same fleet:"
              + " wall s, CPU s (process utime+stime; theirs = exporter + curl), peak RSS MB"
              + " (VmHWM during the pass); ok = HTTP 200 / with prtMarkerLifeCount samples");
      System.out.printf(
          Locale.ROOT,
          "%8s | %7s %7s %7s %7s | %7s %7s %7s %7s %7s %13s | %6s %6s %6s%n",
          "printers",
          "wall",
          "cpu",
          "rss",
          "read",
          "wall",
          "cpu",
          "exp cpu",
          "curl",
          "rss",
          "ok 200/life",
          "wall÷",
          "cpu÷",
          "rss÷");
      bench.peerRows.forEach(System.out::println);
    }
    if (sweep > 0) {
      System.out.println();
      bench.sweep(sweep, sweepInFlight, notes);
    }
    if (!notes.isEmpty()) {
      System.out.println();
      notes.forEach(System.out::println);
    }
  }

  private void fleet(int printers, boolean haveNetSnmp, boolean haveExporter, List<String> notes)
      throws Exception {
    try (SimProcess sim =
        SimProcess.start(jar, printers, "127.100.0.1", nextPort++, SIM_START_LIMIT)) {
      PollSettings settings =
          new PollSettings(sim.port(), "public", Duration.ofSeconds(2), 1, inFlight);
      Measured m;
      if (haveExporter) {
        try (ExporterPeer peer = ExporterPeer.start()) {
          List<String> addresses = addresses(sim.range());
          // one warm-up pass of each side (JIT, Go runtime, the simulator's own warm-up), then
          // one measured pass of each, alternating, on the same simulator process
          measure(sim, settings);
          peer.scrape(addresses, sim.port());
          m = measure(sim, settings);
          double simCpu0 = sim.cpuSeconds();
          ExporterPeer.Scrape t = peer.scrape(addresses, sim.port());
          double theirsSimCpu = sim.cpuSeconds() - simCpu0;
          peerRows.add(
              String.format(
                  Locale.ROOT,
                  "%8d | %7.2f %7.2f %7d %7d | %7.2f %7.2f %7.2f %7.2f %7d %6d/%6d | %6.2f %6.2f"
                      + " %6.2f",
                  printers,
                  m.seconds(),
                  m.cpuSeconds(),
                  m.peakRss() / (1024 * 1024),
                  m.result().printers().size(),
                  t.seconds(),
                  t.cpu(),
                  t.exporterCpu(),
                  t.curlCpu(),
                  t.peakRss() / (1024 * 1024),
                  t.http200(),
                  t.withLifeCount(),
                  m.seconds() / t.seconds(),
                  m.cpuSeconds() / t.cpu(),
                  (double) m.peakRss() / t.peakRss()));
          notes.add(
              String.format(
                  Locale.ROOT,
                  "%d printers: exporter scraped %d addresses (the fleet's %d printers read by"
                      + " ours, the rest switches/UPSs), %d HTTP 200, %d with prtMarkerLifeCount"
                      + " (%.1f %% of ours); simulator CPU during ours %.1f s, during theirs %.1f"
                      + " s%s",
                  printers,
                  t.addresses(),
                  m.result().printers().size(),
                  t.http200(),
                  t.withLifeCount(),
                  100.0 * t.withLifeCount() / Math.max(1, m.result().printers().size()),
                  m.simCpuSeconds(),
                  theirsSimCpu,
                  t.peakReset() && m.peakReset()
                      ? ""
                      : "; peak RSS could not be reset (since process start)"));
        }
      } else {
        m = measure(sim, settings);
      }
      ScanResult result = m.result();
      double msPerDevice = 1000.0 * m.seconds() / printers;
      String netsnmp = "-";
      String theirsPerDevice = "-";
      String ratio = "-";
      if (haveNetSnmp) {
        List<String> addresses =
            result.printers().stream()
                .limit(netsnmpDevices)
                .map(p -> p.snapshot().address())
                .toList();
        double theirs = netsnmp(addresses, sim.port());
        double theirsMs = 1000.0 * theirs / addresses.size();
        netsnmp = String.format(Locale.ROOT, "%.1f s/%d", theirs, addresses.size());
        theirsPerDevice = String.format(Locale.ROOT, "%.2f", theirsMs);
        ratio = String.format(Locale.ROOT, "%.3f", msPerDevice / theirsMs);
      }
      System.out.printf(
          Locale.ROOT,
          "%8d %8.1f %8.2f %8d %8.2f %7d/%3d MB %7.1f s %7.1f s %9s %9s %7s%n",
          printers,
          sim.startSeconds(),
          m.seconds(),
          result.printers().size(),
          msPerDevice,
          m.peakHeap() / (1024 * 1024),
          m.liveHeap() / (1024 * 1024),
          m.cpuSeconds(),
          m.simCpuSeconds(),
          netsnmp,
          theirsPerDevice,
          ratio);
      notes.addAll(notes(printers + " printers", result));
    }
  }

  private void sweep(int addresses, int sweepInFlight, List<String> notes) throws Exception {
    int printers = addresses / 100;
    Duration timeout = Duration.ofSeconds(1);
    int retries = 0;
    String range = "127.101.0.0-" + lastOf("127.101.0.0", addresses);
    try (SimProcess sim =
        SimProcess.start(jar, printers, "127.101.0.1", nextPort++, SIM_START_LIMIT)) {
      PollSettings settings =
          new PollSettings(sim.port(), "public", timeout, retries, sweepInFlight);
      Measured m = measure(range, settings, sim);
      double bound =
          (double) addresses * timeout.toMillis() / 1000.0 * (retries + 1) / sweepInFlight;
      System.out.printf(
          Locale.ROOT,
          "sweep %s: %,d addresses, %d simulated printers, %,d silent; timeout %d s, %d retries,"
              + " %d in flight%n",
          range,
          addresses,
          printers,
          addresses - printers,
          timeout.toSeconds(),
          retries,
          sweepInFlight);
      System.out.printf(
          Locale.ROOT,
          "%8s %9s %9s %9s %14s %9s%n",
          "time s",
          "bound s",
          "ratio",
          "printers",
          "heap peak/live",
          "agent cpu");
      System.out.printf(
          Locale.ROOT,
          "%8.2f %9.2f %9.2f %9d %7d/%3d MB %7.1f s%n",
          m.seconds(),
          bound,
          m.seconds() / bound,
          m.result().printers().size(),
          m.peakHeap() / (1024 * 1024),
          m.liveHeap() / (1024 * 1024),
          m.cpuSeconds());
      int found = m.result().printers().size() + m.result().outOfScope().size();
      if (found != printers) {
        notes.add(
            String.format(
                Locale.ROOT, "sweep: %d of %d simulated devices answered", found, printers));
      }
    }
  }

  /**
   * The simulator's printers: its address range without the .0 and .255 host parts it skips (those
   * would only add silent addresses, which the sweep measures on its own).
   */
  private Measured measure(SimProcess sim, PollSettings settings) throws Exception {
    String[] ends = sim.range().split("-");
    StringBuilder targets = new StringBuilder(sim.range());
    long first = number(ends[0]);
    long last = number(ends[1]);
    for (long net = first >> 8; net <= last >> 8; net++) {
      String prefix = dotted(net << 8);
      prefix = prefix.substring(0, prefix.lastIndexOf('.') + 1);
      targets.append(" !").append(prefix).append("0 !").append(prefix).append("255");
    }
    return measure(targets.toString(), settings, sim);
  }

  private static Measured measure(String range, PollSettings settings, SimProcess sim)
      throws Exception {
    TargetList targets = TargetList.of(range);
    PollBench.usedHeapAfterGc();
    HeapWatch watch = HeapWatch.start();
    long self = ProcessHandle.current().pid();
    boolean reset = ProcStat.resetPeakRss(self);
    double cpu0 = ProcStat.cpuSeconds(self);
    double simCpu0 = sim.cpuSeconds();
    long t0 = System.nanoTime();
    ScanResult result;
    try (SnmpClient client = Snmp.openClient();
        Poller poller = new Poller(client, settings, Clock.systemUTC())) {
      result = poller.scan(targets);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = ProcStat.cpuSeconds(self) - cpu0;
    long rss = ProcStat.peakRss(self);
    double simCpu = sim.cpuSeconds() - simCpu0;
    watch.stop();
    return new Measured(result, seconds, watch.peak(), watch.live(), cpu, simCpu, rss, reset);
  }

  private record Measured(
      ScanResult result,
      double seconds,
      long peakHeap,
      long liveHeap,
      double cpuSeconds,
      double simCpuSeconds,
      long peakRss,
      boolean peakReset) {}

  /** Every address of a simulator's range but the .0 and .255 host parts it skips. */
  static List<String> addresses(String range) {
    String[] ends = range.split("-");
    List<String> out = new ArrayList<>();
    for (long a = number(ends[0]); a <= number(ends[1]); a++) {
      long host = a & 255;
      if (host != 0 && host != 255) {
        out.add(dotted(a));
      }
    }
    return out;
  }

  /**
   * The heap while a read runs: the most in use (sampled every 10 ms, garbage included, so at most
   * -Xmx) and the most still in use after a collection (the live set).
   */
  private static final class HeapWatch implements NotificationListener {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong live = new AtomicLong();
    private final ScheduledExecutorService sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "openrps-bench-heap");
              t.setDaemon(true);
              return t;
            });

    static HeapWatch start() {
      HeapWatch w = new HeapWatch();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      w.sampler.scheduleAtFixedRate(
          () -> w.peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
          0,
          10,
          TimeUnit.MILLISECONDS);
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).addNotificationListener(w, null, null);
      }
      return w;
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
      if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
        return;
      }
      GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
      long before = 0;
      for (MemoryUsage u : info.getGcInfo().getMemoryUsageBeforeGc().values()) {
        before += u.getUsed();
      }
      long after = 0;
      for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
        after += u.getUsed();
      }
      peak.accumulateAndGet(before, Math::max);
      live.accumulateAndGet(after, Math::max);
    }

    void stop() throws Exception {
      sampler.shutdownNow();
      sampler.awaitTermination(5, TimeUnit.SECONDS);
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).removeNotificationListener(this);
      }
      peak.accumulateAndGet(
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    }

    long peak() {
      return peak.get();
    }

    long live() {
      return live.get();
    }
  }

  private static List<String> notes(String what, ScanResult result) {
    List<String> out = new ArrayList<>();
    long partial = result.printers().stream().filter(PolledDevice::partial).count();
    if (partial > 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "%s: %d read only in part, e.g. %s",
              what,
              partial,
              result.printers().stream()
                  .filter(PolledDevice::partial)
                  .findFirst()
                  .orElseThrow()
                  .failures()));
    }
    if (!result.unreachable().isEmpty() || !result.outOfScope().isEmpty()) {
      Map<String, Integer> reasons = new TreeMap<>();
      for (Unreachable u : result.unreachable()) {
        reasons.merge(u.reason(), 1, Integer::sum);
      }
      out.add(
          String.format(
              Locale.ROOT,
              "%s: %d no answer, %d out of scope; no answer: %s",
              what,
              result.unreachable().size(),
              result.outOfScope().size(),
              reasons));
    }
    return out;
  }

  /**
   * Runs one {@code snmpbulkwalk} per device and subtree, {@value #NETSNMP_PARALLEL} at a time; the
   * wall time in seconds.
   */
  private static double netsnmp(List<String> addresses, int port) throws Exception {
    Path list = Files.createTempFile("openrps-bench-netsnmp", ".txt");
    Path out = Files.createTempFile("openrps-bench-netsnmp", ".out");
    try {
      StringBuilder b = new StringBuilder();
      for (String a : addresses) {
        for (String oid : SUBTREES.values()) {
          b.append(a).append(':').append(port).append(' ').append(oid).append('\n');
        }
      }
      Files.writeString(list, b);
      ProcessBuilder pb =
          new ProcessBuilder(
                  "xargs",
                  "-P",
                  Integer.toString(NETSNMP_PARALLEL),
                  "-n",
                  "2",
                  "snmpbulkwalk",
                  "-v2c",
                  "-c",
                  "public",
                  "-Cr25",
                  "-t",
                  "2",
                  "-r",
                  "1",
                  "-On",
                  "-Oq")
              .redirectInput(list.toFile())
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("MIBS", "");
      long t0 = System.nanoTime();
      Process p = pb.start();
      p.waitFor();
      double seconds = (System.nanoTime() - t0) / 1e9;
      return seconds;
    } finally {
      Files.deleteIfExists(list);
      Files.deleteIfExists(out);
    }
  }

  private static Map<String, String> subtrees() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("system", "1.3.6.1.2.1.1");
    m.put("ifPhysAddress", "1.3.6.1.2.1.2.2.1.6");
    m.put("hrDeviceTable", "1.3.6.1.2.1.25.3.2.1");
    m.put("hrPrinterTable", "1.3.6.1.2.1.25.3.5.1");
    m.put("prtGeneralSerialNumber", "1.3.6.1.2.1.43.5.1.1.17");
    m.put("prtMarkerLifeCount", "1.3.6.1.2.1.43.10.2.1.4");
    m.put("prtMarkerSuppliesTable", "1.3.6.1.2.1.43.11.1");
    m.put("prtAlertTable", "1.3.6.1.2.1.43.18.1.1");
    m.put("prtInputTable", "1.3.6.1.2.1.43.8.2.1");
    return m;
  }

  static String lastOf(String first, int count) {
    return dotted(number(first) + count - 1);
  }

  private static long number(String dotted) {
    long n = 0;
    for (String s : dotted.split("\\.")) {
      n = (n << 8) | Integer.parseInt(s);
    }
    return n;
  }

  private static String dotted(long n) {
    return ((n >> 24) & 255) + "." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
  }

  static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  private static String netsnmpVersion() {
    try {
      Process p = new ProcessBuilder("snmpbulkwalk", "-V").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.waitFor(5, TimeUnit.SECONDS);
      return v;
    } catch (IOException e) {
      return "net-snmp";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "net-snmp";
    }
  }

  /** {@code openrps simulate} in its own process (it starts worker processes of its own). */
  private record SimProcess(Process process, String range, int port, double startSeconds)
      implements AutoCloseable {

    static SimProcess start(Path jar, int printers, String first, int port, Duration limit)
        throws IOException, InterruptedException {
      Path log = Path.of(System.getProperty("java.io.tmpdir"), "openrps-bench-simulate.log");
      ProcessBuilder pb =
          new ProcessBuilder(
                  javaCommand(),
                  "-jar",
                  jar.toString(),
                  "simulate",
                  "--printers",
                  Integer.toString(printers),
                  "--first-address",
                  first,
                  "--port",
                  Integer.toString(port),
                  "--life",
                  "steady")
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      long t0 = System.nanoTime();
      Process p = pb.start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      long deadline = t0 + limit.toNanos();
      String line;
      while ((line = out.readLine()) != null) {
        Matcher m = ANSWERING.matcher(line);
        if (m.find()) {
          double seconds = (System.nanoTime() - t0) / 1e9;
          Thread drain =
              new Thread(
                  () -> {
                    try {
                      out.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                      // the simulator went away; nothing to drain
                    }
                  },
                  "openrps-bench-sim-drain");
          drain.setDaemon(true);
          drain.start();
          return new SimProcess(p, m.group(2), Integer.parseInt(m.group(3)), seconds);
        }
        if (System.nanoTime() > deadline) {
          break;
        }
      }
      destroy(p);
      throw new IllegalStateException(
          "openrps simulate did not say it was answering (log: " + log + ")");
    }

    /** CPU seconds of the simulator and its worker processes so far. */
    double cpuSeconds() {
      ProcessHandle h = process.toHandle();
      double s = cpuOf(h);
      for (ProcessHandle d : h.descendants().toList()) {
        s += cpuOf(d);
      }
      return s;
    }

    private static double cpuOf(ProcessHandle h) {
      return h.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    @Override
    public void close() {
      destroy(process);
    }

    private static void destroy(Process p) {
      List<ProcessHandle> workers = p.toHandle().descendants().toList();
      p.destroy();
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      workers.forEach(ProcessHandle::destroy);
    }

    private static String javaCommand() {
      return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
  }
}
