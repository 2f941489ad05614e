package org.openrps.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.openrps.agent.Agent;
import org.openrps.agent.AgentConfig;
import org.openrps.agent.AgentException;
import org.openrps.client.Credentials;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.amr.AmrRepository;
import org.openrps.server.amr.BillingSchedule;
import org.openrps.server.amr.MeterRead;
import org.openrps.server.fleet.DeviceState;
import org.openrps.server.incidents.IncidentJob;
import org.openrps.server.incidents.IncidentRepository;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.Life;
import org.openrps.simulator.PrinterTruth;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.simulator.Truth;
import org.openrps.simulator.TruthEvent;

/**
 * A simulated month of OpenRPS, checked against the simulator's ground truth (issue 11 point 7): a
 * lively fleet (office hours, printers off at night, jams, toner that runs out and is replaced, a
 * wrapped counter, a swapped device, a moved one), an agent that polls and syncs every step, and a
 * server whose jobs (incidents, meter reads for billing, supplies) run after each step, all on one
 * {@link SteppedClock}. The billing period closes inside the month. Afterwards every bill line,
 * order and incident is compared with what really happened.
 */
final class DemoMonth implements AutoCloseable {

  /**
   * What the month runs on.
   *
   * @param dataDir where the server's and the agent's files go; must be empty or absent
   * @param printers fleet size
   * @param firstAddress the first simulated printer's loopback address
   * @param snmpPort the simulated printers' UDP port
   * @param start the month's first instant (whole hours)
   * @param length how long it runs
   * @param step how often the agent polls and syncs and the jobs run
   */
  record Options(
      Path dataDir,
      int printers,
      InetAddress firstAddress,
      int snmpPort,
      Instant start,
      Duration length,
      Duration step) {

    Options {
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(firstAddress, "firstAddress");
      Objects.requireNonNull(start, "start");
      if (printers < 3) {
        throw new UserFacingException("--printers must be at least 3 for --month, not " + printers);
      }
      if (step.compareTo(Duration.ofMinutes(10)) < 0 || step.compareTo(Duration.ofHours(6)) > 0) {
        throw new IllegalArgumentException("step must be 10 minutes to 6 hours: " + step);
      }
      if (length.compareTo(Duration.ofDays(22)) < 0) {
        throw new IllegalArgumentException("a month runs at least 22 days: " + length);
      }
    }

    /** Thirty days of hourly steps that end about now, so the data is recent for the dashboard. */
    static Options endingNow(Path dataDir, int printers, InetAddress first, int snmpPort) {
      Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
      Duration length = Duration.ofDays(30);
      return new Options(
          dataDir, printers, first, snmpPort, end.minus(length), length, Duration.ofHours(1));
    }
  }

  /** A fault of one printer, from when it was raised to when it cleared (or the month ended). */
  record Episode(String serial, String fault, Instant raised, Instant cleared, boolean seen) {}

  /**
   * What the month came to, against the truth.
   *
   * @param billed bill lines with a number read from the device ({@code actual})
   * @param estimated bill lines estimated, with their method
   * @param held bill lines held for review with a flag (wrapped, swapped, backwards)
   * @param missing bill lines with no number
   * @param wrong billed lines whose number is not the simulator's counter at the reading (goal 0)
   * @param late billed lines whose device printed between the reading and the cut-off (goal 0)
   * @param unflaggedHolds held lines without a reason (goal 0)
   * @param estimatedSwapped bill lines estimated for a device swapped out before the cut-off: pages
   *     invented for a device no longer there (goal 0)
   * @param supplyEmpties toner cartridges the simulator ran empty during the month
   * @param ordersRaised supply orders the server raised
   * @param beforeEmpty emptied cartridges with an order raised before they ran out
   * @param misses emptied cartridges without one (goal 0)
   * @param serverMisses misses the server counted itself
   * @param faults fault episodes the simulator raised
   * @param faultsSeen fault episodes a poll saw (the agent read the printer while it lasted)
   * @param faultsWithoutIncident seen episodes no incident covered (goal 0)
   * @param opened incidents opened during the month
   * @param closed incidents closed during the month
   * @param falseIncidents incidents with no fault, outage or swap behind them (goal 0)
   * @param lateCloses incidents that closed more than two steps and the hold-down after their fault
   *     cleared, or closed before it did (goal 0)
   * @param nightOffLoss communication-loss incidents of printers that are only off at night (goal
   *     0)
   * @param nightOffPrinters printers that were switched off at night or at the weekend
   * @param period the closed billing period
   * @param problems what went against the truth, one line each
   */
  record Figures(
      int billed,
      int estimated,
      int held,
      int missing,
      int wrong,
      int late,
      int unflaggedHolds,
      int estimatedSwapped,
      int supplyEmpties,
      int ordersRaised,
      int beforeEmpty,
      int misses,
      int serverMisses,
      int faults,
      int faultsSeen,
      int faultsWithoutIncident,
      int opened,
      int closed,
      int falseIncidents,
      int lateCloses,
      int nightOffLoss,
      int nightOffPrinters,
      String period,
      List<String> problems) {}

  /** How far an alert's own time may lie before the poll that found it. */
  private static final Duration ALERT_SLACK = Duration.ofHours(1);

  /**
   * The simulator's faults, by the incident codes that stand for them. The error bits are the
   * printer's (lowToner goes when another toner is empty); a toner alert is its supply's: {@code
   * tonerLow} while some toner is low and not empty, {@code tonerEmpty} while some toner is empty.
   */
  static final Map<String, String> FAULT_OF_CODE =
      Map.of(
          "error:jammed", "jammed",
          "error:noPaper", "noPaper",
          "error:doorOpen", "doorOpen",
          "error:lowToner", "lowToner",
          "error:noToner", "noToner",
          "alert:jam", "jammed",
          "alert:inputMediaSupplyEmpty", "noPaper",
          "alert:doorOpen", "doorOpen",
          "alert:markerTonerAlmostEmpty", "tonerLow",
          "alert:markerTonerEmpty", "tonerEmpty");

  private final Shutdown resources = new Shutdown();
  private final Options options;
  private final SteppedClock clock;
  private final ServerApp server;
  private final Simulator simulator;
  private final Agent agent;
  private final BillingSchedule schedule;

  /** Per step: which devices (serial) reached the server with a reading taken then. */
  private final Map<Instant, Set<String>> readAt = new HashMap<>();

  /** Per step, in time order: the truth of each printer (by serial) then. */
  private final java.util.TreeMap<Instant, Map<String, PrinterTruth>> truthAt =
      new java.util.TreeMap<>();

  private DemoMonth(Options options) {
    this.options = options;
    this.clock = new SteppedClock(options.start());
    try {
      server =
          resources.closeLater(
              ServerApp.start(
                  ServerConfig.embedded(options.dataDir().resolve("server"), 0),
                  clock,
                  ServerApp.Jobs.onCall));
      server.putUser(Demo.USER, Demo.PASSWORD.toCharArray());
      Instant cutOff = options.start().plus(options.length().multipliedBy(2).dividedBy(3));
      schedule =
          new BillingSchedule(
              ZoneOffset.UTC,
              cutOff.atZone(ZoneOffset.UTC).getDayOfMonth(),
              LocalTime.MIDNIGHT,
              BillingSchedule.DEFAULT_WINDOW,
              BillingSchedule.DEFAULT_CLOSE_DELAY,
              BillingSchedule.DEFAULT_LEAD_DAYS,
              BillingSchedule.DEFAULT_FRESH,
              options.start());
      server.setBillingSchedule(TenantId.DEFAULT, schedule);
      Credentials credentials =
          Demo.enrolAgent(
              server, options.dataDir().resolve("agent").resolve("credentials.properties"));
      simulator =
          resources.closeLater(
              Demo.startSimulator(
                  new SimulatorConfig(
                          options.printers(),
                          options.firstAddress(),
                          options.snmpPort(),
                          "public",
                          1)
                      .withLife(Life.lively()),
                  clock));
      agent =
          resources.closeLater(
              Agent.open(
                  new AgentConfig(
                      options.dataDir().resolve("agent").resolve("agent.db"),
                      targets(simulator.printers()),
                      options.snmpPort(),
                      "public",
                      // loopback printers answer within milliseconds; one off at night costs a
                      // timeout per poll, so the month keeps it short
                      Duration.ofMillis(150),
                      0,
                      64,
                      URI.create("https://127.0.0.1:" + server.port()),
                      credentials.agentId(),
                      credentials.secret(),
                      Optional.of(server.certificatePem())),
                  clock));
    } catch (RuntimeException e) {
      resources.closeAll();
      throw e;
    }
  }

  /** Starts server, fleet and agent at the month's first instant, in an empty data directory. */
  static DemoMonth start(Options options) {
    Path dir = options.dataDir();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new UserFacingException(
              "--month needs an empty data directory: "
                  + dir
                  + " holds an earlier run's data; remove it or pass another --data");
        }
      } catch (IOException e) {
        throw new UserFacingException("cannot read " + dir + ": " + e.getMessage(), e);
      }
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UserFacingException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    return new DemoMonth(options);
  }

  /** The fleet's addresses and the one after the last, where the moved printer goes (DHCP). */
  static String targets(List<SimulatedPrinter> printers) {
    InetAddress last = printers.get(printers.size() - 1).address().getAddress();
    byte[] b = last.getAddress();
    for (int i = b.length - 1; i >= 0 && ++b[i] == 0; i--) {
      // carry
    }
    try {
      return printers.get(0).address().getAddress().getHostAddress()
          + "-"
          + InetAddress.getByAddress(b).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("an address of four bytes is always valid", e);
    }
  }

  /**
   * Runs the month: at each step the agent polls and syncs, then the server's jobs run. {@code
   * progress} hears about each simulated day.
   */
  Figures run(Consumer<String> progress) {
    Instant end = options.start().plus(options.length());
    Instant day = options.start().plus(Duration.ofDays(1));
    for (Instant t = options.start().plus(options.step());
        !t.isAfter(end);
        t = t.plus(options.step())) {
      clock.moveTo(t);
      try {
        agent.poll();
      } catch (AgentException e) {
        throw new UserFacingException("the month's agent could not poll at " + t + ": " + e, e);
      }
      var sync = agent.sync();
      if (sync.failure().isPresent()) {
        throw new UserFacingException(
            "the month's agent could not sync at " + t + ": " + sync.failure().get());
      }
      Set<String> seen = new HashSet<>();
      for (DeviceState d : server.devices()) {
        if (d.lastSeen().equals(t)) {
          seen.add(d.serial());
        }
      }
      readAt.put(t, seen);
      truthAt.put(t, bySerial(Truth.at(simulator.printers(), t)));
      server.runIncidents();
      server.runAmr();
      server.runAsr();
      if (!t.isBefore(day)) {
        progress.accept(
            String.format(
                Locale.ROOT,
                "  day %2d  %s  %d printers read",
                Duration.between(options.start(), t).toDays(),
                t.atZone(ZoneOffset.UTC).toLocalDate(),
                seen.size()));
        day = day.plus(Duration.ofDays(1));
      }
    }
    return figures(end);
  }

  /** Compares what the server made of the month with the simulator's truth. */
  private Figures figures(Instant end) {
    List<SimulatedPrinter> printers = simulator.printers();
    List<TruthEvent> events = Truth.events(printers, options.start(), end, Duration.ofMinutes(1));

    // billing: the one period that closed
    List<AmrRepository.Period> periods = server.billingPeriods(TenantId.DEFAULT);
    if (periods.isEmpty()) {
      throw new IllegalStateException("no billing period closed in the month");
    }
    AmrRepository.Period period = periods.get(0);
    Map<String, PrinterTruth> atCutOff = bySerial(Truth.at(printers, period.cutOff()));
    int billed = 0;
    int estimated = 0;
    int held = 0;
    int missing = 0;
    int wrong = 0;
    int late = 0;
    int unflaggedHolds = 0;
    int estimatedSwapped = 0;
    Set<String> swappedOut = new HashSet<>();
    for (TruthEvent e : events) {
      if (e.kind() == TruthEvent.Kind.deviceReplaced
          && Instant.parse(e.at()).isBefore(period.cutOff())) {
        swappedOut.add(e.detail());
      }
    }
    List<String> problems = new ArrayList<>();
    for (MeterRead r : server.meterReads(TenantId.DEFAULT, period.period())) {
      switch (r.status()) {
        case actual:
          billed++;
          PrinterTruth then =
              bySerial(Truth.at(printers, r.readAt().orElseThrow())).get(r.serial());
          Optional<Long> truth = then == null ? Optional.empty() : counter(then, r.meter());
          // a device's 32-bit counter past 2^32 shows the count modulo 2^32: that is its reading
          if (truth.isPresent()
              && truth.get() != r.value().getAsLong()
              && truth.get() % (1L << 32) != r.value().getAsLong()) {
            wrong++;
            problems.add(
                "billed "
                    + r.serial()
                    + " "
                    + r.meter()
                    + " "
                    + r.value().getAsLong()
                    + " at "
                    + r.readAt().orElseThrow()
                    + ", the simulator had "
                    + truth.get());
          }
          PrinterTruth cut = atCutOff.get(r.serial());
          Optional<Long> atCut = cut == null ? Optional.empty() : counter(cut, r.meter());
          if (truth.isPresent() && atCut.isPresent() && !atCut.equals(truth)) {
            late++;
            problems.add(
                "billed "
                    + r.serial()
                    + " "
                    + r.meter()
                    + " read at "
                    + r.readAt().orElseThrow()
                    + ": "
                    + truth.get()
                    + ", at the cut-off "
                    + atCut.get());
          }
          break;
        case estimated:
          estimated++;
          if (swappedOut.contains(r.serial())) {
            estimatedSwapped++;
            problems.add(
                "estimated " + r.serial() + " " + r.meter() + ", swapped out: " + r.basis());
          }
          break;
        case held:
          held++;
          if (r.flags().isEmpty()) {
            unflaggedHolds++;
          }
          break;
        default:
          missing++;
      }
    }

    // faults: episodes from the truth, seen when a reading of the printer reached the server
    List<Episode> episodes = episodes(events, end);
    episodes.addAll(tonerEpisodes(end));
    int seenFaults = (int) episodes.stream().filter(Episode::seen).count();
    List<IncidentRepository.Incident> incidents = server.incidents(100_000);
    int withoutIncident = 0;
    for (Episode e : episodes) {
      if (e.seen() && incidents.stream().noneMatch(i -> covers(i, e, end))) {
        withoutIncident++;
        problems.add("no incident for " + e);
      }
    }
    Set<String> swapped = new HashSet<>();
    for (TruthEvent e : events) {
      if (e.kind() == TruthEvent.Kind.deviceReplaced) {
        swapped.add(e.detail());
      }
    }
    Set<String> nightOff = nightOffSerials(events);
    int opened = 0;
    int closed = 0;
    int falseOnes = 0;
    int lateCloses = 0;
    int nightOffLoss = 0;
    for (IncidentRepository.Incident i : incidents) {
      opened++;
      if (i.closedAt().isPresent()) {
        closed++;
      }
      if (i.code().equals("communication:lost")) {
        if (!swapped.contains(i.serial())) {
          falseOnes++;
          problems.add("false " + i);
        }
        if (nightOff.contains(i.serial())) {
          nightOffLoss++;
        }
        continue;
      }
      String fault = FAULT_OF_CODE.get(i.code());
      List<Episode> behind =
          episodes.stream()
              .filter(e -> e.serial().equals(i.serial()) && e.fault().equals(fault))
              .filter(e -> overlaps(e, i, end))
              .toList();
      if (fault == null || behind.isEmpty()) {
        falseOnes++;
        problems.add("false " + i);
        continue;
      }
      Instant cleared = behind.get(behind.size() - 1).cleared();
      if (i.closedAt().isPresent()) {
        Instant c = i.closedAt().get();
        Duration allowed = options.step().multipliedBy(2).plus(IncidentJob.DEFAULT_HOLD_DOWN);
        if (c.isBefore(cleared) || c.isAfter(cleared.plus(allowed))) {
          lateCloses++;
          problems.add("closed at " + c + ", fault cleared at " + cleared + ": " + i);
        }
      } else if (cleared.isBefore(end.minus(options.step().multipliedBy(2)))) {
        lateCloses++;
        problems.add("still open, fault cleared at " + cleared + ": " + i);
      }
    }
    // supplies: every toner the simulator emptied had an order raised before, for that cartridge
    List<org.openrps.server.asr.AsrRepository.Order> orders = server.orders(100_000);
    int empties = 0;
    int beforeEmpty = 0;
    Map<List<String>, Instant> cartridgeSince = new HashMap<>();
    for (TruthEvent e : events) {
      String[] what = e.detail().split(" ", 2);
      if (e.kind() != TruthEvent.Kind.supplyEmptied && e.kind() != TruthEvent.Kind.supplyReplaced) {
        continue;
      }
      int index = Integer.parseInt(what[0]);
      List<String> key = List.of(e.serial(), what[0]);
      Instant at = Instant.parse(e.at());
      if (e.kind() == TruthEvent.Kind.supplyReplaced) {
        cartridgeSince.put(key, at);
        continue;
      }
      if (!isToner(e.serial(), index)) {
        continue;
      }
      empties++;
      Instant since = cartridgeSince.getOrDefault(key, options.start());
      boolean ordered =
          orders.stream()
              .anyMatch(
                  o ->
                      o.serial().equals(e.serial())
                          && o.supplyIndex() == index
                          && o.raisedAt().isBefore(at)
                          && !o.raisedAt().isBefore(since));
      if (ordered) {
        beforeEmpty++;
      } else {
        problems.add(
            "no order before " + e.serial() + " supply " + e.detail() + " ran empty at " + at);
      }
    }
    return new Figures(
        billed,
        estimated,
        held,
        missing,
        wrong,
        late,
        unflaggedHolds,
        estimatedSwapped,
        empties,
        orders.size(),
        beforeEmpty,
        empties - beforeEmpty,
        server.supplyMisses(100_000).size(),
        episodes.size(),
        seenFaults,
        withoutIncident,
        opened,
        closed,
        falseOnes,
        lateCloses,
        nightOffLoss,
        nightOff.size(),
        period.period(),
        problems);
  }

  /** The simulator's fault episodes; seen when the agent read the printer while one lasted. */
  private List<Episode> episodes(List<TruthEvent> events, Instant end) {
    Map<List<String>, Instant> raised = new HashMap<>();
    List<Episode> out = new ArrayList<>();
    for (TruthEvent e : events) {
      List<String> key = List.of(e.serial(), e.detail());
      if (e.kind() == TruthEvent.Kind.faultRaised) {
        raised.put(key, Instant.parse(e.at()));
      } else if (e.kind() == TruthEvent.Kind.faultCleared && raised.containsKey(key)) {
        out.add(episode(e.serial(), e.detail(), raised.remove(key), Instant.parse(e.at())));
      }
    }
    raised.forEach((k, at) -> out.add(episode(k.get(0), k.get(1), at, end.plusSeconds(1))));
    return out;
  }

  /** Toner low and toner empty episodes, from the truth at each step (to within one step). */
  private List<Episode> tonerEpisodes(Instant end) {
    List<Episode> out = new ArrayList<>();
    Map<List<String>, Instant> since = new HashMap<>();
    for (Map.Entry<Instant, Map<String, PrinterTruth>> step : truthAt.entrySet()) {
      Instant t = step.getKey();
      Set<List<String>> now = new HashSet<>();
      for (PrinterTruth p : step.getValue().values()) {
        for (PrinterTruth.Supply s : p.supplies()) {
          if (s.toner() && s.remaining() <= 0) {
            now.add(List.of(p.serial(), "tonerEmpty"));
          } else if (s.toner() && s.remaining() <= 0.1) {
            now.add(List.of(p.serial(), "tonerLow"));
          }
        }
      }
      for (List<String> k : now) {
        since.putIfAbsent(k, t);
      }
      for (java.util.Iterator<Map.Entry<List<String>, Instant>> it = since.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<List<String>, Instant> e = it.next();
        if (!now.contains(e.getKey())) {
          out.add(episode(e.getKey().get(0), e.getKey().get(1), e.getValue(), t));
          it.remove();
        }
      }
    }
    since.forEach((k, at) -> out.add(episode(k.get(0), k.get(1), at, end.plusSeconds(1))));
    return out;
  }

  private Episode episode(String serial, String fault, Instant raised, Instant cleared) {
    boolean seen = false;
    for (Map.Entry<Instant, Set<String>> step : readAt.entrySet()) {
      Instant t = step.getKey();
      if (!t.isBefore(raised) && t.isBefore(cleared) && step.getValue().contains(serial)) {
        seen = true;
        break;
      }
    }
    return new Episode(serial, fault, raised, cleared, seen);
  }

  /** Whether an incident of the episode's fault was open at every reading taken during it. */
  private boolean covers(IncidentRepository.Incident i, Episode e, Instant end) {
    if (!i.serial().equals(e.serial()) || !e.fault().equals(FAULT_OF_CODE.get(i.code()))) {
      return false;
    }
    Instant closedAt = i.closedAt().orElse(end.plusSeconds(1));
    for (Map.Entry<Instant, Set<String>> step : readAt.entrySet()) {
      Instant t = step.getKey();
      if (!t.isBefore(e.raised())
          && t.isBefore(e.cleared())
          && step.getValue().contains(e.serial())) {
        if (i.openedAt().isAfter(t) || !closedAt.isAfter(t)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether the incident was open while the episode lasted (an alert's time may lead a little). */
  private static boolean overlaps(Episode e, IncidentRepository.Incident i, Instant end) {
    Instant from = i.openedAt();
    Instant to = i.closedAt().orElse(end.plusSeconds(1));
    return e.raised().minus(ALERT_SLACK).isBefore(to) && from.isBefore(e.cleared().plusSeconds(1));
  }

  /** Whether the printer's supply at {@code index} is a toner, as the truth of any step says. */
  private boolean isToner(String serial, int index) {
    for (Map<String, PrinterTruth> step : truthAt.values()) {
      PrinterTruth t = step.get(serial);
      if (t != null && index >= 1 && index <= t.supplies().size()) {
        return t.supplies().get(index - 1).toner();
      }
    }
    return false;
  }

  /** Serials of printers that went off and came back on (at night or at the weekend). */
  private static Set<String> nightOffSerials(List<TruthEvent> events) {
    Set<String> out = new HashSet<>();
    for (TruthEvent e : events) {
      if (e.kind() == TruthEvent.Kind.poweredOff) {
        out.add(e.serial());
      }
    }
    return out;
  }

  private static Map<String, PrinterTruth> bySerial(List<PrinterTruth> truths) {
    Map<String, PrinterTruth> out = new HashMap<>();
    for (PrinterTruth t : truths) {
      out.put(t.serial(), t);
    }
    return out;
  }

  /**
   * The simulator's counter behind a billing meter: {@code total} and {@code pages} are the life
   * count unless the model has a vendor total; {@code print.mono} is {@code printMono}, and so on.
   */
  static Optional<Long> counter(PrinterTruth t, String meter) {
    if (meter.equals("pages")) {
      return Optional.of(t.lifeCount());
    }
    if (meter.equals("total")) {
      return Optional.of(t.counts().getOrDefault("total", t.lifeCount()));
    }
    String[] parts = meter.split("\\.");
    StringBuilder name = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      name.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return Optional.ofNullable(t.counts().get(name.toString()));
  }

  ServerApp server() {
    return server;
  }

  Simulator simulator() {
    return simulator;
  }

  BillingSchedule schedule() {
    return schedule;
  }

  @Override
  public void close() {
    resources.closeAll();
  }
}
