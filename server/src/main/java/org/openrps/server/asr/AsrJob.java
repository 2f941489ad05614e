package org.openrps.server.asr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.openrps.server.jobs.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The replenishment job, on one node at a time, on the injected clock. */
public final class AsrJob implements Job<Asr.Outcome> {

  private static final Logger LOG = LoggerFactory.getLogger(AsrJob.class);

  /** The job's name (its lease row). */
  public static final String JOB = "asr";

  private final Asr asr;
  private final Duration period;
  private final Consumer<List<AsrRepository.Order>> raised;

  /**
   * @param raised hears the orders each run raised, after its transaction (their e-mail)
   */
  public AsrJob(Asr asr, Duration period, Consumer<List<AsrRepository.Order>> raised) {
    this.asr = Objects.requireNonNull(asr, "asr");
    this.period = Objects.requireNonNull(period, "period");
    this.raised = Objects.requireNonNull(raised, "raised");
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
  public Asr.Outcome run(Instant now) {
    Asr.Outcome o = asr.run(now);
    if (o.raised() + o.closed() + o.misses() > 0) {
      LOG.info(
          "asr - {} orders raised, {} closed, {} supplies ran empty without one",
          o.raised(),
          o.closed(),
          o.misses());
    }
    if (!o.newOrders().isEmpty()) {
      try {
        raised.accept(o.newOrders());
      } catch (RuntimeException e) {
        LOG.warn(
            "asr - the orders' e-mail could not be queued; the orders stand: {}", e.toString());
      }
    }
    return o;
  }
}
