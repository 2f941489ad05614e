package org.openrps.agent.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt to upload a report, as it goes into the upload log.
 *
 * @param reportId the report's id
 * @param at when the attempt was made
 * @param devices the snapshots the report holds
 * @param body the gzip body as built for the attempt; empty when none was built
 * @param sent false when TLS stopped the attempt before any byte of the request left
 * @param httpStatus the HTTP status of the answer; 0 when none came
 */
public record UploadAttempt(
    String reportId, Instant at, int devices, Optional<Body> body, boolean sent, int httpStatus) {

  public UploadAttempt {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(body, "body");
  }

  /**
   * The gzip body of an upload.
   *
   * @param bytes its length
   * @param sha256 its SHA-256, hex
   */
  public record Body(int bytes, String sha256) {
    public Body {
      Objects.requireNonNull(sha256, "sha256");
    }
  }
}
