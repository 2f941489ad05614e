package org.openrps.server.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.openrps.server.accounts.RateLimiter;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.ClientPrincipal;
import org.openrps.server.store.ClientKind;
import org.openrps.wire.DeviceDelta;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.Receipt;
import org.openrps.wire.Report;
import org.openrps.wire.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accepts decoded reports from authenticated agents and stores them once. */
public final class Ingestion {

  private static final Logger LOG = LoggerFactory.getLogger(Ingestion.class);

  private final ReportRepository reports;
  private final RateLimiter limiter;
  private final int uploadsPerMinute;
  private final Clock clock;
  private final ReadingTimes times;

  public Ingestion(
      ReportRepository reports,
      RateLimiter limiter,
      int uploadsPerMinute,
      Duration maxClockSkew,
      Clock clock) {
    this.reports = Objects.requireNonNull(reports, "reports");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.uploadsPerMinute = uploadsPerMinute;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.times = new ReadingTimes(maxClockSkew);
  }

  /**
   * Counts an upload against the client's limit (shared by every node, in the database); refuses
   * with {@code report.rate_limited} (429) past it. Called before the body is read.
   */
  public void admit(ClientPrincipal agent) {
    limiter.hit("upload:" + agent.clientId(), uploadsPerMinute, "report.rate_limited");
  }

  /** Stores the report; the receipt's time is the server's, to the millisecond as stored. */
  public Receipt accept(ClientPrincipal agent, Report report) {
    if (!report.source().id().equals(agent.clientId())
        || !report.source().kind().name().equals(agent.kind().name())) {
      throw ApiException.sourceMismatch(
          "the report's source "
              + report.source().kind()
              + " "
              + report.source().id()
              + " is not the authenticated agent "
              + agent.kind()
              + " "
              + agent.clientId());
    }
    if (report.site().isPresent() && report.source().kind() != Source.Kind.agent) {
      throw ApiException.invalid("/site: only an agent sends site information");
    }
    if (agent.kind() == ClientKind.device) {
      checkOwnDevice(agent, report);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    times.check(report, now);
    Receipt receipt = reports.store(agent.tenant(), agent.site(), report, now);
    LOG.debug(
        "{} - report {} with {} devices {}",
        agent.clientId(),
        report.reportId(),
        report.devices().size(),
        receipt.duplicate() ? "was already stored" : "stored");
    return receipt;
  }

  /**
   * A Device Direct credential reports about one device, the one it is bound to (keys compared
   * after the decoder normalised them); anything else is {@code report.device_mismatch} (403) and
   * nothing is stored. A device credential from before binding (no bound device) may still report
   * one device, whichever it is.
   */
  private static void checkOwnDevice(ClientPrincipal device, Report report) {
    if (report.snapshotCount() > 1) {
      throw deviceMismatch(
          "a device reports about itself only; this report names "
              + report.snapshotCount()
              + " devices");
    }
    if (device.device().isEmpty()) {
      return;
    }
    DeviceRef bound = device.device().get();
    for (DeviceSnapshot d : report.devices()) {
      checkSame(bound, d.identity().make(), d.identity().serial());
    }
    for (DeviceDelta d : report.deltas()) {
      checkSame(bound, d.make(), d.serial());
    }
  }

  private static void checkSame(DeviceRef bound, String make, String serial) {
    if (!bound.make().equals(make) || !bound.serial().equals(serial)) {
      throw deviceMismatch(
          "this credential is bound to device " + bound + ", not " + make + "/" + serial);
    }
  }

  private static ApiException deviceMismatch(String message) {
    return new ApiException(403, "report.device_mismatch", message);
  }
}
