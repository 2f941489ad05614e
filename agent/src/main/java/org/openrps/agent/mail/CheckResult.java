package org.openrps.agent.mail;

import java.util.List;
import java.util.Objects;

/**
 * What one {@link AlertMonitor#check} did.
 *
 * @param started events that began at this check (their e-mails queued)
 * @param cleared events that ended at this check (their e-mails queued)
 * @param mailed e-mails the SMTP server took at this check, older ones that waited included
 * @param failed e-mails that could not be sent: still queued, tried again at the next check
 */
public record CheckResult(
    List<Event> started, List<Event> cleared, List<Mail> mailed, List<Failure> failed) {

  public CheckResult {
    started = List.copyOf(started);
    cleared = List.copyOf(cleared);
    mailed = List.copyOf(mailed);
    failed = List.copyOf(failed);
  }

  /**
   * An event of one rule about one subject.
   *
   * @param rule the rule's text
   * @param subject what it is about: {@code supply <device key>#<index>}, {@code device <key>},
   *     {@code alert <key>#...}, {@code server}, {@code outbox}
   * @param headline what it is, in one line (the e-mail's subject)
   */
  public record Event(String rule, String subject, String headline) {}

  /** One e-mail. */
  public record Mail(List<String> to, String subject) {
    public Mail {
      to = List.copyOf(to);
      Objects.requireNonNull(subject, "subject");
    }
  }

  /** An e-mail not sent, and why (one line, no secret). */
  public record Failure(Mail mail, String reason) {}

  /** True when nothing started, cleared, went or failed. */
  public boolean quiet() {
    return started.isEmpty() && cleared.isEmpty() && mailed.isEmpty() && failed.isEmpty();
  }
}
