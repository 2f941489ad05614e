package org.openrps.server.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.openrps.server.http.Paging;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Routes;
import org.openrps.server.http.UserPrincipal;

/** {@code GET /api/v1/incidents[?open=true]}: the incidents the user's scope sees, newest first. */
public final class IncidentRoutes implements Routes.Feature {

  /** An incident as the API shows it: open while {@code closedAt} is null. */
  public record IncidentView(
      String make,
      String serial,
      String code,
      String severity,
      String kind,
      String description,
      Instant openedAt,
      Instant lastSeenAt,
      Instant closedAt,
      int returned) {
    static IncidentView of(IncidentRepository.Incident i) {
      return new IncidentView(
          i.make(),
          i.serial(),
          i.code(),
          i.severity(),
          i.kind(),
          i.description(),
          i.openedAt(),
          i.lastSeenAt(),
          i.closedAt().orElse(null),
          i.returned());
    }
  }

  private final IncidentRepository incidents;

  public IncidentRoutes(IncidentRepository incidents) {
    this.incidents = Objects.requireNonNull(incidents, "incidents");
  }

  @Override
  public void routes(Routes r) {
    r.get(Routes.V1 + "/incidents", this::list);
  }

  private Response list(Request request) {
    UserPrincipal user = request.user();
    boolean openOnly = request.query("open").map(Boolean::parseBoolean).orElse(false);
    List<IncidentView> list =
        incidents.list(user.scope(), openOnly, Paging.limit(request)).stream()
            .map(IncidentView::of)
            .toList();
    return Response.ok(list);
  }
}
