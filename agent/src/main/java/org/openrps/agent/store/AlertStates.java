package org.openrps.agent.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.openrps.wire.DeviceSnapshot;

/**
 * What the agent's e-mail alerts read from its store and keep in it ({@code V12}): each device with
 * its newest snapshot, the last good exchange with the server, the events going on per rule and
 * subject, and the e-mails waiting for the SMTP server. Its statements live in {@code
 * agent-alerts.sql}.
 */
public final class AlertStates {

  private static final Statements SQL =
      Statements.load("/org/openrps/agent/store/agent-alerts.sql");

  private final AgentStore store;
  private final ObjectMapper mapper;

  public AlertStates(AgentStore store, ObjectMapper mapper) {
    this.store = Objects.requireNonNull(store, "store");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  /**
   * A device as the store knows it.
   *
   * @param lastSeen when it last answered
   * @param snapshot its newest full snapshot; empty for a device without a serial (never queued)
   */
  public record Device(
      String key,
      String make,
      String model,
      Optional<String> serial,
      String address,
      Instant lastSeen,
      Optional<DeviceSnapshot> snapshot) {}

  /** An event going on: found by {@code rule} about {@code subject} since {@code startedAt}. */
  public record Active(String rule, String subject, Instant startedAt, String headline) {}

  /** A change of an event to mail. */
  public enum Change {
    started,
    cleared
  }

  /** An e-mail waiting for the SMTP server. */
  public record Mail(
      long id,
      String rule,
      String subject,
      Change change,
      List<String> recipients,
      String title,
      String body,
      Instant createdAt,
      int attempts,
      Optional<String> lastError) {}

  /** Every device, oldest first, with its newest snapshot. */
  public List<Device> devices() {
    return store.withHandle(
        h ->
            h.createQuery(SQL.get("devices"))
                .map(
                    (rs, ctx) -> {
                      String json = rs.getString("snapshot");
                      return new Device(
                          rs.getString("device_key"),
                          rs.getString("make"),
                          rs.getString("model"),
                          Optional.ofNullable(rs.getString("serial")),
                          rs.getString("address"),
                          Instant.parse(rs.getString("last_seen")),
                          json == null ? Optional.empty() : Optional.of(snapshot(json)));
                    })
                .list());
  }

  /**
   * The last exchange with the server that went well (a sync that emptied the outbox, or an upload
   * it acknowledged); else, when uploads were tried but none went well, the first attempt; empty
   * when the agent never tried.
   */
  public Optional<Instant> lastGoodExchangeOrFirstTry() {
    return store.withHandle(
        h -> {
          Optional<Instant> synced = instant(h, "lastSyncOk");
          Optional<Instant> acked = instant(h, "lastGoodUpload");
          if (synced.isPresent() || acked.isPresent()) {
            return synced.isEmpty()
                ? acked
                : acked.isEmpty() || synced.get().isAfter(acked.get()) ? synced : acked;
          }
          return instant(h, "firstUpload");
        });
  }

  /** When the oldest reading waiting for the server was taken; empty when none waits. */
  public Optional<Instant> oldestWaiting() {
    return new StatusQueries(store).backlog().oldest();
  }

  /** The events going on, by rule and subject. */
  public List<Active> active() {
    return store.withHandle(
        h ->
            h.createQuery(SQL.get("active"))
                .map(
                    (rs, ctx) ->
                        new Active(
                            rs.getString("rule"),
                            rs.getString("subject"),
                            Instant.parse(rs.getString("started_at")),
                            rs.getString("headline")))
                .list());
  }

  /** Forgets the events of rules not in {@code rules} (their e-mails still go). */
  public int forgetRulesOtherThan(Set<String> rules) {
    Set<String> gone = new java.util.TreeSet<>();
    for (Active a : active()) {
      if (!rules.contains(a.rule())) {
        gone.add(a.rule());
      }
    }
    if (gone.isEmpty()) {
      return 0;
    }
    return store.withHandle(
        h ->
            h.inTransaction(
                t -> {
                  int n = 0;
                  for (String rule : gone) {
                    n += t.createUpdate(SQL.get("forgetRule")).bind("rule", rule).execute();
                  }
                  return n;
                }));
  }

  /** An event starts: remembered, and its e-mail queued, in one transaction. */
  public void started(Active event, List<String> recipients, String title, String body) {
    store.withHandle(
        h ->
            h.inTransaction(
                t -> {
                  t.createUpdate(SQL.get("start"))
                      .bind("rule", event.rule())
                      .bind("subject", event.subject())
                      .bind("startedAt", event.startedAt().toString())
                      .bind("headline", event.headline())
                      .execute();
                  queue(t, event, Change.started, recipients, title, body, event.startedAt());
                  return null;
                }));
  }

  /** An event ends at {@code at}: forgotten, and its e-mail queued, in one transaction. */
  public void cleared(
      Active event, Instant at, List<String> recipients, String title, String body) {
    store.withHandle(
        h ->
            h.inTransaction(
                t -> {
                  t.createUpdate(SQL.get("clear"))
                      .bind("rule", event.rule())
                      .bind("subject", event.subject())
                      .execute();
                  queue(t, event, Change.cleared, recipients, title, body, at);
                  return null;
                }));
  }

  private static void queue(
      Handle t,
      Active event,
      Change change,
      List<String> recipients,
      String title,
      String body,
      Instant at) {
    t.createUpdate(SQL.get("queue"))
        .bind("rule", event.rule())
        .bind("subject", event.subject())
        .bind("change", change.name())
        .bind("recipients", String.join(",", recipients))
        .bind("title", title)
        .bind("body", body)
        .bind("createdAt", at.toString())
        .execute();
  }

  /** The e-mails not sent yet, oldest first, at most {@code limit}. */
  public List<Mail> unsent(int limit) {
    return store.withHandle(
        h ->
            h.createQuery(SQL.get("unsent"))
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new Mail(
                            rs.getLong("id"),
                            rs.getString("rule"),
                            rs.getString("subject"),
                            Change.valueOf(rs.getString("change")),
                            Arrays.asList(rs.getString("recipients").split(",")),
                            rs.getString("title"),
                            rs.getString("body"),
                            Instant.parse(rs.getString("created_at")),
                            rs.getInt("attempts"),
                            Optional.ofNullable(rs.getString("last_error"))))
                .list());
  }

  /** The SMTP server took e-mail {@code id} at {@code at}. */
  public void sent(long id, Instant at) {
    store.withHandle(
        h -> h.createUpdate(SQL.get("sent")).bind("id", id).bind("at", at.toString()).execute());
  }

  /** E-mail {@code id} could not be sent; it stays queued. */
  public void failed(long id, String error) {
    store.withHandle(
        h -> h.createUpdate(SQL.get("failed")).bind("id", id).bind("error", error).execute());
  }

  /** Forgets e-mails sent before {@code cutoff}. */
  public int pruneSent(Instant cutoff) {
    return store.withHandle(
        h -> h.createUpdate(SQL.get("pruneSent")).bind("cutoff", cutoff.toString()).execute());
  }

  private static Optional<Instant> instant(Handle h, String statement) {
    return h.createQuery(SQL.get(statement)).mapTo(String.class).list().stream()
        .filter(Objects::nonNull)
        .findFirst()
        .map(Instant::parse);
  }

  private DeviceSnapshot snapshot(String json) {
    try {
      return mapper.readValue(json, DeviceSnapshot.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the store holds an unreadable snapshot", e);
    }
  }
}
