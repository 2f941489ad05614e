package org.openrps.server.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.openrps.server.jobs.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens, updates and closes incidents from the devices' latest state (issue 11 point 3), on one
 * node at a time ({@link org.openrps.server.jobs.JobScheduler}). A condition that goes closes its
 * incident only after it has stayed away for the hold-down, so a flapping alert is one incident.
 */
public final class IncidentJob implements Job<IncidentRepository.Changes> {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentJob.class);

  /** The job's name (its lease row). */
  public static final String JOB = "incidents";

  /** How long a condition stays away before its incident closes, unless told otherwise. */
  public static final Duration DEFAULT_HOLD_DOWN = IncidentRules.DEFAULTS.holdDown();

  /**
   * How long a device may go unheard before it is an incident: longer than a weekend, so a printer
   * switched off at night or from Friday evening to Monday morning is not one.
   */
  public static final Duration DEFAULT_LOSS_AFTER = IncidentRules.DEFAULTS.deviceSilentAfter();

  private final IncidentRepository incidents;
  private final Duration period;
  private final IncidentRules rules;
  private final IncidentNotices notices;

  public IncidentJob(IncidentRepository incidents, Duration period, Duration holdDown) {
    this(
        incidents,
        period,
        new IncidentRules(
            holdDown,
            IncidentRules.DEFAULTS.deviceSilentAfter(),
            IncidentRules.DEFAULTS.agentSilentAfter()),
        IncidentNotices.NONE);
  }

  /** As the other constructor, telling {@code notices} what each run opened and closed. */
  public IncidentJob(
      IncidentRepository incidents, Duration period, IncidentRules rules, IncidentNotices notices) {
    this.notices = Objects.requireNonNull(notices, "notices");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.incidents = Objects.requireNonNull(incidents, "incidents");
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
  public IncidentRepository.Changes run(Instant now) {
    IncidentRepository.Changes c = incidents.apply(now, rules);
    if (c.opened() + c.closed() > 0) {
      LOG.info(
          "incidents - {} opened, {} closed, {} open ones gone (held down {})",
          c.opened(),
          c.closed(),
          c.absent(),
          rules.holdDown());
    }
    if (!c.notices().isEmpty()) {
      try {
        notices.changed(c.notices());
      } catch (RuntimeException e) {
        LOG.warn(
            "incidents - their e-mail could not be queued; the incidents stand: {}", e.toString());
      }
    }
    return c;
  }
}
