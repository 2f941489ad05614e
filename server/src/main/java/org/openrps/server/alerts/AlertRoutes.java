package org.openrps.server.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import org.openrps.server.http.DevicePath;
import org.openrps.server.http.Paging;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Routes;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.store.DeviceKey;
import org.openrps.server.store.Scope;

/** A device's alerts, newest first: open ones ({@code open=true}) or all, with cleared times. */
public final class AlertRoutes implements Routes.Feature {

  /** An alert as the API shows it: open while {@code clearedAt} is null. */
  public record AlertView(
      int index,
      String severity,
      String trainingLevel,
      String group,
      String code,
      String description,
      Instant firstSeenAt,
      Instant clearedAt,
      String source) {
    /** The stored alert as the API shows it. */
    public static AlertView of(AlertRepository.DeviceAlert a) {
      return new AlertView(
          a.index(),
          a.severity(),
          a.trainingLevel(),
          a.group(),
          a.code(),
          a.description(),
          a.firstSeenAt(),
          a.clearedAt().orElse(null),
          a.source());
    }
  }

  private final AlertRepository alerts;
  private final BiPredicate<Scope, DeviceKey> deviceExists;

  public AlertRoutes(AlertRepository alerts, BiPredicate<Scope, DeviceKey> deviceExists) {
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.deviceExists = Objects.requireNonNull(deviceExists, "deviceExists");
  }

  @Override
  public void routes(Routes r) {
    r.get(DevicePath.TEMPLATE + "/alerts", this::list);
  }

  private Response list(Request request) {
    UserPrincipal user = request.user();
    DeviceKey key = DevicePath.visible(request, user, deviceExists);
    boolean openOnly = request.query("open").map(Boolean::parseBoolean).orElse(false);
    List<AlertView> list =
        alerts.alerts(user.scope(), key, openOnly, Paging.limit(request)).stream()
            .map(AlertView::of)
            .toList();
    return Response.ok(list);
  }
}
