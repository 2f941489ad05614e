package org.openrps.agent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openrps.agent.store.RefusedReport;
import org.openrps.wire.Receipt;

/**
 * What one sync did: reports acknowledged, reports the server refused (kept, see {@link
 * org.openrps.agent.store.AgentStore#refused()}), and the failure that ended it early, if any.
 *
 * @param reportsAcknowledged reports the server gave a receipt for
 * @param snapshotsAcknowledged snapshots in those reports
 * @param lastReceipt the receipt of the last report acknowledged
 * @param refused reports refused for their content in this sync
 * @param failure why the sync stopped before the outbox was empty (server unreachable, ...)
 */
public record SyncOutcome(
    int reportsAcknowledged,
    int snapshotsAcknowledged,
    Optional<Receipt> lastReceipt,
    List<RefusedReport> refused,
    Optional<AgentException> failure) {
  public SyncOutcome {
    Objects.requireNonNull(lastReceipt, "lastReceipt");
    refused = List.copyOf(refused);
    Objects.requireNonNull(failure, "failure");
  }

  /** True when every report went and was acknowledged. */
  public boolean complete() {
    return failure.isEmpty() && refused.isEmpty();
  }
}
