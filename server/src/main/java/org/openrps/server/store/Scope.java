package org.openrps.server.store;

import java.util.Objects;
import org.jdbi.v3.core.statement.SqlStatement;
import org.openrps.server.accounts.Customer;

/**
 * Whose data a request may see: the provider's (every customer) or one customer's. Every repository
 * method that reads or changes tenant data takes a scope, and every statement it runs has {@code
 * (:allTenants OR tenant_id = :scopeTenant)} in its WHERE clause, so isolation does not depend on
 * the caller.
 */
public sealed interface Scope {

  /** The provider: every customer. */
  static Scope provider() {
    return Provider.INSTANCE;
  }

  /** One customer and nothing else. */
  static Scope customer(TenantId tenant) {
    return new Customer(tenant);
  }

  /** Whether the scope includes the tenant's data. */
  boolean includes(TenantId tenant);

  /** The provider's scope. */
  record Provider() implements Scope {
    static final Provider INSTANCE = new Provider();

    @Override
    public boolean includes(TenantId tenant) {
      return true;
    }

    @Override
    public String toString() {
      return "provider";
    }
  }

  /** One customer's scope. */
  record Customer(TenantId tenant) implements Scope {
    public Customer {
      Objects.requireNonNull(tenant, "tenant");
    }

    @Override
    public boolean includes(TenantId other) {
      return tenant.equals(other);
    }

    @Override
    public String toString() {
      return "customer " + tenant;
    }
  }

  /** Binds {@code :allTenants} and {@code :scopeTenant}. */
  static <S extends SqlStatement<S>> S bind(S statement, Scope scope) {
    Objects.requireNonNull(scope, "scope");
    if (scope instanceof Customer c) {
      return statement.bind("allTenants", false).bind("scopeTenant", c.tenant().value());
    }
    return statement.bind("allTenants", true).bind("scopeTenant", "");
  }
}
