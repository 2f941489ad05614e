package org.openrps.agent.store;

/** What came of one upload attempt, as the upload log keeps it. */
public enum UploadOutcome {
  /** The server's receipt came: the report is stored there. */
  acknowledged,
  /** The server's receipt came, saying it had the report already (a re-send): stored once. */
  duplicate,
  /** The server answered 4xx: its code and message are kept. */
  refused,
  /** No answer, a 5xx, or an answer that is not a receipt for the report: the error is kept. */
  failed
}
