package org.openrps.agent.store;

/** Moments the agent remembers across restarts, for its schedule and its status. */
public enum AgentEvent {
  /** A poll of the targets ended (whatever answered). */
  POLLED("last_poll"),
  /** A sync began talking to the server (whatever came of it). */
  SYNC_ATTEMPTED("last_sync_attempt"),
  /** A sync left nothing to send: every report acknowledged or set aside as refused. */
  SYNCED("last_sync_ok");

  private final String key;

  AgentEvent(String key) {
    this.key = key;
  }

  String key() {
    return key;
  }
}
