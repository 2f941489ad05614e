package org.openrps.server.incidents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.Database;
import org.openrps.server.store.Scope;
import org.openrps.server.store.Sql;

/** Incidents and the conditions they come from, on SQLite and PostgreSQL alike. */
public final class IncidentRepository {

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  /** An incident as stored: open while {@code closedAt} is empty. */
  public record Incident(
      String tenant,
      String make,
      String serial,
      String code,
      Instant openedAt,
      String severity,
      String kind,
      String description,
      Instant lastSeenAt,
      Optional<Instant> closedAt,
      int returned) {}

  /** An open incident, as the job needs it: its key and whether its condition has gone. */
  record OpenIncident(
      List<String> key,
      Instant openedAt,
      Optional<Instant> absentSince,
      String severity,
      String kind,
      String description) {}

  /**
   * An incident that opened or closed in a run: what its e-mail says.
   *
   * @param opened true when it opened, false when it closed
   * @param at when it opened, or when its condition went
   */
  public record Notice(
      String tenant,
      String make,
      String serial,
      String code,
      String severity,
      String kind,
      String description,
      boolean opened,
      Instant at) {}

  /** What one run did, and the incidents it opened and closed. */
  public record Changes(int opened, int updated, int absent, int closed, List<Notice> notices) {
    public Changes {
      notices = List.copyOf(notices);
    }
  }

  private final Jdbi jdbi;
  private final ObjectMapper json = new ObjectMapper();

  public IncidentRepository(Database database) {
    this.jdbi = Objects.requireNonNull(database, "database").jdbi();
  }

  /**
   * Brings incidents in line with the conditions of now: each condition has one open incident
   * (opened, or seen again); an open incident whose condition is gone is marked absent, and closed
   * (at the time it went) once it has stayed away for {@code holdDown}; a condition back within the
   * hold-down keeps its incident, counted as {@code returned}. One transaction.
   */
  public Changes apply(Instant now, java.time.Duration holdDown) {
    return apply(now, holdDown, IncidentJob.DEFAULT_LOSS_AFTER);
  }

  /**
   * As {@link #apply(Instant, java.time.Duration)}, with devices not heard for {@code lossAfter}
   * (while their agent reports, or a Device Direct device itself) as a condition too.
   */
  public Changes apply(Instant now, java.time.Duration holdDown, java.time.Duration lossAfter) {
    return apply(
        now, new IncidentRules(holdDown, lossAfter, IncidentRules.DEFAULTS.agentSilentAfter()));
  }

  /**
   * As {@link #apply(Instant, java.time.Duration)} with the rules' hold-down and thresholds, and
   * agents silent for {@link IncidentRules#agentSilentAfter()} as incidents of their own.
   */
  public Changes apply(Instant now, IncidentRules rules) {
    java.time.Duration holdDown = rules.holdDown();
    java.time.Duration lossAfter = rules.deviceSilentAfter();
    return jdbi.inTransaction(
        h -> {
          Map<List<String>, Condition> conditions = conditions(h);
          h.createQuery(Sql.of(IncidentRepository.class, "lostDevices"))
              .bind("before", Sql.time(now.minus(lossAfter)))
              .map(
                  (rs, ctx) ->
                      Condition.ofLoss(
                          rs.getString("tenant_id"),
                          rs.getString("make"),
                          rs.getString("serial"),
                          rs.getString("kind"),
                          rs.getString("client_id"),
                          Sql.instant(rs, "last_seen"),
                          lossAfter))
              .forEach(c -> conditions.putIfAbsent(c.key(), c));
          Map<List<String>, OpenIncident> open = new HashMap<>();
          for (OpenIncident o : open(h)) {
            open.put(o.key(), o);
          }
          int opened = 0;
          int updated = 0;
          int absent = 0;
          int closed = 0;
          List<Notice> notices = new ArrayList<>();
          for (Condition c : conditions.values()) {
            if (open.containsKey(c.key())) {
              h.createUpdate(Sql.of(IncidentRepository.class, "seen"))
                  .bind("tenant", c.tenant())
                  .bind("make", c.make())
                  .bind("serial", c.serial())
                  .bind("code", c.code())
                  .bind("severity", c.severity())
                  .bind("description", c.description())
                  .bind("now", Sql.time(now))
                  .execute();
              updated++;
            } else {
              h.createUpdate(Sql.of(IncidentRepository.class, "insert"))
                  .bind("tenant", c.tenant())
                  .bind("make", c.make())
                  .bind("serial", c.serial())
                  .bind("code", c.code())
                  .bind("openedAt", Sql.time(c.since().isAfter(now) ? now : c.since()))
                  .bind("severity", c.severity())
                  .bind("kind", c.kind())
                  .bind("description", c.description())
                  .bind("now", Sql.time(now))
                  .execute();
              opened++;
              notices.add(
                  new Notice(
                      c.tenant(),
                      c.make(),
                      c.serial(),
                      c.code(),
                      c.severity(),
                      c.kind(),
                      c.description(),
                      true,
                      c.since().isAfter(now) ? now : c.since()));
            }
          }
          for (OpenIncident o : open.values()) {
            if (conditions.containsKey(o.key())) {
              continue;
            }
            if (o.absentSince().isEmpty()) {
              absent +=
                  bindKey(h.createUpdate(Sql.of(IncidentRepository.class, "absent")), o)
                      .bind("now", Sql.time(now))
                      .execute();
            } else {
              int n =
                  bindKey(h.createUpdate(Sql.of(IncidentRepository.class, "close")), o)
                      .bind("before", Sql.time(now.minus(holdDown)))
                      .execute();
              closed += n;
              if (n > 0) {
                notices.add(
                    new Notice(
                        o.key().get(0),
                        o.key().get(1),
                        o.key().get(2),
                        o.key().get(3),
                        o.severity(),
                        o.kind(),
                        o.description(),
                        false,
                        o.absentSince().get()));
              }
            }
          }
          int[] agentChanges = silentAgents(h, now, rules.agentSilentAfter(), notices);
          return new Changes(
              opened + agentChanges[0], updated, absent, closed + agentChanges[1], notices);
        });
  }

  /** The code of a silent agent's incident. */
  public static final String AGENT_SILENT = "communication:agentSilent";

  /**
   * Opens an incident for each agent silent for {@code after}, closes those whose agent called in
   * again (at its new contact); returns {opened, closed}.
   */
  private static int[] silentAgents(
      Handle h, Instant now, java.time.Duration after, List<Notice> notices) {
    Instant before = now.minus(after);
    Map<String, Instant> silent = new LinkedHashMap<>();
    Map<String, String> tenants = new HashMap<>();
    h.createQuery(Sql.of(IncidentRepository.class, "silentAgents"))
        .bind("before", Sql.time(before))
        .map(
            (rs, ctx) -> {
              silent.put(rs.getString("id"), Sql.instant(rs, "last_contact_at"));
              tenants.put(rs.getString("id"), rs.getString("tenant_id"));
              return 0;
            })
        .list();
    int opened = 0;
    int closed = 0;
    List<AgentIncident> openRows =
        h.createQuery(Sql.of(IncidentRepository.class, "openAgentIncidents"))
            .map(
                (rs, ctx) ->
                    new AgentIncident(
                        rs.getString("tenant_id"),
                        rs.getString("agent_id"),
                        rs.getString("code"),
                        null,
                        rs.getString("severity"),
                        rs.getString("description"),
                        rs.getObject("last_contact_at") == null
                            ? null
                            : Sql.instant(rs, "last_contact_at"),
                        Optional.empty()))
            .list();
    Set<String> open = new java.util.HashSet<>();
    openRows.forEach(o -> open.add(o.agentId()));
    for (AgentIncident o : openRows) {
      if (silent.containsKey(o.agentId()) || o.lastContactAt() == null) {
        continue;
      }
      closed +=
          h.createUpdate(Sql.of(IncidentRepository.class, "closeAgentIncident"))
              .bind("agent", o.agentId())
              .bind("code", o.code())
              .bind("closedAt", Sql.time(o.lastContactAt()))
              .execute();
      notices.add(
          new Notice(
              o.tenant(),
              "agent",
              o.agentId(),
              o.code(),
              o.severity(),
              "communication",
              o.description(),
              false,
              o.lastContactAt()));
    }
    for (Map.Entry<String, Instant> e : silent.entrySet()) {
      if (open.contains(e.getKey())) {
        continue;
      }
      String text = "agent " + e.getKey() + " has not called in since " + e.getValue();
      Instant at = e.getValue().plus(after);
      int n =
          h.createUpdate(Sql.of(IncidentRepository.class, "insertAgentIncident"))
              .bind("tenant", tenants.get(e.getKey()))
              .bind("agent", e.getKey())
              .bind("code", AGENT_SILENT)
              .bind("openedAt", Sql.time(at))
              .bind("severity", "warning")
              .bind("description", text)
              .bind("lastContact", Sql.time(e.getValue()))
              .execute();
      opened += n;
      if (n > 0) {
        notices.add(
            new Notice(
                tenants.get(e.getKey()),
                "agent",
                e.getKey(),
                AGENT_SILENT,
                "warning",
                "communication",
                text,
                true,
                at));
      }
    }
    return new int[] {opened, closed};
  }

  /** A silent agent's incident, open while {@code closedAt} is empty. */
  public record AgentIncident(
      String tenant,
      String agentId,
      String code,
      Instant openedAt,
      String severity,
      String description,
      Instant lastContactAt,
      Optional<Instant> closedAt) {}

  /** Silent agents' incidents the scope sees, newest first. */
  public List<AgentIncident> agentIncidents(Scope scope, boolean openOnly, int limit) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(IncidentRepository.class, "listAgentIncidents")), scope)
                .bind("openOnly", openOnly)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new AgentIncident(
                            rs.getString("tenant_id"),
                            rs.getString("agent_id"),
                            rs.getString("code"),
                            Sql.instant(rs, "opened_at"),
                            rs.getString("severity"),
                            rs.getString("description"),
                            Sql.instant(rs, "last_contact_at"),
                            Optional.ofNullable(rs.getTimestamp("closed_at"))
                                .map(java.sql.Timestamp::toInstant)))
                .list());
  }

  private static org.jdbi.v3.core.statement.Update bindKey(
      org.jdbi.v3.core.statement.Update u, OpenIncident o) {
    return u.bind("tenant", o.key().get(0))
        .bind("make", o.key().get(1))
        .bind("serial", o.key().get(2))
        .bind("code", o.key().get(3));
  }

  /** Every device's conditions of now, by incident key. */
  private Map<List<String>, Condition> conditions(Handle h) {
    Map<List<String>, Condition> out = new LinkedHashMap<>();
    h.createQuery(Sql.of(IncidentRepository.class, "openAlerts"))
        .map(
            (rs, ctx) ->
                Condition.ofAlert(
                    rs.getString("tenant_id"),
                    rs.getString("make"),
                    rs.getString("serial"),
                    rs.getString("code"),
                    rs.getString("severity"),
                    rs.getString("training_level"),
                    rs.getString("description"),
                    Sql.instant(rs, "first_seen_at")))
        .forEach(c -> out.merge(c.key(), c, (a, b) -> a.since().isBefore(b.since()) ? a : b));
    h.createQuery(Sql.of(IncidentRepository.class, "statusErrors"))
        .map(
            (rs, ctx) -> {
              List<Condition> cs = new ArrayList<>();
              for (String e : strings(rs.getString("status_errors"))) {
                cs.add(
                    Condition.ofError(
                        rs.getString("tenant_id"),
                        rs.getString("make"),
                        rs.getString("serial"),
                        e,
                        Sql.instant(rs, "last_seen")));
              }
              return cs;
            })
        .forEach(cs -> cs.forEach(c -> out.putIfAbsent(c.key(), c)));
    return out;
  }

  private List<OpenIncident> open(Handle h) {
    return h.createQuery(Sql.of(IncidentRepository.class, "open"))
        .map(
            (rs, ctx) ->
                new OpenIncident(
                    List.of(
                        rs.getString("tenant_id"),
                        rs.getString("make"),
                        rs.getString("serial"),
                        rs.getString("code")),
                    Sql.instant(rs, "opened_at"),
                    Optional.ofNullable(rs.getTimestamp("absent_since"))
                        .map(java.sql.Timestamp::toInstant),
                    rs.getString("severity"),
                    rs.getString("kind"),
                    rs.getString("description")))
        .list();
  }

  /** Incidents the scope sees, newest first: open ones only, or all, at most {@code limit}. */
  public List<Incident> list(Scope scope, boolean openOnly, int limit) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(IncidentRepository.class, "list")), scope)
                .bind("openOnly", openOnly)
                .bind("limit", limit)
                .map((rs, ctx) -> incident(rs))
                .list());
  }

  /** The device's failure history: all its incidents, newest first, at most {@code limit}. */
  public List<Incident> history(Scope scope, org.openrps.server.store.DeviceKey key, int limit) {
    return jdbi.withHandle(
        h ->
            Sql.bindKey(
                    Scope.bind(
                        h.createQuery(Sql.of(IncidentRepository.class, "deviceHistory")), scope),
                    key)
                .bind("limit", limit)
                .map((rs, ctx) -> incident(rs))
                .list());
  }

  /**
   * The open incidents the scope sees and those closed at or after {@code closedSince}: open ones
   * first, then closed ones, each newest first; at most {@code limit}.
   */
  public List<Incident> openAndRecent(Scope scope, Instant closedSince, int limit) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(IncidentRepository.class, "openAndRecent")), scope)
                .bind("closedSince", Sql.time(closedSince))
                .bind("limit", limit)
                .map((rs, ctx) -> incident(rs))
                .list());
  }

  private static Incident incident(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Incident(
        rs.getString("tenant_id"),
        rs.getString("make"),
        rs.getString("serial"),
        rs.getString("code"),
        Sql.instant(rs, "opened_at"),
        rs.getString("severity"),
        rs.getString("kind"),
        rs.getString("description"),
        Sql.instant(rs, "last_seen_at"),
        Optional.ofNullable(rs.getTimestamp("closed_at")).map(java.sql.Timestamp::toInstant),
        rs.getInt("returned"));
  }

  private List<String> strings(String text) {
    try {
      return json.readValue(text, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored status errors are not a JSON list", e);
    }
  }
}
