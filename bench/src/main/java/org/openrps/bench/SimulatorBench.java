package org.openrps.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openrps.simulator.SimulationClock;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;

/**
 * The simulator's own figures: start-up time and heap per printer (all processes together) at 2,000
 * and 20,000 printers; then GETBULK responses per second from many concurrent clients, side by side
 * with snmpsimd serving the same recording on the same number of addresses.
 *
 * <p>Usage: {@code bench/run simulator [--sizes 2000,20000] [--recording FILE] [--addresses 500]}.
 */
public final class SimulatorBench {

  private static final int CLIENTS = 16;
  private static final int WINDOW = 16;
  private static final long MEASURE_MILLIS = 5_000;

  private SimulatorBench() {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = List.of(2_000, 20_000);
    Path recording = Path.of("/work/shared/recordings/librenms-jetdirect.snmprec");
    int addresses = 500;
    for (int i = 0; i < args.length - 1; i++) {
      switch (args[i]) {
        case "--sizes" ->
            sizes = List.of(args[++i].split(",")).stream().map(Integer::parseInt).toList();
        case "--recording" -> recording = Path.of(args[++i]);
        case "--addresses" -> addresses = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    PollBench.printMachine();
    Path loadavg = Path.of("/proc/loadavg");
    if (Files.isReadable(loadavg)) {
      System.out.println("load average at start: " + Files.readString(loadavg).strip());
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%9s %10s %10s %14s %12s%n",
        "printers",
        "processes",
        "start s",
        "heap/printer",
        "heap MB");
    for (int n : sizes) {
      if (n > 0) {
        startUp(n);
      }
    }
    System.out.println();
    if (!Files.isReadable(recording)) {
      System.out.println(
          "throughput: skipped, no recording at " + recording + " (--recording FILE)");
      return;
    }
    throughput(recording, addresses);
  }

  private static void startUp(int printers) throws Exception {
    long before = PollBench.usedHeapAfterGc();
    long t0 = System.nanoTime();
    SimulationClock clock =
        SimulationClock.start(Instant.parse("2026-03-03T10:00:00Z"), 1, Clock.systemUTC());
    SimulatorConfig config =
        new SimulatorConfig(printers, InetAddress.getByName("127.91.0.1"), 0, "public", 1);
    try (Simulator sim = Simulator.start(config, clock)) {
      double seconds = (System.nanoTime() - t0) / 1e9;
      long heap = PollBench.usedHeapAfterGc() - before + sim.workerHeapBytes();
      System.out.printf(
          Locale.ROOT,
          "%9d %10d %10.1f %11.1f KB %12.0f%n",
          printers,
          Math.max(1, sim.workerProcesses()),
          seconds,
          heap / 1024.0 / printers,
          heap / 1024.0 / 1024.0);
    }
  }

  private static void throughput(Path recording, int addresses) throws Exception {
    Path dir = Files.createTempDirectory("openrps-bench");
    Files.copy(recording, dir.resolve("public.snmprec"), StandardCopyOption.REPLACE_EXISTING);
    dir.toFile().setReadable(true, false);
    dir.toFile().setExecutable(true, false);
    dir.resolve("public.snmprec").toFile().setReadable(true, false);
    System.out.printf(
        Locale.ROOT,
        "GETBULK (max-repetitions 10) from %d clients x %d in flight, %s on %d addresses, %d s:%n",
        CLIENTS,
        WINDOW,
        recording.getFileName(),
        addresses,
        MEASURE_MILLIS / 1000);
    double ours;
    SimulatorConfig config =
        new SimulatorConfig(addresses, InetAddress.getByName("127.92.0.1"), 0, "public", 1)
            .withRecordings(dir);
    try (Simulator sim = Simulator.start(config, Clock.systemUTC())) {
      List<InetSocketAddress> targets = new ArrayList<>();
      sim.printers().forEach(p -> targets.add(p.address()));
      ours = load(targets);
    }
    System.out.printf(Locale.ROOT, "  openrps simulator %,12.0f responses/s%n", ours);

    int port = 16_500;
    List<InetSocketAddress> targets = new ArrayList<>();
    List<String> command =
        new ArrayList<>(List.of("snmpsimd", "--data-dir=" + dir, "--logging-method=null"));
    InetAddress base = InetAddress.getByName("127.93.0.1");
    for (int i = 0; i < addresses; i++) {
      byte[] b = base.getAddress();
      int host = i % 250 + 1;
      b[2] = (byte) (i / 250);
      b[3] = (byte) host;
      InetSocketAddress a = new InetSocketAddress(InetAddress.getByAddress(b), port);
      targets.add(a);
      command.add("--agent-udpv4-endpoint=" + a.getAddress().getHostAddress() + ":" + port);
    }
    if ("root".equals(System.getProperty("user.name"))) {
      command.add("--process-user=nobody");
      command.add("--process-group=nogroup");
    }
    Process snmpsim;
    try {
      snmpsim =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      System.out.println("  snmpsimd          not installed (apt-get install -y snmpsim)");
      return;
    }
    try {
      if (!awaitAnswer(targets.get(targets.size() - 1), 60_000)) {
        System.out.println("  snmpsimd          did not answer within 60 s");
        return;
      }
      double theirs = load(targets);
      System.out.printf(Locale.ROOT, "  snmpsimd 0.4.5    %,12.0f responses/s%n", theirs);
      System.out.printf(Locale.ROOT, "  ratio             %12.1f x%n", ours / Math.max(1, theirs));
    } finally {
      snmpsim.destroy();
      if (!snmpsim.waitFor(10, TimeUnit.SECONDS)) {
        snmpsim.destroyForcibly();
      }
    }
  }

  /** A GETBULK v2c request, community "public", non-repeaters 0, max-repetitions 10. */
  private static byte[] request(int id) {
    return new byte[] {
      0x30,
      0x27,
      0x02,
      0x01,
      0x01,
      0x04,
      0x06,
      'p',
      'u',
      'b',
      'l',
      'i',
      'c',
      (byte) 0xA5,
      0x1A,
      0x02,
      0x04,
      (byte) (id >>> 24 & 0x7F),
      (byte) (id >>> 16),
      (byte) (id >>> 8),
      (byte) id,
      0x02,
      0x01,
      0x00,
      0x02,
      0x01,
      0x0A,
      0x30,
      0x0C,
      0x30,
      0x0A,
      0x06,
      0x06,
      0x2B,
      0x06,
      0x01,
      0x02,
      0x01,
      0x01,
      0x05,
      0x00
    };
  }

  private static boolean awaitAnswer(InetSocketAddress target, long millis) throws IOException {
    try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
      ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      ch.configureBlocking(false);
      long end = System.currentTimeMillis() + millis;
      ByteBuffer in = ByteBuffer.allocate(65_536);
      while (System.currentTimeMillis() < end) {
        ch.send(ByteBuffer.wrap(request(1)), target);
        long wait = System.currentTimeMillis() + 500;
        while (System.currentTimeMillis() < wait) {
          if (ch.receive(in) != null) {
            return true;
          }
          Thread.onSpinWait();
        }
      }
      return false;
    }
  }

  /** Responses per second from CLIENTS sockets keeping WINDOW requests each in flight. */
  private static double load(List<InetSocketAddress> targets) throws IOException {
    try (Selector selector = Selector.open()) {
      List<DatagramChannel> channels = new ArrayList<>();
      long[] lastProgress = new long[CLIENTS];
      int[] inFlight = new int[CLIENTS];
      int next = 0;
      int id = 1;
      for (int c = 0; c < CLIENTS; c++) {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ch.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 20);
        ch.configureBlocking(false);
        ch.register(selector, SelectionKey.OP_READ, c);
        channels.add(ch);
      }
      ByteBuffer in = ByteBuffer.allocateDirect(65_536);
      long start = System.currentTimeMillis();
      long warm = start + 1_000;
      long end = warm + MEASURE_MILLIS;
      long counted = 0;
      while (true) {
        long now = System.currentTimeMillis();
        if (now >= end) {
          break;
        }
        for (int c = 0; c < CLIENTS; c++) {
          if (inFlight[c] > 0 && now - lastProgress[c] > 300) {
            inFlight[c] = 0; // lost: start the window again
          }
          while (inFlight[c] < WINDOW) {
            channels
                .get(c)
                .send(ByteBuffer.wrap(request(id++)), targets.get(next++ % targets.size()));
            inFlight[c]++;
            lastProgress[c] = now;
          }
        }
        selector.select(10);
        for (SelectionKey key : selector.selectedKeys()) {
          int c = (Integer) key.attachment();
          DatagramChannel ch = (DatagramChannel) key.channel();
          while (true) {
            in.clear();
            if (ch.receive(in) == null) {
              break;
            }
            inFlight[c] = Math.max(0, inFlight[c] - 1);
            lastProgress[c] = System.currentTimeMillis();
            if (lastProgress[c] >= warm) {
              counted++;
            }
          }
        }
        selector.selectedKeys().clear();
      }
      for (DatagramChannel ch : channels) {
        ch.close();
      }
      return counted * 1000.0 / MEASURE_MILLIS;
    }
  }
}
