package org.openrps.agent.store;

import java.time.Duration;

/**
 * How long the agent keeps reading history in its SQLite file.
 *
 * @param days readings older than this many days are deleted (1 to 3650); what the outbox still
 *     holds and each device's latest reading are always kept
 */
public record RetentionPolicy(int days) {

  /** The default: about 13 months, a year of monthly billing with a month to spare. */
  public static final RetentionPolicy DEFAULT = new RetentionPolicy(400);

  public RetentionPolicy {
    if (days < 1 || days > 3650) {
      throw new IllegalArgumentException("retention days must be 1 to 3650, not " + days);
    }
  }

  Duration keep() {
    return Duration.ofDays(days);
  }
}
