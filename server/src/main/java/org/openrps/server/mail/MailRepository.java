package org.openrps.server.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.Database;
import org.openrps.server.store.Scope;
import org.openrps.server.store.Sql;
import org.openrps.server.store.TenantId;

/** Mail settings per customer and kind, and the mail outbox; the same SQL on both engines. */
public final class MailRepository {

  /** A row of the outbox. */
  public record OutboxRow(
      String id,
      TenantId customer,
      MailKind kind,
      String template,
      List<String> recipients,
      String subject,
      String text,
      String html,
      String state,
      Instant createdAt,
      Instant dueAt,
      Instant nextAttemptAt,
      int attempts,
      Optional<String> lastError,
      Optional<Instant> sentAt,
      Optional<String> digestId) {}

  private final Jdbi jdbi;

  public MailRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /** Sets who gets one kind of a customer's e-mail; the caller has checked the right to. */
  public void putSettings(MailSettings s, String by, Instant now) {
    jdbi.useHandle(
        h ->
            h.createUpdate(Sql.of(MailRepository.class, "putSettings"))
                .bind("tenant", s.customer().value())
                .bind("kind", s.kind().name())
                .bind("delivery", s.delivery().name())
                .bind("recipients", String.join(",", s.recipients()))
                .bind("by", by)
                .bind("now", Sql.time(now))
                .execute());
  }

  /** A customer's settings, every kind that has some, as the scope allows. */
  public List<MailSettings> settings(Scope scope, TenantId customer) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(MailRepository.class, "settings")), scope)
                .bind("tenant", customer.value())
                .map(
                    (rs, ctx) ->
                        new MailSettings(
                            TenantId.of(rs.getString("tenant_id")),
                            MailKind.valueOf(rs.getString("kind")),
                            Delivery.valueOf(rs.getString("delivery")),
                            split(rs.getString("recipients"))))
                .list());
  }

  /** Writes a rendered message to the outbox: state {@code pending} or {@code digest}. */
  void insert(
      String id,
      TenantId customer,
      MailKind kind,
      String template,
      List<String> recipients,
      MailTemplates.Rendered message,
      String state,
      Instant now,
      Instant due) {
    jdbi.useHandle(
        h -> insert(h, id, customer, kind, template, recipients, message, state, now, due));
  }

  private static void insert(
      Handle h,
      String id,
      TenantId customer,
      MailKind kind,
      String template,
      List<String> recipients,
      MailTemplates.Rendered message,
      String state,
      Instant now,
      Instant due) {
    h.createUpdate(Sql.of(MailRepository.class, "insert"))
        .bind("id", id)
        .bind("tenant", customer.value())
        .bind("kind", kind.name())
        .bind("template", template)
        .bind("recipients", String.join(",", recipients))
        .bind("subject", message.subject())
        .bind("text", message.text())
        .bind("html", message.html())
        .bind("state", state)
        .bind("now", Sql.time(now))
        .bind("due", Sql.time(due))
        .bind("epoch", Sql.time(Instant.EPOCH))
        .execute();
  }

  /** Ids of pending rows due at {@code now} and not being sent by another node. */
  List<String> due(Instant now, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(Sql.of(MailRepository.class, "due"))
                .bind("now", Sql.time(now))
                .bind("limit", limit)
                .mapTo(String.class)
                .list());
  }

  /** Claims a due row for this node until {@code until}; false when another node has it. */
  boolean claim(String id, String node, Instant now, Instant until) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(Sql.of(MailRepository.class, "claim"))
                    .bind("id", id)
                    .bind("node", node)
                    .bind("now", Sql.time(now))
                    .bind("until", Sql.time(until))
                    .execute())
        == 1;
  }

  public Optional<OutboxRow> row(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery(Sql.of(MailRepository.class, "row"))
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findOne());
  }

  void sent(String id, String node, Instant now) {
    jdbi.useHandle(
        h ->
            h.createUpdate(Sql.of(MailRepository.class, "sent"))
                .bind("id", id)
                .bind("node", node)
                .bind("now", Sql.time(now))
                .bind("epoch", Sql.time(Instant.EPOCH))
                .execute());
  }

  /** Records a failed attempt: pending again at {@code next}, or failed for good. */
  void failedAttempt(String id, String node, boolean giveUp, Instant next, String error) {
    jdbi.useHandle(
        h ->
            h.createUpdate(Sql.of(MailRepository.class, "failedAttempt"))
                .bind("id", id)
                .bind("node", node)
                .bind("state", giveUp ? "failed" : "pending")
                .bind("next", Sql.time(next))
                .bind("error", error)
                .bind("epoch", Sql.time(Instant.EPOCH))
                .execute());
  }

  /** Digest items due at {@code now}, by customer, kind and due time, oldest first. */
  List<OutboxRow> dueDigestItems(Instant now) {
    return jdbi.withHandle(
        h ->
            h.createQuery(Sql.of(MailRepository.class, "dueDigests"))
                .bind("now", Sql.time(now))
                .map((rs, ctx) -> row(rs))
                .list());
  }

  /**
   * Writes one digest row and marks its items digested, in one transaction; false (and nothing
   * written) when another run got some of the items first.
   */
  boolean digest(
      String id,
      TenantId customer,
      MailKind kind,
      List<String> recipients,
      MailTemplates.Rendered message,
      List<String> items,
      Instant now) {
    return jdbi.inTransaction(
        h -> {
          insert(h, id, customer, kind, "digest", recipients, message, "pending", now, now);
          for (String item : items) {
            int n =
                h.createUpdate(Sql.of(MailRepository.class, "digested"))
                    .bind("id", item)
                    .bind("digest", id)
                    .execute();
            if (n != 1) {
              h.rollback();
              return false;
            }
          }
          return true;
        });
  }

  /** Rows that used up their attempts, newest first, as the scope allows. */
  public List<OutboxRow> failed(Scope scope, int limit) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(MailRepository.class, "failed")), scope)
                .bind("limit", limit)
                .map((rs, ctx) -> row(rs))
                .list());
  }

  private static OutboxRow row(ResultSet rs) throws SQLException {
    java.sql.Timestamp sent = rs.getTimestamp("sent_at");
    return new OutboxRow(
        rs.getString("id"),
        TenantId.of(rs.getString("tenant_id")),
        MailKind.valueOf(rs.getString("kind")),
        rs.getString("template"),
        split(rs.getString("recipients")),
        rs.getString("subject"),
        rs.getString("body_text"),
        rs.getString("body_html"),
        rs.getString("state"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "due_at"),
        Sql.instant(rs, "next_attempt_at"),
        rs.getInt("attempts"),
        Sql.optionalString(rs, "last_error"),
        Optional.ofNullable(sent).map(java.sql.Timestamp::toInstant),
        Sql.optionalString(rs, "digest_id"));
  }

  private static List<String> split(String recipients) {
    return recipients.isEmpty() ? List.of() : Arrays.asList(recipients.split(","));
  }
}
