package org.openrps.server.reports;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openrps.server.accounts.Customer;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;

/**
 * What a report is made for: the scope it may read (narrowed to one customer when one was asked
 * for, or when the user is a customer's), that customer, the parameters and the instant of now.
 * When the scope spans customers (a provider admin without {@code customer}) every row starts with
 * a {@code customer} column: {@link #columns} and {@link #row} add it.
 */
public record ReportRequest(
    Scope scope, Optional<Customer> customer, Map<String, String> parameters, Instant now) {

  static final Column CUSTOMER = Column.of("customer", "Customer");

  public ReportRequest {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(customer, "customer");
    parameters = Map.copyOf(parameters);
    Objects.requireNonNull(now, "now");
    if (customer.isPresent() && !scope.equals(Scope.customer(customer.get().id()))) {
      throw new IllegalArgumentException("the scope of a customer's report is that customer's");
    }
  }

  /** Whether rows of several customers may show: then each row names its customer. */
  public boolean spansCustomers() {
    return customer.isEmpty();
  }

  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }

  /** The scope in words: {@code All customers} or {@code Acme (acme)}. */
  public String scopeTitle() {
    return customer.map(c -> c.name() + " (" + c.id().value() + ")").orElse("All customers");
  }

  /** The columns, after a {@code customer} column when the scope spans customers. */
  public List<Column> columns(List<Column> columns) {
    if (!spansCustomers()) {
      return columns;
    }
    List<Column> all = new ArrayList<>(columns.size() + 1);
    all.add(CUSTOMER);
    all.addAll(columns);
    return all;
  }

  /** The cells, after the customer's id when the scope spans customers. */
  public List<Cell> row(TenantId tenant, List<Cell> cells) {
    if (!spansCustomers()) {
      return cells;
    }
    List<Cell> all = new ArrayList<>(cells.size() + 1);
    all.add(Cell.text(tenant.value()));
    all.addAll(cells);
    return all;
  }

  /**
   * The report: title, notes, columns and rows of the definition, with this request's scope and
   * time, in a file named after the report, the customer, the {@code extra} parts and the date.
   */
  public Report report(
      ReportDefinition definition,
      String title,
      List<String> notes,
      List<Column> columns,
      List<List<Cell>> rows,
      String... extra) {
    StringBuilder stem = new StringBuilder(definition.name());
    customer.ifPresent(c -> stem.append('-').append(c.id().value()));
    for (String e : extra) {
      stem.append('-').append(e.replaceAll("[^A-Za-z0-9._-]", "_"));
    }
    stem.append('-').append(now.atOffset(ZoneOffset.UTC).toLocalDate());
    return new Report(
        definition.name(), title, scopeTitle(), now, notes, columns, rows, stem.toString());
  }
}
