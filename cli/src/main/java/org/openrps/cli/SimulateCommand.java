package org.openrps.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.openrps.simulator.DeviceDirectFleet;
import org.openrps.simulator.FaultKind;
import org.openrps.simulator.FaultRule;
import org.openrps.simulator.Life;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.SimulationClock;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.simulator.SimulatorOptions;
import org.openrps.simulator.TruthServer;
import org.openrps.snmp.Passphrase;
import org.openrps.snmp.UsmUser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openrps simulate}: a fleet of SNMP printers on loopback addresses. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a fleet of simulated SNMP printers on loopback addresses.",
      "",
      "Runs simulated SNMP printers, each on its own loopback address,",
      "until Ctrl-C. Printer i answers on the i-th address from --first-address",
      "(host parts .0 and .255 are skipped). Fleets over 5,000 printers are",
      "spread over worker processes that stop with this command."
    })
final class SimulateCommand implements Callable<Integer> {

  /** The default mix: the model file's printers, plus 1 % switches and 1 % UPSs. */
  static final Map<String, Integer> DEFAULT_MIX = Map.of("printer", 98, "switch", 1, "ups", 1);

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--printers",
      description = "How many printers (default: 50, or one per recording).")
  Integer printers;

  @Option(
      names = "--first-address",
      defaultValue = "127.50.0.1",
      description = "Address of the first printer, in 127.0.0.0/8 (default: ${DEFAULT-VALUE}).")
  String firstAddress;

  @Option(
      names = "--port",
      defaultValue = "1161",
      description = "UDP port every printer answers on (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--community",
      defaultValue = "public",
      description = "SNMPv1/v2c community (default: ${DEFAULT-VALUE}).")
  String community;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description =
          "Seed of every random choice, so a run can be replayed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--mix",
      description = {
        "Shares per make, model or kind, e.g. 'HP=40,Brother=20,Kyocera=40' or",
        "'printer=95,switch=3,ups=2' (default: the model file's weights, 1 %% switches, 1 %% UPSs)."
      })
  String mix;

  @Option(names = "--models", description = "A model file to use instead of the built-in one.")
  Path models;

  @Option(
      names = "--faults",
      description = {
        "Faults per share of the fleet or per printer index, e.g.",
        "'garbled=2%%,silent=1%%,late=#7,tooBig=#3;#4'. Kinds: silent, slow, late, truncated,",
        "garbled, wrongRequestId, tooBig, noSuchName, nonIncreasing, hugeStrings, wrongCommunity."
      })
  String faults;

  @Option(
      names = "--speed",
      defaultValue = "1",
      description = "Simulated seconds per real second, e.g. 3600 (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(
      names = "--start",
      description = "Simulated start instant, e.g. 2026-03-02T08:00:00Z (default: now).")
  String start;

  @Option(
      names = "--life",
      defaultValue = "lively",
      description = {
        "lively: office hours, 10 %% off at night, jams, replacements, printer 0 wraps its",
        "Counter32, printer 1 swapped after 2 days, printer 2 moves after 3 days;",
        "steady: pages around the clock and nothing else (default: ${DEFAULT-VALUE})."
      })
  String life;

  @Option(
      names = "--recordings",
      description = "Serve every *.snmprec file of this directory instead of models.")
  Path recordings;

  @Option(
      names = "--processes",
      defaultValue = "0",
      description = "Worker processes: 0 picks (one per 5,000 printers), 1 keeps all here.")
  int processes;

  @Option(
      names = "--auth-pass",
      defaultValue = "authpass-openrps",
      description = {
        "SNMPv3 authentication passphrase of the 31 users <auth>-<priv> every printer knows",
        "(md5, sha1, sha224, sha256, sha384, sha512 x none, des, aes128, aes192, aes256, and",
        "none-none); HP models answer v3 in context Jetdirect only (default: ${DEFAULT-VALUE})."
      })
  String authPass;

  @Option(
      names = "--priv-pass",
      defaultValue = "privpass-openrps",
      description = "SNMPv3 privacy passphrase of those users (default: ${DEFAULT-VALUE}).")
  String privPass;

  @Option(names = "--no-v3", description = "Answer SNMPv1 and v2c only.")
  boolean noV3;

  @Option(
      names = "--truth-port",
      paramLabel = "PORT",
      description =
          "Serve the fleet's ground truth (counters, supplies, faults, power at an instant; what"
              + " changed between two) as JSON on http://127.0.0.1:PORT/truth/ (0: a free port).")
  Integer truthPort;

  @Option(
      names = "--device-direct",
      paramLabel = "SHARE",
      description =
          "Run a Device Direct module inside this share of the printers (e.g. 20%%): each reports"
              + " its printer straight to --server and applies the commands it fetches, which"
              + " then show over SNMP.")
  String deviceDirect;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "The server the Device Direct modules report to (https://host:port).")
  java.net.URI server;

  @Option(
      names = "--trust-cert",
      paramLabel = "PEM",
      description = "The server's certificate or CA the modules trust (default: the system's).")
  Path trustCert;

  @Option(
      names = "--enrol-codes",
      paramLabel = "FILE",
      description =
          "One-time enrolment codes, one per line, one per module not enrolled yet (openrps"
              + " server enrol-code).")
  Path enrolCodes;

  @Option(
      names = "--device-data",
      paramLabel = "DIR",
      defaultValue = "simulate-data/device-direct",
      description = "Where the modules keep credentials and queues (default: ${DEFAULT-VALUE}).")
  Path deviceData;

  @Option(
      names = "--command-poll",
      paramLabel = "DURATION",
      defaultValue = "1m",
      converter = DurationConverter.class,
      description = "How often the modules fetch commands (default: ${DEFAULT-VALUE}).")
  java.time.Duration commandPoll;

  @Override
  public Integer call() {
    Shutdown shutdown = new Shutdown();
    double directShare = deviceDirect == null ? 0 : share(deviceDirect);
    if (deviceDirect != null && server == null) {
      throw new UserFacingException("--device-direct needs --server https://HOST:PORT");
    }
    SimulatorConfig config = config();
    PrintWriter out = spec.commandLine().getOut();
    int total = config.printers();
    long t0 = System.nanoTime();
    Clock clock = clock();
    Simulator sim =
        shutdown.closeLater(
            start(
                config,
                clock,
                bound -> {
                  if (total >= 1000) {
                    out.printf("\rstarting: %,d / %,d printers bound", bound, total);
                    out.flush();
                  }
                }));
    if (total >= 1000) {
      out.println();
    }
    for (String reason : sim.rejected()) {
      out.println("openrps simulate: recording rejected: " + reason);
    }
    out.printf(
        Locale.ROOT,
        "openrps simulate: %d printers answering on %s udp/%d (community %s)%s in %.1f s;"
            + " Ctrl-C to stop%n",
        sim.printers().size(),
        addressRange(sim.printers()),
        sim.printers().get(0).address().getPort(),
        community,
        sim.workerProcesses() > 0 ? ", " + sim.workerProcesses() + " worker processes," : "",
        (System.nanoTime() - t0) / 1e9);
    if (truthPort != null) {
      try {
        TruthServer truth =
            shutdown.closeLater(TruthServer.start(sim.printers(), clock, truthPort));
        out.printf(
            "openrps simulate: ground truth on http://127.0.0.1:%d/truth/printers and"
                + " /truth/events?from=...&to=...%n",
            truth.port());
      } catch (IOException e) {
        throw new UserFacingException(
            "--truth-port " + truthPort + ": cannot listen (" + e.getMessage() + ")", e);
      }
    }
    if (deviceDirect != null) {
      DeviceDirectFleet modules = shutdown.closeLater(deviceDirect(sim, directShare));
      out.printf(
          "openrps simulate: Device Direct inside %d printers (%s), reporting to %s%n",
          modules.members().size(),
          modules.members().stream()
              .map(m -> m.printer().address().getAddress().getHostAddress())
              .collect(java.util.stream.Collectors.joining(", ")),
          server);
    }
    out.flush();
    sim.failure()
        .thenAccept(
            reason -> {
              System.err.println("openrps simulate: " + reason + "; stopping");
              System.exit(1);
            });
    shutdown.awaitSignal();
    return 0;
  }

  /** "20%" or "0.2" as a share from 0 to 1. */
  static double share(String text) {
    String t = text.strip();
    try {
      double v =
          t.endsWith("%")
              ? Double.parseDouble(t.substring(0, t.length() - 1).strip()) / 100
              : Double.parseDouble(t);
      if (!(v >= 0 && v <= 1)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new UserFacingException(
          "--device-direct is a share such as 20% (0 to 100%), not " + text, e);
    }
  }

  private DeviceDirectFleet deviceDirect(Simulator sim, double share) {
    java.util.Deque<String> codes = new java.util.ArrayDeque<>();
    if (enrolCodes != null) {
      try {
        Files.readAllLines(enrolCodes).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .forEach(codes::add);
      } catch (IOException e) {
        throw new UserFacingException(
            "cannot read --enrol-codes " + enrolCodes + ": " + e.getMessage(), e);
      }
    }
    try {
      return DeviceDirectFleet.start(
          sim,
          share,
          new DeviceDirectFleet.Settings(
              server, java.util.Optional.ofNullable(trustCert), deviceData, commandPoll, true),
          p -> java.util.Optional.ofNullable(codes.poll()),
          Clock.systemUTC());
    } catch (IOException | IllegalStateException | IllegalArgumentException e) {
      throw new UserFacingException("Device Direct could not start: " + e.getMessage(), e);
    }
  }

  private Clock clock() {
    Instant from;
    try {
      from = start == null ? Instant.now() : Instant.parse(start);
    } catch (DateTimeParseException e) {
      throw new UserFacingException("--start must be an instant like 2026-03-02T08:00:00Z", e);
    }
    if (!(speed >= 0 && speed <= 1_000_000)) {
      throw new UserFacingException("--speed must be 0..1000000, not " + speed);
    }
    return SimulationClock.start(from, speed, Clock.systemUTC());
  }

  SimulatorConfig config() {
    int n = printers == null ? SimulatorConfig.DEFAULT_PRINTERS : printers;
    SimulatorOptions options = SimulatorOptions.defaults().withProcesses(processes);
    if (recordings != null) {
      options = options.withRecordings(recordings);
      if (printers == null) {
        n = countRecordings(recordings);
      }
    }
    if (n < 1) {
      throw new UserFacingException("--printers must be at least 1, not " + n);
    }
    options = options.withMix(mix == null ? DEFAULT_MIX : parseMix(mix));
    if (models != null) {
      options = options.withModels(models);
    }
    switch (life) {
      case "lively":
        options = options.withLife(Life.lively());
        break;
      case "steady":
        options = options.withLife(Life.steady());
        break;
      default:
        throw new UserFacingException("--life is lively or steady, not " + life);
    }
    if (faults != null) {
      for (FaultRule rule : parseFaults(faults)) {
        options = options.withFault(rule);
      }
    }
    options = options.withUsers(noV3 ? List.of() : users(authPass, privPass));
    try {
      return new SimulatorConfig(n, loopback(firstAddress), port, community, seed, options);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException(e.getMessage(), e);
    }
  }

  /** Every {@code <auth>-<priv>} user with these passphrases. */
  static List<UsmUser> users(String authPass, String privPass) {
    Passphrase auth;
    Passphrase priv;
    try {
      auth = Passphrase.of(authPass);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException("--auth-pass: " + e.getMessage(), e);
    }
    try {
      priv = Passphrase.of(privPass);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException("--priv-pass: " + e.getMessage(), e);
    }
    return UsmUser.everyCombination(auth, priv);
  }

  private static int countRecordings(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return (int) files.filter(p -> p.getFileName().toString().endsWith(".snmprec")).count();
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot read --recordings " + directory + ": " + e.getMessage(), e);
    }
  }

  /** "HP=40,Brother=20" -> {HP: 40, Brother: 20}. */
  static Map<String, Integer> parseMix(String text) {
    Map<String, Integer> mix = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      int eq = part.lastIndexOf('=');
      try {
        if (eq < 1) {
          throw new NumberFormatException();
        }
        mix.put(
            part.substring(0, eq).strip(),
            Integer.parseInt(part.substring(eq + 1).strip().replace("%", "")));
      } catch (NumberFormatException e) {
        throw new UserFacingException("--mix: '" + part + "' is not NAME=SHARE", e);
      }
    }
    return mix;
  }

  /** "garbled=2%,late=#7;#9" -> rules. */
  static List<FaultRule> parseFaults(String text) {
    return Stream.of(text.split(","))
        .map(
            part -> {
              int eq = part.indexOf('=');
              if (eq < 1) {
                throw new UserFacingException(
                    "--faults: '" + part + "' is not KIND=SHARE% or KIND=#INDEX");
              }
              try {
                FaultKind kind = FaultKind.of(part.substring(0, eq));
                String value = part.substring(eq + 1).strip();
                if (value.startsWith("#")) {
                  Integer[] indexes =
                      Stream.of(value.split(";"))
                          .map(s -> Integer.parseInt(s.strip().replace("#", "")))
                          .toArray(Integer[]::new);
                  return FaultRule.at(kind, indexes);
                }
                double share =
                    value.endsWith("%")
                        ? Double.parseDouble(value.substring(0, value.length() - 1)) / 100
                        : Double.parseDouble(value);
                return FaultRule.of(kind, share);
              } catch (IllegalArgumentException e) {
                throw new UserFacingException("--faults: '" + part + "': " + e.getMessage(), e);
              }
            })
        .toList();
  }

  static Simulator start(SimulatorConfig config) {
    return start(config, Clock.systemUTC(), bound -> {});
  }

  static Simulator start(
      SimulatorConfig config, Clock clock, java.util.function.IntConsumer progress) {
    try {
      return Simulator.start(config, clock, progress);
    } catch (IOException | RuntimeException e) {
      throw new UserFacingException(
          "the simulator could not start on udp/" + config.port() + ": " + e.getMessage(), e);
    }
  }

  /** An address in 127.0.0.0/8; anything else is refused, so no traffic leaves the machine. */
  static InetAddress loopback(String text) {
    try {
      InetAddress address = InetAddress.getByName(text);
      if (!address.isLoopbackAddress() || address.getAddress().length != 4) {
        throw new UserFacingException(text + " is not an IPv4 loopback address (127.x.y.z)");
      }
      return address;
    } catch (UnknownHostException e) {
      throw new UserFacingException("not an address: " + text, e);
    }
  }

  /** "first-last" of the printers' addresses, as a target range the agent understands. */
  static String addressRange(List<SimulatedPrinter> printers) {
    String first = printers.get(0).address().getAddress().getHostAddress();
    String last = printers.get(printers.size() - 1).address().getAddress().getHostAddress();
    return first.equals(last) ? first : first + "-" + last;
  }
}
