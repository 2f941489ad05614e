package org.openrps.server.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.openrps.server.accounts.EnrolmentRepository;
import org.openrps.server.accounts.RateLimitRepository;
import org.openrps.server.accounts.SessionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes history older than the retention period, and stale sessions, codes and rate-limit
 * windows: the first {@link Job}. The {@link JobScheduler} runs it on one node at a time.
 */
public final class RetentionJob implements Job<RetentionRepository.Deleted> {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
  static final String JOB = "retention";

  /** What one run did; {@code ran} is false when another node held the lease. */
  public record Outcome(boolean ran, RetentionRepository.Deleted deleted) {}

  private final RetentionRepository history;
  private final SessionRepository sessions;
  private final EnrolmentRepository codes;
  private final RateLimitRepository limits;
  private final Duration retention;
  private final Duration period;

  public RetentionJob(
      RetentionRepository history,
      SessionRepository sessions,
      EnrolmentRepository codes,
      RateLimitRepository limits,
      Duration retention,
      Duration period) {
    this.history = Objects.requireNonNull(history, "history");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.codes = Objects.requireNonNull(codes, "codes");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.period = Objects.requireNonNull(period, "period");
  }

  @Override
  public String name() {
    return JOB;
  }

  @Override
  public Duration period() {
    return period;
  }

  /** Deletes history older than the retention, expired sessions, stale codes and counters. */
  @Override
  public RetentionRepository.Deleted run(Instant now) {
    RetentionRepository.Deleted deleted = history.deleteHistoryBefore(now.minus(retention));
    sessions.deleteExpired(now);
    codes.deleteStale(now.minus(Duration.ofDays(1)));
    limits.deleteStale(now.minus(Duration.ofHours(1)));
    LOG.info(
        "retention - deleted {} snapshots, {} meter, {} supply and {} alert readings older than {}",
        deleted.snapshots(),
        deleted.meters(),
        deleted.supplies(),
        deleted.alerts(),
        retention);
    return deleted;
  }
}
