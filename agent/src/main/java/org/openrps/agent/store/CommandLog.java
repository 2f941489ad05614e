package org.openrps.agent.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.openrps.wire.command.Command;
import org.openrps.wire.command.CommandResult;

/**
 * The agent's at-most-once journal of the commands the server sent it ({@code command_log}): a
 * command is written down before it acts and finished with its result after, so a command the
 * server sends again (its result was lost on the way) is answered from here and never applied
 * twice, and one cut short by a crash is reported failed, not applied again.
 */
public final class CommandLog {

  private static final Statements SQL =
      Statements.load("/org/openrps/agent/store/agent-commands.sql");
  private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};

  private final AgentStore store;

  public CommandLog(AgentStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * A command as the journal holds it.
   *
   * @param result empty while it is being applied (or was cut short)
   * @param reportedAt when the server took the result; empty: send it again
   */
  public record Entry(
      String commandId,
      String type,
      Instant receivedAt,
      Optional<CommandResult> result,
      Optional<Instant> reportedAt) {
    public Entry {
      Objects.requireNonNull(commandId, "commandId");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(receivedAt, "receivedAt");
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(reportedAt, "reportedAt");
    }
  }

  /** The journal's entry for this id, if the agent ever took the command. */
  public Optional<Entry> find(String commandId) {
    return store.withHandle(
        h ->
            h.createQuery(SQL.get("findCommand")).bind("id", commandId).map(this::entry).findOne());
  }

  /**
   * Writes the command down as being applied, before it acts.
   *
   * @return false when the journal already had it: it must not be applied again
   */
  public boolean begin(Command command, Instant at) {
    return store.withHandle(
            h ->
                h.createUpdate(SQL.get("beginCommand"))
                    .bind("id", command.id())
                    .bind("type", command.type())
                    .bind("at", at.toString())
                    .execute())
        == 1;
  }

  /** Keeps the command's result, to be reported (again, until the server takes it). */
  public void finish(CommandResult result) {
    String details;
    try {
      details = store.mapper().writeValueAsString(result.details());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the details of " + result.commandId(), e);
    }
    store.withHandle(
        h ->
            h.createUpdate(SQL.get("finishCommand"))
                .bind("id", result.commandId())
                .bind("outcome", result.outcome().name())
                .bind("message", result.message())
                .bind("details", details)
                .bind("appliedAt", result.appliedAt().toString())
                .execute());
  }

  /** The server took the result of this command. */
  public void reported(String commandId, Instant at) {
    store.withHandle(
        h ->
            h.createUpdate(SQL.get("reportedCommand"))
                .bind("id", commandId)
                .bind("at", at.toString())
                .execute());
  }

  /** Commands begun and never finished: a crash cut them short. */
  public List<Entry> interrupted() {
    return list("interruptedCommands", -1);
  }

  /** Finished commands whose result the server has not taken yet. */
  public List<Entry> unreported() {
    return list("unreportedCommands", -1);
  }

  /**
   * The newest commands first; empty on a store from before the journal (read-only, not migrated).
   */
  public List<Entry> recent(int limit) {
    return store.withHandle(
        h -> hasJournal(h) ? listOn(h, "recentCommands", limit) : List.<Entry>of());
  }

  private List<Entry> list(String statement, int limit) {
    return store.withHandle(h -> listOn(h, statement, limit));
  }

  private List<Entry> listOn(Handle h, String statement, int limit) {
    var query = h.createQuery(SQL.get(statement));
    if (limit >= 0) {
      query.bind("limit", limit);
    }
    return query.map(this::entry).list();
  }

  static boolean hasTable(Handle h, String table) {
    return h.createQuery(SQL.get("hasTable")).bind("name", table).mapTo(Long.class).one() > 0;
  }

  private static boolean hasJournal(Handle h) {
    return hasTable(h, "command_log");
  }

  private Entry entry(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws SQLException {
    Optional<CommandResult> result = Optional.empty();
    if ("finished".equals(rs.getString("state"))) {
      Map<String, String> details;
      try {
        String json = rs.getString("details");
        details = json == null ? Map.of() : store.mapper().readValue(json, DETAILS);
      } catch (JsonProcessingException e) {
        details = Map.of();
      }
      result =
          Optional.of(
              new CommandResult(
                  rs.getString("command_id"),
                  CommandResult.Outcome.valueOf(rs.getString("outcome")),
                  rs.getString("message"),
                  Instant.parse(rs.getString("applied_at")),
                  details));
    }
    String reported = rs.getString("reported_at");
    return new Entry(
        rs.getString("command_id"),
        rs.getString("type"),
        Instant.parse(rs.getString("received_at")),
        result,
        Optional.ofNullable(reported).map(Instant::parse));
  }
}
