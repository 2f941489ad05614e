package org.openrps.agent;

/**
 * A step of the agent failed. The message starts with the step ({@code "discovery failed: "},
 * {@code "store failed: "}, {@code "sync failed: "}) and says why in words an operator can act on.
 */
public final class AgentException extends Exception {

  /** The steps of a cycle. */
  public enum Step {
    open,
    discovery,
    store,
    sync
  }

  private final Step step;

  AgentException(Step step, String reason, Throwable cause) {
    super(prefix(step) + reason, cause);
    this.step = step;
  }

  /** Which step failed. */
  public Step step() {
    return step;
  }

  private static String prefix(Step step) {
    return switch (step) {
      case open -> "agent start failed: ";
      case discovery -> "discovery failed: ";
      case store -> "store failed: ";
      case sync -> "sync failed: ";
    };
  }
}
