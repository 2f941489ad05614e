package org.openrps.server.http;

import org.openrps.server.store.DeviceKey;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;

/** The path of one device, {@code /api/v1/customers/{customer}/devices/{make}/{serial}}. */
public final class DevicePath {

  public static final String TEMPLATE = Routes.V1 + "/customers/{customer}/devices/{make}/{serial}";

  private DevicePath() {}

  /** The device the request's path names; {@code request.invalid} (400) when malformed. */
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

  /**
   * The device the request's path names, when the user may see it; {@code not_found} (404)
   * otherwise, whether it does not exist or belongs to another customer.
   */
  public static DeviceKey visible(
      Request request,
      UserPrincipal user,
      java.util.function.BiPredicate<Scope, DeviceKey> exists) {
    DeviceKey key = key(request);
    if (!exists.test(user.scope(), key)) {
      throw ApiException.notFound("device");
    }
    return key;
  }
}
