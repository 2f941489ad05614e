package org.openrps.wire.command;

/** Where a command is in its life on the server. */
public enum CommandState {
  /** Queued, not fetched yet. */
  queued,
  /** Fetched by its client at least once, no result yet. */
  delivered,
  /** The client applied it. */
  done,
  /** The client could not apply it, or refused it; the result says why. */
  failed,
  /** Its expiry passed before a result came: it was not, and will not be, applied. */
  expired;

  /** Whether the command's life is over. */
  public boolean finished() {
    return this == done || this == failed || this == expired;
  }
}
