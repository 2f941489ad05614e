package org.openrps.agent.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * What the agent's status shows, read from its store ({@code openrps agent status}, the local
 * page): the polls as a whole, the last uploads, the backlog, each device with its latest poll.
 * Works on a store opened read-only, and on one from before the tables it reads (then it says
 * nothing of them). Its own statements live in {@code agent-status.sql}.
 */
public final class StatusQueries {

  /** How many {@link PollRun}s are kept. */
  static final int KEEP_RUNS = 1000;

  private static final Statements SQL =
      Statements.load("/org/openrps/agent/store/agent-status.sql");

  private final AgentStore store;

  public StatusQueries(AgentStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * One poll of the targets as a whole.
   *
   * @param printers the addresses that answered as printers
   */
  public record PollRun(
      Instant startedAt,
      Instant endedAt,
      int addresses,
      int printers,
      int outOfScope,
      int unreachable) {
    public PollRun {
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(endedAt, "endedAt");
    }
  }

  /**
   * An upload attempt, in short.
   *
   * @param httpStatus 0 when no answer came
   * @param message the refusal or the error; empty when acknowledged
   */
  public record Upload(
      String reportId,
      Instant attemptedAt,
      int devices,
      UploadOutcome outcome,
      int httpStatus,
      String message) {}

  /**
   * What waits for the server.
   *
   * @param bytes of the waiting snapshots as stored (their JSON, before gzip)
   * @param oldest when the oldest waiting reading was taken
   */
  public record Backlog(long readings, long bytes, Optional<Instant> oldest) {}

  /** Reports the server refused and that are kept, with their snapshots. */
  public record Refused(long reports, long readings) {}

  /**
   * A device with its latest poll (empty fields when no poll of it is left).
   *
   * @param failures what could not be read at the latest poll, one "what: reason" each
   */
  public record DevicePoll(
      String key,
      String make,
      String model,
      Optional<String> serial,
      Optional<String> sysName,
      String address,
      Instant firstSeen,
      Instant lastSeen,
      Optional<Instant> polledAt,
      Optional<String> snmpVersion,
      Optional<String> snmpSecurity,
      List<String> failures) {}

  /** Remembers a poll of the targets; keeps the last {@link #KEEP_RUNS}. */
  public void notePollRun(PollRun run) {
    store.withHandle(
        h -> {
          h.useTransaction(
              t -> {
                t.createUpdate(SQL.get("insertPollRun"))
                    .bind("startedAt", run.startedAt().toString())
                    .bind("endedAt", run.endedAt().toString())
                    .bind("addresses", run.addresses())
                    .bind("printers", run.printers())
                    .bind("outOfScope", run.outOfScope())
                    .bind("unreachable", run.unreachable())
                    .execute();
                t.createUpdate(SQL.get("prunePollRuns")).bind("keep", KEEP_RUNS).execute();
              });
          return null;
        });
  }

  /** The latest poll of the targets, if one was noted. */
  public Optional<PollRun> lastPollRun() {
    return store.withHandle(
        h ->
            has(h, "poll_run")
                ? h.createQuery(SQL.get("lastPollRun"))
                    .map(
                        (rs, ctx) ->
                            new PollRun(
                                Instant.parse(rs.getString("started_at")),
                                Instant.parse(rs.getString("ended_at")),
                                rs.getInt("addresses"),
                                rs.getInt("printers"),
                                rs.getInt("out_of_scope"),
                                rs.getInt("unreachable")))
                    .findOne()
                : Optional.empty());
  }

  /** The latest upload attempt, whatever came of it. */
  public Optional<Upload> lastUpload() {
    return upload("lastUpload");
  }

  /** The latest upload the server answered: the last exchange with it. */
  public Optional<Upload> lastAnsweredUpload() {
    return upload("lastAnsweredUpload");
  }

  private Optional<Upload> upload(String statement) {
    return store.withHandle(
        h ->
            has(h, "upload")
                ? h.createQuery(SQL.get(statement))
                    .map(
                        (rs, ctx) ->
                            new Upload(
                                rs.getString("report_id"),
                                Instant.parse(rs.getString("attempted_at")),
                                rs.getInt("devices"),
                                UploadOutcome.valueOf(rs.getString("outcome")),
                                rs.getInt("http_status"),
                                rs.getString("message")))
                    .findOne()
                : Optional.empty());
  }

  /** Snapshots waiting for the server (not refused ones). */
  public Backlog backlog() {
    return store.withHandle(
        h -> h.createQuery(SQL.get("backlog")).map(StatusQueries::backlogOf).one());
  }

  /**
   * Snapshots waiting for the server besides those of report {@code reportId}: what still waits
   * once that report is through.
   */
  public Backlog backlogBeyond(String reportId) {
    Objects.requireNonNull(reportId, "reportId");
    return store.withHandle(
        h ->
            h.createQuery(SQL.get("backlogBeyond"))
                .bind("report", reportId)
                .map(StatusQueries::backlogOf)
                .one());
  }

  private static Backlog backlogOf(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Backlog(rs.getLong("readings"), rs.getLong("bytes"), instant(rs, "oldest"));
  }

  /** Refused reports kept for another agent version. */
  public Refused refused() {
    return store.withHandle(
        h ->
            h.createQuery(SQL.get("refusedBacklog"))
                .map((rs, ctx) -> new Refused(rs.getLong("reports"), rs.getLong("readings")))
                .one());
  }

  /** Every device with its latest poll, by make, model and serial. */
  public List<DevicePoll> devices() {
    return store.withHandle(
        h ->
            h.createQuery(SQL.get("devicesWithLastPoll"))
                .map(
                    (rs, ctx) -> {
                      String failures = rs.getString("failures");
                      String pollAddress = rs.getString("poll_address");
                      return new DevicePoll(
                          rs.getString("device_key"),
                          rs.getString("make"),
                          rs.getString("model"),
                          Optional.ofNullable(rs.getString("serial")),
                          Optional.ofNullable(rs.getString("sys_name")),
                          pollAddress != null ? pollAddress : rs.getString("address"),
                          Instant.parse(rs.getString("first_seen")),
                          Instant.parse(rs.getString("last_seen")),
                          instant(rs, "polled_at"),
                          Optional.ofNullable(rs.getString("snmp_version")),
                          Optional.ofNullable(rs.getString("snmp_security")),
                          failures == null || failures.isEmpty()
                              ? List.of()
                              : List.of(failures.split("\n")));
                    })
                .list());
  }

  private static boolean has(Handle h, String table) {
    return h.createQuery(SQL.get("hasTable")).bind("name", table).mapTo(Long.class).one() > 0;
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    String v = rs.getString(column);
    return v == null ? Optional.empty() : Optional.of(Instant.parse(v));
  }
}
