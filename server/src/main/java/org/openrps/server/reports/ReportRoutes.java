package org.openrps.server.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openrps.server.accounts.AccountRoutes;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Routes;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;

/**
 * {@code GET /api/v1/reports}: the reports there are, with their parameters; {@code GET
 * /api/v1/reports/{name}?format=html|csv[&customer=…][&period=…]}: one, made now for the user's
 * scope (a customer's user its own customer; a provider admin every customer, or one with {@code
 * customer}).
 */
public final class ReportRoutes implements Routes.Feature {

  static final String CUSTOMER = "customer";

  /** A report as the list shows it. */
  public record ReportView(
      String name,
      String title,
      String description,
      boolean oneCustomer,
      List<ParameterView> parameters,
      List<String> formats,
      String path) {
    static ReportView of(ReportDefinition d) {
      List<ParameterView> parameters = new ArrayList<>();
      parameters.add(
          new ParameterView(
              CUSTOMER,
              d.oneCustomer()
                  ? "the customer; a provider admin must give it, a customer's user gets its own"
                  : "one customer only; without it a provider admin gets every customer, with a"
                      + " customer column, and a customer's user its own",
              false));
      for (ReportDefinition.Parameter p : d.parameters()) {
        parameters.add(new ParameterView(p.name(), p.description(), p.required()));
      }
      return new ReportView(
          d.name(),
          d.title(),
          d.description(),
          d.oneCustomer(),
          parameters,
          Arrays.stream(ReportFormat.values()).map(Enum::name).toList(),
          Routes.V1 + "/reports/" + d.name());
    }
  }

  /** A parameter of a report. */
  public record ParameterView(String name, String description, boolean required) {}

  private final Reports reports;

  public ReportRoutes(Reports reports) {
    this.reports = Objects.requireNonNull(reports, "reports");
  }

  @Override
  public void routes(Routes r) {
    r.get(Routes.V1 + "/reports", this::list);
    r.get(Routes.V1 + "/reports/{name}", this::report);
  }

  private Response list(Request request) {
    request.user();
    return Response.ok(reports.all().stream().map(ReportView::of).toList());
  }

  /**
   * The report {@code name} for the scope, with {@code customer} and the report's own parameters
   * from the request's query (an empty value is no value), as the API makes it; the dashboard's
   * report pages make theirs here too.
   *
   * @throws ApiException 404 for an unknown report or customer, 400 for a malformed one
   */
  public static Report make(Reports reports, String name, Scope scope, Request request) {
    ReportDefinition d =
        reports.find(name).orElseThrow(() -> ApiException.notFound("report " + name));
    Optional<TenantId> customer =
        request.query(CUSTOMER).filter(v -> !v.isEmpty()).map(AccountRoutes::tenantId);
    Map<String, String> parameters = new LinkedHashMap<>();
    for (ReportDefinition.Parameter p : d.parameters()) {
      request.query(p.name()).filter(v -> !v.isEmpty()).ifPresent(v -> parameters.put(p.name(), v));
    }
    return reports.make(name, scope, customer, parameters);
  }

  private Response report(Request request) {
    UserPrincipal user = request.user();
    String name = request.pathParam("name");
    String asked = request.query("format").orElse(ReportFormat.html.name());
    ReportFormat format =
        ReportFormat.of(asked)
            .orElseThrow(() -> ApiException.badRequest("format must be html or csv"));
    Report report = make(reports, name, user.scope(), request);
    String body = format.render(report);
    if (format == ReportFormat.csv) {
      return Response.csv(format.fileName(report), body);
    }
    return Response.html(200, body)
        .with("Content-Disposition", "inline; filename=\"" + format.fileName(report) + "\"");
  }
}
