package org.openrps.server.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Job}s, each every {@link Job#period()}, on one node of the cluster at a time: before
 * a run the node takes the job's lease row in the database for one period, so a second node (or a
 * second call) inside that period does nothing, and a node that dies lets another take over when
 * the lease ends. Time is the injected clock, so a test can run a month of jobs in seconds by
 * moving a clock and calling {@link #runIfLeased}.
 */
public final class JobScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);

  private final JobLeaseRepository leases;
  private final String node;
  private final Clock clock;
  private final ScheduledExecutorService executor;

  public JobScheduler(JobLeaseRepository leases, String node, Clock clock) {
    this.leases = Objects.requireNonNull(leases, "leases");
    this.node = Objects.requireNonNull(node, "node");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "openrps-jobs");
              t.setDaemon(true);
              return t;
            });
  }

  /** Runs the job every period, the first time one period from now. */
  public void schedule(Job<?> job) {
    long every = job.period().toMillis();
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            runIfLeased(job);
          } catch (RuntimeException e) {
            LOG.warn(
                "{} - job {} failed; it runs again in {}: {}",
                node,
                job.name(),
                job.period(),
                e.toString());
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  /** Runs the job now if this node gets its lease; empty when another node holds it. */
  public <R> Optional<R> runIfLeased(Job<R> job) {
    Instant now = clock.instant();
    if (!leases.tryAcquire(job.name(), node, now, leaseFor(job.period()))) {
      LOG.debug("{} - job {}: another node holds the lease", node, job.name());
      return Optional.empty();
    }
    return Optional.of(job.run(now));
  }

  /** The lease a run takes: the job's period, at most a day, at least a minute. */
  static Duration leaseFor(Duration period) {
    if (period.compareTo(Duration.ofMinutes(1)) < 0) {
      return Duration.ofMinutes(1);
    }
    return period.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : period;
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
