package org.openrps.agent.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings the server set on top of the agent's own configuration ({@code config_override}),
 * and the log of every change it asked for ({@code config_change}), applied or refused.
 */
public final class ConfigOverrides {

  private static final Statements SQL =
      Statements.load("/org/openrps/agent/store/agent-commands.sql");

  private final AgentStore store;

  public ConfigOverrides(AgentStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * One configuration change the server asked for.
   *
   * @param commandId the command that carried it
   * @param applied false: refused, and {@code summary} says why
   * @param summary what changed ({@code poll-every 2h -> 1h}), or the reason it was refused
   */
  public record Change(Instant at, Optional<String> commandId, boolean applied, String summary) {
    public Change {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(commandId, "commandId");
      Objects.requireNonNull(summary, "summary");
    }
  }

  /** The settings the server set, by configuration key; empty on a store from before them. */
  public Map<String, String> current() {
    return store.withHandle(
        h -> {
          Map<String, String> out = new TreeMap<>();
          if (CommandLog.hasTable(h, "config_override")) {
            h.createQuery(SQL.get("overrides"))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
          }
          return out;
        });
  }

  /** Replaces the server's settings with {@code overrides} and logs the change, in one go. */
  public void apply(Map<String, String> overrides, Change change) {
    store.withHandle(
        h ->
            h.inTransaction(
                t -> {
                  t.createUpdate(SQL.get("clearOverrides")).execute();
                  for (Map.Entry<String, String> e : new TreeMap<>(overrides).entrySet()) {
                    t.createUpdate(SQL.get("putOverride"))
                        .bind("name", e.getKey())
                        .bind("value", e.getValue())
                        .execute();
                  }
                  return log(t, change);
                }));
  }

  /** Logs a change that was refused (the settings stay as they were). */
  public void refused(Change change) {
    store.withHandle(h -> log(h, change));
  }

  /** The newest changes first; empty on a store from before them. */
  public List<Change> changes(int limit) {
    return store.withHandle(
        h ->
            CommandLog.hasTable(h, "config_change")
                ? h.createQuery(SQL.get("recentChanges"))
                    .bind("limit", limit)
                    .map(
                        (rs, ctx) ->
                            new Change(
                                Instant.parse(rs.getString("at")),
                                Optional.ofNullable(rs.getString("command_id")),
                                "applied".equals(rs.getString("outcome")),
                                rs.getString("summary")))
                    .list()
                : List.<Change>of());
  }

  private static int log(org.jdbi.v3.core.Handle h, Change change) {
    return h.createUpdate(SQL.get("logChange"))
        .bind("at", change.at().toString())
        .bind("commandId", change.commandId().orElse(null))
        .bind("outcome", change.applied() ? "applied" : "refused")
        .bind("summary", change.summary())
        .execute();
  }
}
