package org.openrps.server.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.openrps.server.accounts.RateLimiter;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.ClientPrincipal;
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
}
