package org.openrps.server.mail;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;

/**
 * What the services call to send e-mail. {@link #enqueue} renders the template and writes one
 * outbox row, nothing else: no network, so a service never waits on SMTP and a broken SMTP server
 * never fails a service. The {@link MailOutboxJob} sends the rows.
 */
public final class Mailer {

  private final MailRepository repository;
  private final MailTemplates templates;
  private final Clock clock;
  private final LocalTime digestTime;
  private final ZoneId zone;

  public Mailer(
      MailRepository repository,
      MailTemplates templates,
      Clock clock,
      LocalTime digestTime,
      ZoneId zone) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.templates = Objects.requireNonNull(templates, "templates");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.digestTime = Objects.requireNonNull(digestTime, "digestTime");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /**
   * Queues an e-mail of {@code kind} for the customer's recipients of that kind: sent at the next
   * outbox run ({@code immediate}) or in the customer's next daily digest of that kind. Returns the
   * outbox row's id; empty when the customer has no recipients for the kind (nothing is queued).
   *
   * @throws IllegalArgumentException when the template is missing or needs a value not in {@code
   *     model}: a programming error, found before anything is queued
   */
  public Optional<String> enqueue(
      TenantId customer, MailKind kind, String templateName, Map<String, String> model) {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(kind, "kind");
    MailTemplates.Rendered message = templates.render(templateName, model);
    Optional<MailSettings> settings =
        repository.settings(Scope.provider(), customer).stream()
            .filter(s -> s.kind() == kind && !s.recipients().isEmpty())
            .findFirst();
    if (settings.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    boolean digest = settings.get().delivery() == Delivery.digest;
    String id = UUID.randomUUID().toString();
    repository.insert(
        id,
        customer,
        kind,
        templateName,
        settings.get().recipients(),
        message,
        digest ? "digest" : "pending",
        now,
        digest ? nextDigest(now) : now);
    return Optional.of(id);
  }

  /** Queues an e-mail to one address now, whatever the settings: the administrator's test. */
  public String enqueueTest(TenantId customer, String to, Map<String, String> model) {
    MailTemplates.Rendered message = templates.render("test", model);
    MailSettings checked =
        new MailSettings(customer, MailKind.report, Delivery.immediate, java.util.List.of(to));
    String id = UUID.randomUUID().toString();
    Instant now = clock.instant();
    repository.insert(
        id, customer, MailKind.report, "test", checked.recipients(), message, "pending", now, now);
    return id;
  }

  /** The first digest time strictly after {@code now}, in the configured zone. */
  Instant nextDigest(Instant now) {
    ZonedDateTime local = now.atZone(zone);
    ZonedDateTime today = local.toLocalDate().atTime(digestTime).atZone(zone);
    return (today.isAfter(local) ? today : today.plusDays(1)).toInstant();
  }
}
