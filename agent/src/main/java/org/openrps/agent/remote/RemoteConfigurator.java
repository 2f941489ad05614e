package org.openrps.agent.remote;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.ConfigOverrides;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the agent's effective settings: its own, with the server's laid over them. A configuration
 * from the server is checked whole before anything changes; a good one is kept in the agent's store
 * (it outlives a restart) and logged with what changed, a bad one is logged with its reason and
 * changes nothing: the last good configuration stays.
 */
public final class RemoteConfigurator {

  private static final Logger log = LoggerFactory.getLogger(RemoteConfigurator.class);

  private final LocalSettings local;
  private final ConfigOverrides overrides;
  private final Clock clock;
  private final UnaryOperator<String> alertRule;
  private final Optional<String> startProblem;

  // guarded by this
  private EffectiveSettings current;

  /** A configuration change that was applied. */
  public record Applied(EffectiveSettings settings, String summary) {}

  /**
   * @param alertRule gives an alert rule's canonical text, or throws {@link
   *     IllegalArgumentException} with the reason it is wrong
   */
  public RemoteConfigurator(
      LocalSettings local, AgentStore store, Clock clock, UnaryOperator<String> alertRule) {
    this.local = Objects.requireNonNull(local, "local");
    this.overrides = new ConfigOverrides(Objects.requireNonNull(store, "store"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.alertRule = Objects.requireNonNull(alertRule, "alertRule");
    Map<String, String> stored = overrides.current();
    EffectiveSettings settings;
    Optional<String> problem = Optional.empty();
    try {
      settings = RemoteSettings.resolve(local, stored, alertRule);
    } catch (IllegalArgumentException e) {
      // The agent's file changed under the server's settings (a credential set renamed, say).
      problem =
          Optional.of(
              "the server's configuration does not fit this agent's own any more ("
                  + e.getMessage()
                  + "): running on the agent's own settings until the server sends a new one");
      log.warn(problem.get());
      settings = RemoteSettings.resolve(local, Map.of(), alertRule);
    }
    this.current = settings;
    this.startProblem = problem;
  }

  /** The settings the agent runs on now. */
  public synchronized EffectiveSettings current() {
    return current;
  }

  /** Why the server's stored settings were set aside at start, if they were. */
  public Optional<String> startProblem() {
    return startProblem;
  }

  /**
   * Applies a configuration from the server: the keys it names, over the server's earlier ones.
   *
   * @throws IllegalArgumentException with the one-line reason it was refused (logged too); nothing
   *     changed
   */
  public synchronized Applied configure(Optional<String> commandId, Map<String, String> change) {
    EffectiveSettings next;
    Map<String, String> merged;
    try {
      merged = RemoteSettings.merge(current.fromServer(), change);
      next = RemoteSettings.resolve(local, merged, alertRule);
    } catch (IllegalArgumentException e) {
      overrides.refused(
          new ConfigOverrides.Change(clock.instant(), commandId, false, e.getMessage()));
      log.warn("configuration from the server refused: {}", e.getMessage());
      throw e;
    }
    String summary = RemoteSettings.difference(current, next);
    if (summary.isEmpty()) {
      summary = "nothing changed (the agent was already so)";
    }
    overrides.apply(merged, new ConfigOverrides.Change(clock.instant(), commandId, true, summary));
    log.info("configuration from the server applied: {}", summary);
    current = next;
    return new Applied(next, summary);
  }
}
