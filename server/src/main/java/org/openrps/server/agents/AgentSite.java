package org.openrps.server.agents;

import java.time.Instant;
import java.util.Objects;
import org.openrps.wire.SiteFacts;

/**
 * The newest site information of an agent, as stored.
 *
 * @param reportId the report that carried it
 * @param receivedAt when the server received that report
 * @param facts the facts, as the agent sent them
 */
public record AgentSite(String reportId, Instant receivedAt, SiteFacts facts) {

  public AgentSite {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(facts, "facts");
  }
}
