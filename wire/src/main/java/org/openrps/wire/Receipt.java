package org.openrps.wire;

import java.time.Instant;
import java.util.Objects;

/**
 * The server's answer to an accepted report.
 *
 * @param reportId the id of the report this acknowledges
 * @param duplicate true when the server already had this report; nothing new was stored
 * @param devices how many device snapshots the report held
 * @param receivedAt when the server first stored it
 */
public record Receipt(String reportId, boolean duplicate, int devices, Instant receivedAt) {

  public Receipt {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
