package org.openrps.server.mail;

import java.util.List;
import java.util.Objects;
import org.openrps.mailer.MailAddress;
import org.openrps.server.store.TenantId;

/** Who gets one kind of e-mail of one customer, and when. */
public record MailSettings(
    TenantId customer, MailKind kind, Delivery delivery, List<String> recipients) {

  public MailSettings {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(delivery, "delivery");
    recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
    if (recipients.size() > 50) {
      throw new IllegalArgumentException("at most 50 recipients per kind");
    }
    recipients.forEach(MailAddress::check);
  }
}
