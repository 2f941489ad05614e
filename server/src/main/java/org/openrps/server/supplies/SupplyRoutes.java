package org.openrps.server.supplies;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
import org.openrps.wire.view.SupplyView;

/** A device's supply level history ({@code index} for one position), as JSON pages or CSV. */
public final class SupplyRoutes implements Routes.Feature {

  private final SupplyRepository supplies;
  private final BiPredicate<Scope, DeviceKey> deviceExists;

  public SupplyRoutes(SupplyRepository supplies, BiPredicate<Scope, DeviceKey> deviceExists) {
    this.supplies = Objects.requireNonNull(supplies, "supplies");
    this.deviceExists = Objects.requireNonNull(deviceExists, "deviceExists");
  }

  @Override
  public void routes(Routes r) {
    r.get(DevicePath.TEMPLATE + "/supplies/history", this::history);
  }

  private Response history(Request request) {
    UserPrincipal user = request.user();
    DeviceKey key = DevicePath.visible(request, user, deviceExists);
    Optional<Integer> index = request.query("index").map(Paging::integer);
    boolean csv = Paging.csv(request);
    List<String> after = csv ? List.of() : Paging.after(request, 3);
    int limit = csv ? Integer.MAX_VALUE - 1 : Paging.limit(request);
    List<SupplyRepository.SupplyPoint> page =
        supplies.history(
            user.scope(),
            key,
            index,
            after.isEmpty() ? SupplyRepository.BEGINNING : Paging.instant(after.get(0)),
            after.isEmpty() ? "" : after.get(1),
            after.isEmpty() ? -1 : Paging.integer(after.get(2)),
            limit + 1);
    if (csv) {
      StringBuilder out =
          new StringBuilder(
              Csv.row(
                  List.of(
                      "readAt",
                      "index",
                      "description",
                      "type",
                      "level",
                      "max",
                      "percent",
                      "state",
                      "partNumber",
                      "reportId")));
      for (SupplyRepository.SupplyPoint p : page) {
        SupplyView v = SupplyView.of(p.reading());
        out.append(
            Csv.row(
                Arrays.asList(
                    v.readAt().toString(),
                    v.index(),
                    v.description(),
                    v.type(),
                    v.level(),
                    v.max(),
                    v.percent(),
                    v.state(),
                    v.partNumber(),
                    p.reportId())));
      }
      return Response.csv("supplies.csv", out.toString());
    }
    return Paging.page(
        request,
        page,
        limit,
        p ->
            List.of(
                Long.toString(p.reading().readAt().toEpochMilli()),
                p.reportId(),
                Integer.toString(p.position())),
        p -> SupplyView.of(p.reading()));
  }
}
