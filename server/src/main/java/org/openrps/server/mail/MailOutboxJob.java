package org.openrps.server.mail;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.openrps.mailer.SmtpSender;
import org.openrps.server.jobs.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the mail outbox, on one node at a time (its {@link org.openrps.server.jobs.JobScheduler}
 * lease) and, inside a run, row by row under a claim, so a row is never sent by two nodes even if a
 * lease ran out during a slow send. First it folds the digest items that are due into one e-mail
 * per customer, kind and day; then it sends every due row. A failed send stays in the outbox with
 * its attempt count, the last error (one line) and its next attempt time, doubling from {@code
 * backoff} up to six hours; after {@code maxAttempts} it is marked failed.
 */
public final class MailOutboxJob implements Job<MailOutboxJob.Outcome> {

  private static final Logger LOG = LoggerFactory.getLogger(MailOutboxJob.class);
  static final String JOB = "mail";
  private static final Duration MAX_BACKOFF = Duration.ofHours(6);
  private static final int BATCH = 200;

  /** What one run did. */
  public record Outcome(int digests, int sent, int retried, int failed) {}

  private final MailRepository repository;
  private final SmtpSender sender;
  private final String node;
  private final Duration period;
  private final Duration backoff;
  private final int maxAttempts;
  private final ZoneId zone;

  public MailOutboxJob(
      MailRepository repository,
      SmtpSender sender,
      String node,
      Duration period,
      Duration backoff,
      int maxAttempts,
      ZoneId zone) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.node = Objects.requireNonNull(node, "node");
    this.period = Objects.requireNonNull(period, "period");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.zone = Objects.requireNonNull(zone, "zone");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
  }

  @Override
  public String name() {
    return JOB;
  }

  @Override
  public Duration period() {
    return period;
  }

  @Override
  public Outcome run(Instant now) {
    int digests = foldDigests(now);
    int sent = 0;
    int retried = 0;
    int failed = 0;
    Instant claimUntil = now.plus(sender.settings().timeout().multipliedBy(4)).plusSeconds(60);
    for (String id : repository.due(now, BATCH)) {
      if (!repository.claim(id, node, now, claimUntil)) {
        continue;
      }
      MailRepository.OutboxRow row = repository.row(id).orElseThrow();
      try {
        sender.send(
            new SmtpSender.Message(
                row.recipients(), row.subject(), row.text(), Optional.of(row.html())),
            now);
        repository.sent(id, node, now);
        sent++;
      } catch (SmtpSender.SendFailed | RuntimeException e) {
        int attempts = row.attempts() + 1;
        boolean giveUp = attempts >= maxAttempts;
        Instant next = now.plus(delayAfter(attempts));
        String error = e instanceof SmtpSender.SendFailed ? e.getMessage() : oneLine(e);
        repository.failedAttempt(id, node, giveUp, next, error);
        if (giveUp) {
          failed++;
          LOG.error(
              "mail {} - {} to {} failed for good after {} attempts: {}",
              id,
              row.kind(),
              row.customer(),
              attempts,
              error);
        } else {
          retried++;
          LOG.warn("mail {} - attempt {} failed, next at {}: {}", id, attempts, next, error);
        }
      }
    }
    if (digests + sent + retried + failed > 0) {
      LOG.info(
          "mail - {} digests made, {} sent, {} to retry, {} failed",
          digests,
          sent,
          retried,
          failed);
    }
    return new Outcome(digests, sent, retried, failed);
  }

  /** The wait after the n-th failed attempt: backoff, 2 backoff, 4 backoff, … at most 6 hours. */
  Duration delayAfter(int attempts) {
    Duration d = backoff;
    for (int i = 1; i < attempts && d.compareTo(MAX_BACKOFF) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private int foldDigests(Instant now) {
    Map<String, List<MailRepository.OutboxRow>> groups = new LinkedHashMap<>();
    for (MailRepository.OutboxRow item : repository.dueDigestItems(now)) {
      String key = item.customer() + "|" + item.kind() + "|" + item.dueAt();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
    }
    int made = 0;
    for (List<MailRepository.OutboxRow> items : groups.values()) {
      MailRepository.OutboxRow first = items.get(0);
      MailTemplates.Rendered message = digestOf(items);
      boolean done =
          repository.digest(
              UUID.randomUUID().toString(),
              first.customer(),
              first.kind(),
              items.get(items.size() - 1).recipients(),
              message,
              items.stream().map(MailRepository.OutboxRow::id).toList(),
              now);
      if (done) {
        made++;
      }
    }
    return made;
  }

  /** One e-mail with every item of a customer's day, in the order they came. */
  private MailTemplates.Rendered digestOf(List<MailRepository.OutboxRow> items) {
    MailRepository.OutboxRow first = items.get(0);
    String day = first.dueAt().atZone(zone).toLocalDate().toString();
    String subject =
        "OpenRPS daily digest, "
            + first.kind()
            + ", "
            + first.customer()
            + ", "
            + day
            + ": "
            + items.size()
            + (items.size() == 1 ? " item" : " items");
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder();
    int n = 1;
    for (MailRepository.OutboxRow item : items) {
      text.append(n).append(". ").append(item.subject()).append("\n\n").append(item.text());
      if (!item.text().endsWith("\n")) {
        text.append('\n');
      }
      text.append('\n');
      html.append("<h3>")
          .append(n)
          .append(". ")
          .append(org.openrps.server.http.HtmlText.escape(item.subject()))
          .append("</h3>\n")
          .append(item.html())
          .append("\n<hr>\n");
      n++;
    }
    return new MailTemplates.Rendered(subject, text.toString(), html.toString());
  }

  /** The error and its causes on one line, for the outbox row and the log. */
  static String oneLine(Throwable e) {
    return SmtpSender.oneLine(e);
  }
}
