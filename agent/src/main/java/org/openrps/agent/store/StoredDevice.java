package org.openrps.agent.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A device as the agent knows it.
 *
 * @param id the local row id
 * @param key {@code serial:<make>|<serial>} or {@code mac:<mac>}
 * @param address where it answered last
 */
public record StoredDevice(
    long id,
    String key,
    String make,
    Optional<String> serial,
    Optional<String> mac,
    String model,
    String address,
    Instant firstSeen,
    Instant lastSeen) {}
