package org.openrps.agent;

import java.util.Objects;
import java.util.Optional;

/**
 * What one poll did: discover and read every target, store the readings and queue them for the
 * server. A poll whose store failed still has a result: what was scanned, and the failure.
 *
 * @param addressesScanned addresses asked
 * @param printersFound devices that answered as printers
 * @param outOfScope devices that answered SNMP but are not printers
 * @param unreachable addresses with no usable answer
 * @param pagesCounted the sum of the printers' {@code total} meters that passed the integrity check
 *     (0 when the store failed)
 * @param flaggedTotals {@code total} meters flagged (wrapped, backwards, device replaced)
 * @param lowestToner the toner or ink with the least left, when any printer gave a percentage
 * @param readingsQueued snapshots this poll added to the outbox
 * @param storeFailure why this poll's readings were not stored, if they were not
 */
public record PollResult(
    int addressesScanned,
    int printersFound,
    int outOfScope,
    int unreachable,
    long pagesCounted,
    int flaggedTotals,
    Optional<LowestSupply> lowestToner,
    int readingsQueued,
    Optional<AgentException> storeFailure) {
  public PollResult {
    Objects.requireNonNull(lowestToner, "lowestToner");
    Objects.requireNonNull(storeFailure, "storeFailure");
  }
}
