package org.openrps.server.meters;

import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import org.openrps.server.http.Csv;
import org.openrps.server.http.DevicePath;
import org.openrps.server.http.Paging;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Routes;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.store.DeviceKey;
import org.openrps.server.store.Scope;

/** A device's meter history, as JSON pages or one CSV. */
public final class MeterRoutes implements Routes.Feature {

  private final MeterRepository meters;
  private final BiPredicate<Scope, DeviceKey> deviceExists;

  public MeterRoutes(MeterRepository meters, BiPredicate<Scope, DeviceKey> deviceExists) {
    this.meters = Objects.requireNonNull(meters, "meters");
    this.deviceExists = Objects.requireNonNull(deviceExists, "deviceExists");
  }

  @Override
  public void routes(Routes r) {
    r.get(DevicePath.TEMPLATE + "/meters", this::history);
  }

  private Response history(Request request) {
    UserPrincipal user = request.user();
    DeviceKey key = DevicePath.visible(request, user, deviceExists);
    boolean csv = Paging.csv(request);
    List<String> after = csv ? List.of() : Paging.after(request, 3);
    int limit = csv ? Integer.MAX_VALUE - 1 : Paging.limit(request);
    List<MeterPoint> page =
        meters.meterPage(
            user.scope(),
            key,
            after.isEmpty() ? MeterRepository.BEGINNING : Paging.instant(after.get(0)),
            after.isEmpty() ? "" : after.get(1),
            after.isEmpty() ? -1 : Paging.integer(after.get(2)),
            limit + 1);
    if (csv) {
      StringBuilder out =
          new StringBuilder(
              Csv.row(
                  List.of(
                      "readAt",
                      "name",
                      "value",
                      "oid",
                      "reportId",
                      "oids",
                      "flags",
                      "serverFlags")));
      for (MeterPoint m : page) {
        out.append(
            Csv.row(
                List.of(
                    m.readAt().toString(),
                    m.name(),
                    m.value(),
                    m.oid(),
                    m.reportId(),
                    String.join(" ", m.oids()),
                    String.join(" ", m.flags()),
                    String.join(" ", m.serverFlags()))));
      }
      return Response.csv("meters.csv", out.toString());
    }
    return Paging.page(
        request,
        page,
        limit,
        m ->
            List.of(
                Long.toString(m.readAt().toEpochMilli()),
                m.reportId(),
                Integer.toString(m.position())),
        MeterView::of);
  }

  /**
   * One meter reading in the history: the value as the device reported it, and whether the source
   * or the server flagged it (a flagged value must not be billed as pages without review).
   */
  public record MeterView(
      java.time.Instant readAt,
      String name,
      long value,
      String oid,
      List<String> oids,
      List<String> flags,
      List<String> serverFlags,
      boolean flagged,
      String reportId) {
    static MeterView of(MeterPoint m) {
      return new MeterView(
          m.readAt(),
          m.name(),
          m.value(),
          m.oid(),
          m.oids(),
          m.flags(),
          m.serverFlags(),
          !m.flags().isEmpty() || !m.serverFlags().isEmpty(),
          m.reportId());
    }
  }
}
