package org.openrps.agent.store;

import java.time.Instant;
import java.util.Optional;

/** One report of the outbox, for showing the sync state. */
public record OutboxReport(
    String reportId,
    Instant createdAt,
    int attempts,
    Optional<String> lastError,
    Optional<Instant> ackedAt,
    Optional<Instant> rejectedAt,
    int items) {}
