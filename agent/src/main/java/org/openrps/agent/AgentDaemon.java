package org.openrps.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.openrps.agent.command.AgentCommands;
import org.openrps.agent.remote.EffectiveSettings;
import org.openrps.agent.schedule.Schedule;
import org.openrps.agent.store.AgentEvent;
import org.openrps.agent.sync.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent as a service: polls and syncs on its {@link Schedule}, retries a failed sync on its
 * {@link RetryPolicy}, and serves requests from outside (sync now) between steps.
 *
 * <p>Wall-clock based: the loop waits in short ticks and compares the clock with the next scheduled
 * time, so a suspended host or a clock set forward does not shift the schedule. When the host was
 * asleep or off at a scheduled time (the clock passed it by more than {@link #GRACE} while the
 * agent was waiting, not working), the step is missed and runs at its next scheduled time, unless
 * the schedule says {@code catchUp}: then it runs at once. A step that came due while another ran
 * (a long poll) runs right after it. A clock set back moves the next times back with it.
 *
 * <p>{@link #stop()} ends the loop between steps: a poll or a sync under way finishes first.
 */
public final class AgentDaemon {

  /** How late a scheduled step may run before it counts as missed (the host slept through it). */
  public static final Duration GRACE = Duration.ofMinutes(5);

  /** The longest single wait: the clock is looked at again at least this often. */
  static final Duration TICK = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(AgentDaemon.class);

  /** What the daemon tells its operator. Called on the daemon's thread. */
  public interface Listener {
    /** A poll ended (its store may have failed: see the result). */
    void polled(PollResult result);

    /** Discovery failed: nothing stored; the next poll is at its scheduled time. */
    void pollFailed(AgentException e);

    /**
     * A sync ended.
     *
     * @param kept snapshots still in the outbox (-1 when the store cannot tell)
     * @param retryAt when a failed sync is tried again
     */
    void synced(SyncOutcome outcome, long kept, Optional<Instant> retryAt);

    /** The host was off or asleep at {@code due}: the step waits for {@code next}. */
    void missed(Step step, Instant due, Instant next);

    /** The daemon waits for the next step. */
    void waiting(Status status);

    /** The command channel was looked at (after each sync, and on its own cadence). */
    default void commands(AgentCommands.Check check) {}

    /** New settings from the server were applied. */
    default void reconfigured(EffectiveSettings settings) {}
  }

  /** The daemon's two kinds of step. */
  public enum Step {
    poll,
    sync,
    commands
  }

  /**
   * When the next steps are due.
   *
   * @param retryAt when a failed sync is tried again, before the next scheduled sync
   * @param running the step under way, if any
   */
  public record Status(
      Instant nextPoll,
      Instant nextSync,
      Optional<Instant> retryAt,
      Optional<Step> running,
      boolean enabled) {

    public Status(
        Instant nextPoll, Instant nextSync, Optional<Instant> retryAt, Optional<Step> running) {
      this(nextPoll, nextSync, retryAt, running, true);
    }
  }

  private final Agent agent;
  // guarded by lock
  private Schedule schedule;
  private final RetryPolicy retries;
  private final Clock clock;
  private final Listener listener;
  private final Object lock = new Object();

  // guarded by lock
  private Instant nextPoll;
  private Instant nextSync;
  private Step running;
  private boolean stopped;
  private boolean pollRequested;
  private final List<CompletableFuture<SyncOutcome>> syncRequests = new ArrayList<>();
  private boolean enabled = true;
  private Optional<AgentCommands> commands = Optional.empty();
  private Duration commandEvery = Duration.ofMinutes(15);
  private Instant nextCommands;

  /** Only the daemon's thread: the last step was only a look at the commands that found none. */
  private boolean quietLook;

  /** Only the daemon's thread: when it last finished a step (or started). */
  private Instant lastAwake;

  public AgentDaemon(
      Agent agent, Schedule schedule, RetryPolicy retries, Clock clock, Listener listener) {
    this.agent = Objects.requireNonNull(agent, "agent");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.retries = Objects.requireNonNull(retries, "retries");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
    Instant now = clock.instant();
    this.lastAwake = now;
    this.nextPoll = schedule.nextPollAfter(now);
    this.nextSync = schedule.nextSyncAfter(now);
    this.nextCommands = now;
    agent.runsOn(Optional.of(schedule));
    if (schedule.catchUp()) {
      if (behind(AgentEvent.POLLED, schedule.lastPollAtOrBefore(now))) {
        nextPoll = now;
      }
      if (behind(AgentEvent.SYNC_ATTEMPTED, schedule.lastSyncAtOrBefore(now))) {
        nextSync = now;
      }
    }
  }

  /**
   * Looks at the command channel: after every sync and every {@code every} (sooner when the server
   * asks, while a command is pending), and once at start.
   */
  public AgentDaemon withCommands(AgentCommands channel, Duration every) {
    Objects.requireNonNull(channel, "channel");
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("the command check interval must be positive: " + every);
    }
    synchronized (lock) {
      this.commands = Optional.of(channel);
      this.commandEvery = every;
    }
    return this;
  }

  /**
   * Runs by new settings from now on (a configuration from the server): the schedule is computed
   * again from now, the agent polls its new targets with its new credential assignments, and a
   * disabled agent neither polls nor syncs on schedule (it still looks at its commands, and a sync
   * asked for by hand still runs). The agent's site information reports the new schedule (none
   * while disabled).
   */
  public void apply(org.openrps.agent.remote.EffectiveSettings settings) {
    agent.reconfigure(settings.targets(), settings.poll());
    synchronized (lock) {
      Instant now = clock.instant();
      schedule = settings.schedule();
      nextPoll = schedule.nextPollAfter(now);
      nextSync = schedule.nextSyncAfter(now);
      enabled = settings.enabled();
      // Disabled, it syncs on no schedule: its site information says none.
      agent.runsOn(enabled ? Optional.of(schedule) : Optional.empty());
      lock.notifyAll();
    }
    listener.reconfigured(settings);
  }

  /** True when the agent's last {@code event} is older than the scheduled time {@code due}. */
  private boolean behind(AgentEvent event, Instant due) {
    return agent.lastTime(event).map(t -> t.isBefore(due)).orElse(true);
  }

  /** Runs steps on schedule until {@link #stop()}. */
  public void run() {
    boolean first = true;
    while (true) {
      Instant next = step();
      synchronized (lock) {
        if (stopped) {
          return;
        }
      }
      if (first || !quietLook) {
        // A look at the commands that found none is not worth a line every few minutes.
        listener.waiting(status());
      }
      first = false;
      if (!await(next)) {
        return;
      }
    }
  }

  /** Ends {@link #run()} after the step under way, if any; pending sync requests are cancelled. */
  public void stop() {
    synchronized (lock) {
      stopped = true;
      for (CompletableFuture<SyncOutcome> r : syncRequests) {
        r.cancel(false);
      }
      syncRequests.clear();
      lock.notifyAll();
    }
  }

  /** Asks for a sync as soon as the step under way (if any) ends; completes with its outcome. */
  public CompletableFuture<SyncOutcome> requestSync() {
    CompletableFuture<SyncOutcome> request = new CompletableFuture<>();
    synchronized (lock) {
      if (stopped) {
        request.cancel(false);
        return request;
      }
      syncRequests.add(request);
      lock.notifyAll();
    }
    return request;
  }

  /** Asks for a poll (then the scheduled steps as usual) as soon as the step under way ends. */
  public void requestPoll() {
    synchronized (lock) {
      pollRequested = true;
      lock.notifyAll();
    }
  }

  public Status status() {
    synchronized (lock) {
      return new Status(
          nextPoll, nextSync, retries.nextTry(), Optional.ofNullable(running), enabled);
    }
  }

  /**
   * Runs what is due at the clock's now: a poll, then a sync (scheduled, retried or requested).
   *
   * @return when the next step is due
   */
  Instant step() {
    Instant now = clock.instant();
    boolean poll;
    boolean sync;
    boolean look;
    List<CompletableFuture<SyncOutcome>> requests;
    synchronized (lock) {
      if (now.isBefore(lastAwake.minus(GRACE))) {
        log.warn("the clock went back from {} to {}: schedule computed again", lastAwake, now);
        nextPoll = schedule.nextPollAfter(now);
        nextSync = schedule.nextSyncAfter(now);
      }
      poll = pollRequested || due(Step.poll, nextPoll, now);
      if (!now.isBefore(nextPoll)) {
        nextPoll = schedule.nextPollAfter(now);
      }
      pollRequested = false;
      sync = due(Step.sync, nextSync, now);
      if (!now.isBefore(nextSync)) {
        nextSync = schedule.nextSyncAfter(now);
      }
      sync |= retries.due();
      if (!enabled) {
        // Disabled by the server: nothing on schedule; a sync asked for by hand still runs.
        poll = false;
        sync = false;
      }
      sync |= !syncRequests.isEmpty();
      requests = List.copyOf(syncRequests);
      syncRequests.clear();
      look = commands.isPresent() && !now.isBefore(nextCommands);
    }
    if (poll) {
      runPoll();
    }
    boolean contact = false;
    if (sync) {
      SyncOutcome outcome = runSync();
      requests.forEach(r -> r.complete(outcome));
      contact = outcome.failure().isEmpty();
    }
    // After each contact with the server, and on the channel's own cadence.
    if (commands.isPresent() && (look || contact)) {
      quietLook = !runCommands(commands.get()) && !poll && !sync;
    } else {
      quietLook = false;
    }
    lastAwake = clock.instant();
    synchronized (lock) {
      Instant scheduled = nextPoll.isBefore(nextSync) ? nextPoll : nextSync;
      Instant next =
          commands.isPresent() && nextCommands.isBefore(scheduled) ? nextCommands : scheduled;
      // A disabled agent does not retry a failed sync: it waits to be enabled.
      Optional<Instant> retry = enabled ? retries.nextTry() : Optional.empty();
      if (!syncRequests.isEmpty() || pollRequested) {
        return lastAwake;
      }
      return retry.filter(r -> r.isBefore(next)).orElse(next);
    }
  }

  /** True when {@code due} has come and was not slept through (or catch-up is on). */
  private boolean due(Step step, Instant due, Instant now) {
    if (now.isBefore(due)) {
      return false;
    }
    boolean slept = due.isAfter(lastAwake) && Duration.between(due, now).compareTo(GRACE) > 0;
    if (slept && !schedule.catchUp()) {
      Instant next = step == Step.poll ? schedule.nextPollAfter(now) : schedule.nextSyncAfter(now);
      listener.missed(step, due, next);
      return false;
    }
    return true;
  }

  private void runPoll() {
    running(Step.poll);
    try {
      listener.polled(agent.poll());
    } catch (AgentException e) {
      listener.pollFailed(e);
    } catch (RuntimeException e) {
      log.error("poll failed unexpectedly", e);
      listener.pollFailed(new AgentException(AgentException.Step.discovery, e.toString(), e));
    } finally {
      running(null);
    }
  }

  private SyncOutcome runSync() {
    running(Step.sync);
    try {
      SyncOutcome outcome;
      try {
        outcome = agent.sync();
      } catch (RuntimeException e) {
        log.error("sync failed unexpectedly", e);
        outcome =
            new SyncOutcome(
                0,
                0,
                Optional.empty(),
                List.of(),
                Optional.of(new AgentException(AgentException.Step.sync, e.toString(), e)));
      }
      Optional<Instant> retryAt = Optional.empty();
      if (outcome.failure().isPresent()) {
        retryAt = Optional.of(clock.instant().plus(retries.failed()));
      } else {
        retries.succeeded();
      }
      listener.synced(outcome, agent.kept(), retryAt);
      return outcome;
    } finally {
      running(null);
    }
  }

  /** Looks at the commands; true when one was applied or refused, or the look failed. */
  private boolean runCommands(AgentCommands channel) {
    running(Step.commands);
    try {
      AgentCommands.Check check;
      try {
        check = channel.check();
      } catch (RuntimeException e) {
        log.error("command check failed unexpectedly", e);
        check = new AgentCommands.Check(List.of(), 0, Optional.of("command check failed: " + e));
      }
      Duration wait = commandEvery;
      if (check.pollSeconds() > 0) {
        Duration asked = Duration.ofSeconds(check.pollSeconds());
        wait = asked.compareTo(wait) < 0 ? asked : wait;
      }
      synchronized (lock) {
        nextCommands = clock.instant().plus(wait);
      }
      listener.commands(check);
      return !check.finished().isEmpty() || check.failure().isPresent();
    } finally {
      running(null);
    }
  }

  private void running(Step step) {
    synchronized (lock) {
      running = step;
    }
  }

  /**
   * Waits until the clock reaches {@code deadline}, a request comes or {@link #stop()}; looks at
   * the clock at least every {@link #TICK}, so that a suspend is noticed when the host wakes.
   *
   * @return false when stopped
   */
  private boolean await(Instant deadline) {
    synchronized (lock) {
      while (!stopped && syncRequests.isEmpty() && !pollRequested) {
        Instant now = clock.instant();
        if (!now.isBefore(deadline)) {
          return true;
        }
        long millis = Math.min(Duration.between(now, deadline).toMillis(), TICK.toMillis());
        try {
          lock.wait(Math.max(1, millis));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopped = true;
        }
      }
      return !stopped;
    }
  }
}
