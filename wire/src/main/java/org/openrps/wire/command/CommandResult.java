package org.openrps.wire.command;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a client did with a command ({@code POST api/v1/client/commands/{id}/result}). Sent again
 * after a lost answer: the server keeps the first result.
 *
 * @param commandId the command's id
 * @param outcome done or failed
 * @param message one line for the operator: what was done, or why it was not
 * @param appliedAt when the client applied (or refused) it, in server time as the client reckons it
 *     from the batch's {@code serverTime}
 * @param details figures the command produced (a self-test's results, the new uptime, ...)
 */
public record CommandResult(
    String commandId,
    Outcome outcome,
    String message,
    Instant appliedAt,
    Map<String, String> details) {

  /** The end of a command on the client. */
  public enum Outcome {
    done,
    failed
  }

  public CommandResult {
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(appliedAt, "appliedAt");
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
