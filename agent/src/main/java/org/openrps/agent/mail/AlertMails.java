package org.openrps.agent.mail;

import java.time.Instant;
import java.util.List;
import org.openrps.mailer.SmtpSender;
import org.openrps.mailer.SmtpSettings;

/**
 * The words of the agent's e-mails: plain text, naming the device (make, model, serial, address,
 * location), the supply, the figure and the time; nothing secret (no community, key or password).
 */
final class AlertMails {

  static final String STARTED = "OpenRPS alert: ";
  static final String CLEARED = "OpenRPS alert over: ";

  private AlertMails() {}

  static String startTitle(Finding f) {
    return STARTED + f.headline();
  }

  static String clearTitle(Finding f) {
    return CLEARED + f.headline();
  }

  static String startBody(AlertRule rule, Finding f, Instant now) {
    StringBuilder b = new StringBuilder();
    b.append(f.headline()).append("\n\n");
    for (String line : f.facts()) {
      b.append(line).append('\n');
    }
    b.append("Started:   ").append(now).append('\n');
    b.append("Rule:      ").append(rule.text()).append("\n\n");
    return b.append(footer()).toString();
  }

  static String clearBody(AlertRule rule, Finding f, Instant startedAt, Instant now) {
    StringBuilder b = new StringBuilder();
    b.append(f.headline()).append("\n\n");
    for (String line : f.facts()) {
      b.append(line).append('\n');
    }
    b.append("Started:   ").append(startedAt).append('\n');
    b.append("Over:      ").append(now).append('\n');
    b.append("Rule:      ").append(rule.text()).append("\n\n");
    return b.append(footer()).toString();
  }

  /** The test e-mail of {@code openrps agent test-mail}. */
  static SmtpSender.Message test(String to, SmtpSettings smtp, String host, Instant now) {
    return new SmtpSender.Message(
        List.of(to),
        "OpenRPS agent test e-mail",
        "This is a test e-mail from the OpenRPS agent on "
            + host
            + ".\n\nSent at "
            + now
            + " through "
            + smtp.where()
            + ", from "
            + smtp.from()
            + ".\nAlerts will come the same way.\n\n"
            + footer());
  }

  private static String footer() {
    return "-- \nSent by the OpenRPS device agent: one e-mail when a condition starts and one when"
        + " it is over.\n";
  }
}
