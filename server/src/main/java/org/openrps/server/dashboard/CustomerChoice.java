package org.openrps.server.dashboard;

import java.util.List;
import java.util.Optional;
import org.openrps.server.accounts.Customer;
import org.openrps.server.accounts.CustomerRepository;
import org.openrps.server.http.ApiException;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;

/**
 * The customer a work page shows: a provider admin picks one (or all) from a select, a customer's
 * user always sees its own. A customer the viewer may not see is not found (404), as in the API.
 */
final class CustomerChoice {

  /** The most customers a select lists. */
  static final int MAX_CUSTOMERS = 10_000;

  private CustomerChoice() {}

  /** The customer asked for in {@code value}, when one was; 404 when the viewer cannot see it. */
  static Optional<Customer> of(Viewer viewer, CustomerRepository customers, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    TenantId id = DashboardText.tenant(value);
    return Optional.of(
        customers
            .find(viewer.scope(), id)
            .orElseThrow(() -> ApiException.notFound("customer " + id)));
  }

  /** The scope of a list: the chosen customer's, or the viewer's own when none is chosen. */
  static Scope scope(Viewer viewer, Optional<Customer> chosen) {
    return chosen.map(c -> Scope.customer(c.id())).orElse(viewer.scope());
  }

  /** The viewer's own customer (a customer's user), named when it is on record. */
  static Customer own(Viewer viewer, CustomerRepository customers) {
    TenantId id = viewer.user().tenant();
    return customers.find(viewer.scope(), id).orElseGet(() -> new Customer(id, id.value()));
  }

  /** The customers a provider admin may choose from. */
  static List<Customer> all(Viewer viewer, CustomerRepository customers) {
    return customers.list(viewer.scope(), "", MAX_CUSTOMERS);
  }

  /**
   * A labelled select of the customers (provider admins only; empty text for anyone else), with
   * "All customers" first when {@code all} is given.
   */
  static String select(
      Viewer viewer, CustomerRepository customers, String selected, Optional<String> all) {
    if (!viewer.provider()) {
      return "";
    }
    StringBuilder f =
        new StringBuilder("<label>Customer<select name=\"customer\" id=\"customer\">");
    all.ifPresent(label -> f.append(DevicesSection.option("", label, selected)));
    for (Customer c : all(viewer, customers)) {
      f.append(
          DevicesSection.option(c.id().value(), c.name() + " (" + c.id().value() + ")", selected));
    }
    return f.append("</select></label>").toString();
  }

  /** A query value for a link: {@code name=value}, encoded, or nothing when the value is empty. */
  static String param(String name, String value) {
    return value == null || value.isEmpty() ? "" : name + "=" + Html.url(value);
  }

  /** {@code ?a=1&b=2} from the non-empty parts, or nothing. */
  static String query(String... parts) {
    StringBuilder out = new StringBuilder();
    for (String p : parts) {
      if (!p.isEmpty()) {
        out.append(out.isEmpty() ? "?" : "&").append(p);
      }
    }
    return out.toString();
  }
}
