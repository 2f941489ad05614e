package org.openrps.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.openrps.agent.poll.PolledDevice;
import org.openrps.agent.poll.Poller;
import org.openrps.agent.poll.ScanResult;
import org.openrps.agent.rotation.RotationOutcome;
import org.openrps.agent.rotation.SecretRotation;
import org.openrps.agent.schedule.Schedule;
import org.openrps.agent.site.SiteFactsCollector;
import org.openrps.agent.store.AgentEvent;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.RecordSummary;
import org.openrps.agent.store.StatusQueries;
import org.openrps.agent.target.TargetList;
import org.openrps.client.CommandClient;
import org.openrps.client.Credentials;
import org.openrps.client.EnrolmentClient;
import org.openrps.client.LiveCredentials;
import org.openrps.client.ReportUploader;
import org.openrps.client.Tls;
import org.openrps.client.Transport;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.Source;
import org.openrps.wire.SupplyReading;
import org.openrps.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Device Agent's composition root: discovers and reads printers over SNMP, keeps the readings
 * in its SQLite file, and uploads them to the server. One cycle at a time.
 */
public final class Agent implements AutoCloseable {

  /** The most device snapshots one report carries (about 1 kB each before gzip). */
  static final int MAX_DEVICES_PER_REPORT = 1_000;

  /** The most reports one cycle sends; the rest wait for the next cycle. */
  static final int MAX_REPORTS_PER_CYCLE = 100;

  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  private static final Set<String> TONER = Set.of("toner", "tonerCartridge", "ink", "inkCartridge");

  private final AgentConfig config;
  private final Clock clock;
  private final SnmpClient snmp;
  // guarded by this; replaced by reconfigure
  private TargetList targets;
  private Poller poller;
  private final AgentStore store;
  private final OutboxSender sender;
  private final SiteFactsCollector site;
  private final LiveCredentials credentials;
  private final Transport transport;
  private final CommandClient commands;
  private final SecretRotation rotation;

  /** The schedule this agent runs on, as its daemon set it; empty without one. */
  private volatile Optional<Schedule> schedule = Optional.empty();

  /** What the last cycle of this agent found; empty before the first. */
  private volatile Optional<SiteFactsCollector.LastCycle> lastCycle = Optional.empty();

  private Agent(
      AgentConfig config,
      Clock clock,
      SnmpClient snmp,
      Poller poller,
      AgentStore store,
      LiveCredentials credentials,
      Transport transport,
      Payloads payloads) {
    this.config = config;
    this.credentials = credentials;
    this.transport = transport;
    this.commands = new CommandClient(config.serverUrl(), credentials, transport);
    ReportUploader uploader =
        new ReportUploader(
            config.serverUrl(), credentials, transport, WireJson.newMapper(), AgentVersion.VERSION);
    this.rotation =
        new SecretRotation(
            new EnrolmentClient(config.serverUrl(), transport),
            credentials,
            config.credentialsFile(),
            config.rotateEvery(),
            store,
            clock);
    this.clock = clock;
    this.targets = config.targetList();
    this.snmp = snmp;
    this.poller = poller;
    this.store = store;
    Source source = new Source(Source.Kind.agent, config.agentId(), AgentVersion.VERSION);
    this.site =
        new SiteFactsCollector(
            store,
            () -> schedule,
            config.serverUrl(),
            config.siteName(),
            poller.discoveryRulesVersion(),
            AgentVersion.VERSION,
            clock);
    this.sender =
        new OutboxSender(
            store,
            uploader,
            source,
            clock,
            new OutboxSender.Site() {
              @Override
              public Optional<org.openrps.wire.SiteFacts> collect() {
                return Optional.of(site.collect(lastCycle));
              }

              @Override
              public org.openrps.wire.SiteFacts carriedBy(
                  org.openrps.wire.SiteFacts facts, String reportId) {
                return site.carriedBy(facts, reportId);
              }
            },
            MAX_DEVICES_PER_REPORT,
            MAX_REPORTS_PER_CYCLE,
            payloads);
  }

  /**
   * Opens the agent: reads the trusted certificate, opens (and migrates) the SQLite file, opens the
   * SNMP client.
   *
   * @throws IllegalArgumentException when the trusted certificate file cannot be used (message
   *     starts with {@code "agent start failed: "})
   * @throws IllegalStateException when the database or the SNMP client cannot be opened
   */
  public static Agent open(AgentConfig config, Clock clock) {
    return open(config, clock, 0, Payloads.DELTAS);
  }

  /** Opens the agent with what it puts on the wire for its snapshots (the default: deltas). */
  public static Agent open(AgentConfig config, Clock clock, Payloads payloads) {
    return open(config, clock, 0, payloads);
  }

  /** Opens the agent with its database capped at {@code maxPages} pages (0: no cap). */
  static Agent open(AgentConfig config, Clock clock, int maxPages) {
    return open(config, clock, maxPages, Payloads.DELTAS);
  }

  private static Agent open(AgentConfig config, Clock clock, int maxPages, Payloads payloads) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(payloads, "payloads");
    Objects.requireNonNull(clock, "clock");
    log.info("agent {} starting: {}", AgentVersion.VERSION, config);
    ObjectMapper mapper = WireJson.newMapper();
    SSLContext tls;
    try {
      tls = Tls.clientContext(config.trustedCertificatePem());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("agent start failed: " + e.getMessage(), e);
    }
    Transport transport = new Transport(tls, config.proxy());
    LiveCredentials credentials = new LiveCredentials(credentials(config));
    AgentStore store;
    try {
      store = AgentStore.open(config.database(), mapper, maxPages);
    } catch (AgentStore.Unusable e) {
      throw new IllegalStateException("agent start failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "agent start failed: cannot open database " + config.database() + ": " + e.getMessage(),
          e);
    }
    SnmpClient snmp;
    try {
      snmp = Snmp.openClient();
    } catch (RuntimeException e) {
      store.close();
      throw new IllegalStateException("agent start failed: cannot open SNMP: " + e.getMessage(), e);
    }
    Poller poller = new Poller(snmp, config.pollSettings(), clock);
    try {
      poller.remember(store.credentialSets());
    } catch (RuntimeException e) {
      log.warn(
          "credential sets remembered in {} not loaded: {}", config.database(), e.getMessage());
    }
    return new Agent(config, clock, snmp, poller, store, credentials, transport, payloads);
  }

  /**
   * The agent's credentials: those of its credentials file when it has one (it may also hold the
   * previous secret of a rotation not confirmed yet), else those of the configuration.
   */
  private static Credentials credentials(AgentConfig config) {
    char[] secret = config.secret();
    try {
      if (config.credentialsFile().isPresent()
          && java.nio.file.Files.exists(config.credentialsFile().get())) {
        Credentials inFile;
        try {
          inFile = Credentials.load(config.credentialsFile().get());
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("agent start failed: " + e.getMessage(), e);
        }
        if (!inFile.agentId().equals(config.agentId())) {
          throw new IllegalArgumentException(
              "agent start failed: "
                  + config.credentialsFile().get()
                  + " holds the credentials of "
                  + inFile.agentId()
                  + ", not "
                  + config.agentId());
        }
        return inFile;
      }
      return new Credentials(config.agentId(), secret);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  /**
   * One cycle: {@link #poll()}, then {@link #sync()}.
   *
   * @throws AgentException when discovery failed (nothing stored, nothing sent)
   */
  public synchronized CycleResult runCycle() throws AgentException {
    PollResult poll = poll();
    SyncOutcome sync = sync();
    return new CycleResult(
        poll.addressesScanned(),
        poll.printersFound(),
        poll.outOfScope(),
        poll.unreachable(),
        poll.pagesCounted(),
        poll.flaggedTotals(),
        poll.lowestToner(),
        poll.readingsQueued(),
        sync,
        kept(),
        poll.storeFailure());
  }

  /**
   * Discover and read every target, store the readings and queue them for the server; sends
   * nothing.
   *
   * @throws AgentException when discovery failed: nothing stored
   */
  public synchronized PollResult poll() throws AgentException {
    java.time.Instant started = clock.instant();
    ScanResult scan = scan();
    for (org.openrps.agent.poll.PrintPort p : scan.printPortOnly()) {
      log.info(
          "{} - print port only (tcp {}, no SNMP answer): not a managed printer",
          p.address(),
          p.port());
    }
    for (org.openrps.agent.poll.Unreachable u : scan.unreachable()) {
      if (u.answeredSomething()) {
        // a refusal said out loud (a v3 user or passphrase that is wrong) is for a person to fix
        log.warn("{} - not read: {}", u.address(), u.reason());
      }
    }
    lastCycle =
        Optional.of(
            new SiteFactsCollector.LastCycle(scan.printers().size(), scan.outOfScope().size()));
    RecordSummary summary = new RecordSummary(0, 0, 0, 0, 0, 0);
    Optional<AgentException> storeFailure = Optional.empty();
    try {
      summary = store.record(scan.printers(), clock.instant());
      store.rememberAnsweringSets(answeredBy(scan), clock.instant());
    } catch (RuntimeException e) {
      storeFailure = Optional.of(storeFailure(e, store));
    }
    log.info(
        "poll: {} addresses, {} printers ({} queued), {} out of scope, {} unreachable, {} print"
            + " port only",
        scan.addressesScanned(),
        scan.printers().size(),
        summary.queued(),
        scan.outOfScope().size(),
        scan.unreachable().size(),
        scan.printPortOnly().size());
    if (storeFailure.isEmpty()) {
      note(AgentEvent.POLLED);
      notePollRun(started, scan);
      prune();
    }
    Optional<LowestSupply> lowest = Optional.empty();
    for (PolledDevice printer : scan.printers()) {
      DeviceSnapshot s = printer.snapshot();
      for (SupplyReading supply : s.supplies()) {
        if (!TONER.contains(supply.type()) || supply.percent().isEmpty()) {
          continue;
        }
        double percent = supply.percent().getAsDouble();
        if (lowest.isEmpty() || percent < lowest.get().percent()) {
          lowest =
              Optional.of(new LowestSupply(s.identity().serial(), supply.description(), percent));
        }
      }
    }
    return new PollResult(
        scan.addressesScanned(),
        scan.printers().size(),
        scan.outOfScope().size(),
        scan.unreachable().size(),
        summary.pagesCounted(),
        summary.flaggedTotals(),
        lowest,
        summary.queued(),
        storeFailure);
  }

  /**
   * Sends what the outbox holds, without polling. A secret rotation left unconfirmed is settled
   * first; after a successful sync, the secret is rotated when it is older than {@link
   * AgentConfig#rotateEvery()}.
   */
  public synchronized SyncOutcome sync() {
    rotation.settle();
    note(AgentEvent.SYNC_ATTEMPTED);
    SyncOutcome outcome = sender.sendAll();
    if (outcome.failure().isEmpty()) {
      note(AgentEvent.SYNCED);
      rotateIfDue();
    }
    return outcome;
  }

  private void rotateIfDue() {
    Optional<RotationOutcome> rotated;
    try {
      rotated = rotation.rotateIfDue();
    } catch (RuntimeException e) {
      log.warn("cannot tell whether the secret is due for rotation: {}", AgentStore.reason(e));
      return;
    }
    rotated
        .filter(o -> !o.rotated())
        .ifPresent(o -> log.warn("scheduled secret rotation: {}", o.reason()));
  }

  /**
   * Asks the server for a new secret now (the {@code rotate-secret} command, or an operator): saved
   * with the previous one, used, confirmed by one call, then the only one. Never throws for an
   * ordinary failure: the outcome says whether the secret was rotated, and why not.
   */
  public synchronized RotationOutcome rotateSecret() {
    try {
      return rotation.rotate();
    } catch (RuntimeException e) {
      log.warn("secret rotation failed: {}", describe(e));
      return new RotationOutcome(
          false, "rotation failed: " + describe(e) + "; the current secret stays in use");
    }
  }

  /**
   * A command client with this agent's live credentials (a rotated secret is used from its next
   * request on), its trust and its proxy; one for the agent's life, not one per look.
   */
  public CommandClient commandClient() {
    return commands;
  }

  /** The credentials the agent uses right now; the secret is masked in their string form. */
  public Credentials credentials() {
    return credentials.current();
  }

  /** When {@code event} last happened (as this agent's store remembers it). */
  public Optional<java.time.Instant> lastTime(AgentEvent event) {
    try {
      return store.lastTime(event);
    } catch (RuntimeException e) {
      log.warn("cannot read when the agent last {}: {}", event, AgentStore.reason(e));
      return Optional.empty();
    }
  }

  /** Remembers that {@code event} happened now; a failure to do so only costs a catch-up. */
  private void note(AgentEvent event) {
    try {
      store.noted(event, clock.instant());
    } catch (RuntimeException e) {
      log.warn("cannot note the agent's last {}: {}", event, AgentStore.reason(e));
    }
  }

  /** Remembers the poll as a whole, for the status; a failure to do so costs only that. */
  private void notePollRun(java.time.Instant started, ScanResult scan) {
    try {
      new StatusQueries(store)
          .notePollRun(
              new StatusQueries.PollRun(
                  started,
                  clock.instant(),
                  scan.addressesScanned(),
                  scan.printers().size(),
                  scan.outOfScope().size(),
                  scan.unreachable().size()));
    } catch (RuntimeException e) {
      log.warn("cannot note the poll for the agent's status: {}", describe(e));
    }
  }

  /** Snapshots not acknowledged yet, refused ones included; -1 when the store cannot tell. */
  long kept() {
    try {
      return store.pendingCount() + store.refusedCount();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /**
   * A store failure in words: disk full (SQLite says so, or an I/O error with the disk of {@code
   * store} next to full), or what SQLite said, naming the file.
   */
  static AgentException storeFailure(RuntimeException e, AgentStore store) {
    if (store.diskFull(e)) {
      return new AgentException(
          AgentException.Step.store,
          AgentException.Kind.diskFull,
          "disk full, the database cannot grow (nothing half-written)",
          e);
    }
    return new AgentException(
        AgentException.Step.store,
        AgentException.Kind.storage,
        "cannot write " + store.file() + ": " + AgentStore.reason(e),
        e);
  }

  /**
   * Applies the retention policy. A failure here degrades nothing that matters for this cycle, so
   * it is logged and the cycle goes on; the next cycle tries again.
   */
  private void prune() {
    try {
      int removed = store.prune(clock.instant(), config.retention());
      if (removed > 0) {
        log.info(
            "retention: {} readings older than {} days removed",
            removed,
            config.retention().days());
      }
    } catch (RuntimeException e) {
      log.warn("retention: could not remove old readings: {}", AgentStore.reason(e));
    }
  }

  /**
   * Polls from now on with other targets and poll settings (a configuration from the server): the
   * credential sets that answered each address are remembered across the change.
   */
  public synchronized void reconfigure(
      TargetList newTargets, org.openrps.agent.poll.PollSettings poll) {
    Objects.requireNonNull(newTargets, "newTargets");
    Poller next = new Poller(snmp, poll, clock);
    try {
      next.remember(store.credentialSets());
    } catch (RuntimeException e) {
      log.warn("credential sets remembered in {} not loaded: {}", store.file(), e.getMessage());
    }
    Poller old = poller;
    poller = next;
    targets = newTargets;
    old.close();
  }

  /** The targets polled now (the configuration's, or the server's). */
  public synchronized TargetList targets() {
    return targets;
  }

  /**
   * Reads one known device again at its last address and queues what was read (a {@code
   * reread-device} command); sends nothing.
   *
   * @return one line: what was read
   * @throws AgentException when the device is not known here, does not answer, or its readings
   *     cannot be stored
   */
  public synchronized String reread(org.openrps.wire.DeviceRef device) throws AgentException {
    Optional<org.openrps.wire.key.DeviceKey> wanted =
        org.openrps.wire.key.DeviceKey.tryOf(device.make(), device.serial());
    Optional<org.openrps.agent.store.StoredDevice> known =
        store.devices().stream()
            .filter(
                d ->
                    d.serial().isPresent()
                        && wanted.isPresent()
                        && org.openrps.wire.key.DeviceKey.tryOf(d.make(), d.serial().get())
                            .equals(wanted))
            .findFirst();
    if (known.isEmpty()) {
      throw new AgentException(
          AgentException.Step.discovery, "this agent does not know the device " + device, null);
    }
    String address = known.get().address();
    ScanResult scan;
    try {
      scan = poller.scan(TargetList.of(address));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException(AgentException.Step.discovery, "interrupted", e);
    } catch (RuntimeException e) {
      throw new AgentException(AgentException.Step.discovery, describe(e), e);
    }
    List<PolledDevice> read =
        scan.printers().stream()
            .filter(p -> org.openrps.wire.key.DeviceKey.of(p.snapshot().identity()).equals(wanted))
            .toList();
    if (read.isEmpty()) {
      throw new AgentException(
          AgentException.Step.discovery,
          device + " did not answer at " + address + " (or another device answers there)",
          null);
    }
    RecordSummary summary;
    try {
      summary = store.record(read, clock.instant());
      store.rememberAnsweringSets(answeredBy(scan), clock.instant());
    } catch (RuntimeException e) {
      throw storeFailure(e, store);
    }
    return "read " + device + " at " + address + ": " + summary.queued() + " snapshot queued";
  }

  /**
   * The agent's settings with the server's laid over them, as its store keeps them.
   *
   * @param alertRule gives an alert rule's canonical text, or throws with the reason it is wrong
   */
  public org.openrps.agent.remote.RemoteConfigurator remoteSettings(
      org.openrps.agent.remote.LocalSettings local,
      java.util.function.UnaryOperator<String> alertRule) {
    return new org.openrps.agent.remote.RemoteConfigurator(local, store, clock, alertRule);
  }

  /**
   * This agent's end of the command channel, applying commands through {@code operations}, with its
   * live credentials, trust and proxy.
   */
  public org.openrps.agent.command.AgentCommands commandChannel(
      org.openrps.agent.command.AgentCommands.Operations operations) {
    return commandChannel(this::commandClient, operations);
  }

  /** This agent's end of the command channel, applying commands through {@code operations}. */
  public org.openrps.agent.command.AgentCommands commandChannel(
      java.util.function.Supplier<org.openrps.client.CommandClient> client,
      org.openrps.agent.command.AgentCommands.Operations operations) {
    return new org.openrps.agent.command.AgentCommands(client, store, clock, operations);
  }

  /** Discover and read once, storing and sending nothing: what {@code openrps scan} shows. */
  public synchronized ScanResult scanOnce() throws AgentException {
    return scan();
  }

  /** Snapshots waiting for the server's acknowledgement. */
  public long pendingSnapshots() {
    return store.pendingCount();
  }

  /**
   * The schedule the agent runs on from now (its daemon's, with the server's settings over it), or
   * none (disabled by the server, or not run as a service): what its site information reports.
   */
  public void runsOn(Optional<Schedule> inForce) {
    this.schedule = Objects.requireNonNull(inForce, "inForce");
  }

  /** The schedule the agent runs on, as {@link #runsOn} last set it; empty: none. */
  public Optional<Schedule> schedule() {
    return schedule;
  }

  /** The site information the next report would carry, as of now. */
  public org.openrps.wire.SiteFacts siteFacts() {
    return site.collect(lastCycle);
  }

  /** Reports the server refused, kept until another agent version sends them again. */
  public java.util.List<org.openrps.agent.store.RefusedReport> refusedReports() {
    return store.refused();
  }

  /** How each printer of {@code scan} answered (the set and its posture), by address. */
  private static java.util.Map<String, org.openrps.agent.poll.SnmpAccess> answeredBy(
      ScanResult scan) {
    java.util.Map<String, org.openrps.agent.poll.SnmpAccess> out = new java.util.TreeMap<>();
    for (org.openrps.agent.poll.PolledDevice p : scan.printers()) {
      p.access().ifPresent(a -> out.put(p.snapshot().address(), a));
    }
    return out;
  }

  private ScanResult scan() throws AgentException {
    try {
      return poller.scan(targets);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException(AgentException.Step.discovery, "interrupted", e);
    } catch (RuntimeException e) {
      throw new AgentException(AgentException.Step.discovery, describe(e), e);
    }
  }

  private static String describe(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  public AgentConfig config() {
    return config;
  }

  @Override
  public synchronized void close() {
    poller.close();
    snmp.close();
    store.close();
    log.info("agent stopped");
  }
}
