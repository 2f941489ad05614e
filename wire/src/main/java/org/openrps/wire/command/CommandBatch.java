package org.openrps.wire.command;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The server's answer to a command fetch: what the client is to apply, in the order queued (by the
 * server's clock, to the millisecond; commands queued in the same millisecond come in id order).
 *
 * @param serverTime the server's clock when it answered: a client judges expiry against it, not
 *     against its own clock, which may be wrong
 * @param commands the commands queued or delivered and not yet answered, not expired
 * @param pollSeconds when to ask again: short while a command is pending, the normal contact
 *     cadence otherwise (0: no sooner than the next scheduled contact)
 */
public record CommandBatch(Instant serverTime, List<Command> commands, int pollSeconds) {
  public CommandBatch {
    Objects.requireNonNull(serverTime, "serverTime");
    commands = List.copyOf(Objects.requireNonNull(commands, "commands"));
    if (pollSeconds < 0) {
      throw new IllegalArgumentException("pollSeconds must not be negative: " + pollSeconds);
    }
  }
}
