package org.openrps.server.mail;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openrps.mailer.SmtpSender;
import org.openrps.mailer.SmtpSettings;

/**
 * The administrator's check of the SMTP settings ({@code openrps server test-mail --to …}): one
 * e-mail from the {@code test} template, sent at once rather than queued, so the answer (or the
 * SMTP server's error) is seen at once.
 */
public final class TestMail {

  private TestMail() {}

  /**
   * Sends the test e-mail to one address.
   *
   * @throws IllegalArgumentException when no SMTP server is configured or the address is not one
   * @throws IllegalStateException when the SMTP server or the network refused, with the reason
   */
  public static void send(MailConfig config, String to, String serverName, Instant now) {
    Objects.requireNonNull(config, "config");
    SmtpSettings smtp =
        config.smtp().orElseThrow(() -> new IllegalArgumentException("no smtp.host is configured"));
    MailSettings checked =
        new MailSettings(
            org.openrps.server.store.TenantId.DEFAULT,
            MailKind.report,
            Delivery.immediate,
            List.of(to));
    MailTemplates.Rendered message =
        new MailTemplates().render("test", Map.of("customer", "test", "server", serverName));
    try {
      new SmtpSender(smtp)
          .send(
              new SmtpSender.Message(
                  checked.recipients(),
                  message.subject(),
                  message.text(),
                  Optional.of(message.html())),
              now);
    } catch (SmtpSender.SendFailed e) {
      throw new IllegalStateException("sending through " + smtp + " failed: " + e.getMessage(), e);
    }
  }
}
