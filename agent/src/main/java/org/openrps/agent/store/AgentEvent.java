package org.openrps.agent.store;

/** Moments the agent remembers across restarts, for its schedule and its status. */
public enum AgentEvent {
  /** A poll of the targets ended (whatever answered). */
  POLLED("last_poll"),
  /** A sync began talking to the server (whatever came of it). */
  SYNC_ATTEMPTED("last_sync_attempt"),
  /** A sync left nothing to send: every report acknowledged or set aside as refused. */
  SYNCED("last_sync_ok"),
  /** The agent's secret was last replaced by a new one, and the server confirmed it in use. */
  SECRET_ROTATED("last_secret_rotation"),
  /**
   * When the agent first counted its secret's age (its first sync with rotation on): what a
   * rotation schedule starts from when the secret was never rotated.
   */
  SECRET_AGE_FROM("secret_age_from");

  private final String key;

  AgentEvent(String key) {
    this.key = key;
  }

  String key() {
    return key;
  }
}
