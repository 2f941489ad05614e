package org.openrps.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.PendingReport;
import org.openrps.agent.store.RefusedReport;
import org.openrps.agent.store.UploadAttempt;
import org.openrps.client.ReportUploader;
import org.openrps.client.SyncException;
import org.openrps.client.Upload;
import org.openrps.client.WireBody;
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
 * <p>Each report carries the agent's site information as collected at the start of the run ({@link
 * SiteFacts}): a report sent again keeps its id and snapshots, and gets the facts of now.
 */
final class OutboxSender {

  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

  private final AgentStore store;
  private final ReportUploader uploader;
  private final Source source;
  private final Clock clock;
  private final Supplier<Optional<SiteFacts>> site;
  private final int maxDevicesPerReport;
  private final int maxReportsPerRun;

  OutboxSender(
      AgentStore store,
      ReportUploader uploader,
      Source source,
      Clock clock,
      int maxDevicesPerReport,
      int maxReportsPerRun) {
    this(store, uploader, source, clock, Optional::empty, maxDevicesPerReport, maxReportsPerRun);
  }

  /**
   * @param site the site information to attach to the reports of a run; empty: none (schema 3
   *     reports without a site)
   */
  OutboxSender(
      AgentStore store,
      ReportUploader uploader,
      Source source,
      Clock clock,
      Supplier<Optional<SiteFacts>> site,
      int maxDevicesPerReport,
      int maxReportsPerRun) {
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
    for (int i = 0; i < maxReportsPerRun; i++) {
      PendingReport pending;
      try {
        pending = store.nextReport(clock.instant(), maxDevicesPerReport);
      } catch (RuntimeException e) {
        return outcome(acked, snapshots, last, refused, Agent.storeFailure(e, store));
      }
      Report report = reportOf(pending, source, facts);
      Receipt receipt;
      Instant at = clock.instant();
      try {
        Upload upload = uploader.upload(report);
        receipt = upload.receipt();
        try {
          store.acknowledged(
              receipt, attempt(report, at, Optional.of(upload.body()), true, upload.status()));
        } catch (RuntimeException e) {
          // The server has it; the next run sends it again and the server answers "duplicate".
          return outcome(acked, snapshots, last, refused, Agent.storeFailure(e, store));
        }
      } catch (SyncException e) {
        UploadAttempt attempt = attempt(report, at, e.body(), !e.nothingSent(), e.status());
        try {
          if (e.contentRefused()) {
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
      snapshots += report.devices().size();
      log.info(
          "{} - report {} acknowledged ({} devices{})",
          uploader.endpoint(),
          receipt.reportId(),
          report.devices().size(),
          receipt.duplicate() ? ", already known to the server" : "");
      if (!store.hasUnassigned()) {
        break;
      }
    }
    return new SyncOutcome(acked, snapshots, Optional.ofNullable(last), refused, Optional.empty());
  }

  /** The report that goes on the wire for {@code pending}: one place, for the sync and preview. */
  static Report reportOf(PendingReport pending, Source source, Optional<SiteFacts> facts) {
    Report report = Report.of(pending.reportId(), source, pending.createdAt(), pending.devices());
    return facts.isPresent() ? report.withSite(facts.get()) : report;
  }

  private static UploadAttempt attempt(
      Report report, Instant at, Optional<WireBody> body, boolean sent, int status) {
    return new UploadAttempt(
        report.reportId(),
        at,
        report.devices().size(),
        body.map(b -> new UploadAttempt.Body(b.bytes(), b.sha256())),
        sent,
        status);
  }

  /** The site information of now; none rather than no sync when collecting it fails. */
  Optional<SiteFacts> siteFacts() {
    try {
      return site.get();
    } catch (RuntimeException e) {
      log.debug("site information not collected: {}", e.toString());
      return Optional.empty();
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
        report.devices().size(),
        e.getMessage());
    return new RefusedReport(
        report.reportId(),
        report.createdAt(),
        clock.instant(),
        e.status(),
        code,
        e.getMessage(),
        source.version(),
        report.devices().size());
  }

  private static SyncOutcome outcome(
      int acked, int snapshots, Receipt last, List<RefusedReport> refused, AgentException failure) {
    return new SyncOutcome(
        acked, snapshots, Optional.ofNullable(last), refused, Optional.of(failure));
  }
}
