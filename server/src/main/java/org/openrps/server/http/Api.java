package org.openrps.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.openrps.server.service.AgentPrincipal;
import org.openrps.server.service.ApiException;
import org.openrps.server.service.Enrolment;
import org.openrps.server.service.ReportDecoder;
import org.openrps.server.service.Tokens;
import org.openrps.server.service.UserPrincipal;
import org.openrps.server.store.AgentInfo;
import org.openrps.server.store.ClientKind;
import org.openrps.server.store.Customer;
import org.openrps.server.store.DeviceKey;
import org.openrps.server.store.DeviceReading;
import org.openrps.server.store.DeviceRepository;
import org.openrps.server.store.DeviceState;
import org.openrps.server.store.MeterPoint;
import org.openrps.server.store.Role;
import org.openrps.server.store.Site;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.StoredToken;
import org.openrps.server.store.TenantId;
import org.openrps.wire.Receipt;
import org.openrps.wire.Report;

/**
 * The REST API under {@code /api/v1}. Users authenticate with HTTP Basic (name and password) or
 * {@code Bearer} API tokens; agents and devices with HTTP Basic (id and secret). Lists take {@code
 * limit} (1 to 1000, default 100) and {@code cursor}; the next page's cursor is in the {@code
 * X-Next-Cursor} header and a {@code Link: <…>; rel="next"} header. Lists of devices and meter
 * history also export as CSV with {@code format=csv}. Every route is in {@code
 * /api/v1/openapi.json}.
 */
final class Api {

  static final String V1 = "/api/v1";
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;
  private static final String DEVICE = V1 + "/customers/{customer}/devices/{make}/{serial}";

  /** A route as registered: method and path template. */
  record Route(String method, String path) {}

  private final HttpServer.Services services;
  private final List<Route> routes = new ArrayList<>();

  Api(HttpServer.Services services) {
    this.services = services;
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  void register(RoutesConfig r) {
    post(r, V1 + "/enrol", this::enrol);
    post(r, V1 + "/reports", this::postReport);
    post(r, V1 + "/credentials/rotate", this::rotate);
    get(r, V1 + "/openapi.json", this::openApi);
    get(r, V1 + "/customers", this::customers);
    post(r, V1 + "/customers", this::addCustomer);
    get(r, V1 + "/customers/{customer}", this::customer);
    get(r, V1 + "/customers/{customer}/sites", this::sites);
    post(r, V1 + "/customers/{customer}/sites", this::addSite);
    post(r, V1 + "/customers/{customer}/sites/{site}/enrol-codes", this::newCode);
    get(r, V1 + "/agents", this::agents);
    get(r, V1 + "/agents/{agent}", this::agent);
    delete(r, V1 + "/agents/{agent}", this::revokeAgent);
    get(r, V1 + "/devices", this::devices);
    get(r, DEVICE, this::device);
    delete(r, DEVICE, this::deleteDevice);
    get(r, DEVICE + "/readings", this::readings);
    get(r, DEVICE + "/meters", this::meters);
    get(r, V1 + "/tokens", this::tokens);
    post(r, V1 + "/tokens", this::newToken);
    delete(r, V1 + "/tokens/{token}", this::revokeToken);
  }

  private void get(RoutesConfig r, String path, Handler handler) {
    routes.add(new Route("get", path));
    r.get(path, handler);
  }

  private void post(RoutesConfig r, String path, Handler handler) {
    routes.add(new Route("post", path));
    r.post(path, handler);
  }

  private void delete(RoutesConfig r, String path, Handler handler) {
    routes.add(new Route("delete", path));
    r.delete(path, handler);
  }

  // --- agents and devices -------------------------------------------------------------------

  private void enrol(Context ctx) {
    services
        .limiter()
        .hit("enrol-ip:" + ctx.ip(), services.enrolPerMinutePerAddress(), "enrol.rate_limited");
    JsonNode body = body(ctx);
    String kindText = body.path("kind").asText("agent");
    ClientKind kind;
    try {
      kind = ClientKind.valueOf(kindText);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("kind must be agent or device");
    }
    Enrolment.Credentials credentials =
        services.enrolment().enrol(body.path("code").asText(""), kind);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("clientId", credentials.clientId());
    m.put("secret", credentials.secret());
    m.put("customer", credentials.tenant().value());
    m.put("site", credentials.site().value());
    HttpServer.writeJson(ctx, services.json(), 201, m);
  }

  private void postReport(Context ctx) {
    AgentPrincipal agent = HttpServer.authenticateAgent(ctx, services.accounts());
    services.ingestion().admit(agent);
    long length = ctx.req().getContentLengthLong();
    services.decoder().checkDeclaredLength(length);
    Report report;
    try {
      report =
          services
              .decoder()
              .decode(
                  new ReportDecoder.Body(
                      ctx.req().getInputStream(),
                      length,
                      ctx.header("Content-Type"),
                      ctx.header("Content-Encoding")));
    } catch (IOException e) {
      throw ApiException.malformed("the body could not be read: " + e.getMessage());
    }
    Receipt receipt = services.ingestion().accept(agent, report);
    if (!receipt.duplicate()) {
      services.metrics().counter("openrps.reports.stored").increment();
      services.metrics().counter("openrps.snapshots.stored").increment(receipt.devices());
    }
    HttpServer.writeJson(ctx, services.json(), receipt.duplicate() ? 200 : 201, receipt);
  }

  private void rotate(Context ctx) {
    AgentPrincipal client = HttpServer.authenticateAgent(ctx, services.accounts());
    String secret = services.enrolment().rotate(client);
    HttpServer.writeJson(
        ctx, services.json(), 200, Map.of("clientId", client.agentId(), "secret", secret));
  }

  // --- customers and sites ------------------------------------------------------------------

  private void openApi(Context ctx) {
    ctx.status(200).contentType("application/json").result(services.openApi());
  }

  private void customers(Context ctx) {
    UserPrincipal user = user(ctx);
    List<String> after = Cursor.decode(ctx.queryParam("cursor"), 1);
    int limit = limit(ctx);
    List<Customer> page =
        services.customers().list(user.scope(), after.isEmpty() ? "" : after.get(0), limit + 1);
    writePage(ctx, page, limit, c -> List.of(c.id().value()), Api::customerJson);
  }

  private void addCustomer(Context ctx) {
    UserPrincipal user = user(ctx);
    user.requireProvider();
    JsonNode body = body(ctx);
    Customer customer =
        new Customer(tenantId(body.path("id").asText("")), name(body.path("name").asText("")));
    if (!services.customers().insert(user.scope(), customer)) {
      throw ApiException.conflict("customer " + customer.id() + " exists");
    }
    HttpServer.writeJson(ctx, services.json(), 201, customerJson(customer));
  }

  private void customer(Context ctx) {
    UserPrincipal user = user(ctx);
    TenantId id = tenantId(ctx.pathParam("customer"));
    Customer customer =
        services
            .customers()
            .find(user.scope(), id)
            .orElseThrow(() -> ApiException.notFound("customer " + id));
    HttpServer.writeJson(ctx, services.json(), 200, customerJson(customer));
  }

  private void sites(Context ctx) {
    UserPrincipal user = user(ctx);
    TenantId customer = tenantId(ctx.pathParam("customer"));
    if (services.customers().find(user.scope(), customer).isEmpty()) {
      throw ApiException.notFound("customer " + customer);
    }
    List<String> after = Cursor.decode(ctx.queryParam("cursor"), 1);
    int limit = limit(ctx);
    List<Site> page =
        services
            .customers()
            .sites(user.scope(), customer, after.isEmpty() ? "" : after.get(0), limit + 1);
    writePage(ctx, page, limit, s -> List.of(s.id().value()), Api::siteJson);
  }

  private void addSite(Context ctx) {
    UserPrincipal user = user(ctx);
    user.requireChange();
    TenantId customer = tenantId(ctx.pathParam("customer"));
    if (services.customers().find(user.scope(), customer).isEmpty()) {
      throw ApiException.notFound("customer " + customer);
    }
    JsonNode body = body(ctx);
    Site site =
        new Site(customer, siteId(body.path("id").asText("")), name(body.path("name").asText("")));
    if (!services.customers().insertSite(user.scope(), site)) {
      throw ApiException.conflict("site " + site.id() + " exists");
    }
    HttpServer.writeJson(ctx, services.json(), 201, siteJson(site));
  }

  private void newCode(Context ctx) {
    UserPrincipal user = user(ctx);
    user.requireChange();
    Enrolment.Code code =
        services
            .enrolment()
            .newCode(
                user.scope(),
                user.username(),
                tenantId(ctx.pathParam("customer")),
                siteId(ctx.pathParam("site")));
    HttpServer.writeJson(
        ctx,
        services.json(),
        201,
        Map.of("code", code.code(), "expiresAt", code.expiresAt().toString()));
  }

  // --- agents -------------------------------------------------------------------------------

  private void agents(Context ctx) {
    UserPrincipal user = user(ctx);
    List<String> after = Cursor.decode(ctx.queryParam("cursor"), 1);
    int limit = limit(ctx);
    List<AgentInfo> page =
        services.agents().listAgents(user.scope(), after.isEmpty() ? "" : after.get(0), limit + 1);
    writePage(ctx, page, limit, a -> List.of(a.id()), Api::agentJson);
  }

  private void agent(Context ctx) {
    UserPrincipal user = user(ctx);
    String id = ctx.pathParam("agent");
    AgentInfo agent =
        services
            .agents()
            .findAgent(user.scope(), id)
            .orElseThrow(() -> ApiException.notFound("agent " + id));
    HttpServer.writeJson(ctx, services.json(), 200, agentJson(agent));
  }

  private void revokeAgent(Context ctx) {
    UserPrincipal user = user(ctx);
    user.requireChange();
    services.enrolment().revoke(user.scope(), user.username(), ctx.pathParam("agent"));
    ctx.status(204);
  }

  // --- devices ------------------------------------------------------------------------------

  private void devices(Context ctx) {
    UserPrincipal user = user(ctx);
    if (csv(ctx)) {
      StringBuilder out =
          new StringBuilder(
              Csv.row(
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
                      "printerStatus")));
      String make = "";
      String serial = "";
      while (true) {
        List<DeviceState> page = services.devices().page(user.scope(), make, serial, MAX_LIMIT);
        for (DeviceState d : page) {
          out.append(
              Csv.row(
                  java.util.Arrays.asList(
                      d.tenant().value(),
                      d.site().value(),
                      d.make(),
                      d.model(),
                      d.serial(),
                      d.address(),
                      d.lastSeen().toString(),
                      d.totalPages().isPresent() ? d.totalPages().getAsLong() : null,
                      d.lowestSupplyPercent().isPresent()
                          ? d.lowestSupplyPercent().getAsDouble()
                          : null,
                      d.printerStatus())));
        }
        if (page.size() < MAX_LIMIT) {
          break;
        }
        make = page.get(page.size() - 1).make();
        serial = page.get(page.size() - 1).serial();
      }
      writeCsv(ctx, "devices.csv", out.toString());
      return;
    }
    List<String> after = Cursor.decode(ctx.queryParam("cursor"), 2);
    int limit = limit(ctx);
    List<DeviceState> page =
        services
            .devices()
            .page(
                user.scope(),
                after.isEmpty() ? "" : after.get(0),
                after.isEmpty() ? "" : after.get(1),
                limit + 1);
    writePage(ctx, page, limit, d -> List.of(d.make(), d.serial()), HttpServer::deviceJson);
  }

  private DeviceKey key(Context ctx) {
    try {
      return new DeviceKey(
          tenantId(ctx.pathParam("customer")), ctx.pathParam("make"), ctx.pathParam("serial"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private void device(Context ctx) {
    UserPrincipal user = user(ctx);
    DeviceKey key = key(ctx);
    DeviceState state =
        services
            .devices()
            .find(user.scope(), key)
            .orElseThrow(() -> ApiException.notFound("device"));
    HttpServer.writeJson(ctx, services.json(), 200, HttpServer.deviceJson(state));
  }

  private void deleteDevice(Context ctx) {
    UserPrincipal user = user(ctx);
    user.requireChange();
    if (!services.devices().delete(user.scope(), key(ctx))) {
      throw ApiException.notFound("device");
    }
    ctx.status(204);
  }

  private void readings(Context ctx) {
    UserPrincipal user = user(ctx);
    DeviceKey key = key(ctx);
    requireDevice(user, key);
    List<String> after = Cursor.decode(ctx.queryParam("cursor"), 2);
    int limit = limit(ctx);
    List<DeviceReading> page =
        services
            .devices()
            .readings(
                user.scope(),
                key,
                after.isEmpty() ? DeviceRepository.BEGINNING : instant(after.get(0)),
                after.isEmpty() ? "" : after.get(1),
                limit + 1);
    writePage(
        ctx,
        page,
        limit,
        r -> List.of(Long.toString(r.seenAt().toEpochMilli()), r.reportId()),
        r -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("reportId", r.reportId());
          m.put("seenAt", r.seenAt().toString());
          m.put("address", r.address());
          m.put("printerStatus", r.printerStatus());
          m.put("errors", r.errors());
          return m;
        });
  }

  private void meters(Context ctx) {
    UserPrincipal user = user(ctx);
    DeviceKey key = key(ctx);
    requireDevice(user, key);
    boolean csv = csv(ctx);
    List<String> after = csv ? List.of() : Cursor.decode(ctx.queryParam("cursor"), 3);
    int limit = csv ? Integer.MAX_VALUE - 1 : limit(ctx);
    List<MeterPoint> page =
        services
            .devices()
            .meterPage(
                user.scope(),
                key,
                after.isEmpty() ? DeviceRepository.BEGINNING : instant(after.get(0)),
                after.isEmpty() ? "" : after.get(1),
                after.isEmpty() ? -1 : integer(after.get(2)),
                limit + 1);
    if (csv) {
      StringBuilder out =
          new StringBuilder(Csv.row(List.of("readAt", "name", "value", "oid", "reportId")));
      for (MeterPoint m : page) {
        out.append(
            Csv.row(List.of(m.readAt().toString(), m.name(), m.value(), m.oid(), m.reportId())));
      }
      writeCsv(ctx, "meters.csv", out.toString());
      return;
    }
    writePage(
        ctx,
        page,
        limit,
        m ->
            List.of(
                Long.toString(m.readAt().toEpochMilli()),
                m.reportId(),
                Integer.toString(m.position())),
        m -> {
          Map<String, Object> j = new LinkedHashMap<>();
          j.put("readAt", m.readAt().toString());
          j.put("name", m.name());
          j.put("value", m.value());
          j.put("oid", m.oid());
          j.put("reportId", m.reportId());
          return j;
        });
  }

  private void requireDevice(UserPrincipal user, DeviceKey key) {
    if (services.devices().find(user.scope(), key).isEmpty()) {
      throw ApiException.notFound("device");
    }
  }

  // --- tokens -------------------------------------------------------------------------------

  private void tokens(Context ctx) {
    UserPrincipal user = user(ctx);
    List<String> after = Cursor.decode(ctx.queryParam("cursor"), 1);
    int limit = limit(ctx);
    List<StoredToken> page =
        services.tokens().list(user, after.isEmpty() ? "" : after.get(0), limit + 1);
    writePage(
        ctx,
        page,
        limit,
        t -> List.of(t.id()),
        t -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", t.id());
          m.put("customer", t.tenant().value());
          m.put("role", t.role().name());
          m.put("name", t.name());
          m.put("createdBy", t.createdBy());
          m.put("createdAt", t.createdAt().toString());
          return m;
        });
  }

  private void newToken(Context ctx) {
    UserPrincipal user = user(ctx);
    JsonNode body = body(ctx);
    TenantId tenant =
        body.hasNonNull("customer") ? tenantId(body.path("customer").asText()) : user.tenant();
    Role role =
        Role.parse(body.path("role").asText("customer_reader"))
            .orElseThrow(() -> ApiException.badRequest("role must be one of the roles"));
    Tokens.NewToken token =
        services.tokens().create(user, tenant, role, body.path("name").asText(""));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", token.id());
    m.put("token", token.token());
    m.put("customer", token.tenant().value());
    m.put("role", token.role().name());
    m.put("name", token.name());
    HttpServer.writeJson(ctx, services.json(), 201, m);
  }

  private void revokeToken(Context ctx) {
    UserPrincipal user = user(ctx);
    services.tokens().revoke(user, ctx.pathParam("token"));
    ctx.status(204);
  }

  // --- helpers ------------------------------------------------------------------------------

  private UserPrincipal user(Context ctx) {
    return HttpServer.authenticateUser(ctx, services);
  }

  private JsonNode body(Context ctx) {
    try {
      JsonNode node = services.json().readTree(ctx.bodyAsBytes());
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest("the body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw ApiException.badRequest("the body is not JSON");
    }
  }

  private static int limit(Context ctx) {
    String value = ctx.queryParam("limit");
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiException.badRequest("limit must be a number from 1 to " + MAX_LIMIT);
  }

  private static boolean csv(Context ctx) {
    String format = Optional.ofNullable(ctx.queryParam("format")).orElse("json");
    if (format.equals("csv")) {
      return true;
    }
    if (format.equals("json")) {
      return false;
    }
    throw ApiException.badRequest("format must be json or csv");
  }

  private static Instant instant(String epochMillis) {
    return Instant.ofEpochMilli(Long.parseLong(epochMillis));
  }

  private static int integer(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("the cursor is not one this list made");
    }
  }

  private static TenantId tenantId(String value) {
    try {
      return TenantId.of(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static SiteId siteId(String value) {
    try {
      return SiteId.of(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static String name(String value) {
    if (value.isBlank() || value.length() > 200) {
      throw ApiException.badRequest("name must be 1 to 200 characters");
    }
    return value;
  }

  private <T> void writePage(
      Context ctx,
      List<T> page,
      int limit,
      Function<T, List<String>> key,
      Function<T, Object> json) {
    List<T> items = page.size() > limit ? page.subList(0, limit) : page;
    if (page.size() > limit) {
      String next = Cursor.encode(key.apply(items.get(items.size() - 1)));
      ctx.header("X-Next-Cursor", next);
      ctx.header(
          "Link", "<" + ctx.path() + "?limit=" + limit + "&cursor=" + next + ">; rel=\"next\"");
    }
    HttpServer.writeJson(ctx, services.json(), 200, items.stream().map(json).toList());
  }

  private static void writeCsv(Context ctx, String fileName, String body) {
    ctx.status(200)
        .contentType("text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
        .result(body);
  }

  private static Map<String, Object> customerJson(Customer c) {
    return Map.of("id", c.id().value(), "name", c.name());
  }

  private static Map<String, Object> siteJson(Site s) {
    return Map.of("customer", s.customer().value(), "id", s.id().value(), "name", s.name());
  }

  private static Map<String, Object> agentJson(AgentInfo a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("kind", a.kind().name());
    m.put("customer", a.tenant().value());
    m.put("site", a.site().value());
    m.put("updatedAt", a.updatedAt().toString());
    m.put("revokedAt", a.revokedAt().map(Instant::toString).orElse(null));
    return m;
  }
}
