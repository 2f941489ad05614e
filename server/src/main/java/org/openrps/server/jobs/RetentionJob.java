package org.openrps.server.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openrps.server.accounts.EnrolmentRepository;
import org.openrps.server.accounts.RateLimitRepository;
import org.openrps.server.accounts.SessionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes history older than the retention period, and stale sessions, codes and rate-limit
 * windows. Cluster-safe: a run first takes the job's lease row in the database, so one node runs it
 * at a time. Runs on a thread of its own, which {@link #close()} stops.
 */
public final class RetentionJob implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
  static final String JOB = "retention";

  /** What one run did; {@code ran} is false when another node held the lease. */
  public record Outcome(boolean ran, RetentionRepository.Deleted deleted) {}

  private final RetentionRepository history;
  private final SessionRepository sessions;
  private final EnrolmentRepository codes;
  private final RateLimitRepository limits;
  private final JobLeaseRepository leases;
  private final String node;
  private final Duration retention;
  private final Clock clock;
  private final ScheduledExecutorService executor;

  public RetentionJob(
      RetentionRepository history,
      SessionRepository sessions,
      EnrolmentRepository codes,
      RateLimitRepository limits,
      JobLeaseRepository leases,
      String node,
      Duration retention,
      Clock clock) {
    this.history = Objects.requireNonNull(history, "history");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.codes = Objects.requireNonNull(codes, "codes");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.leases = Objects.requireNonNull(leases, "leases");
    this.node = Objects.requireNonNull(node, "node");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "openrps-retention");
              t.setDaemon(true);
              return t;
            });
  }

  /** Runs every {@code period}, the first time after {@code period}. */
  public void schedule(Duration period) {
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            runOnce();
          } catch (RuntimeException e) {
            LOG.warn("retention run failed; will try again in {}", period, e);
          }
        },
        period.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** One run, if this node gets the lease; the lease outlives the run by a minute at most. */
  public Outcome runOnce() {
    Instant now = clock.instant();
    if (!leases.tryAcquire(JOB, node, now, Duration.ofMinutes(10))) {
      LOG.debug("retention - another node holds the lease");
      return new Outcome(false, new RetentionRepository.Deleted(0, 0, 0, 0));
    }
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
    return new Outcome(true, deleted);
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
