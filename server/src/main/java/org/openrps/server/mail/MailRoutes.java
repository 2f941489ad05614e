package org.openrps.server.mail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import org.openrps.server.accounts.AccountRoutes;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Paging;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Routes;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;

/**
 * Who gets a customer's e-mail, per kind, and the e-mails that could not be sent. Reading is for
 * anyone who sees the customer; setting is for a provider admin (any customer) or the customer's
 * own admin, never a reader, as for sites and enrolment codes.
 */
public final class MailRoutes implements Routes.Feature {

  private static final String SETTINGS = Routes.V1 + "/customers/{customer}/mail-settings";

  /** One kind's settings as the API shows and takes them. */
  public record SettingsView(String kind, String delivery, List<String> recipients) {
    static SettingsView of(MailSettings s) {
      return new SettingsView(s.kind().name(), s.delivery().name(), s.recipients());
    }
  }

  /** An e-mail that used up its attempts. */
  public record FailedView(
      String id,
      String customer,
      String kind,
      String template,
      String subject,
      List<String> recipients,
      int attempts,
      String lastError,
      Instant createdAt,
      Instant lastAttemptAt) {
    static FailedView of(MailRepository.OutboxRow r) {
      return new FailedView(
          r.id(),
          r.customer().value(),
          r.kind().name(),
          r.template(),
          r.subject(),
          r.recipients(),
          r.attempts(),
          r.lastError().orElse(""),
          r.createdAt(),
          r.nextAttemptAt());
    }
  }

  private final MailRepository repository;
  private final BiPredicate<Scope, TenantId> customerVisible;
  private final Clock clock;

  public MailRoutes(
      MailRepository repository, BiPredicate<Scope, TenantId> customerVisible, Clock clock) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.customerVisible = Objects.requireNonNull(customerVisible, "customerVisible");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void routes(Routes r) {
    r.get(SETTINGS, this::settings);
    r.put(SETTINGS + "/{kind}", this::put);
    r.get(Routes.V1 + "/mail/failed", this::failed);
  }

  private TenantId visibleCustomer(Request request, UserPrincipal user) {
    TenantId customer = AccountRoutes.tenantId(request.pathParam("customer"));
    if (!customerVisible.test(user.scope(), customer)) {
      throw ApiException.notFound("customer " + customer);
    }
    return customer;
  }

  private Response settings(Request request) {
    UserPrincipal user = request.user();
    TenantId customer = visibleCustomer(request, user);
    return Response.ok(
        repository.settings(user.scope(), customer).stream().map(SettingsView::of).toList());
  }

  private Response put(Request request) {
    UserPrincipal user = request.user();
    TenantId customer = visibleCustomer(request, user);
    user.requireChange();
    MailKind kind =
        MailKind.parse(request.pathParam("kind"))
            .orElseThrow(() -> ApiException.badRequest("kind must be one of " + kinds()));
    JsonNode body = request.jsonObject();
    String d = body.path("delivery").asText("immediate");
    Delivery delivery;
    try {
      delivery = Delivery.valueOf(d);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("delivery must be immediate or digest, not '" + d + "'");
    }
    JsonNode list = body.path("recipients");
    if (!list.isArray()) {
      throw ApiException.badRequest("recipients must be a list of e-mail addresses");
    }
    List<String> recipients = new ArrayList<>();
    list.forEach(n -> recipients.add(n.asText().trim()));
    MailSettings settings;
    try {
      settings = new MailSettings(customer, kind, delivery, recipients);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    repository.putSettings(settings, user.username(), clock.instant());
    return Response.ok(SettingsView.of(settings));
  }

  private Response failed(Request request) {
    UserPrincipal user = request.user();
    return Response.ok(
        repository.failed(user.scope(), Paging.limit(request)).stream()
            .map(FailedView::of)
            .toList());
  }

  private static List<String> kinds() {
    return java.util.Arrays.stream(MailKind.values()).map(Enum::name).toList();
  }
}
