package org.openrps.server.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.openrps.server.http.Paging;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Routes;
import org.openrps.server.http.UserPrincipal;

/**
 * {@code GET /api/v1/incidents[?open=true]}: the devices' incidents the user's scope sees, newest
 * first; {@code GET /api/v1/incidents/agents[?open=true]}: the silent agents'.
 */
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
  private final java.util.function.BiPredicate<
          org.openrps.server.store.Scope, org.openrps.server.store.DeviceKey>
      deviceExists;

  public IncidentRoutes(
      IncidentRepository incidents,
      java.util.function.BiPredicate<
              org.openrps.server.store.Scope, org.openrps.server.store.DeviceKey>
          deviceExists) {
    this.incidents = Objects.requireNonNull(incidents, "incidents");
    this.deviceExists = Objects.requireNonNull(deviceExists, "deviceExists");
  }

  /**
   * A device's failure history: each code with how often it happened and for how long in all, and
   * the incidents themselves, newest first.
   */
  public record FailureHistory(List<CodeSummary> codes, List<IncidentView> incidents) {}

  /** One code of a failure history; {@code openNow} when one of its incidents is still open. */
  public record CodeSummary(
      String code, String severity, int times, long closedMinutes, Instant last, boolean openNow) {}

  private Response history(Request request) {
    UserPrincipal user = request.user();
    org.openrps.server.store.DeviceKey key =
        org.openrps.server.http.DevicePath.visible(request, user, deviceExists);
    List<IncidentRepository.Incident> all =
        incidents.history(user.scope(), key, Paging.limit(request));
    java.util.Map<String, List<IncidentRepository.Incident>> byCode = new java.util.TreeMap<>();
    for (IncidentRepository.Incident i : all) {
      byCode.computeIfAbsent(i.code(), c -> new java.util.ArrayList<>()).add(i);
    }
    List<CodeSummary> codes = new java.util.ArrayList<>();
    byCode.forEach(
        (code, list) ->
            codes.add(
                new CodeSummary(
                    code,
                    list.get(0).severity(),
                    list.size(),
                    list.stream()
                        .filter(i -> i.closedAt().isPresent())
                        .mapToLong(
                            i ->
                                java.time.Duration.between(i.openedAt(), i.closedAt().get())
                                    .toMinutes())
                        .sum(),
                    list.get(0).openedAt(),
                    list.stream().anyMatch(i -> i.closedAt().isEmpty()))));
    return Response.ok(new FailureHistory(codes, all.stream().map(IncidentView::of).toList()));
  }

  @Override
  public void routes(Routes r) {
    r.get(Routes.V1 + "/incidents", this::list);
    r.get(Routes.V1 + "/incidents/agents", this::agents);
    r.get(org.openrps.server.http.DevicePath.TEMPLATE + "/incidents", this::history);
  }

  /** A silent agent's incident as the API shows it: open while {@code closedAt} is null. */
  public record AgentIncidentView(
      String customer,
      String agentId,
      String code,
      String severity,
      String description,
      Instant openedAt,
      Instant lastContactAt,
      Instant closedAt) {}

  private Response agents(Request request) {
    UserPrincipal user = request.user();
    boolean openOnly = request.query("open").map(Boolean::parseBoolean).orElse(false);
    List<AgentIncidentView> list =
        incidents.agentIncidents(user.scope(), openOnly, Paging.limit(request)).stream()
            .map(
                i ->
                    new AgentIncidentView(
                        i.tenant(),
                        i.agentId(),
                        i.code(),
                        i.severity(),
                        i.description(),
                        i.openedAt(),
                        i.lastContactAt(),
                        i.closedAt().orElse(null)))
            .toList();
    return Response.ok(list);
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
