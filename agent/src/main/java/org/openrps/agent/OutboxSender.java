package org.openrps.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.PendingReport;
import org.openrps.agent.store.RefusedReport;
import org.openrps.agent.store.UploadAttempt;
import org.openrps.client.ReportUploader;
import org.openrps.client.SyncException;
import org.openrps.client.Upload;
import org.openrps.client.WireBody;
import org.openrps.wire.DeviceDelta;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.ErrorBody;
import org.openrps.wire.Receipt;
import org.openrps.wire.Report;
import org.openrps.wire.SiteFacts;
import org.openrps.wire.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties the outbox into the server, one report at a time, oldest first: a report not acknowledged
 * is sent again, unchanged (same id, same snapshots), before any new one is made. Each report holds
 * at most one snapshot per device (ADR 0008), so readings of several cycles leave as several
 * reports, in order. Snapshots leave the outbox only with the server's receipt. A report the server
 * refuses for its content is kept with the server's answer, logged, and sent again by another agent
 * version; the reports after it still go.
 *
 * <p>The site information collected at the start of the run ({@link SiteFacts}) goes with the first
 * report of the run, and with the next ones until one is acknowledged (with every report under
 * {@link Payloads#FULL}); the backlog in it counts what waits besides that report. A snapshot of a
 * device whose newest acknowledged snapshot is known goes as what changed since it (ADR 0010); a
 * server that lacks that base answers {@code delta.base.unknown}, and the report goes again at
 * once, same id, every snapshot whole. A report sent again keeps its id and snapshots, and gets the
 * facts of now.
 */
final class OutboxSender {

  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

  private final AgentStore store;
  private final ReportUploader uploader;
  private final Source source;
  private final Clock clock;
  private final Site site;
  private final int maxDevicesPerReport;
  private final int maxReportsPerRun;
  private final Payloads payloads;

  OutboxSender(
      AgentStore store,
      ReportUploader uploader,
      Source source,
      Clock clock,
      int maxDevicesPerReport,
      int maxReportsPerRun) {
    this(
        store,
        uploader,
        source,
        clock,
        Optional::empty,
        maxDevicesPerReport,
        maxReportsPerRun,
        Payloads.DELTAS);
  }

  /**
   * @param site the site information to attach to the reports of a run
   */
  OutboxSender(
      AgentStore store,
      ReportUploader uploader,
      Source source,
      Clock clock,
      Site site,
      int maxDevicesPerReport,
      int maxReportsPerRun,
      Payloads payloads) {
    this.payloads = Objects.requireNonNull(payloads, "payloads");
    this.store = Objects.requireNonNull(store, "store");
    this.uploader = Objects.requireNonNull(uploader, "uploader");
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.site = Objects.requireNonNull(site, "site");
    this.maxDevicesPerReport = maxDevicesPerReport;
    this.maxReportsPerRun = maxReportsPerRun;
  }

  /**
   * Sends what waits, at least one report (an empty one when nothing waits, so that the server
   * hears from the agent every cycle). Never throws for an ordinary failure: the outcome says what
   * happened, and the outbox keeps everything not acknowledged.
   */
  SyncOutcome sendAll() {
    int acked = 0;
    int snapshots = 0;
    Receipt last = null;
    List<RefusedReport> refused = new ArrayList<>();
    try {
      store.retryRefused(source.version());
    } catch (RuntimeException e) {
      return new SyncOutcome(
          0, 0, Optional.empty(), refused, Optional.of(Agent.storeFailure(e, store)));
    }
    Optional<SiteFacts> facts = siteFacts();
    boolean siteSent = false;
    for (int i = 0; i < maxReportsPerRun; i++) {
      PendingReport pending;
      try {
        pending = store.nextReport(clock.instant(), maxDevicesPerReport);
      } catch (RuntimeException e) {
        return outcome(acked, snapshots, last, refused, Agent.storeFailure(e, store));
      }
      Optional<SiteFacts> carried = siteSent ? Optional.empty() : carriedBy(facts, pending);
      Report report = reportOf(pending, source, carried, payloads, false);
      Receipt receipt;
      Instant at = clock.instant();
      try {
        Upload upload;
        try {
          upload = uploader.upload(report);
        } catch (SyncException e) {
          if (!baseUnknown(e) || report.deltas().isEmpty()) {
            throw e;
          }
          // The server lacks a base (restored from a backup, device moved, base pruned): the same
          // report, same id, goes again at once with every snapshot whole (ADR 0010).
          store.attemptFailed(
              attempt(report, at, e.body(), !e.nothingSent(), e.status()),
              BASE_UNKNOWN,
              e.getMessage());
          log.warn(
              "{} - report {}: the server holds no base for its deltas; sent again whole",
              uploader.endpoint(),
              report.reportId());
          report = reportOf(pending, source, carried, payloads, true);
          at = clock.instant();
          upload = uploader.upload(report);
        }
        receipt = upload.receipt();
        try {
          store.acknowledged(
              receipt, attempt(report, at, Optional.of(upload.body()), true, upload.status()));
        } catch (RuntimeException e) {
          // The server has it; the next run sends it again and the server answers "duplicate".
          return outcome(acked, snapshots, last, refused, Agent.storeFailure(e, store));
        }
        siteSent = !payloads.siteEveryReport() && report.site().isPresent();
      } catch (SyncException e) {
        UploadAttempt attempt = attempt(report, at, e.body(), !e.nothingSent(), e.status());
        try {
          if (e.contentRefused() && !baseUnknown(e)) {
            refused.add(refuse(report, attempt, e));
            if (!store.hasUnassigned()) {
              break;
            }
            continue;
          }
          store.attemptFailed(attempt, e.error().map(ErrorBody::code).orElse(""), e.getMessage());
        } catch (RuntimeException storeFailure) {
          return outcome(acked, snapshots, last, refused, Agent.storeFailure(storeFailure, store));
        }
        return outcome(acked, snapshots, last, refused, AgentException.sync(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        store.attemptFailed(attempt(report, at, Optional.empty(), true, 0), "", "interrupted");
        return outcome(
            acked,
            snapshots,
            last,
            refused,
            new AgentException(
                AgentException.Step.sync, AgentException.Kind.interrupted, "interrupted", e));
      }
      last = receipt;
      acked++;
      snapshots += report.snapshotCount();
      log.info(
          "{} - report {} acknowledged ({} devices, {} as deltas{})",
          uploader.endpoint(),
          receipt.reportId(),
          report.snapshotCount(),
          report.deltas().size(),
          receipt.duplicate() ? ", already known to the server" : "");
      if (!store.hasUnassigned()) {
        break;
      }
    }
    return new SyncOutcome(acked, snapshots, Optional.ofNullable(last), refused, Optional.empty());
  }

  /** The error code of a server that does not hold the base a delta names (ADR 0010). */
  static final String BASE_UNKNOWN = "delta.base.unknown";

  private static boolean baseUnknown(SyncException e) {
    return e.status() == 409
        && e.error().map(ErrorBody::code).filter(BASE_UNKNOWN::equals).isPresent();
  }

  /**
   * The report that goes on the wire for {@code pending}: one place, for the sync and preview. A
   * snapshot of a device with an acknowledged base goes as a delta on it where {@code payloads}
   * says so and a delta can say it; otherwise whole.
   *
   * @param facts the site information to carry; empty: none
   * @param whole every snapshot whole (after the server said it lacks a base)
   */
  static Report reportOf(
      PendingReport pending,
      Source source,
      Optional<SiteFacts> facts,
      Payloads payloads,
      boolean whole) {
    List<DeviceSnapshot> full = new ArrayList<>();
    List<DeviceDelta> deltas = new ArrayList<>();
    for (DeviceSnapshot d : pending.devices()) {
      Optional<DeviceDelta> delta =
          whole || !payloads.deltas()
              ? Optional.empty()
              : pending
                  .baseOf(d)
                  .flatMap(base -> DeviceDelta.between(base, d, payloads.metersAlways()));
      if (delta.isPresent()) {
        deltas.add(delta.get());
      } else {
        full.add(d);
      }
    }
    Report report =
        new Report(
            Report.SCHEMA,
            pending.reportId(),
            source,
            pending.createdAt(),
            full,
            Optional.empty(),
            deltas);
    return facts.isPresent() ? report.withSite(facts.get()) : report;
  }

  private static UploadAttempt attempt(
      Report report, Instant at, Optional<WireBody> body, boolean sent, int status) {
    return new UploadAttempt(
        report.reportId(),
        at,
        report.snapshotCount(),
        body.map(b -> new UploadAttempt.Body(b.bytes(), b.sha256())),
        sent,
        status);
  }

  /** The site information of now; none rather than no sync when collecting it fails. */
  Optional<SiteFacts> siteFacts() {
    try {
      return site.collect();
    } catch (RuntimeException e) {
      log.debug("site information not collected: {}", e.toString());
      return Optional.empty();
    }
  }

  /** {@code facts} as {@code pending} carries them; as collected when that fails. */
  private Optional<SiteFacts> carriedBy(Optional<SiteFacts> facts, PendingReport pending) {
    try {
      return facts.map(f -> site.carriedBy(f, pending.reportId()));
    } catch (RuntimeException e) {
      log.debug("site information not fitted to report {}: {}", pending.reportId(), e.toString());
      return facts;
    }
  }

  /** The site information a run's reports carry. */
  @FunctionalInterface
  interface Site {
    /** The facts of now; empty: none (schema 3 reports without a site). */
    Optional<SiteFacts> collect();

    /**
     * {@code facts} as report {@code reportId} carries them (its backlog besides its own readings);
     * as they are unless a source says otherwise.
     */
    default SiteFacts carriedBy(SiteFacts facts, String reportId) {
      return facts;
    }
  }

  private RefusedReport refuse(Report report, UploadAttempt attempt, SyncException e) {
    String code = e.error().map(ErrorBody::code).orElse("");
    store.rejected(attempt, code, e.getMessage(), source.version());
    log.error(
        "{} - report {} ({} devices) refused by the server: {}; kept, sent again by another agent"
            + " version",
        uploader.endpoint(),
        report.reportId(),
        report.snapshotCount(),
        e.getMessage());
    return new RefusedReport(
        report.reportId(),
        report.createdAt(),
        clock.instant(),
        e.status(),
        code,
        e.getMessage(),
        source.version(),
        report.snapshotCount());
  }

  private static SyncOutcome outcome(
      int acked, int snapshots, Receipt last, List<RefusedReport> refused, AgentException failure) {
    return new SyncOutcome(
        acked, snapshots, Optional.ofNullable(last), refused, Optional.of(failure));
  }
}
