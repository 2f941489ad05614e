package org.openrps.agent.rotation;

import java.util.Objects;

/**
 * What came of asking for a new secret.
 *
 * @param rotated true when the agent now uses a new secret that the server confirmed (the previous
 *     one no longer works); false when it still uses the one it had, or a new one not confirmed yet
 * @param reason one line for the operator: what happened and what happens next (never a secret)
 */
public record RotationOutcome(boolean rotated, String reason) {

  public RotationOutcome {
    Objects.requireNonNull(reason, "reason");
  }

  static RotationOutcome done(String reason) {
    return new RotationOutcome(true, reason);
  }

  static RotationOutcome notDone(String reason) {
    return new RotationOutcome(false, reason);
  }
}
