package org.openrps.agent;

import java.time.Clock;
import java.util.Objects;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.PendingReport;
import org.openrps.client.ReportUploader;
import org.openrps.client.SyncException;
import org.openrps.wire.Receipt;
import org.openrps.wire.Report;
import org.openrps.wire.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties the outbox into the server, one report at a time: a report not acknowledged is sent
 * again, unchanged, before any new one is made. Snapshots leave the outbox only with the server's
 * receipt.
 */
final class OutboxSender {

  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

  private final AgentStore store;
  private final ReportUploader uploader;
  private final Source source;
  private final Clock clock;
  private final int maxDevicesPerReport;
  private final int maxReportsPerRun;

  OutboxSender(
      AgentStore store,
      ReportUploader uploader,
      Source source,
      Clock clock,
      int maxDevicesPerReport,
      int maxReportsPerRun) {
    this.store = Objects.requireNonNull(store, "store");
    this.uploader = Objects.requireNonNull(uploader, "uploader");
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxDevicesPerReport = maxDevicesPerReport;
    this.maxReportsPerRun = maxReportsPerRun;
  }

  /**
   * Sends what waits, at least one report (an empty one when nothing waits, so that the server
   * hears from the agent every cycle).
   *
   * @return the receipt of the last report sent
   */
  Receipt sendAll() throws AgentException {
    Receipt last = null;
    for (int i = 0; i < maxReportsPerRun; i++) {
      PendingReport pending;
      try {
        pending = store.nextReport(clock.instant(), maxDevicesPerReport);
      } catch (RuntimeException e) {
        throw new AgentException(AgentException.Step.store, String.valueOf(e.getMessage()), e);
      }
      Report report = Report.of(pending.reportId(), source, pending.createdAt(), pending.devices());
      try {
        last = uploader.send(report);
      } catch (SyncException e) {
        if (e.contentRefused()) {
          store.rejected(report.reportId(), clock.instant(), e.getMessage());
          log.error(
              "{} - report {} refused by the server and set aside: {}",
              uploader.endpoint(),
              report.reportId(),
              e.getMessage());
        } else {
          store.attemptFailed(report.reportId(), clock.instant(), e.getMessage());
        }
        throw new AgentException(AgentException.Step.sync, e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        store.attemptFailed(report.reportId(), clock.instant(), "interrupted");
        throw new AgentException(AgentException.Step.sync, "interrupted", e);
      }
      store.acknowledged(last, clock.instant());
      log.info(
          "{} - report {} acknowledged ({} devices{})",
          uploader.endpoint(),
          last.reportId(),
          report.devices().size(),
          last.duplicate() ? ", already known to the server" : "");
      if (!store.hasUnassigned()) {
        break;
      }
    }
    return last;
  }
}
