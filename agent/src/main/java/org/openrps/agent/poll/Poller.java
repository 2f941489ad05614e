package org.openrps.agent.poll;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openrps.agent.target.TargetList;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.mib.PrinterMibNames;
import org.openrps.snmp.profile.VendorProfiles;
import org.openrps.wire.key.Makes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers and reads printers over SNMP: every address of a target list is asked concurrently,
 * with at most {@link PollSettings#maxInFlight()} requests outstanding. Stores and sends nothing:
 * this is what {@code openrps scan} shows and what the agent stores.
 *
 * <p>A device counts as a printer by what it answers (hrDeviceType = hrDevicePrinter, or Printer
 * MIB tables), never by its make. Other devices that answer are out of scope and not asked further.
 * The credential set that worked first for an address is remembered for the next sweep of this
 * poller.
 */
public final class Poller implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  private final AttemptLog client;
  private final PollSettings settings;
  private final Clock clock;
  private final ExecutorService executor;
  private final Makes makes = Makes.standard();
  private final VendorProfiles profiles;
  private final PrinterMibNames mibNames = PrinterMibNames.standard();
  private final ConcurrentMap<String, CredentialSet> remembered = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;

  /**
   * A poller over {@code client}, which stays the caller's to close.
   *
   * @param clock the time stamped on every reading
   */
  public Poller(SnmpClient client, PollSettings settings, Clock clock) {
    this(client, settings, clock, VendorProfiles.standard());
  }

  /**
   * A poller that reads makes by {@code profiles} instead of the shipped ones (tests, and profiles
   * being confirmed against a device).
   */
  Poller(SnmpClient client, PollSettings settings, Clock clock, VendorProfiles profiles) {
    this.profiles = Objects.requireNonNull(profiles, "profiles");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.client = new AttemptLog(Objects.requireNonNull(client, "client"), settings.credentials());
    this.clock = Objects.requireNonNull(clock, "clock");
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            2,
            2,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "openrps-poll-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "openrps-poll-budget");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Remembers which credential set opened which address (the agent's store keeps them between
   * runs): that set is tried first there. Names that are no longer configured are ignored.
   *
   * @param setByAddress credential set name by address text
   */
  public void remember(Map<String, String> setByAddress) {
    setByAddress.forEach(
        (address, name) ->
            settings.credentials().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .ifPresent(s -> remembered.put(address, s)));
  }

  /** The credential set name that last opened each address, by address text. */
  public Map<String, String> rememberedSets() {
    Map<String, String> out = new TreeMap<>();
    remembered.forEach((address, set) -> out.put(address, set.name()));
    return out;
  }

  /** The version of the discovery rules (vendor profiles) this poller reads devices by. */
  public Optional<String> discoveryRulesVersion() {
    return profiles.version();
  }

  /** Opens its own SNMP client, scans once, closes everything: for {@code openrps scan}. */
  public static ScanResult scanOnce(TargetList targets, PollSettings settings, Clock clock)
      throws InterruptedException {
    return scanOnce(targets, settings, clock, (done, total) -> {});
  }

  /** As {@link #scanOnce(TargetList, PollSettings, Clock)}, with progress reports. */
  public static ScanResult scanOnce(
      TargetList targets, PollSettings settings, Clock clock, Progress progress)
      throws InterruptedException {
    try (SnmpClient client = Snmp.openClient();
        Poller poller = new Poller(client, settings, clock)) {
      return poller.scan(targets, progress);
    }
  }

  /**
   * Asks every address of {@code targets} and reads the printers among them. Never fails because of
   * a device: unreachable and partial devices are part of the result.
   *
   * @throws InterruptedException when interrupted while waiting; requests still in flight are
   *     abandoned
   */
  public ScanResult scan(TargetList targets) throws InterruptedException {
    return scan(targets, (done, total) -> {});
  }

  /** Reports how far a sweep has come: addresses finished out of all. */
  @FunctionalInterface
  public interface Progress {
    void update(int done, int total);
  }

  /**
   * As {@link #scan(TargetList)}, telling {@code progress} each time an address is finished (called
   * from poll threads; keep it quick).
   */
  public ScanResult scan(TargetList targets, Progress progress) throws InterruptedException {
    List<InetAddress> addresses = targets.addresses();
    AsyncLimiter limiter =
        new AsyncLimiter(
            settings.maxInFlight(),
            executor,
            new Pacer(settings.requestsPerSecond(), System::nanoTime),
            scheduler);
    DeviceReader reader =
        new DeviceReader(client, settings, limiter, makes, profiles, mibNames, remembered, clock);
    java.util.concurrent.atomic.AtomicInteger done =
        new java.util.concurrent.atomic.AtomicInteger();
    List<CompletableFuture<DeviceReader.Outcome>> reads = new ArrayList<>(addresses.size());
    for (InetAddress address : addresses) {
      String text = address.getHostAddress();
      reads.add(
          reader
              .read(address)
              .exceptionally(
                  e -> {
                    log.warn("{} - could not be read: {}", text, DeviceReader.reason(e));
                    return new DeviceReader.NoAnswer(text, DeviceReader.reason(e));
                  })
              .whenComplete(
                  (o, e) -> {
                    if (!(o instanceof DeviceReader.NoAnswer)) {
                      client.take(text);
                    }
                    progress.update(done.incrementAndGet(), addresses.size());
                  }));
    }
    try {
      CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a device read failed unexpectedly", e.getCause());
    }
    Map<String, PrintPort> printPorts = probe(limiter, addresses, reads);
    List<PolledDevice> printers = new ArrayList<>();
    List<String> outOfScope = new ArrayList<>();
    List<Unreachable> unreachable = new ArrayList<>();
    for (CompletableFuture<DeviceReader.Outcome> read : reads) {
      DeviceReader.Outcome outcome = read.join();
      if (outcome instanceof DeviceReader.Printer p) {
        printers.add(p.device());
        if (p.device().partial()) {
          log.info("{} - partial read: {}", p.address(), p.device().failures());
        }
      } else if (outcome instanceof DeviceReader.OutOfScope o) {
        outOfScope.add(o.address());
      } else if (outcome instanceof DeviceReader.NoAnswer n) {
        if (printPorts.containsKey(n.address())) {
          client.take(n.address());
          continue;
        }
        unreachable.add(
            Unreachable.of(
                n.address(), client.take(n.address()), n.reason() == null ? "" : n.reason()));
      }
    }
    return new ScanResult(
        addresses.size(), printers, outOfScope, unreachable, List.copyOf(printPorts.values()));
  }

  /**
   * The print-port probe of the addresses not read as printers, when enabled: silent ones (a
   * refusal said out loud is SNMP enough) and those out of scope. By address, in address order.
   */
  private Map<String, PrintPort> probe(
      AsyncLimiter limiter,
      List<InetAddress> addresses,
      List<CompletableFuture<DeviceReader.Outcome>> reads)
      throws InterruptedException {
    Map<String, PrintPort> found = new java.util.LinkedHashMap<>();
    if (!settings.portProbe().enabled()) {
      return found;
    }
    PrintPortProber prober = new PrintPortProber(settings.portProbe(), limiter, scheduler);
    List<String> asked = new ArrayList<>();
    List<Boolean> snmp = new ArrayList<>();
    List<CompletableFuture<java.util.OptionalInt>> probes = new ArrayList<>();
    for (int i = 0; i < addresses.size(); i++) {
      DeviceReader.Outcome outcome = reads.get(i).join();
      boolean outOfScope = outcome instanceof DeviceReader.OutOfScope;
      boolean silent =
          outcome instanceof DeviceReader.NoAnswer && !client.answeredSomething(outcome.address());
      if (outOfScope || silent) {
        asked.add(outcome.address());
        snmp.add(outOfScope);
        probes.add(prober.firstOpen(addresses.get(i)));
      }
    }
    try {
      CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a print-port probe failed unexpectedly", e.getCause());
    }
    for (int i = 0; i < asked.size(); i++) {
      java.util.OptionalInt port = probes.get(i).join();
      if (port.isPresent()) {
        found.put(asked.get(i), new PrintPort(asked.get(i), port.getAsInt(), snmp.get(i)));
      }
    }
    return found;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
