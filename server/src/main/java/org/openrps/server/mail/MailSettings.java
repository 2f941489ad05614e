package org.openrps.server.mail;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.openrps.server.store.TenantId;

/** Who gets one kind of e-mail of one customer, and when. */
public record MailSettings(
    TenantId customer, MailKind kind, Delivery delivery, List<String> recipients) {

  /** A plain address: local part, {@code @}, domain; no display names, no spaces, no commas. */
  private static final Pattern ADDRESS =
      Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9.-]{1,253}");

  public MailSettings {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(delivery, "delivery");
    recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
    if (recipients.size() > 50) {
      throw new IllegalArgumentException("at most 50 recipients per kind");
    }
    for (String r : recipients) {
      if (!ADDRESS.matcher(r).matches()) {
        throw new IllegalArgumentException("not an e-mail address: '" + r + "'");
      }
    }
  }
}
