package org.openrps.agent.mail;

import java.time.Instant;
import java.util.Objects;
import org.openrps.mailer.MailAddress;
import org.openrps.mailer.SmtpSender;

/**
 * The administrator's check of the agent's SMTP settings ({@code openrps agent test-mail --to
 * ADDRESS}): one plain-text e-mail, sent at once.
 */
public final class TestMail {

  private TestMail() {}

  /**
   * Sends the test e-mail to {@code to}, naming {@code host} (the agent's machine) and the SMTP
   * server in its text.
   *
   * @throws IllegalArgumentException when {@code to} is not a plain address
   * @throws SmtpSender.SendFailed when the SMTP server or the network refused (one-line message)
   */
  public static void send(SmtpSender sender, String to, String host, Instant now)
      throws SmtpSender.SendFailed {
    Objects.requireNonNull(sender, "sender");
    MailAddress.check(to);
    sender.send(AlertMails.test(to, sender.settings(), host, now), now);
  }
}
