package org.openrps.server.accounts;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.Database;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.Sql;
import org.openrps.server.store.TenantId;

/** Customers (tenants) of the provider and their sites, always within a scope. */
public final class CustomerRepository {

  private final Jdbi jdbi;

  public CustomerRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  public List<Customer> list(Scope scope, String after, int limit) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(CustomerRepository.class, "list")), scope)
                .bind("after", after)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new Customer(TenantId.of(rs.getString("id")), rs.getString("name")))
                .list());
  }

  public Optional<Customer> find(Scope scope, TenantId id) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(CustomerRepository.class, "find")), scope)
                .bind("id", id.value())
                .map(
                    (rs, ctx) ->
                        new Customer(TenantId.of(rs.getString("id")), rs.getString("name")))
                .findOne());
  }

  /** Adds a customer; only the provider's scope can. False when not allowed or already there. */
  public boolean insert(Scope scope, Customer customer) {
    return jdbi.withHandle(
            h ->
                Scope.bind(h.createUpdate(Sql.of(CustomerRepository.class, "insert")), scope)
                    .bind("id", customer.id().value())
                    .bind("name", customer.name())
                    .execute())
        == 1;
  }

  public List<Site> sites(Scope scope, TenantId customer, String after, int limit) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(CustomerRepository.class, "listSites")), scope)
                .bind("tenant", customer.value())
                .bind("after", after)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new Site(
                            TenantId.of(rs.getString("tenant_id")),
                            SiteId.of(rs.getString("id")),
                            rs.getString("name")))
                .list());
  }

  /** Adds a site to a customer in the scope. False when out of scope or already there. */
  public boolean insertSite(Scope scope, Site site) {
    return jdbi.withHandle(
            h ->
                Scope.bind(h.createUpdate(Sql.of(CustomerRepository.class, "insertSite")), scope)
                    .bind("tenant", site.customer().value())
                    .bind("id", site.id().value())
                    .bind("name", site.name())
                    .execute())
        == 1;
  }
}
