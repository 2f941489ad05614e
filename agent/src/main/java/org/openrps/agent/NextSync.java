package org.openrps.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.PlannedReport;
import org.openrps.wire.Report;
import org.openrps.wire.SiteFacts;
import org.openrps.wire.Source;
import org.openrps.wire.WireJson;

/**
 * What the next sync will send, report by report, exactly as it goes on the wire (deltas on the
 * bases the server acknowledged, ADR 0010; as if each report before were acknowledged): for {@code
 * openrps agent preview}. Made by the sync's own steps in a transaction that is rolled back ({@link
 * AgentStore#planNextSync}), so looking changes nothing that is sent.
 */
public final class NextSync {

  /**
   * One report of the next sync.
   *
   * @param report the report as it will be sent (for a new one, {@code reportId} is a stand-in)
   * @param idFixed true when the report was made before and goes again with this id and content
   * @param json the JSON body, before gzip, exactly as it will be sent
   * @param wireBytes the length of the gzip body
   */
  public record Planned(Report report, boolean idFixed, String json, int wireBytes) {
    public Planned {
      Objects.requireNonNull(report, "report");
      Objects.requireNonNull(json, "json");
    }
  }

  private NextSync() {}

  /**
   * The reports the next sync sends, in order: those made before and not acknowledged, then new
   * ones of the queued snapshots (at most one snapshot per device per report, ADR 0008), as many as
   * one sync sends; at least one (an empty report when nothing waits).
   *
   * @param source the agent that will send them (its version decides which refused reports go
   *     again)
   * @param site the site information the reports carry (collected again when they are sent)
   */
  public static List<Planned> plan(
      AgentStore store, Source source, Instant now, java.util.Optional<SiteFacts> site) {
    ObjectMapper mapper = WireJson.newMapper();
    List<Planned> plan = new ArrayList<>();
    for (PlannedReport p :
        store.planNextSync(
            now, Agent.MAX_DEVICES_PER_REPORT, Agent.MAX_REPORTS_PER_CYCLE, source.version())) {
      // As the sync does: deltas on the acknowledged bases, the site with the first report.
      Report report =
          OutboxSender.reportOf(
              p.report(),
              source,
              plan.isEmpty() ? site : java.util.Optional.empty(),
              Payloads.DELTAS,
              false);
      String json;
      try {
        json = new String(mapper.writeValueAsBytes(report), StandardCharsets.UTF_8);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot encode report " + report.reportId(), e);
      }
      plan.add(new Planned(report, p.idFixed(), json, WireJson.gzip(mapper, report).length));
    }
    return List.copyOf(plan);
  }
}
