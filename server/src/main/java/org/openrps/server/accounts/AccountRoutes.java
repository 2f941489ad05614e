package org.openrps.server.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.ClientPrincipal;
import org.openrps.server.http.Paging;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Routes;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.store.ClientKind;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.wire.EnrolRequest;
import org.openrps.wire.EnrolResponse;
import org.openrps.wire.RotateResponse;

/**
 * Enrolment, credential rotation and revocation, customers and sites, and API tokens. Listing the
 * agents with their site information is the {@code agents} feature.
 */
public final class AccountRoutes implements Routes.Feature {

  private static final String V1 = Routes.V1;

  /** A customer as the API shows it. */
  public record CustomerView(String id, String name) {
    static CustomerView of(Customer c) {
      return new CustomerView(c.id().value(), c.name());
    }
  }

  /** A site as the API shows it. */
  public record SiteView(String customer, String id, String name) {
    static SiteView of(Site s) {
      return new SiteView(s.customer().value(), s.id().value(), s.name());
    }
  }

  /** An API token as listed (never the token itself). */
  public record TokenView(
      String id, String customer, String role, String name, String createdBy, String createdAt) {
    static TokenView of(StoredToken t) {
      return new TokenView(
          t.id(),
          t.tenant().value(),
          t.role().name(),
          t.name(),
          t.createdBy(),
          t.createdAt().toString());
    }
  }

  /** A token just made: shown once. */
  public record NewTokenView(String id, String token, String customer, String role, String name) {}

  /** A one-time enrolment code: shown once. */
  public record CodeView(String code, String expiresAt) {}

  private final Accounts accounts;
  private final CustomerRepository customers;
  private final Enrolment enrolment;
  private final Tokens tokens;
  private final RateLimiter limiter;
  private final int enrolPerMinutePerAddress;

  public AccountRoutes(
      Accounts accounts,
      CustomerRepository customers,
      Enrolment enrolment,
      Tokens tokens,
      RateLimiter limiter,
      int enrolPerMinutePerAddress) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.customers = Objects.requireNonNull(customers, "customers");
    this.enrolment = Objects.requireNonNull(enrolment, "enrolment");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.enrolPerMinutePerAddress = enrolPerMinutePerAddress;
  }

  @Override
  public void routes(Routes r) {
    r.post(V1 + "/enrol", this::enrol);
    r.get(V1 + "/credentials", this::checkCredentials);
    r.post(V1 + "/credentials/rotate", this::rotate);
    r.get(V1 + "/customers", this::customers);
    r.post(V1 + "/customers", this::addCustomer);
    r.get(V1 + "/customers/{customer}", this::customer);
    r.get(V1 + "/customers/{customer}/sites", this::sites);
    r.post(V1 + "/customers/{customer}/sites", this::addSite);
    r.post(V1 + "/customers/{customer}/sites/{site}/enrol-codes", this::newCode);
    r.delete(V1 + "/agents/{agent}", this::revokeAgent);
    r.get(V1 + "/tokens", this::tokens);
    r.post(V1 + "/tokens", this::newToken);
    r.delete(V1 + "/tokens/{token}", this::revokeToken);
  }

  private Response enrol(Request request) {
    limiter.hit(
        "enrol-ip:" + request.clientAddress(), enrolPerMinutePerAddress, "enrol.rate_limited");
    EnrolRequest body = enrolRequest(request);
    Enrolment.Credentials c =
        enrolment.enrol(body.code(), ClientKind.valueOf(body.kind().name()), body.device());
    return Response.created(
        new EnrolResponse(c.clientId(), c.secret(), c.tenant().value(), c.site().value()));
  }

  /**
   * The request; an agent naming a device fails the record's own check, and is refused with the
   * same code as {@link Enrolment#enrol} gives.
   */
  private static EnrolRequest enrolRequest(Request request) {
    JsonNode tree = request.jsonObject();
    JsonNode device = tree.get("device");
    if (device != null && !device.isNull() && !"device".equals(tree.path("kind").asText("agent"))) {
      throw new ApiException(
          400,
          "enrol.device_unexpected",
          "an agent enrols without a device; only a device names one");
    }
    return request.body(EnrolRequest.class);
  }

  /** Authenticating is the whole work: a pending secret used here becomes the only one. */
  private Response checkCredentials(Request request) {
    request.client();
    return Response.noContent();
  }

  private Response rotate(Request request) {
    ClientPrincipal client = request.client();
    return Response.ok(new RotateResponse(client.clientId(), enrolment.rotate(client)));
  }

  private Response customers(Request request) {
    UserPrincipal user = request.user();
    List<String> after = Paging.after(request, 1);
    int limit = Paging.limit(request);
    List<Customer> page = customers.list(user.scope(), first(after), limit + 1);
    return Paging.page(request, page, limit, c -> List.of(c.id().value()), CustomerView::of);
  }

  private Response addCustomer(Request request) {
    UserPrincipal user = request.user();
    user.requireProvider();
    JsonNode body = request.jsonObject();
    Customer customer =
        new Customer(tenantId(body.path("id").asText("")), name(body.path("name").asText("")));
    if (!customers.insert(user.scope(), customer)) {
      throw ApiException.conflict("customer " + customer.id() + " exists");
    }
    return Response.created(CustomerView.of(customer));
  }

  private Response customer(Request request) {
    UserPrincipal user = request.user();
    TenantId id = tenantId(request.pathParam("customer"));
    return Response.ok(
        CustomerView.of(
            customers
                .find(user.scope(), id)
                .orElseThrow(() -> ApiException.notFound("customer " + id))));
  }

  private Response sites(Request request) {
    UserPrincipal user = request.user();
    TenantId customer = tenantId(request.pathParam("customer"));
    if (customers.find(user.scope(), customer).isEmpty()) {
      throw ApiException.notFound("customer " + customer);
    }
    List<String> after = Paging.after(request, 1);
    int limit = Paging.limit(request);
    List<Site> page = customers.sites(user.scope(), customer, first(after), limit + 1);
    return Paging.page(request, page, limit, s -> List.of(s.id().value()), SiteView::of);
  }

  private Response addSite(Request request) {
    UserPrincipal user = request.user();
    user.requireChange();
    TenantId customer = tenantId(request.pathParam("customer"));
    if (customers.find(user.scope(), customer).isEmpty()) {
      throw ApiException.notFound("customer " + customer);
    }
    JsonNode body = request.jsonObject();
    Site site =
        new Site(customer, siteId(body.path("id").asText("")), name(body.path("name").asText("")));
    if (!customers.insertSite(user.scope(), site)) {
      throw ApiException.conflict("site " + site.id() + " exists");
    }
    return Response.created(SiteView.of(site));
  }

  private Response newCode(Request request) {
    UserPrincipal user = request.user();
    user.requireChange();
    Enrolment.Code code =
        enrolment.newCode(
            user.scope(),
            user.username(),
            tenantId(request.pathParam("customer")),
            siteId(request.pathParam("site")));
    return Response.created(new CodeView(code.code(), code.expiresAt().toString()));
  }

  private Response revokeAgent(Request request) {
    UserPrincipal user = request.user();
    user.requireChange();
    enrolment.revoke(user.scope(), user.username(), request.pathParam("agent"));
    return Response.noContent();
  }

  private Response tokens(Request request) {
    UserPrincipal user = request.user();
    List<String> after = Paging.after(request, 1);
    int limit = Paging.limit(request);
    List<StoredToken> page = tokens.list(user, first(after), limit + 1);
    return Paging.page(request, page, limit, t -> List.of(t.id()), TokenView::of);
  }

  private Response newToken(Request request) {
    UserPrincipal user = request.user();
    JsonNode body = request.jsonObject();
    TenantId tenant =
        body.hasNonNull("customer") ? tenantId(body.path("customer").asText()) : user.tenant();
    Role role =
        Role.parse(body.path("role").asText("customer_reader"))
            .orElseThrow(() -> ApiException.badRequest("role must be one of the roles"));
    Tokens.NewToken t = tokens.create(user, tenant, role, body.path("name").asText(""));
    return Response.created(
        new NewTokenView(t.id(), t.token(), t.tenant().value(), t.role().name(), t.name()));
  }

  private Response revokeToken(Request request) {
    tokens.revoke(request.user(), request.pathParam("token"));
    return Response.noContent();
  }

  private static String first(List<String> after) {
    return after.isEmpty() ? "" : after.get(0);
  }

  /** A tenant id from a path or body; {@code request.invalid} when malformed. */
  public static TenantId tenantId(String value) {
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

  /** A display name from a body or form: 1 to 200 characters, else {@code request.invalid}. */
  public static String name(String value) {
    if (value.isBlank() || value.length() > 200) {
      throw ApiException.badRequest("name must be 1 to 200 characters");
    }
    return value;
  }
}
