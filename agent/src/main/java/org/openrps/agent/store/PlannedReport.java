package org.openrps.agent.store;

import java.util.Objects;

/**
 * A report the next sync would send.
 *
 * @param report its snapshots, in the order they go
 * @param idFixed true for a report made before and waiting for the server's receipt: it goes again
 *     with this id and content; false for one the sync would make of queued snapshots, whose id
 *     (here a stand-in) is fixed only when the sync makes it
 */
public record PlannedReport(PendingReport report, boolean idFixed) {
  public PlannedReport {
    Objects.requireNonNull(report, "report");
  }
}
