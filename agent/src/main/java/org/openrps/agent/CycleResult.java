package org.openrps.agent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openrps.wire.Receipt;

/**
 * What one discover, poll, store and sync cycle did. A cycle whose store or sync failed still has a
 * result: what was scanned, and the failures in {@link #failures()}.
 *
 * @param addressesScanned addresses asked
 * @param printersFound devices that answered as printers
 * @param outOfScope devices that answered SNMP but are not printers
 * @param unreachable addresses with no usable answer
 * @param pagesCounted the sum of the printers' {@code total} meters read in this cycle that passed
 *     the integrity check (0 when the store failed)
 * @param flaggedTotals {@code total} meters flagged (wrapped, backwards, device replaced): not in
 *     {@code pagesCounted}, never pages without review
 * @param lowestToner the toner or ink with the least left, when any printer gave a percentage
 * @param readingsQueued snapshots this cycle added to the outbox
 * @param sync what the sync did
 * @param readingsKept snapshots in the outbox after the sync, not yet acknowledged (refused ones
 *     included)
 * @param storeFailure why this cycle's readings were not stored, if they were not
 */
public record CycleResult(
    int addressesScanned,
    int printersFound,
    int outOfScope,
    int unreachable,
    long pagesCounted,
    int flaggedTotals,
    Optional<LowestSupply> lowestToner,
    int readingsQueued,
    SyncOutcome sync,
    long readingsKept,
    Optional<AgentException> storeFailure) {
  public CycleResult {
    Objects.requireNonNull(lowestToner, "lowestToner");
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(storeFailure, "storeFailure");
  }

  /** The server's receipt for the last report acknowledged in this cycle. */
  public Optional<Receipt> receipt() {
    return sync.lastReceipt();
  }

  /** The store failure, then the sync failure: empty when the cycle did all it should. */
  public List<AgentException> failures() {
    return java.util.stream.Stream.concat(storeFailure.stream(), sync.failure().stream()).toList();
  }
}
