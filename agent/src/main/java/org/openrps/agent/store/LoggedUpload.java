package org.openrps.agent.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openrps.wire.Receipt;

/**
 * One row of the upload log: an attempt to upload a report and what came of it.
 *
 * @param id the row's id (grows with every attempt)
 * @param reportId the report's id
 * @param attemptedAt when the attempt was made
 * @param devices the snapshots the report held
 * @param body the gzip body's length and SHA-256; empty when none was built
 * @param sent false when TLS stopped the attempt before any byte of the request left
 * @param outcome what came of it
 * @param httpStatus the HTTP status of the answer; 0 when none came
 * @param receipt the server's receipt (acknowledged, duplicate)
 * @param refusalCode the server's error code (refused); empty when it sent none
 * @param message the refusal (refused) or the error (failed); empty otherwise
 */
public record LoggedUpload(
    long id,
    String reportId,
    Instant attemptedAt,
    int devices,
    Optional<UploadAttempt.Body> body,
    boolean sent,
    UploadOutcome outcome,
    int httpStatus,
    Optional<Receipt> receipt,
    String refusalCode,
    String message) {

  public LoggedUpload {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(attemptedAt, "attemptedAt");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(refusalCode, "refusalCode");
    Objects.requireNonNull(message, "message");
  }
}
