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
  record OpenIncident(List<String> key, Instant openedAt, Optional<Instant> absentSince) {}

  /** What one run did. */
  public record Changes(int opened, int updated, int absent, int closed) {}

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
              closed +=
                  bindKey(h.createUpdate(Sql.of(IncidentRepository.class, "close")), o)
                      .bind("before", Sql.time(now.minus(holdDown)))
                      .execute();
            }
          }
          return new Changes(opened, updated, absent, closed);
        });
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
                        .map(java.sql.Timestamp::toInstant)))
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
