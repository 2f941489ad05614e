package org.openrps.server.mail;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import org.openrps.mailer.SmtpSettings;

/**
 * E-mail settings of the server (keys {@code smtp.*} and {@code mail.*}).
 *
 * @param smtp the SMTP server; empty means e-mail is queued but not sent (the outbox job does not
 *     run) until one is configured
 * @param maxAttempts sends tried for one e-mail before it is marked failed ({@code
 *     mail.max.attempts}, default 8)
 * @param retry the wait after the first failed send, doubled after each next one up to six hours
 *     ({@code mail.retry.minutes}, default 5)
 * @param period how often the outbox job runs ({@code mail.period.seconds}, default 60)
 * @param digestTime when the daily digests go, local time ({@code mail.digest.time}, default 07:00)
 * @param zone the zone of that local time ({@code mail.digest.zone}, default UTC)
 */
public record MailConfig(
    Optional<SmtpSettings> smtp,
    int maxAttempts,
    Duration retry,
    Duration period,
    LocalTime digestTime,
    ZoneId zone) {

  public static final MailConfig DEFAULTS =
      new MailConfig(
          Optional.empty(),
          8,
          Duration.ofMinutes(5),
          Duration.ofSeconds(60),
          LocalTime.of(7, 0),
          ZoneId.of("UTC"));

  public MailConfig {
    Objects.requireNonNull(smtp, "smtp");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("mail.max.attempts must be at least 1: " + maxAttempts);
    }
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(period, "period");
    if (retry.isNegative() || retry.isZero() || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("mail.retry.minutes and mail.period.seconds must be > 0");
    }
    Objects.requireNonNull(digestTime, "digestTime");
    Objects.requireNonNull(zone, "zone");
  }

  public MailConfig withSmtp(SmtpSettings settings) {
    return new MailConfig(Optional.of(settings), maxAttempts, retry, period, digestTime, zone);
  }
}
