package org.openrps.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openrps.agent.Agent;
import org.openrps.agent.AgentConfig;
import org.openrps.agent.AgentDaemon;
import org.openrps.agent.AgentException;
import org.openrps.agent.AgentOperations;
import org.openrps.agent.AgentVersion;
import org.openrps.agent.CycleResult;
import org.openrps.agent.SyncOutcome;
import org.openrps.agent.command.AgentCommands;
import org.openrps.agent.control.ControlSocket;
import org.openrps.agent.mail.AlertMonitor;
import org.openrps.agent.mail.AlertRule;
import org.openrps.agent.page.PagePassword;
import org.openrps.agent.page.StatusPage;
import org.openrps.agent.remote.EffectiveSettings;
import org.openrps.agent.remote.LocalSettings;
import org.openrps.agent.remote.RemoteConfigurator;
import org.openrps.agent.remote.RemoteSettings;
import org.openrps.agent.report.AuditReport;
import org.openrps.agent.report.AuditReportReader;
import org.openrps.agent.schedule.Schedule;
import org.openrps.agent.status.AgentStatusReader;
import org.openrps.agent.status.NextSteps;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.RefusedReport;
import org.openrps.agent.store.RetentionPolicy;
import org.openrps.agent.sync.RetryPolicy;
import org.openrps.client.Credentials;
import org.openrps.client.EnrolmentClient;
import org.openrps.client.HttpProxy;
import org.openrps.client.Tls;
import org.openrps.client.Transport;
import org.openrps.mailer.SmtpSender;
import org.openrps.mailer.SmtpSettings;
import org.openrps.wire.WireJson;
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
      "Discovers printers by SNMP, reads them, keeps the readings in SQLite and sends"
          + " them to the server over HTTPS. Polls every --poll-every and syncs once a day at"
          + " --sync-at (local time), until Ctrl-C or SIGTERM, which stop it between steps;"
          + " --once runs one poll and one sync and exits. 'agent sync-now' makes the"
          + " running agent sync at once.",
      "",
      "Readings stay in the agent's outbox until the server acknowledges them; a failed"
          + " sync is tried again (1 min, 2 min, 4 min, ... at most 30 min apart, with"
          + " jitter).",
      "",
      "'agent status' shows the sync window; the running agent serves the same on a local"
          + " page (--page-port, this machine only unless --page-bind).",
      "",
      "With --smtp-host the agent e-mails its --alert rules itself: one e-mail when a condition"
          + " starts and one when it is over, checked after each poll and each sync;"
          + " 'agent test-mail' checks the SMTP settings."
    },
    subcommands = {
      AgentSyncNowCommand.class,
      AgentStatusCommand.class,
      AgentPreviewCommand.class,
      AgentOutboxCommand.class,
      AgentReportCommand.class,
      AgentTestMailCommand.class
    },
    exitCodeListHeading = "%nExit codes (--once):%n",
    exitCodeList = {
      "0:cycle done, everything acknowledged by the server",
      "2:bad command line or config, or the agent cannot start (e.g. its database is damaged"
          + " or not its own; the file is left as it is)",
      "3:sync failed (server unreachable, certificate not trusted, server error): readings"
          + " kept for the next run",
      "4:the server refused a report for its content: kept with the server's reason, sent"
          + " again by another agent version",
      "5:this cycle's readings could not be stored (e.g. disk full): nothing half-written",
      "6:discovery failed",
      "1:an unexpected fault (a bug): rerun with --debug and report the trace"
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
      description =
          "One-time code from the server's administrator ('openrps server enrol-code'). Used once, when the credentials file does not exist yet: the agent exchanges it for its own id and secret and keeps them in the credentials file.")
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
      names = "--proxy",
      paramLabel = "http://HOST:PORT",
      description =
          "HTTP proxy for every request to the server (uploads, enrolment, commands): HTTPS goes"
              + " through it by CONNECT, TLS end to end. Default: none, straight to the server.")
  Optional<URI> proxy;

  @Option(
      names = "--proxy-user",
      paramLabel = "USER",
      description = "User for the proxy's Basic authentication (default: none).")
  Optional<String> proxyUser;

  @Option(
      names = "--proxy-password",
      paramLabel = "PASSWORD",
      description =
          "The proxy user's password; better as proxy-password= in a --config file of mode 0600"
              + " than on the command line.")
  Optional<String> proxyPassword;

  @Option(
      names = "--rotate-every",
      defaultValue = "90d",
      converter = DurationConverter.class,
      paramLabel = "PERIOD",
      description =
          "How often the agent asks the server for a new secret, checked after each successful"
              + " sync (default: ${DEFAULT-VALUE}; 0: never). The old secret works until the new"
              + " one is in use, so no failure locks the agent out.")
  Duration rotateEvery;

  @Option(
      names = "--data",
      defaultValue = "agent-data",
      description = "Data directory for the agent's SQLite file (default: ${DEFAULT-VALUE}).")
  Path data;

  @Mixin SnmpOptions snmp;

  @Mixin SmtpOptions smtp;

  @Option(
      names = "--alert",
      paramLabel = "RULE",
      split = "\n",
      description = {
        "An e-mail alert rule, KIND[=ARG]:RECIPIENT[,RECIPIENT...]; repeatable (alert.1=,",
        "alert.2= in --config); needs --smtp-host. KIND is supply-below=PERCENT%% (a supply",
        "at or below it; unknown levels never count), device-unreachable=DURATION,",
        "new-alert (a new fault or alert of a device), server-unreachable=DURATION (no good",
        "exchange with the server for that long) or backlog-older=DURATION (the oldest",
        "reading waiting for the server older than that); durations like 30m, 4h, 2d.",
        "E.g. supply-below=10%%:stock@example.com,it@example.com"
      })
  List<String> alerts = new java.util.ArrayList<>();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Properties file with any of these options as key=value, the key being the option's name without '--' (targets=..., server=..., community=..., v3-user=..., auth-pass=...). Options on the command line win. Keep it mode 0600 when it holds passphrases.")
  Optional<Path> configFile;

  /** True in the instance that was parsed with the config file's values as defaults. */
  private boolean configApplied;

  @Option(
      names = "--retention-days",
      defaultValue = "400",
      description = "Days of readings kept in the agent's database (default: ${DEFAULT-VALUE}).")
  int retentionDays;

  @Option(
      names = "--site-name",
      paramLabel = "NAME",
      description =
          "This site's name, sent to the server with the agent's site information (default:"
              + " none).")
  Optional<String> siteName;

  @Option(
      names = "--sync-at",
      defaultValue = "02:00",
      description = "Local time of the daily sync (default: ${DEFAULT-VALUE}).")
  LocalTime syncAt;

  @Option(
      names = "--poll-every",
      defaultValue = "2h",
      converter = DurationConverter.class,
      description =
          "Time between polls, 5m to 24h (default: ${DEFAULT-VALUE}). Polls run at --sync-at and every --poll-every around it, each day.")
  Duration pollEvery;

  @Option(
      names = "--time-zone",
      description =
          "Time zone of --sync-at and the polls, e.g. Europe/Berlin (default: the host's).")
  Optional<ZoneId> timeZone;

  @Option(
      names = "--catch-up",
      description =
          "When the host was off or asleep at a poll or sync time, run it as soon as the agent runs again. Without it, a missed poll or sync waits for its next scheduled time.")
  boolean catchUp;

  @Option(
      names = "--cycle-now",
      description = "Poll and sync once at start, then follow the schedule.")
  boolean cycleNow;

  @Option(
      names = "--page-port",
      defaultValue = "8099",
      paramLabel = "PORT",
      description = {
        "Port of the running agent's local status page (default: ${DEFAULT-VALUE}; 0: no page).",
        "User admin; the password is page-password in --config, else generated at first start",
        "into page-password in the data directory (mode 0600)."
      })
  int pagePort;

  @Option(
      names = "--page-bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description = {
        "Address the local page listens on (default: ${DEFAULT-VALUE}, this machine only).",
        "Another address lets other machines try the password: a warning says so."
      })
  String pageBind;

  @Option(
      names = "--page-password",
      paramLabel = "PASSWORD",
      description =
          "The local page's password, at least 8 characters; better as page-password= in a"
              + " --config file of mode 0600 than on the command line.")
  Optional<String> pagePassword;

  @Option(
      names = "--command-poll",
      defaultValue = "15m",
      converter = DurationConverter.class,
      description =
          "How often the running agent asks the server for commands (configuration, send now,"
              + " re-read a device), besides after every sync; sooner while the server says one is"
              + " pending (default: ${DEFAULT-VALUE}).")
  Duration commandPoll;

  @Option(names = "--once", description = "Run one poll and one sync, print the summary and exit.")
  boolean once;

  @Option(names = "--debug", description = "Print stack traces with failures.")
  boolean debug;

  static final int EXIT_SYNC_FAILED = 3;
  static final int EXIT_REFUSED = 4;
  static final int EXIT_STORE_FAILED = 5;
  static final int EXIT_DISCOVERY_FAILED = 6;

  @Override
  public Integer call() throws Exception {
    if (configFile.isPresent() && !configApplied) {
      return runWithConfigFile(configFile.get());
    }
    if (targets == null || server == null) {
      throw new UserFacingException(
          "--targets and --server are required, on the command line or in the --config file");
    }
    Optional<HttpProxy> httpProxy = httpProxy();
    Optional<SmtpSender> mail = mailer();
    Credentials credentials = credentials(httpProxy);
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
                  trustCert,
                  siteName)
              .withCredentialsFile(credentialsPath())
              .withRotateEvery(rotateEvery);
      if (httpProxy.isPresent()) {
        config = config.withProxy(httpProxy.get());
      }
    } catch (IllegalArgumentException e) {
      throw new UserFacingException(e.getMessage(), e);
    }
    Clock clock = Clock.systemDefaultZone();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Schedule schedule;
    try {
      schedule = new Schedule(pollEvery, syncAt, timeZone.orElse(ZoneId.systemDefault()), catchUp);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException(e.getMessage(), e);
    }
    if (commandPoll.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new UserFacingException("--command-poll must be at least 1m, not " + commandPoll);
    }
    LocalSettings local =
        new LocalSettings(
            schedule,
            targets,
            config.pollSettings(),
            rules().stream().map(AlertRule::text).toList());
    if (once) {
      try (Agent agent = open(config, clock)) {
        Optional<AlertMonitor> monitor = monitor(agent, mail, out);
        int exit = once(agent, monitor, local, out, err);
        monitor.ifPresent(m -> AlertLines.print(m.check(clock.instant()), out, err));
        return exit;
      }
    }
    Agent agent = open(config, clock);
    Optional<AlertMonitor> monitor;
    try {
      monitor = monitor(agent, mail, out);
    } catch (RuntimeException e) {
      agent.close();
      throw e;
    }
    return daemon(agent, monitor, local, clock, out, err);
  }

  /**
   * The settings the agent runs on: its own, with what the server set over them (a stored
   * configuration that no longer fits its own is set aside, with one line saying so).
   */
  private RemoteConfigurator remote(
      Agent agent,
      Optional<AlertMonitor> monitor,
      LocalSettings local,
      PrintWriter out,
      PrintWriter err) {
    RemoteConfigurator remote =
        agent.remoteSettings(
            local,
            rule -> {
              if (monitor.isEmpty()) {
                throw new IllegalArgumentException(
                    "this agent has no SMTP server (smtp-host in its own configuration): it"
                        + " cannot mail alerts");
              }
              return AlertRule.parse(rule).text();
            });
    remote.startProblem().ifPresent(p -> problem(err, p, null));
    EffectiveSettings settings = remote.current();
    agent.reconfigure(settings.targets(), settings.poll());
    if (monitor.isPresent()
        && settings.fromServer().keySet().stream()
            .anyMatch(
                k -> k.equals(RemoteSettings.ALERT) || k.startsWith(RemoteSettings.ALERT + "."))) {
      monitor.get().setRules(rules(settings.alerts()));
      out.println(
          "openrps agent: e-mail alert rules set by the server: "
              + (settings.alerts().isEmpty() ? "none" : String.join(" ", settings.alerts())));
      out.flush();
    }
    return remote;
  }

  /**
   * The SMTP sender of the options; empty without {@code --smtp-host}, when {@code --alert} rules
   * are refused with one line (no rule could be mailed).
   */
  private Optional<SmtpSender> mailer() {
    List<AlertRule> rules = rules();
    Optional<SmtpSettings> settings = smtp.settings();
    if (settings.isEmpty()) {
      if (!rules.isEmpty()) {
        throw new UserFacingException(
            "--alert needs --smtp-host (and --mail-from): without an SMTP server no alert can be"
                + " mailed");
      }
      return Optional.empty();
    }
    try {
      return Optional.of(new SmtpSender(settings.get()));
    } catch (IllegalArgumentException e) {
      throw new UserFacingException("--smtp-trust-cert: " + e.getMessage(), e);
    }
  }

  /** Rules already checked (a configuration from the server). */
  private static List<AlertRule> rules(List<String> texts) {
    return texts.stream().map(AlertRule::parse).toList();
  }

  /** The {@code --alert} rules; one line naming the rule when one is wrong. */
  private List<AlertRule> rules() {
    List<AlertRule> rules = new java.util.ArrayList<>();
    for (String text : alerts) {
      if (text.isBlank()) {
        continue;
      }
      try {
        rules.add(AlertRule.parse(text));
      } catch (IllegalArgumentException e) {
        throw new UserFacingException("--alert: " + e.getMessage(), e);
      }
    }
    return rules;
  }

  /** The agent's e-mail alerts on its own store, when an SMTP server is configured. */
  private Optional<AlertMonitor> monitor(Agent agent, Optional<SmtpSender> mail, PrintWriter out) {
    if (mail.isEmpty()) {
      return Optional.empty();
    }
    ObjectMapper mapper = WireJson.newMapper();
    AgentStore store;
    try {
      store = AgentStore.open(agent.config().database(), mapper);
    } catch (RuntimeException e) {
      throw new UserFacingException(
          "agent start failed: cannot open "
              + agent.config().database()
              + " for the e-mail"
              + " alerts: "
              + AgentStore.reason(e),
          e);
    }
    List<AlertRule> rules = rules();
    out.printf(
        "openrps agent: e-mail alerts through %s from %s: %s%n",
        mail.get().settings().where(),
        mail.get().settings().from(),
        rules.isEmpty()
            ? "no rule (queued e-mails still go)"
            : String.join(" ", rules.stream().map(AlertRule::text).toList()));
    out.flush();
    return Optional.of(new AlertMonitor(store, mapper, mail.get(), rules));
  }

  /**
   * Runs the agent on its schedule until SIGTERM or Ctrl-C, which stop it between steps: the
   * control socket first (no new requests), then the loop after the step under way, then the agent.
   */
  private int daemon(
      Agent agent,
      Optional<AlertMonitor> monitor,
      LocalSettings local,
      Clock clock,
      PrintWriter out,
      PrintWriter err) {
    Shutdown shutdown = new Shutdown();
    shutdown.closeLater(agent);
    RemoteConfigurator remote = remote(agent, monitor, local, out, err);
    EffectiveSettings settings = remote.current();
    Schedule schedule = settings.schedule();
    DaemonPrinter printer = new DaemonPrinter(out, err, schedule.zone(), clock).debug(debug);
    AgentDaemon.Listener listener =
        monitor
            .<AgentDaemon.Listener>map(m -> new AlertLines(printer, m, clock, out, err))
            .orElse(printer);
    AgentDaemon daemon =
        new AgentDaemon(
            agent, schedule, new RetryPolicy(clock, new SecureRandom()), clock, listener);
    if (!settings.enabled()) {
      daemon.apply(settings);
    }
    AgentOperations operations =
        new AgentOperations(
            agent,
            remote,
            new AgentOperations.Control() {
              @Override
              public void apply(EffectiveSettings next) {
                daemon.apply(next);
              }

              @Override
              public void requestSync() {
                daemon.requestSync();
              }
            },
            texts -> monitor.ifPresent(m -> m.setRules(rules(texts))));
    daemon.withCommands(agent.commandChannel(operations), commandPoll);
    try {
      shutdown.closeLater(ControlSocket.open(data, new ControlRequests(daemon, printer)));
    } catch (ControlSocket.AlreadyRunning e) {
      shutdown.closeAll();
      throw new UserFacingException(e.getMessage() + ": not starting a second one", e);
    } catch (java.io.UncheckedIOException e) {
      problem(err, e.getMessage() + "; 'agent sync-now' will not reach this agent", e);
    }
    if (pagePort != 0) {
      AuditReport.Origin origin =
          new AuditReport.Origin(
              Optional.of(agent.config().agentId()),
              AgentVersion.VERSION,
              agent.config().siteName());
      startPage(agent.config().database(), origin, daemon, schedule, clock, out, err)
          .ifPresent(shutdown::closeLater);
    }
    Thread loop = new Thread(daemon::run, "openrps-agent");
    shutdown.closeLater(
        () -> {
          java.util.Optional<AgentDaemon.Step> step = daemon.status().running();
          if (step.isPresent()) {
            out.printf("openrps agent: stopping after the current %s%n", step.get());
            out.flush();
          }
          daemon.stop();
          loop.join();
          out.println("openrps agent: stopped");
          out.flush();
        });
    if (cycleNow) {
      daemon.requestPoll();
      daemon.requestSync();
    }
    out.printf(
        "openrps agent: running (poll every %s, sync daily at %s %s%s); Ctrl-C or SIGTERM"
            + " stops it%n",
        Durations.human(schedule.pollEvery()),
        schedule.syncAt(),
        schedule.zone().getId(),
        schedule.catchUp() ? ", catch-up" : "");
    out.flush();
    loop.start();
    shutdown.awaitSignal();
    return 0;
  }

  /**
   * Serves the local status page; a page that cannot be served (port taken) is one line on standard
   * error, and the agent runs without it.
   */
  private Optional<StatusPage> startPage(
      Path database,
      AuditReport.Origin origin,
      AgentDaemon daemon,
      Schedule schedule,
      Clock clock,
      PrintWriter out,
      PrintWriter err) {
    PagePassword password;
    try {
      password =
          pagePassword.isPresent()
              ? PagePassword.of(pagePassword.get().toCharArray())
              : PagePassword.inDataDir(data, new SecureRandom());
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      problem(err, e.getMessage() + "; running without the local page", e);
      return Optional.empty();
    }
    InetSocketAddress bind;
    try {
      bind = new InetSocketAddress(InetAddress.getByName(pageBind), pagePort);
    } catch (java.net.UnknownHostException e) {
      throw new UserFacingException("--page-bind: unknown address " + pageBind, e);
    }
    ObjectMapper mapper = WireJson.newMapper();
    StatusPage page;
    try {
      page =
          StatusPage.start(
              bind,
              password,
              () -> {
                try (AgentStore store = AgentStore.openReadOnly(database, mapper)) {
                  return AgentStatusReader.read(
                      store, NextSteps.of(daemon.status()), clock.instant());
                }
              },
              Optional.of(daemon::requestSync),
              Optional.of(
                  () -> {
                    try (AgentStore store = AgentStore.openReadOnly(database, mapper)) {
                      return AuditReportReader.read(store, origin, clock.instant());
                    }
                  }),
              clock,
              schedule.zone());
    } catch (java.io.UncheckedIOException e) {
      problem(err, e.getMessage() + "; running without the local page", e);
      return Optional.empty();
    }
    InetAddress at = page.address().getAddress();
    if (!at.isLoopbackAddress()) {
      problem(
          err,
          "the local page listens on "
              + pageBind
              + ", not only on this machine: whoever reaches port "
              + page.address().getPort()
              + " can try its password (plain HTTP)",
          null);
    }
    String host = at instanceof java.net.Inet6Address ? "[" + pageBind + "]" : pageBind;
    out.printf(
        "openrps agent: local page http://%s:%d/ (user %s, password %s)%n",
        host,
        page.address().getPort(),
        PagePassword.USER,
        password.file().map(f -> "in " + f).orElse("page-password of the config"));
    out.flush();
    return Optional.of(page);
  }

  /** Opens the agent; a start-up failure (damaged database, unreadable certificate) is one line. */
  private Agent open(AgentConfig config, Clock clock) {
    try {
      return Agent.open(config, clock);
    } catch (IllegalStateException | IllegalArgumentException e) {
      if (debug) {
        e.printStackTrace(spec.commandLine().getErr());
      }
      throw new UserFacingException(e.getMessage(), e);
    }
  }

  /**
   * One cycle, then one look at the commands: the summary always, each failure as one line, and the
   * exit code that says it. A server that disabled the agent gets no poll and no sync.
   */
  private int once(
      Agent agent,
      Optional<AlertMonitor> monitor,
      LocalSettings local,
      PrintWriter out,
      PrintWriter err) {
    RemoteConfigurator remote = remote(agent, monitor, local, out, err);
    if (!remote.current().enabled()) {
      out.println("openrps agent: disabled by the server: nothing polled or sent");
      out.flush();
      onceCommands(agent, monitor, remote, out, err);
      return 0;
    }
    CycleResult result;
    try {
      result = agent.runCycle();
    } catch (AgentException e) {
      problem(err, e.getMessage() + ": nothing stored, the next run tries again", e);
      return EXIT_DISCOVERY_FAILED;
    }
    printSummary(out, result);
    if (result.sync().failure().isEmpty()) {
      // Only after a contact: a server that did not answer the sync is not asked again.
      onceCommands(agent, monitor, remote, out, err);
    }
    for (RefusedReport r : result.sync().refused()) {
      problem(err, refusal(r), null);
    }
    for (AgentException e : result.failures()) {
      problem(err, failure(e, result, " for the next run"), e);
    }
    if (result.storeFailure().isPresent()) {
      return EXIT_STORE_FAILED;
    }
    if (!result.sync().refused().isEmpty()) {
      return EXIT_REFUSED;
    }
    return result.sync().failure().isPresent() ? EXIT_SYNC_FAILED : 0;
  }

  /** The commands waiting for this agent, applied once; a sync after them when one asks. */
  private void onceCommands(
      Agent agent,
      Optional<AlertMonitor> monitor,
      RemoteConfigurator remote,
      PrintWriter out,
      PrintWriter err) {
    boolean[] syncAsked = {false};
    AgentOperations operations =
        new AgentOperations(
            agent,
            remote,
            new AgentOperations.Control() {
              @Override
              public void apply(EffectiveSettings next) {
                agent.reconfigure(next.targets(), next.poll());
              }

              @Override
              public void requestSync() {
                syncAsked[0] = true;
              }
            },
            texts -> monitor.ifPresent(m -> m.setRules(rules(texts))));
    AgentCommands.Check check = agent.commandChannel(operations).check();
    for (AgentCommands.Finished f : check.finished()) {
      out.println(DaemonPrinter.line(f));
    }
    out.flush();
    check.failure().ifPresent(f -> problem(err, f + "; the next run asks again", null));
    if (syncAsked[0]) {
      SyncOutcome sync = agent.sync();
      out.printf(
          "openrps agent: sync after the commands: %d reports acknowledged%n",
          sync.reportsAcknowledged());
      out.flush();
      sync.failure()
          .ifPresent(e -> problem(err, e.getMessage() + ": readings kept for the next run", e));
    }
  }

  void problem(PrintWriter err, String line, Throwable cause) {
    problem(err, line, cause, debug);
  }

  /** One line for the operator; the stack trace only with {@code --debug}. */
  static void problem(PrintWriter err, String line, Throwable cause, boolean debug) {
    err.println("openrps agent: " + line);
    if (debug && cause != null) {
      cause.printStackTrace(err);
    }
    err.flush();
  }

  /** "sync failed: server unreachable at h:p (connection refused): 50 readings kept, next ..." */
  static String failure(AgentException e, CycleResult result, String next) {
    return failure(e, result.readingsKept(), next, e.step() == AgentException.Step.store);
  }

  static String failure(AgentException e, long kept, String next, boolean storeStep) {
    String readings =
        kept < 0 ? "readings kept" : kept + (kept == 1 ? " reading" : " readings") + " kept";
    if (storeStep) {
      return e.getMessage()
          + ": this cycle's readings were not stored; "
          + readings
          + " in the outbox; the next cycle tries again";
    }
    return e.getMessage() + ": " + readings + next;
  }

  static String refusal(RefusedReport r) {
    return "report "
        + r.reportId()
        + " ("
        + r.items()
        + (r.items() == 1 ? " reading" : " readings")
        + ") refused: "
        + r.message()
        + "; kept, sent again by another agent version";
  }

  /** Parses the same arguments again with the file's values as defaults, and runs that. */
  private int runWithConfigFile(Path file) {
    AgentCommand withFile = new AgentCommand();
    withFile.configApplied = true;
    CommandLine cli = new CommandLine(withFile);
    cli.setDefaultValueProvider(ConfigFile.defaults(file, cli.getCommandSpec()));
    CommandLine outer = spec.commandLine();
    ConfigFile.exposedSecrets(file)
        .ifPresent(
            warning -> {
              outer.getErr().println("openrps agent: " + warning);
              outer.getErr().flush();
            });
    cli.setOut(outer.getOut());
    cli.setErr(outer.getErr());
    cli.setExecutionExceptionHandler(outer.getExecutionExceptionHandler());
    List<String> all = outer.getParseResult().originalArgs();
    int at = all.indexOf(outer.getCommandName());
    List<String> args = all.subList(at + 1, all.size());
    cli.setParameterExceptionHandler(
        (e, given) -> {
          outer.getErr().println("openrps agent: " + ConfigFile.describe(file, e, args));
          outer.getErr().flush();
          return 2;
        });
    return cli.execute(args.toArray(String[]::new));
  }

  /**
   * The agent's own id and secret: from its credentials file, or, on first start with {@code
   * --enrol-code}, from the server in exchange for the code (then kept in the file).
   */
  private Credentials credentials(Optional<HttpProxy> httpProxy) {
    Path file = credentialsPath();
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
      Transport transport;
      try {
        transport = new Transport(Tls.clientContext(trustCert), httpProxy);
      } catch (IllegalArgumentException e) {
        throw new UserFacingException(e.getMessage(), e);
      }
      Credentials credentials = new EnrolmentClient(server, transport).enrol(code);
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

  private Path credentialsPath() {
    return credentialsFile.orElse(data.resolve("credentials.properties"));
  }

  /** The proxy of {@code --proxy}, with {@code --proxy-user} and its password; checked here. */
  private Optional<HttpProxy> httpProxy() {
    if (proxy.isEmpty()) {
      if (proxyUser.isPresent() || proxyPassword.isPresent()) {
        throw new UserFacingException("--proxy-user and --proxy-password need --proxy");
      }
      return Optional.empty();
    }
    HttpProxy p;
    try {
      p = HttpProxy.of(proxy.get());
    } catch (IllegalArgumentException e) {
      throw new UserFacingException("--proxy: " + e.getMessage(), e);
    }
    if (proxyUser.isEmpty()) {
      if (proxyPassword.isPresent()) {
        throw new UserFacingException("--proxy-password needs --proxy-user");
      }
      return Optional.of(p);
    }
    char[] password = proxyPassword.orElse("").toCharArray();
    try {
      return Optional.of(p.withCredentials(proxyUser.get(), password));
    } catch (IllegalArgumentException e) {
      throw new UserFacingException("--proxy-user: " + e.getMessage(), e);
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }

  static void printSummary(PrintWriter out, CycleResult result) {
    out.println(
        result.failures().isEmpty() && result.sync().refused().isEmpty()
            ? "openrps agent: cycle done"
            : "openrps agent: cycle done with problems (below)");
    CycleReport.print(out, result);
    out.flush();
  }
}
