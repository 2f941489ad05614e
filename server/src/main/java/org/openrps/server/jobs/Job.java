package org.openrps.server.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * A periodic service of the server (retention today; AMR closing, ASR forecasts and the
 * communication-loss check later). The {@link JobScheduler} runs it on one node of the cluster at a
 * time, on the injected clock; a run must be safe to repeat, as a node may die in the middle.
 *
 * @param <R> what a run reports
 */
public interface Job<R> {

  /** The job's name, also its lease row in {@code job_leases}: lower case, stable. */
  String name();

  /** How often it runs; also how long a node holds its lease after a run. */
  Duration period();

  /** One run at {@code now}. */
  R run(Instant now);
}
