package org.openrps.bench;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openrps.agent.poll.PollSettings;
import org.openrps.agent.poll.PolledDevice;
import org.openrps.agent.poll.Poller;
import org.openrps.agent.poll.ScanResult;
import org.openrps.agent.target.TargetList;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;

/**
 * Discover + read of a simulated fleet by the agent's poller, in one JVM: simulator start-up time
 * and heap per printer, then the sweep's wall time and devices per second.
 *
 * <p>Usage: {@code bench/run [printers ...]} (default 500 and 2000).
 */
public final class PollBench {

  private PollBench() {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String a : args) {
      sizes.add(Integer.parseInt(a));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(500, 2000);
    }
    printMachine();
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%8s %10s %12s %10s %10s %12s %8s%n",
        "printers",
        "start s",
        "heap/printer",
        "sweep s",
        "found",
        "devices/s",
        "ms/dev");
    for (int n : sizes) {
      run(n);
    }
  }

  private static void run(int printers) throws Exception {
    Clock clock = Clock.systemUTC();
    InetAddress first = InetAddress.getByName("127.90.0.1");
    long heapBefore = usedHeapAfterGc();
    long t0 = System.nanoTime();
    try (Simulator sim =
        Simulator.start(new SimulatorConfig(printers, first, 0, "public", 1), clock)) {
      double startSeconds = (System.nanoTime() - t0) / 1e9;
      long heapPerPrinter = (usedHeapAfterGc() - heapBefore) / printers;
      List<SimulatedPrinter> fleet = sim.printers();
      String range =
          fleet.get(0).address().getAddress().getHostAddress()
              + "-"
              + fleet.get(fleet.size() - 1).address().getAddress().getHostAddress();
      int port = fleet.get(0).address().getPort();
      PollSettings settings = new PollSettings(port, "public", Duration.ofSeconds(2), 1, 256);

      ScanResult result;
      double sweepSeconds;
      try (SnmpClient client = Snmp.openClient();
          Poller poller = new Poller(client, settings, clock)) {
        long t1 = System.nanoTime();
        result = poller.scan(TargetList.of(range));
        sweepSeconds = (System.nanoTime() - t1) / 1e9;
      }
      long partial = result.printers().stream().filter(PolledDevice::partial).count();

      System.out.printf(
          Locale.ROOT,
          "%8d %10.2f %10.1f KB %10.2f %10d %12.0f %8.2f%n",
          printers,
          startSeconds,
          heapPerPrinter / 1024.0,
          sweepSeconds,
          result.printers().size(),
          result.printers().size() / sweepSeconds,
          1000.0 * sweepSeconds / printers);
      if (partial > 0) {
        System.out.printf(
            "  warning: %d printers read only in part, e.g. %s%n",
            partial,
            result.printers().stream()
                .filter(PolledDevice::partial)
                .findFirst()
                .orElseThrow()
                .failures());
      }
      if (result.printers().size() != printers) {
        System.out.printf(
            "  warning: %d of %d printers read (%d unreachable)%n",
            result.printers().size(), printers, result.unreachable().size());
      }
    }
  }

  static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  static void printMachine() throws Exception {
    String cpu = "unknown CPU";
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpuinfo)) {
      cpu =
          Files.readAllLines(cpuinfo).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .findFirst()
              .orElse(cpu);
    }
    var os = ManagementFactory.getOperatingSystemMXBean();
    String load = "unknown";
    Path loadavg = Path.of("/proc/loadavg");
    if (Files.isReadable(loadavg)) {
      String[] f = Files.readString(loadavg).strip().split("\\s+");
      load = f[0] + " " + f[1] + " " + f[2];
    }
    System.out.printf(
        Locale.ROOT,
        "machine: %s, %d cores, %s %s; Java %s; max heap %d MB; JVM options %s; load average"
            + " before the run %s%n",
        cpu,
        os.getAvailableProcessors(),
        os.getName(),
        os.getArch(),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        jvmOptions(),
        load);
  }

  /** The JVM's own options (-X, -XX), as given on its command line. */
  static String jvmOptions() {
    List<String> options =
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-X"))
            .toList();
    return options.isEmpty() ? "(defaults)" : String.join(" ", options);
  }
}
