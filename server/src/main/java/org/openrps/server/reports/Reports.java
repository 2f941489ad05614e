package org.openrps.server.reports;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openrps.server.accounts.Customer;
import org.openrps.server.accounts.CustomerRepository;
import org.openrps.server.agents.AgentRepository;
import org.openrps.server.amr.AmrRepository;
import org.openrps.server.fleet.DeviceRepository;
import org.openrps.server.http.ApiException;
import org.openrps.server.incidents.IncidentRepository;
import org.openrps.server.store.Database;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;
import org.openrps.wire.WireJson;

/**
 * The registry of reports, by name, in the order they are listed, and the one place that applies
 * the scope rules to them: a customer's user gets its own customer's report; a provider admin gets
 * every customer's (a {@code customer} column first) or, with {@code customer}, one customer's. The
 * API ({@link ReportRoutes}) and the command line ({@code openrps server report}) both make reports
 * here.
 */
public final class Reports {

  private final Map<String, ReportDefinition> byName = new LinkedHashMap<>();
  private final CustomerRepository customers;
  private final Clock clock;

  public Reports(List<ReportDefinition> definitions, CustomerRepository customers, Clock clock) {
    for (ReportDefinition d : definitions) {
      if (byName.put(d.name(), d) != null) {
        throw new IllegalArgumentException("two reports named " + d.name());
      }
    }
    this.customers = Objects.requireNonNull(customers, "customers");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The server's reports on its database. A new report is one more entry in this list (for example
   * {@code new OrdersReport(new AsrRepository(database))}).
   */
  public static Reports standard(Database database, Clock clock) {
    ReportQueries queries = new ReportQueries(database);
    return new Reports(
        List.of(
            new InventoryReport(new DeviceRepository(database), queries),
            new MeterReadsReport(new AmrRepository(database)),
            new MissedReadsReport(
                new org.openrps.server.amr.Amr(new AmrRepository(database), clock)),
            new OrdersReport(new org.openrps.server.asr.AsrRepository(database)),
            new IncidentsReport(new IncidentRepository(database)),
            new SyncHealthReport(new AgentRepository(database, WireJson.newMapper()), queries)),
        new CustomerRepository(database),
        clock);
  }

  /** Every report, in the registry's order. */
  public List<ReportDefinition> all() {
    return List.copyOf(byName.values());
  }

  public Optional<ReportDefinition> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * Makes the report {@code name} for a user's scope.
   *
   * @param customer the customer to narrow to; it must be in the scope
   * @param parameters the report's own parameters (not {@code customer})
   * @throws ApiException 404 for an unknown report or a customer not in the scope, 400 for a
   *     parameter the report does not take or a missing one
   */
  public Report make(
      String name, Scope scope, Optional<TenantId> customer, Map<String, String> parameters) {
    ReportDefinition d =
        find(name)
            .orElseThrow(
                () ->
                    new ApiException(
                        404,
                        "not_found",
                        "no such report "
                            + name
                            + " (there are "
                            + String.join(", ", byName.keySet())
                            + ")"));
    for (String p : parameters.keySet()) {
      if (d.parameters().stream().noneMatch(x -> x.name().equals(p))) {
        throw ApiException.badRequest("the report " + name + " takes no parameter " + p + takes(d));
      }
    }
    for (ReportDefinition.Parameter p : d.parameters()) {
      if (p.required() && !parameters.containsKey(p.name())) {
        throw ApiException.badRequest("the report " + name + " needs " + p.name() + takes(d));
      }
    }
    Optional<Customer> of;
    if (customer.isPresent()) {
      of =
          Optional.of(
              customers
                  .find(scope, customer.get())
                  .orElseThrow(() -> ApiException.notFound("customer " + customer.get())));
    } else if (scope instanceof Scope.Customer c) {
      // A user's own customer; the default tenant of a single-customer server has a row too.
      of =
          Optional.of(
              customers
                  .find(scope, c.tenant())
                  .orElseGet(() -> new Customer(c.tenant(), c.tenant().value())));
    } else {
      of = Optional.empty();
    }
    if (of.isEmpty() && d.oneCustomer()) {
      throw ApiException.badRequest("the report " + name + " is about one customer: give customer");
    }
    Scope narrowed = of.map(c -> Scope.customer(c.id())).orElse(scope);
    return d.make(new ReportRequest(narrowed, of, parameters, clock.instant()));
  }

  private static String takes(ReportDefinition d) {
    if (d.parameters().isEmpty()) {
      return " (it takes customer only)";
    }
    return " (it takes customer, "
        + d.parameters().stream()
            .map(ReportDefinition.Parameter::name)
            .collect(Collectors.joining(", "))
        + ")";
  }
}
