package org.openrps.simulator;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of simulated SNMP devices on loopback addresses. Printer <i>i</i> (0-based) answers on
 * the <i>i</i>-th address counting up from {@link SimulatorConfig#firstAddress()}, skipping host
 * parts .0 and .255 (127.50.0.254 is followed by 127.50.1.1), all on the same UDP port. Each is a
 * real SNMPv1/v2c agent (GET, GETNEXT, GETBULK) with the system group, interfaces, Host Resources
 * and Printer MIB tables and its make's private meters. Models come from a data file; values from
 * the seed, the printer's index and the clock. Fleets larger than {@link
 * SimulatorOptions#PRINTERS_PER_PROCESS} are spread over worker processes; the API is the same.
 */
public final class Simulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Simulator.class);

  private static final int PORT_ATTEMPTS = 5;

  private final List<SimulatedPrinter> printers;
  private final Optional<LocalFleet> local;
  private final Optional<WorkerFleet> workers;
  private final List<String> rejected;

  private Simulator(
      List<SimulatedPrinter> printers,
      Optional<LocalFleet> local,
      Optional<WorkerFleet> workers,
      List<String> rejected) {
    this.printers = List.copyOf(printers);
    this.local = local;
    this.workers = workers;
    this.rejected = List.copyOf(rejected);
  }

  /**
   * Starts the fleet and returns when every printer that should answer does.
   *
   * @param clock the simulation's time: page counters rise and toner drains as it moves. Worker
   *     processes need a clock they can rebuild: pass a {@link SimulationClock}; any other clock is
   *     replaced in the workers by one that starts at its current instant and runs in real time
   * @throws IOException when an address cannot be bound (port in use) or a printer does not answer
   */
  public static Simulator start(SimulatorConfig config, Clock clock) throws IOException {
    return start(config, clock, bound -> {});
  }

  /**
   * As {@link #start(SimulatorConfig, Clock)}, telling {@code progress} how many printers are bound
   * so far while it starts.
   */
  public static Simulator start(SimulatorConfig config, Clock clock, IntConsumer progress)
      throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(progress, "progress");
    if (config.options().recordings().isPresent()) {
      return startRecordings(config, config.options().recordings().get(), progress);
    }
    int n = config.printers();
    int processes = config.options().processes();
    if (processes == 0) {
      processes =
          (n + SimulatorOptions.PRINTERS_PER_PROCESS - 1) / SimulatorOptions.PRINTERS_PER_PROCESS;
    }
    long startMillis = clock.millis();
    if (processes == 1) {
      return inProcess(
          config,
          port -> printersOf(config.withPort(port), clock, startMillis, 0, n),
          clock,
          progress,
          List.of());
    }
    int port = config.port() != 0 ? config.port() : freePort(config.firstAddress());
    SimulationClock shared;
    if (clock instanceof SimulationClock s) {
      shared = s;
    } else {
      shared = SimulationClock.of(clock.millis(), Clock.systemUTC().millis(), 1.0);
      log.info(
          "simulated fleet - worker processes keep time from {} in real time", clock.instant());
    }
    SimulatorConfig fixed = config.withPort(port);
    WorkerFleet fleet = WorkerFleet.launch(fixed, shared, startMillis, port, processes, progress);
    List<SimulatedPrinter> printers;
    try {
      // while the workers start
      printers = printersOf(fixed, clock, startMillis, 0, n);
    } catch (RuntimeException e) {
      fleet.close();
      throw e;
    }
    fleet.awaitReady();
    log.info(
        "{} simulated printers answering on {} .. {} port {}, in {} worker processes {}",
        n,
        printers.get(0).address().getAddress().getHostAddress(),
        printers.get(n - 1).address().getAddress().getHostAddress(),
        port,
        processes,
        fleet.pids());
    return new Simulator(printers, Optional.empty(), Optional.of(fleet), List.of());
  }

  /** Printers {@code from} (included) to {@code to} (excluded) of a fleet, not bound. */
  static List<SimulatedPrinter> printersOf(
      SimulatorConfig config, Clock clock, long startMillis, int from, int to) {
    SimulatorOptions options = config.options();
    ModelCatalog catalog =
        options
            .models()
            .map(ModelCatalog::read)
            .orElseGet(ModelCatalog::builtIn)
            .withMix(options.mix());
    Fleet fleet =
        new Fleet(
            catalog,
            config.seed(),
            clock,
            startMillis,
            options.life(),
            options.faults(),
            config.printers(),
            config.firstAddress(),
            config.port());
    List<InetAddress> addresses = Addresses.consecutive(config.firstAddress(), to);
    List<SimulatedPrinter> printers = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      printers.add(
          Printer.create(fleet, i, new InetSocketAddress(addresses.get(i), config.port())));
    }
    return printers;
  }

  @FunctionalInterface
  private interface Devices {
    List<? extends SimulatedPrinter> on(int port) throws IOException;
  }

  private static Simulator inProcess(
      SimulatorConfig config,
      Devices devices,
      Clock clock,
      IntConsumer progress,
      List<String> rejected)
      throws IOException {
    for (int attempt = 1; ; attempt++) {
      int port = config.port() != 0 ? config.port() : freePort(config.firstAddress());
      List<? extends SimulatedPrinter> fleet = devices.on(port);
      try {
        LocalFleet local =
            LocalFleet.start(
                fleet,
                config.community(),
                config.options().users(),
                clock,
                config.options().slowDelay(),
                config.options().lateDelay(),
                progress);
        log.info(
            "{} simulated printers answering on {} .. {} port {}",
            fleet.size(),
            fleet.get(0).address().getAddress().getHostAddress(),
            fleet.get(fleet.size() - 1).address().getAddress().getHostAddress(),
            port);
        return new Simulator(List.copyOf(fleet), Optional.of(local), Optional.empty(), rejected);
      } catch (BindException e) {
        if (config.port() != 0 || attempt >= PORT_ATTEMPTS) {
          throw new BindException("cannot bind UDP port " + port + ": " + e.getMessage());
        }
        log.debug("port {} taken on some address, trying another", port);
      }
    }
  }

  /**
   * Every {@code *.snmprec} file of {@code directory}, in name order, one per address (repeated
   * when the fleet has more printers than files). Files that do not parse are logged and left out.
   */
  private static Simulator startRecordings(
      SimulatorConfig config, Path directory, IntConsumer progress) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".snmprec")).sorted().toList();
    }
    List<Recording> recordings = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    InetSocketAddress nowhere = new InetSocketAddress(config.firstAddress(), 0);
    for (Path file : files) {
      try {
        recordings.add(Recording.read(file, nowhere));
      } catch (IllegalArgumentException e) {
        log.warn("simulated fleet - recording rejected: {}", e.getMessage());
        rejected.add(e.getMessage());
      }
    }
    if (recordings.isEmpty()) {
      throw new IOException("no usable *.snmprec file in " + directory + " " + rejected);
    }
    int n = config.printers();
    return inProcess(
        config,
        port -> {
          List<InetAddress> addresses = Addresses.consecutive(config.firstAddress(), n);
          List<Recording> fleet = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            fleet.add(
                recordings
                    .get(i % recordings.size())
                    .at(new InetSocketAddress(addresses.get(i), port)));
          }
          return fleet;
        },
        Clock.systemUTC(),
        progress,
        rejected);
  }

  /** A UDP port that is free on {@code address} right now. */
  private static int freePort(InetAddress address) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0))) {
      return socket.getLocalPort();
    }
  }

  /** The printers, in address order (where they answer at the clock's current time). */
  public List<SimulatedPrinter> printers() {
    return printers;
  }

  /** Recordings that were not served, each as "file:line: reason". */
  public List<String> rejected() {
    return rejected;
  }

  /**
   * Applies, now, what the clock says about power and addresses (a background thread does this
   * every second anyway): for tests that move the clock and then look.
   */
  public void sync() throws IOException {
    if (local.isPresent()) {
      local.get().sync();
    }
    if (workers.isPresent()) {
      workers.get().sync();
    }
  }

  /** Completes, with the reason, if a worker process dies while the fleet runs. */
  public CompletableFuture<String> failure() {
    return workers.map(WorkerFleet::failure).orElseGet(CompletableFuture::new);
  }

  /** How many worker processes serve the fleet (0: this process does). */
  public int workerProcesses() {
    return workers.map(w -> w.pids().size()).orElse(0);
  }

  /** Heap in use in the worker processes, as each reported when ready (0 without workers). */
  public long workerHeapBytes() {
    return workers.map(WorkerFleet::heapBytes).orElse(0L);
  }

  /** Stops every printer (and worker process) and frees its address. */
  @Override
  public void close() {
    local.ifPresent(LocalFleet::close);
    workers.ifPresent(WorkerFleet::close);
    log.info("{} simulated printers stopped", printers.size());
  }
}
