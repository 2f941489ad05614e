package org.openrps.server.mail;

import java.util.Locale;
import java.util.Optional;

/** What an e-mail is about; recipients and delivery are set per customer and kind. */
public enum MailKind {
  meterReads,
  missedReads,
  supplyOrder,
  incident,
  communicationLoss,
  report;

  /** The kind with this name, case as written in the API ({@code meterReads}). */
  public static Optional<MailKind> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (MailKind k : values()) {
      if (k.name().toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
