package org.openrps.agent.store;

/**
 * What storing one scan did.
 *
 * @param devicesStored printers whose readings were stored
 * @param queued snapshots added to the outbox
 * @param withoutIdentity printers with neither serial nor MAC: not stored (no key to store them by)
 * @param withoutSerial printers stored by MAC but not queued: the wire format requires a serial
 */
public record RecordSummary(
    int devicesStored, int queued, int withoutIdentity, int withoutSerial) {}
