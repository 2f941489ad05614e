package org.openrps.server.amr;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import org.openrps.server.accounts.AccountRoutes;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Csv;
import org.openrps.server.http.Paging;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Routes;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;

/**
 * AMR under {@code /api/v1/customers/{customer}/amr}: the billing schedule (read by the customer,
 * set by a provider admin), closed periods, their reads as JSON or CSV, the statement (HTML), the
 * review of held reads and corrections (provider admin, audited), the audit, and the missed-read
 * prediction.
 */
public final class AmrRoutes implements Routes.Feature {

  static final String BASE = Routes.V1 + "/customers/{customer}/amr";

  /** A schedule as the API shows and takes it. */
  public record ScheduleView(
      String customer,
      String zone,
      int closingDay,
      String closingTime,
      long windowHours,
      long closeDelayHours,
      int leadDays,
      long freshHours,
      Instant startsAt,
      Instant nextCutOff) {
    static ScheduleView of(TenantId customer, BillingSchedule s, Instant now) {
      return new ScheduleView(
          customer.value(),
          s.zone().getId(),
          s.closingDay(),
          s.closingTime().toString(),
          s.window().toHours(),
          s.closeDelay().toHours(),
          s.leadDays(),
          s.fresh().toHours(),
          s.startsAt(),
          s.cutOffAfter(now.isBefore(s.startsAt()) ? s.startsAt() : now));
    }
  }

  /** A read as the API shows it: {@code value} is null while held or missing. */
  public record ReadView(
      String make,
      String serial,
      String meter,
      String status,
      Long start,
      Long value,
      Long usage,
      Instant readAt,
      String method,
      String basis,
      Long rawValue,
      Long trustedValue,
      List<String> flags,
      boolean flagged) {
    static ReadView of(MeterRead r) {
      return new ReadView(
          r.make(),
          r.serial(),
          r.meter(),
          r.status().name(),
          boxed(r.startValue()),
          boxed(r.value()),
          boxed(r.usage()),
          r.readAt().orElse(null),
          r.method().orElse(null),
          r.basis(),
          boxed(r.rawValue()),
          boxed(r.trustedValue()),
          r.flags(),
          !r.flags().isEmpty());
    }
  }

  /** An adjustment as the API shows it. */
  public record AdjustmentView(
      String period,
      String ofPeriod,
      String make,
      String serial,
      String meter,
      Long before,
      long after,
      String reason,
      String madeBy,
      Instant madeAt) {
    static AdjustmentView of(AmrRepository.Adjustment a) {
      return new AdjustmentView(
          a.period(),
          a.ofPeriod(),
          a.make(),
          a.serial(),
          a.meter(),
          boxed(a.beforeValue()),
          a.afterValue(),
          a.reason(),
          a.madeBy(),
          a.madeAt());
    }
  }

  /** The missed-read prediction as the API shows it. */
  public record MissedReadsView(
      String customer,
      String period,
      Instant cutOff,
      Instant listFrom,
      boolean due,
      List<MissedDeviceView> devices) {
    static MissedReadsView of(Amr.MissedReads m) {
      return new MissedReadsView(
          m.tenant().value(),
          m.period(),
          m.cutOff(),
          m.listFrom(),
          m.due(),
          m.devices().stream()
              .map(
                  d ->
                      new MissedDeviceView(
                          d.make(),
                          d.serial(),
                          d.model(),
                          d.site(),
                          d.lastSeen(),
                          d.sourceKind(),
                          d.sourceId(),
                          d.sourceLastContact().orElse(null)))
              .toList());
    }
  }

  /** A device without a fresh reading, its last contact and the agent that reports it. */
  public record MissedDeviceView(
      String make,
      String serial,
      String model,
      String site,
      Instant lastSeen,
      String sourceKind,
      String agent,
      Instant agentLastContact) {}

  /** A period's reads and the adjustments billed in it. */
  public record PeriodReadsView(
      AmrRepository.Period period, List<ReadView> reads, List<AdjustmentView> adjustments) {}

  private final Amr amr;
  private final BiFunction<Scope, TenantId, Optional<String>> customerName;
  private final java.time.Clock clock;

  public AmrRoutes(
      Amr amr, BiFunction<Scope, TenantId, Optional<String>> customerName, java.time.Clock clock) {
    this.amr = Objects.requireNonNull(amr, "amr");
    this.customerName = Objects.requireNonNull(customerName, "customerName");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void routes(Routes r) {
    r.get(BASE + "/schedule", this::schedule);
    r.put(BASE + "/schedule", this::setSchedule);
    r.get(BASE + "/periods", this::periods);
    r.get(BASE + "/periods/{period}/reads", this::reads);
    r.get(BASE + "/periods/{period}/statement", this::statement);
    r.post(BASE + "/periods/{period}/review", this::review);
    r.get(BASE + "/audit", this::audit);
    r.get(BASE + "/missed-reads", this::missedReads);
  }

  /** The customer of the path, when the user may see it; 404 otherwise. */
  private TenantId customer(Request request, UserPrincipal user) {
    TenantId id = AccountRoutes.tenantId(request.pathParam("customer"));
    if (customerName.apply(user.scope(), id).isEmpty()) {
      throw ApiException.notFound("customer " + id);
    }
    return id;
  }

  private Response schedule(Request request) {
    UserPrincipal user = request.user();
    TenantId customer = customer(request, user);
    BillingSchedule s =
        amr.schedule(user.scope(), customer)
            .orElseThrow(() -> ApiException.notFound("billing schedule of " + customer));
    return Response.ok(ScheduleView.of(customer, s, clock.instant()));
  }

  private Response setSchedule(Request request) {
    UserPrincipal user = request.user();
    TenantId customer = customer(request, user);
    user.requireProvider();
    JsonNode body = request.jsonObject();
    Instant now = clock.instant();
    BillingSchedule s;
    try {
      s =
          new BillingSchedule(
              BillingSchedule.zone(text(body, "zone").orElse("UTC")),
              number(body, "closingDay", BillingSchedule.DEFAULT_CLOSING_DAY),
              LocalTime.parse(text(body, "closingTime").orElse("00:00")),
              Duration.ofHours(
                  number(body, "windowHours", BillingSchedule.DEFAULT_WINDOW.toHours())),
              Duration.ofHours(
                  number(body, "closeDelayHours", BillingSchedule.DEFAULT_CLOSE_DELAY.toHours())),
              number(body, "leadDays", BillingSchedule.DEFAULT_LEAD_DAYS),
              Duration.ofHours(number(body, "freshHours", BillingSchedule.DEFAULT_FRESH.toHours())),
              text(body, "startsAt").map(Instant::parse).orElse(now));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    amr.setSchedule(user, customer, s);
    return Response.ok(ScheduleView.of(customer, s, now));
  }

  private Response periods(Request request) {
    UserPrincipal user = request.user();
    TenantId customer = customer(request, user);
    return Response.ok(amr.repository().periods(user.scope(), customer));
  }

  private AmrRepository.Period period(Request request, UserPrincipal user, TenantId customer) {
    String period = request.pathParam("period");
    return amr.repository()
        .period(user.scope(), customer, period)
        .orElseThrow(() -> ApiException.notFound("closed period " + period));
  }

  private Response reads(Request request) {
    UserPrincipal user = request.user();
    TenantId customer = customer(request, user);
    boolean csv = Paging.csv(request);
    AmrRepository.Period period = period(request, user, customer);
    List<MeterRead> reads = amr.repository().reads(user.scope(), customer, period.period());
    List<AmrRepository.Adjustment> adjustments =
        amr.repository().adjustmentsIn(user.scope(), customer, period.period());
    if (csv) {
      return Response.csv(
          "meter-reads-" + customer.value() + "-" + period.period() + ".csv",
          AmrExport.csv(period, reads, adjustments));
    }
    return Response.ok(
        new PeriodReadsView(
            period,
            reads.stream().map(ReadView::of).toList(),
            adjustments.stream().map(AdjustmentView::of).toList()));
  }

  private Response statement(Request request) {
    UserPrincipal user = request.user();
    TenantId customer = customer(request, user);
    AmrRepository.Period period = period(request, user, customer);
    return Response.html(
        200,
        AmrExport.statement(
            customerName.apply(user.scope(), customer).orElse(customer.value()),
            period,
            amr.repository().reads(user.scope(), customer, period.period()),
            amr.repository().adjustmentsIn(user.scope(), customer, period.period())));
  }

  private Response review(Request request) {
    UserPrincipal user = request.user();
    TenantId customer = customer(request, user);
    user.requireProvider();
    AmrRepository.Period period = period(request, user, customer);
    JsonNode body = request.jsonObject();
    Amr.Action action;
    try {
      action = Amr.Action.valueOf(required(body, "action"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("action must be acceptRaw, acceptTrusted or correct");
    }
    JsonNode value = body.get("value");
    if (value != null && !value.isNull() && !value.canConvertToLong()) {
      throw ApiException.badRequest("value must be a whole number");
    }
    amr.review(
        user,
        customer,
        period.period(),
        required(body, "make"),
        required(body, "serial"),
        required(body, "meter"),
        action,
        value == null || value.isNull() ? OptionalLong.empty() : OptionalLong.of(value.asLong()),
        text(body, "reason").orElse(""));
    return Response.ok(
        ReadView.of(
            amr.repository()
                .read(
                    user.scope(),
                    customer,
                    period.period(),
                    List.of(
                        required(body, "make"), required(body, "serial"), required(body, "meter")))
                .orElseThrow()));
  }

  private Response audit(Request request) {
    UserPrincipal user = request.user();
    TenantId customer = customer(request, user);
    return Response.ok(amr.repository().audit(user.scope(), customer, Paging.limit(request)));
  }

  private Response missedReads(Request request) {
    UserPrincipal user = request.user();
    TenantId customer = customer(request, user);
    boolean csv = Paging.csv(request);
    MissedReadsView view =
        amr.missedReads(user.scope(), customer, clock.instant())
            .map(MissedReadsView::of)
            .orElseThrow(() -> ApiException.notFound("billing schedule of " + customer));
    if (csv) {
      StringBuilder out =
          new StringBuilder(
              Csv.row(
                  List.of(
                      "period",
                      "cutOff",
                      "make",
                      "serial",
                      "model",
                      "site",
                      "lastSeen",
                      "sourceKind",
                      "agent",
                      "agentLastContact")));
      for (MissedDeviceView d : view.devices()) {
        out.append(
            Csv.row(
                java.util.Arrays.asList(
                    view.period(),
                    view.cutOff(),
                    d.make(),
                    d.serial(),
                    d.model(),
                    d.site(),
                    d.lastSeen(),
                    d.sourceKind(),
                    d.agent(),
                    d.agentLastContact())));
      }
      return Response.csv(
          "missed-reads-" + customer.value() + "-" + view.period() + ".csv", out.toString());
    }
    return Response.ok(view);
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw ApiException.badRequest(field + " must be a string");
    }
    return Optional.of(n.asText());
  }

  private static String required(JsonNode body, String field) {
    return text(body, field).orElseThrow(() -> ApiException.badRequest(field + " is required"));
  }

  private static int number(JsonNode body, String field, long otherwise) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return Math.toIntExact(otherwise);
    }
    if (!n.canConvertToInt() || !n.isIntegralNumber()) {
      throw ApiException.badRequest(field + " must be a whole number");
    }
    return n.asInt();
  }

  private static Long boxed(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : null;
  }
}
