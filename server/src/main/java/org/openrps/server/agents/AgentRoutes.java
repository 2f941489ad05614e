package org.openrps.server.agents;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Paging;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Routes;
import org.openrps.server.http.UserPrincipal;
import org.openrps.wire.SiteFacts;

/**
 * The agents (and Device Direct credentials) the caller may see, with their last contact and their
 * newest site information. Revoking one is a credential matter: {@code accounts}.
 */
public final class AgentRoutes implements Routes.Feature {

  /** An agent or device credential as the API shows it (never its secret). */
  public record AgentView(
      String id,
      String kind,
      String customer,
      String site,
      String updatedAt,
      String revokedAt,
      String lastContact,
      String version,
      long devicesReported,
      SiteView siteInformation) {
    static AgentView of(AgentInfo a) {
      return new AgentView(
          a.id(),
          a.kind().name(),
          a.tenant().value(),
          a.site().value(),
          a.updatedAt().toString(),
          a.revokedAt().map(Instant::toString).orElse(null),
          a.lastContact().map(Instant::toString).orElse(null),
          a.version().orElse(null),
          a.devicesReported(),
          a.siteInformation().map(SiteView::of).orElse(null));
    }
  }

  /**
   * The newest site information of an agent: the report that carried it, when it arrived, and the
   * facts as the agent sent them (a fact it could not read is null).
   */
  public record SiteView(String reportId, String receivedAt, @JsonUnwrapped SiteFacts facts) {
    static SiteView of(AgentSite s) {
      return new SiteView(s.reportId(), s.receivedAt().toString(), s.facts());
    }
  }

  private final AgentRepository agents;

  public AgentRoutes(AgentRepository agents) {
    this.agents = Objects.requireNonNull(agents, "agents");
  }

  @Override
  public void routes(Routes r) {
    r.get(Routes.V1 + "/agents", this::list);
    r.get(Routes.V1 + "/agents/{agent}", this::agent);
  }

  private Response list(Request request) {
    UserPrincipal user = request.user();
    List<String> after = Paging.after(request, 1);
    int limit = Paging.limit(request);
    List<AgentInfo> page =
        agents.list(user.scope(), after.isEmpty() ? "" : after.get(0), limit + 1);
    return Paging.page(request, page, limit, a -> List.of(a.id()), AgentView::of);
  }

  private Response agent(Request request) {
    UserPrincipal user = request.user();
    String id = request.pathParam("agent");
    return Response.ok(
        AgentView.of(
            agents.find(user.scope(), id).orElseThrow(() -> ApiException.notFound("agent " + id))));
  }
}
