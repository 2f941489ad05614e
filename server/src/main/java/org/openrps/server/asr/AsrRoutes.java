package org.openrps.server.asr;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.openrps.server.accounts.AccountRoutes;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Csv;
import org.openrps.server.http.DevicePath;
import org.openrps.server.http.Paging;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Routes;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.store.DeviceKey;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;

/**
 * Supply orders ({@code /api/v1/orders}, JSON or {@code ?format=csv}), misses, a customer's rules
 * and a device's supply forecasts.
 */
public final class AsrRoutes implements Routes.Feature {

  static final String SETTINGS = Routes.V1 + "/customers/{customer}/asr/settings";

  /** An order as the API shows it; nulls where a figure is not known. */
  public record OrderView(
      String id,
      String customer,
      String make,
      String serial,
      int supplyIndex,
      String description,
      String partNumber,
      int quantity,
      String shipToSite,
      String state,
      String reason,
      Instant raisedAt,
      Double levelPercent,
      Double daysToEmptyLow,
      Double daysToEmptyHigh,
      Instant closedAt,
      String closedBecause) {
    static OrderView of(AsrRepository.Order o) {
      return new OrderView(
          o.id(),
          o.tenant(),
          o.make(),
          o.serial(),
          o.supplyIndex(),
          o.description(),
          o.partNumber().orElse(null),
          o.quantity(),
          o.site(),
          o.state(),
          o.reason(),
          o.raisedAt(),
          o.levelPercent().orElse(null),
          o.daysLow().orElse(null),
          o.daysHigh().orElse(null),
          o.closedAt().orElse(null),
          o.closedBecause().orElse(null));
    }
  }

  /** A consumable's forecast; rates in percent a day, nulls where the history is too short. */
  public record ForecastView(
      int index,
      String description,
      String partNumber,
      Double levelPercent,
      Instant cartridgeSince,
      Instant replacedAt,
      Double perDayLow,
      Double perDay,
      Double perDayHigh,
      Double daysToEmptyLow,
      Double daysToEmptyHigh,
      Long pagesToEmpty,
      Instant emptySince) {}

  private final Asr asr;
  private final BiPredicate<Scope, TenantId> customerExists;
  private final BiPredicate<Scope, DeviceKey> deviceExists;
  private final Clock clock;

  public AsrRoutes(
      Asr asr,
      BiPredicate<Scope, TenantId> customerExists,
      BiPredicate<Scope, DeviceKey> deviceExists,
      Clock clock) {
    this.asr = Objects.requireNonNull(asr, "asr");
    this.customerExists = Objects.requireNonNull(customerExists, "customerExists");
    this.deviceExists = Objects.requireNonNull(deviceExists, "deviceExists");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void routes(Routes r) {
    r.get(Routes.V1 + "/orders", this::orders);
    r.get(Routes.V1 + "/orders/misses", this::misses);
    r.get(SETTINGS, this::settings);
    r.put(SETTINGS, this::putSettings);
    r.get(DevicePath.TEMPLATE + "/supplies/forecast", this::forecast);
  }

  private Response orders(Request request) {
    UserPrincipal user = request.user();
    Optional<String> state = request.query("state");
    if (state.isPresent() && !state.get().equals("open") && !state.get().equals("closed")) {
      throw ApiException.badRequest("state must be open or closed, not " + state.get());
    }
    boolean csv = Paging.csv(request);
    List<AsrRepository.Order> list =
        asr.repository().list(user.scope(), state, csv ? 100_000 : Paging.limit(request));
    if (!csv) {
      return Response.ok(list.stream().map(OrderView::of).toList());
    }
    StringBuilder out =
        new StringBuilder(
            Csv.row(
                List.of(
                    "id",
                    "customer",
                    "make",
                    "serial",
                    "supplyIndex",
                    "description",
                    "partNumber",
                    "quantity",
                    "shipToSite",
                    "state",
                    "reason",
                    "raisedAt",
                    "levelPercent",
                    "daysToEmptyLow",
                    "daysToEmptyHigh",
                    "closedAt",
                    "closedBecause")));
    for (AsrRepository.Order o : list) {
      OrderView v = OrderView.of(o);
      out.append(
          Csv.row(
              Arrays.asList(
                  v.id(),
                  v.customer(),
                  v.make(),
                  v.serial(),
                  v.supplyIndex(),
                  v.description(),
                  v.partNumber(),
                  v.quantity(),
                  v.shipToSite(),
                  v.state(),
                  v.reason(),
                  v.raisedAt().toString(),
                  v.levelPercent(),
                  v.daysToEmptyLow(),
                  v.daysToEmptyHigh(),
                  v.closedAt() == null ? null : v.closedAt().toString(),
                  v.closedBecause())));
    }
    return Response.csv("orders.csv", out.toString());
  }

  private Response misses(Request request) {
    UserPrincipal user = request.user();
    return Response.ok(asr.repository().misses(user.scope(), Paging.limit(request)));
  }

  private TenantId customer(Request request, UserPrincipal user) {
    TenantId id = AccountRoutes.tenantId(request.pathParam("customer"));
    if (!customerExists.test(user.scope(), id)) {
      throw ApiException.notFound("customer " + id);
    }
    return id;
  }

  private Response settings(Request request) {
    UserPrincipal user = request.user();
    TenantId customer = customer(request, user);
    return Response.ok(
        asr.repository()
            .settings(Scope.customer(customer))
            .getOrDefault(customer.value(), AsrSettings.DEFAULTS));
  }

  /** A provider admin or the customer's own admin sets the rules. */
  private Response putSettings(Request request) {
    UserPrincipal user = request.user();
    TenantId customer = customer(request, user);
    user.requireChange();
    JsonNode body = request.jsonObject();
    AsrSettings d = AsrSettings.DEFAULTS;
    AsrSettings s;
    try {
      s =
          new AsrSettings(
              body.path("enabled").isBoolean() ? body.get("enabled").asBoolean() : d.enabled(),
              number(body, "leadDays", d.leadDays()),
              number(body, "marginDays", d.marginDays()),
              number(body, "thresholdPercent", d.thresholdPercent()));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    asr.repository().putSettings(customer, s, user.username(), clock.instant());
    return Response.ok(s);
  }

  private static int number(JsonNode body, String field, int otherwise) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return otherwise;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw ApiException.badRequest(field + " must be a whole number");
    }
    return n.asInt();
  }

  private Response forecast(Request request) {
    UserPrincipal user = request.user();
    DeviceKey key = DevicePath.visible(request, user, deviceExists);
    return Response.ok(asr.forecasts(key, clock.instant()));
  }
}
