package org.openrps.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openrps.agent.Agent;
import org.openrps.agent.AgentConfig;
import org.openrps.agent.AgentException;
import org.openrps.agent.CycleResult;
import org.openrps.agent.store.RetentionPolicy;
import org.openrps.client.Credentials;
import org.openrps.client.EnrolmentClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openrps agent}: discovers, polls and syncs on a daily schedule. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the device agent: discover, poll, store and sync printers.",
      "",
      "Discovers printers by SNMP, reads them, keeps the readings",
      "in SQLite and sends them to the server over HTTPS. Runs one cycle at start, then",
      "once a day at --sync-at (local time), until Ctrl-C; --once runs one cycle and exits."
    })
final class AgentCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--targets",
      description =
          "Addresses to scan: ranges (a-b), CIDR blocks, single addresses, comma-separated"
              + " (required, here or in --config).")
  String targets;

  @Option(
      names = "--server",
      description =
          "Server URL, e.g. https://rps.example.com:8443 (required, here or in --config).")
  URI server;

  @Option(
      names = "--enrol-code",
      description = {
        "One-time code from the server's administrator ('openrps server enrol-code').",
        "Used once, when the credentials file does not exist yet: the agent exchanges it",
        "for its own id and secret and keeps them in the credentials file."
      })
  Optional<String> enrolCode;

  @Option(
      names = "--credentials",
      description =
          "This agent's credentials file (mode 0600). Default: credentials.properties in --data.")
  Optional<Path> credentialsFile;

  @Option(
      names = "--trust-cert",
      description =
          "PEM certificate or CA to trust for the server. Default: the system trust store.")
  Optional<Path> trustCert;

  @Option(
      names = "--data",
      defaultValue = "agent-data",
      description = "Data directory for the agent's SQLite file (default: ${DEFAULT-VALUE}).")
  Path data;

  @Mixin SnmpOptions snmp;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = {
        "Properties file with any of these options as key=value, the key being the option's",
        "name without '--' (targets=..., server=..., community=..., v3-user=..., auth-pass=...).",
        "Options on the command line win. Keep it mode 0600 when it holds passphrases."
      })
  Optional<Path> configFile;

  /** True in the instance that was parsed with the config file's values as defaults. */
  private boolean configApplied;

  @Option(
      names = "--retention-days",
      defaultValue = "400",
      description = "Days of readings kept in the agent's database (default: ${DEFAULT-VALUE}).")
  int retentionDays;

  @Option(
      names = "--sync-at",
      defaultValue = "02:00",
      description = "Local time of the daily cycle (default: ${DEFAULT-VALUE}).")
  LocalTime syncAt;

  @Option(names = "--once", description = "Run one cycle, print the summary and exit.")
  boolean once;

  @Override
  public Integer call() throws Exception {
    if (configFile.isPresent() && !configApplied) {
      return runWithConfigFile(configFile.get());
    }
    if (targets == null || server == null) {
      throw new UserFacingException(
          "--targets and --server are required, on the command line or in the --config file");
    }
    Credentials credentials = credentials();
    AgentConfig config;
    try {
      config =
          new AgentConfig(
              data.resolve("agent.db"),
              targets,
              snmp.settings(),
              new RetentionPolicy(retentionDays),
              server,
              credentials.agentId(),
              credentials.secret(),
              trustCert);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException(e.getMessage(), e);
    }
    Clock clock = Clock.systemDefaultZone();
    PrintWriter out = spec.commandLine().getOut();
    if (once) {
      try (Agent agent = Agent.open(config, clock)) {
        runAndPrint(agent, out);
      }
      return 0;
    }
    Shutdown shutdown = new Shutdown();
    Agent agent = shutdown.closeLater(Agent.open(config, clock));
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "openrps-agent-schedule"));
    shutdown.closeLater(
        () -> {
          scheduler.shutdownNow();
          scheduler.awaitTermination(30, TimeUnit.SECONDS);
        });
    scheduler.execute(() -> cycleAndReschedule(agent, out, scheduler, clock));
    shutdown.awaitSignal();
    return 0;
  }

  /** Parses the same arguments again with the file's values as defaults, and runs that. */
  private int runWithConfigFile(Path file) {
    AgentCommand withFile = new AgentCommand();
    withFile.configApplied = true;
    CommandLine cli = new CommandLine(withFile);
    cli.setDefaultValueProvider(ConfigFile.defaults(file, cli.getCommandSpec()));
    CommandLine outer = spec.commandLine();
    cli.setOut(outer.getOut());
    cli.setErr(outer.getErr());
    cli.setExecutionExceptionHandler(outer.getExecutionExceptionHandler());
    List<String> all = outer.getParseResult().originalArgs();
    int at = all.indexOf(outer.getCommandName());
    return cli.execute(all.subList(at + 1, all.size()).toArray(String[]::new));
  }

  /**
   * The agent's own id and secret: from its credentials file, or, on first start with {@code
   * --enrol-code}, from the server in exchange for the code (then kept in the file).
   */
  private Credentials credentials() {
    Path file = credentialsFile.orElse(data.resolve("credentials.properties"));
    if (Files.exists(file)) {
      return Credentials.load(file);
    }
    String code =
        enrolCode.orElseThrow(
            () ->
                new UserFacingException(
                    "no credentials in "
                        + file
                        + ": enrol this agent once with --enrol-code CODE (ask the server's"
                        + " administrator for a code: openrps server enrol-code --site SITE)"));
    try {
      Credentials credentials = new EnrolmentClient(server, trustCert).enrol(code);
      credentials.save(file);
      spec.commandLine()
          .getOut()
          .printf(
              "openrps agent: enrolled as %s; credentials kept in %s%n",
              credentials.agentId(), file);
      return credentials;
    } catch (EnrolmentClient.EnrolmentException e) {
      throw new UserFacingException("enrolment failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserFacingException("interrupted while enrolling", e);
    }
  }

  private void cycleAndReschedule(
      Agent agent, PrintWriter out, ScheduledExecutorService scheduler, Clock clock) {
    try {
      runAndPrint(agent, out);
    } catch (AgentException | RuntimeException e) {
      out.println("openrps agent: cycle failed, readings kept for the next one: " + e.getMessage());
      out.flush();
    }
    Duration wait = untilNext(ZonedDateTime.now(clock), syncAt);
    out.printf("openrps agent: next cycle in %s%n", wait.withNanos(0));
    out.flush();
    scheduler.schedule(
        () -> cycleAndReschedule(agent, out, scheduler, clock),
        wait.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static void runAndPrint(Agent agent, PrintWriter out) throws AgentException {
    CycleResult result = agent.runCycle();
    out.println("openrps agent: cycle done");
    CycleReport.print(out, result);
    out.flush();
  }

  /** Time from {@code now} to the next {@code at} (tomorrow if today's has passed). */
  static Duration untilNext(ZonedDateTime now, LocalTime at) {
    ZonedDateTime next = now.with(at);
    if (!next.isAfter(now)) {
      next = next.plusDays(1);
    }
    return Duration.between(now, next);
  }
}
