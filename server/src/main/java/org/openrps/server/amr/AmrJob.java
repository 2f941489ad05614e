package org.openrps.server.amr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.openrps.server.jobs.Job;

/**
 * The AMR close job (issue 11 point 1), on one node at a time ({@link
 * org.openrps.server.jobs.JobScheduler}): closes every due period, oldest first, and hands due
 * missed-read lists to the {@link MissedReadsHook}. Safe to repeat: a period is claimed by its row
 * in the close's transaction, so a second node or a late run closes nothing twice.
 */
public final class AmrJob implements Job<AmrJob.Outcome> {

  /** The job's name (its lease row). */
  public static final String JOB = "amr";

  /** What one run did. */
  public record Outcome(List<Amr.Closed> closed, int notices) {}

  private final Amr amr;
  private final MissedReadsHook hook;
  private final String node;
  private final Duration period;

  public AmrJob(Amr amr, MissedReadsHook hook, String node, Duration period) {
    this.amr = Objects.requireNonNull(amr, "amr");
    this.hook = Objects.requireNonNull(hook, "hook");
    this.node = Objects.requireNonNull(node, "node");
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

  @Override
  public Outcome run(Instant now) {
    List<Amr.Closed> closed = amr.closeDue(now, node);
    return new Outcome(closed, amr.notifyMissedReads(now, hook));
  }
}
