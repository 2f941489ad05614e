package org.openrps.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.openrps.client.CommandClient;
import org.openrps.client.Credentials;
import org.openrps.client.EnrolmentClient;
import org.openrps.client.ReportUploader;
import org.openrps.client.SyncException;
import org.openrps.client.Tls;
import org.openrps.wire.DeviceDiagnostics;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.Report;
import org.openrps.wire.Source;
import org.openrps.wire.WireJson;
import org.openrps.wire.command.Command;
import org.openrps.wire.command.CommandBatch;
import org.openrps.wire.command.CommandResult;
import org.openrps.wire.command.CommandTypes;
import org.openrps.wire.key.DeviceKey;

/**
 * Device Direct: the module a printer embeds to report itself to the server and take its commands.
 * The one entry point: {@link #start} runs it on a thread of its own (daily report at the
 * configured time, at once on a new fault, commands fetched every few minutes); {@link #open} gives
 * a module that contacts the server only when {@link #contact} is called.
 *
 * <p>At the first contact it enrols with its one-time code, naming the device it is, and keeps the
 * credentials it gets. Every exchange is outbound, over TLS 1.2/1.3 with the server's certificate
 * checked against the pinned one (or the system's) before a byte of data is sent. Reports wait in a
 * bounded queue on disk until the server has them; commands are applied at most once (see {@link
 * CommandJournal}) and never after their expiry, judged on the server's clock.
 */
public final class DeviceDirect implements AutoCloseable {

  /** The file in the data directory that holds the module's credentials once enrolled. */
  public static final String CREDENTIALS = "credentials";

  private static final System.Logger LOG = System.getLogger(DeviceDirect.class.getName());

  /** What one contact with the server did. */
  public record Contact(
      boolean enrolled,
      int reportsSent,
      int reportsQueued,
      long reportsDropped,
      List<CommandResult> commands,
      int pollSeconds,
      Optional<String> failure) {
    public Contact {
      commands = List.copyOf(commands);
    }

    public boolean ok() {
      return failure.isEmpty();
    }
  }

  /** The module's state, for the printer's own status page. */
  public record Status(
      Optional<String> clientId,
      int reportsQueued,
      long reportsDropped,
      Optional<Instant> lastContact,
      Optional<Instant> lastSuccess,
      Optional<String> lastFailure,
      int commandsApplied) {}

  private final DeviceDirectConfig config;
  private final DeviceHost host;
  private final ObjectMapper json = WireJson.newMapper();
  private final SSLContext tls;
  private final Path credentialsFile;
  private final ReportQueue queue;
  private final CommandJournal journal;
  private final Optional<ScheduledExecutorService> timer;
  private Set<String> knownFaults;
  private Optional<Instant> lastContact = Optional.empty();
  private Optional<Instant> lastSuccess = Optional.empty();
  private Optional<String> lastFailure = Optional.empty();
  private int applied;
  private ScheduledFuture<?> nextPoll;

  private DeviceDirect(DeviceDirectConfig config, DeviceHost host, boolean scheduled)
      throws IOException {
    this.config = Objects.requireNonNull(config, "config");
    this.host = Objects.requireNonNull(host, "host");
    Files.createDirectories(config.dataDir());
    this.tls = Tls.clientContext(config.trust());
    this.credentialsFile = config.dataDir().resolve(CREDENTIALS);
    this.queue = new ReportQueue(config.dataDir().resolve("queue"), config.queueSize(), json);
    this.journal = new CommandJournal(config.dataDir().resolve("commands.journal"), json);
    this.knownFaults = faultCodes(host.diagnostics());
    this.timer =
        scheduled
            ? Optional.of(
                Executors.newSingleThreadScheduledExecutor(
                    r -> {
                      Thread t = new Thread(r, "device-direct");
                      t.setDaemon(true);
                      return t;
                    }))
            : Optional.empty();
  }

  /**
   * A module that contacts the server only when {@link #contact} is called (by a host with its own
   * scheduler, or a test).
   *
   * @throws IOException when its data directory cannot be used
   */
  public static DeviceDirect open(DeviceDirectConfig config, DeviceHost host) throws IOException {
    return new DeviceDirect(config, host, false);
  }

  /**
   * The module, running: it contacts the server now (enrolling if it has no credentials yet), daily
   * at the configured time with a report, at once when a new fault appears, and for commands every
   * {@link DeviceDirectConfig#commandPoll()} (sooner when the server asks).
   *
   * @throws IOException when its data directory cannot be used
   */
  public static DeviceDirect start(DeviceDirectConfig config, DeviceHost host) throws IOException {
    DeviceDirect module = new DeviceDirect(config, host, true);
    ScheduledExecutorService t = module.timer.get();
    t.execute(() -> module.contactQuietly(true));
    module.scheduleDaily();
    long faultMillis = config.faultCheck().toMillis();
    t.scheduleWithFixedDelay(module::checkFaults, faultMillis, faultMillis, TimeUnit.MILLISECONDS);
    return module;
  }

  /**
   * One exchange with the server: enrols if needed; queues a report of the printer as it is now if
   * {@code report}; sends the queue oldest first; fetches the commands, applies each that is due
   * (once), sends the full report a {@code send-diagnostics} asked for, and reports the results.
   * Never throws for a failure of the server or the network: the contact says what failed, and the
   * queue and results wait for the next one.
   */
  public synchronized Contact contact(boolean report) {
    Instant now = config.clock().instant();
    lastContact = Optional.of(now);
    boolean enrolledNow = false;
    int sent = 0;
    List<CommandResult> results = new ArrayList<>();
    int pollSeconds = 0;
    try {
      if (report) {
        queue.add(report(now));
      }
      Optional<Credentials> credentials = credentials();
      if (credentials.isEmpty()) {
        credentials = Optional.of(enrol());
        enrolledNow = true;
      }
      Credentials c = credentials.get();
      char[] secret = c.secret();
      ReportUploader uploader;
      CommandClient commands;
      try {
        uploader =
            new ReportUploader(config.server(), c.agentId(), secret, tls, json, config.version());
        commands = new CommandClient(config.server(), c.agentId(), secret, tls);
      } finally {
        java.util.Arrays.fill(secret, '\0');
      }
      sent = sendQueue(uploader, c.agentId());
      CommandBatch batch = commands.fetch();
      Duration offset = Duration.between(config.clock().instant(), batch.serverTime());
      boolean reportAgain = false;
      for (Command command : batch.commands()) {
        if (journal.seen(command.id())) {
          continue; // applied before: its result is sent again below
        }
        CommandResult result = apply(command, offset);
        if (result.outcome() == CommandResult.Outcome.done
            && CommandTypes.SEND_DIAGNOSTICS.equals(command.type())) {
          reportAgain = true;
        }
        results.add(result);
      }
      if (reportAgain) {
        queue.add(report(config.clock().instant()));
        sent += sendQueue(uploader, c.agentId());
      }
      for (CommandResult r : journal.unacknowledged(config.clock().instant().plus(offset))) {
        commands.report(r);
        journal.acknowledged(r.commandId());
      }
      pollSeconds = batch.pollSeconds();
      lastSuccess = Optional.of(now);
      lastFailure = Optional.empty();
      return new Contact(
          enrolledNow, sent, queue.size(), queue.dropped(), results, pollSeconds, Optional.empty());
    } catch (SyncException | EnrolmentClient.EnrolmentException | IOException e) {
      String why = e.getMessage();
      lastFailure = Optional.of(why);
      LOG.log(
          Level.WARNING,
          "Device Direct: contact with the server failed: "
              + why
              + "; reports and results wait for the next contact");
      return new Contact(
          enrolledNow, sent, queueSize(), queue.dropped(), results, pollSeconds, Optional.of(why));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Contact(
          enrolledNow, sent, queueSize(), queue.dropped(), results, 0, Optional.of("interrupted"));
    }
  }

  /** Reports at once (a new fault, or the host's own reason), on the module's thread if it runs. */
  public void reportNow() {
    if (timer.isPresent()) {
      timer.get().execute(() -> contactQuietly(true));
    } else {
      contact(true);
    }
  }

  public synchronized Status status() {
    return new Status(
        credentials().map(Credentials::agentId),
        queueSize(),
        queue.dropped(),
        lastContact,
        lastSuccess,
        lastFailure,
        applied);
  }

  /** The device key the module reports as, from the host's identity. */
  public DeviceRef device() {
    DeviceSnapshot s = host.snapshot();
    DeviceKey key =
        DeviceKey.of(s.identity())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the printer gives no make and serial to be known by: "
                            + s.identity().make()
                            + " "
                            + s.identity().serial()));
    return new DeviceRef(key.make(), key.serial());
  }

  private CommandResult apply(Command command, Duration offset) throws IOException {
    Instant serverNow = config.clock().instant().plus(offset);
    Optional<CommandTypes.Type> type = CommandTypes.find(command.type());
    String refusal = null;
    if (!serverNow.isBefore(command.expiresAt())) {
      refusal = "expired at " + command.expiresAt() + " (server time); not applied";
    } else if (type.isEmpty() || type.get().appliedBy() != Source.Kind.device) {
      refusal = "unknown command type " + command.type() + " for a Device Direct device";
    } else if (command.device().isPresent() && !command.device().get().equals(device())) {
      refusal = "the command is for " + command.device().get() + ", not this device";
    } else {
      refusal = type.get().problem(command.params()).orElse(null);
    }
    CommandResult result;
    if (refusal != null) {
      result =
          new CommandResult(
              command.id(), CommandResult.Outcome.failed, refusal, serverNow, Map.of());
      journal.result(result);
      return result;
    }
    journal.applying(command.id());
    DeviceHost.Applied outcome;
    if (CommandTypes.SEND_DIAGNOSTICS.equals(command.type())) {
      outcome = DeviceHost.Applied.done("full diagnostics sent with this contact");
    } else {
      try {
        outcome = host.apply(command);
      } catch (RuntimeException e) {
        outcome = DeviceHost.Applied.failed("the printer failed: " + e.getMessage());
      }
    }
    applied++;
    result =
        new CommandResult(
            command.id(),
            outcome.done() ? CommandResult.Outcome.done : CommandResult.Outcome.failed,
            outcome.message(),
            config.clock().instant().plus(offset),
            outcome.details());
    journal.result(result);
    LOG.log(
        Level.INFO,
        "Device Direct: command "
            + command.id()
            + " "
            + command.type()
            + " "
            + result.outcome()
            + ": "
            + result.message());
    return result;
  }

  /** Sends the queued reports, oldest first, until one fails; returns how many the server has. */
  private int sendQueue(ReportUploader uploader, String clientId)
      throws SyncException, InterruptedException, IOException {
    int sent = 0;
    for (ReportQueue.Entry entry : queue.entries()) {
      Report r = entry.report();
      if (!r.source().id().equals(clientId)) {
        // queued before enrolment finished: the same report under the id it now has
        r =
            new Report(
                r.schema(),
                r.reportId(),
                new Source(Source.Kind.device, clientId, r.source().version()),
                r.createdAt(),
                r.devices(),
                r.site(),
                r.deltas());
      }
      try {
        uploader.send(r);
      } catch (SyncException e) {
        if (e.kind() == SyncException.Kind.refused && e.status() != 429 && e.status() != 401) {
          // the server will never take this one (it said why): it must not block the others
          queue.remove(entry);
          LOG.log(
              Level.WARNING,
              "Device Direct: report " + r.reportId() + " refused and dropped: " + e.getMessage());
          continue;
        }
        throw e;
      }
      queue.remove(entry);
      sent++;
    }
    return sent;
  }

  private Report report(Instant now) {
    DeviceSnapshot snapshot = host.snapshot().withDiagnostics(host.diagnostics());
    String id = credentials().map(Credentials::agentId).orElse("unenrolled");
    return Report.of(
        "dd-" + UUID.randomUUID(),
        new Source(Source.Kind.device, id, config.version()),
        now,
        List.of(snapshot));
  }

  private Credentials enrol() throws EnrolmentClient.EnrolmentException, InterruptedException {
    String code =
        config
            .enrolmentCode()
            .orElseThrow(
                () ->
                    new EnrolmentClient.EnrolmentException(
                        "not enrolled and no enrolment code configured", null));
    Credentials c =
        new EnrolmentClient(config.server(), config.trust())
            .enrol(code, Source.Kind.device, Optional.of(device()));
    c.save(credentialsFile);
    LOG.log(Level.INFO, "Device Direct: enrolled as " + c.agentId());
    return c;
  }

  private Optional<Credentials> credentials() {
    return Files.exists(credentialsFile)
        ? Optional.of(Credentials.load(credentialsFile))
        : Optional.empty();
  }

  private int queueSize() {
    try {
      return queue.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void contactQuietly(boolean report) {
    Contact c;
    try {
      c = contact(report);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Device Direct: contact failed: " + e.getMessage());
      schedulePoll(config.commandPoll());
      return;
    }
    Duration next = config.commandPoll();
    if (c.pollSeconds() > 0 && Duration.ofSeconds(c.pollSeconds()).compareTo(next) < 0) {
      next = Duration.ofSeconds(c.pollSeconds());
    }
    schedulePoll(next);
  }

  private synchronized void schedulePoll(Duration after) {
    if (timer.isEmpty() || timer.get().isShutdown()) {
      return;
    }
    if (nextPoll != null) {
      nextPoll.cancel(false);
    }
    nextPoll =
        timer.get().schedule(() -> contactQuietly(false), after.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void scheduleDaily() {
    ZonedDateTime now = ZonedDateTime.now(config.clock().withZone(config.zone()));
    ZonedDateTime next = now.with(config.reportAt());
    if (!next.isAfter(now)) {
      next = next.plusDays(1);
    }
    long delay = Duration.between(now, next).toMillis();
    timer
        .get()
        .schedule(
            () -> {
              contactQuietly(true);
              scheduleDaily();
            },
            delay,
            TimeUnit.MILLISECONDS);
  }

  /** Reports at once when the printer shows a fault it did not show before. */
  public void checkFaults() {
    Set<String> now;
    try {
      now = faultCodes(host.diagnostics());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Device Direct: the printer gave no diagnostics: " + e.getMessage());
      return;
    }
    Set<String> added = new HashSet<>(now);
    added.removeAll(knownFaults);
    knownFaults = now;
    if (!added.isEmpty()) {
      LOG.log(Level.INFO, "Device Direct: new fault " + added + "; reporting now");
      if (timer.isPresent()) {
        contactQuietly(true);
      } else {
        contact(true);
      }
    }
  }

  private static Set<String> faultCodes(DeviceDiagnostics d) {
    Set<String> codes = new HashSet<>();
    d.faults().forEach(f -> codes.add(f.code()));
    return codes;
  }

  @Override
  public void close() {
    timer.ifPresent(
        t -> {
          t.shutdownNow();
          try {
            t.awaitTermination(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }
}
