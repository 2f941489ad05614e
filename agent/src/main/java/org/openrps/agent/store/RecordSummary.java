package org.openrps.agent.store;

/**
 * What storing one scan did.
 *
 * @param devicesStored printers whose readings were stored
 * @param queued snapshots added to the outbox
 * @param withoutIdentity printers with neither serial nor MAC: not stored (no key to store them by)
 * @param withoutSerial printers stored by MAC but not queued: the wire format requires a serial
 * @param pagesCounted the sum of the life counts that passed the integrity check (a flagged count
 *     is never pages)
 * @param flaggedTotals life counts flagged wrapped, backwards or deviceReplaced, not counted
 */
public record RecordSummary(
    int devicesStored,
    int queued,
    int withoutIdentity,
    int withoutSerial,
    long pagesCounted,
    int flaggedTotals) {}
