package org.openrps.server.commands;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.openrps.server.jobs.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks queued and delivered commands past their expiry {@code expired}, on one node at a time, on
 * the injected clock. Repeating a run changes nothing more.
 */
public final class CommandJob implements Job<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(CommandJob.class);

  /** The job's name (its lease row). */
  public static final String JOB = "command-expiry";

  private final Commands commands;
  private final Duration period;

  public CommandJob(Commands commands, Duration period) {
    this.commands = Objects.requireNonNull(commands, "commands");
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
  public Integer run(Instant now) {
    int expired = commands.expire(now);
    if (expired > 0) {
      LOG.info("commands - {} command(s) expired unanswered", expired);
    }
    return expired;
  }
}
