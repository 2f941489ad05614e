package org.openrps.server.fleet;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Csv;
import org.openrps.server.http.Paging;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Routes;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.store.DeviceKey;
import org.openrps.server.store.TenantId;

/** The device list, one device, its snapshots, and deleting a device with its history. */
public final class FleetRoutes implements Routes.Feature {

  /** The path of one device. */
  public static final String DEVICE = Routes.V1 + "/customers/{customer}/devices/{make}/{serial}";

  private static final List<String> CSV_COLUMNS =
      List.of(
          "customer",
          "site",
          "make",
          "model",
          "serial",
          "address",
          "lastSeen",
          "totalPages",
          "lowestSupplyPercent",
          "printerStatus");

  private final DeviceRepository devices;

  public FleetRoutes(DeviceRepository devices) {
    this.devices = Objects.requireNonNull(devices, "devices");
  }

  @Override
  public void routes(Routes r) {
    r.get(Routes.V1 + "/devices", this::list);
    r.get(DEVICE, this::device);
    r.delete(DEVICE, this::delete);
    r.get(DEVICE + "/readings", this::readings);
  }

  /** The device named by the request's path, as a key; {@code request.invalid} when malformed. */
  public static DeviceKey key(Request request) {
    try {
      return new DeviceKey(
          TenantId.of(request.pathParam("customer")),
          request.pathParam("make"),
          request.pathParam("serial"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private Response list(Request request) {
    UserPrincipal user = request.user();
    if (Paging.csv(request)) {
      StringBuilder out = new StringBuilder(Csv.row(CSV_COLUMNS));
      String make = "";
      String serial = "";
      while (true) {
        List<DeviceState> page = devices.page(user.scope(), make, serial, Paging.MAX_LIMIT);
        for (DeviceState d : page) {
          out.append(Csv.row(csvRow(d)));
        }
        if (page.size() < Paging.MAX_LIMIT) {
          break;
        }
        make = page.get(page.size() - 1).make();
        serial = page.get(page.size() - 1).serial();
      }
      return Response.csv("devices.csv", out.toString());
    }
    List<String> after = Paging.after(request, 2);
    int limit = Paging.limit(request);
    List<DeviceState> page =
        devices.page(
            user.scope(),
            after.isEmpty() ? "" : after.get(0),
            after.isEmpty() ? "" : after.get(1),
            limit + 1);
    return Paging.page(request, page, limit, d -> List.of(d.make(), d.serial()), DeviceSummary::of);
  }

  private static List<Object> csvRow(DeviceState d) {
    return Arrays.asList(
        d.tenant().value(),
        d.site().value(),
        d.make(),
        d.model(),
        d.serial(),
        d.address(),
        d.lastSeen().toString(),
        d.totalPages().isPresent() ? d.totalPages().getAsLong() : null,
        d.lowestSupplyPercent().isPresent() ? d.lowestSupplyPercent().getAsDouble() : null,
        d.printerStatus());
  }

  private Response device(Request request) {
    UserPrincipal user = request.user();
    DeviceState state =
        devices.find(user.scope(), key(request)).orElseThrow(() -> ApiException.notFound("device"));
    return Response.ok(DeviceSummary.of(state));
  }

  private Response delete(Request request) {
    UserPrincipal user = request.user();
    user.requireChange();
    if (!devices.delete(user.scope(), key(request))) {
      throw ApiException.notFound("device");
    }
    return Response.noContent();
  }

  private Response readings(Request request) {
    UserPrincipal user = request.user();
    DeviceKey key = key(request);
    requireDevice(user, key);
    List<String> after = Paging.after(request, 2);
    int limit = Paging.limit(request);
    List<DeviceReading> page =
        devices.readings(
            user.scope(),
            key,
            after.isEmpty() ? DeviceRepository.BEGINNING : Paging.instant(after.get(0)),
            after.isEmpty() ? "" : after.get(1),
            limit + 1);
    return Paging.page(
        request,
        page,
        limit,
        r -> List.of(Long.toString(r.seenAt().toEpochMilli()), r.reportId()),
        r -> r);
  }

  private void requireDevice(UserPrincipal user, DeviceKey key) {
    if (devices.find(user.scope(), key).isEmpty()) {
      throw ApiException.notFound("device");
    }
  }
}
