package org.openrps.agent.poll.decode;

import java.time.Instant;
import java.util.Objects;

/**
 * What one walk of a table gave.
 *
 * @param rows the rows read (all of them, or those read before a failure)
 * @param readAt when the walk ended
 * @param failed true when the walk failed (the driver has recorded why); the rows are then partial
 */
public record Walked(Rows rows, Instant readAt, boolean failed) {
  public Walked {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(readAt, "readAt");
  }

  /** A table not walked (or walked with nothing), as of {@code at}. */
  public static Walked nothing(Instant at) {
    return new Walked(Rows.empty(), at, false);
  }
}
