package org.openrps.agent.store;

import java.time.Instant;

/**
 * A report the server refused for its content: kept with the server's answer, sent again by another
 * agent version.
 *
 * @param status the HTTP status of the refusal (e.g. 422)
 * @param code the server's error code (e.g. {@code report.invalid}), empty when it sent none
 * @param message the refusal as the agent showed it
 * @param refusedVersion the agent version that got the refusal
 * @param items the snapshots the report holds
 */
public record RefusedReport(
    String reportId,
    Instant createdAt,
    Instant refusedAt,
    int status,
    String code,
    String message,
    String refusedVersion,
    int items) {}
