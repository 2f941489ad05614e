package org.openrps.agent.status;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openrps.agent.AgentDaemon;
import org.openrps.agent.schedule.Schedule;

/**
 * The agent's next poll and sync.
 *
 * @param agentRunning true when a running agent said them; false when they come from the schedule
 *     (the agent does not run: nothing happens at those times until it is started)
 * @param syncRetryAt when a failed sync is tried again, before the next scheduled one
 * @param running the step under way ({@code poll}, {@code sync}), if any
 */
public record NextSteps(
    boolean agentRunning,
    Instant nextPoll,
    Instant nextSync,
    Optional<Instant> syncRetryAt,
    Optional<String> running) {

  public NextSteps {
    Objects.requireNonNull(nextPoll, "nextPoll");
    Objects.requireNonNull(nextSync, "nextSync");
    Objects.requireNonNull(syncRetryAt, "syncRetryAt");
    Objects.requireNonNull(running, "running");
  }

  /** What the running daemon says. */
  public static NextSteps of(AgentDaemon.Status status) {
    return new NextSteps(
        true,
        status.nextPoll(),
        status.nextSync(),
        status.retryAt().filter(r -> r.isBefore(status.nextSync())),
        status.running().map(Enum::name));
  }

  /** When the agent would poll and sync after {@code now} on {@code schedule}, were it running. */
  public static NextSteps notRunning(Schedule schedule, Instant now) {
    return new NextSteps(
        false,
        schedule.nextPollAfter(now),
        schedule.nextSyncAfter(now),
        Optional.empty(),
        Optional.empty());
  }
}
