package org.openrps.agent;

import java.util.Objects;
import java.util.Optional;
import org.openrps.wire.Receipt;

/**
 * What one discover, poll, store and sync cycle did.
 *
 * @param addressesScanned addresses asked
 * @param printersFound devices that answered as printers
 * @param outOfScope devices that answered SNMP but are not printers
 * @param unreachable addresses with no usable answer
 * @param pagesCounted the sum of the printers' {@code total} meters read in this cycle that passed
 *     the integrity check
 * @param flaggedTotals {@code total} meters flagged (wrapped, backwards, device replaced): not in
 *     {@code pagesCounted}, never pages without review
 * @param lowestToner the toner or ink with the least left, when any printer gave a percentage
 * @param receipt the server's receipt for the last report sent in this cycle
 */
public record CycleResult(
    int addressesScanned,
    int printersFound,
    int outOfScope,
    int unreachable,
    long pagesCounted,
    int flaggedTotals,
    Optional<LowestSupply> lowestToner,
    Receipt receipt) {
  public CycleResult {
    Objects.requireNonNull(lowestToner, "lowestToner");
    Objects.requireNonNull(receipt, "receipt");
  }
}
