package org.openrps.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openrps.server.accounts.AccountRepository;
import org.openrps.server.accounts.Accounts;
import org.openrps.server.accounts.CustomerRepository;
import org.openrps.server.accounts.Enrolment;
import org.openrps.server.accounts.EnrolmentRepository;
import org.openrps.server.accounts.Passwords;
import org.openrps.server.accounts.RateLimitRepository;
import org.openrps.server.accounts.RateLimiter;
import org.openrps.server.commands.CommandRepository;
import org.openrps.server.commands.Commands;
import org.openrps.server.http.ApiException;
import org.openrps.server.reports.Report;
import org.openrps.server.reports.Reports;
import org.openrps.server.store.Database;
import org.openrps.server.store.Role;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator does on the server's database from a shell, without a running server: no TLS
 * material is read or made and no port is opened, so it works beside a running node (or when the
 * node's port is taken). The database is migrated on open, as a node would.
 */
public final class AdminConsole implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AdminConsole.class);

  private final Database database;
  private final Accounts accounts;
  private final Enrolment enrolment;
  private final CustomerRepository customers;
  private final Reports reports;
  private final Commands commands;

  private AdminConsole(
      Database database,
      Accounts accounts,
      Enrolment enrolment,
      CustomerRepository customers,
      Reports reports,
      Commands commands) {
    this.database = database;
    this.accounts = accounts;
    this.enrolment = enrolment;
    this.customers = customers;
    this.reports = reports;
    this.commands = commands;
  }

  /** Opens (and migrates) the configured database; nothing else. */
  public static AdminConsole open(ServerConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    if (config.jdbcUrl().isEmpty()) {
      try {
        Files.createDirectories(config.dataDir());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
      }
    }
    String url =
        config
            .jdbcUrl()
            .orElseGet(() -> Database.sqliteUrl(config.dataDir().resolve("openrps.db")));
    ServerConfig.Policy policy = config.policy();
    Database database = Database.open(url, 2);
    SecureRandom random = new SecureRandom();
    Passwords passwords = new Passwords(random);
    AccountRepository accountRepository = new AccountRepository(database);
    Accounts accounts =
        new Accounts(
            accountRepository,
            passwords,
            new RateLimiter(new RateLimitRepository(database), clock),
            new Accounts.LoginLimits(
                policy.loginsPerMinutePerUser(), policy.loginsPerMinutePerAddress()),
            new Accounts.SecretLimits(
                policy.secretFailuresPerMinutePerClient(),
                policy.secretFailuresPerMinutePerAddress()),
            clock);
    Enrolment enrolment =
        new Enrolment(
            new EnrolmentRepository(database),
            accountRepository,
            passwords,
            random,
            clock,
            policy.enrolCodeLifetime());
    return new AdminConsole(
        database,
        accounts,
        enrolment,
        new CustomerRepository(database),
        Reports.standard(database, clock),
        new Commands(
            new CommandRepository(database, WireJson.newMapper()),
            random,
            clock,
            Commands.PENDING_POLL));
  }

  /**
   * Creates or replaces a user of a customer with a role; only the password's hash is stored.
   *
   * @throws IllegalArgumentException when the customer does not exist, or a provider admin is asked
   *     for another customer than the provider's own ({@link TenantId#DEFAULT})
   */
  public void putUser(String username, char[] password, TenantId customer, Role role) {
    if (customers.find(Scope.provider(), customer).isEmpty()) {
      throw new IllegalArgumentException("no customer " + customer);
    }
    if (role == Role.provider_admin && !customer.equals(TenantId.DEFAULT)) {
      throw new IllegalArgumentException(
          "a provider_admin belongs to customer " + TenantId.DEFAULT + ", not " + customer);
    }
    accounts.putUser(username, password, customer, role);
    LOG.info("user {} - password set ({} of {})", username, role, customer);
  }

  /** Makes a one-time enrolment code for a site; only its hash is stored. */
  public Enrolment.Code newEnrolCode(TenantId customer, SiteId site) {
    try {
      return enrolment.newCode(Scope.provider(), "server-console", customer, site);
    } catch (ApiException e) {
      throw new IllegalArgumentException("no site " + site + " for customer " + customer, e);
    }
  }

  /**
   * Makes a report as a provider admin would get it: every customer, or {@code customer} only.
   *
   * @param parameters the report's own parameters, e.g. {@code period}
   * @throws IllegalArgumentException naming the problem: an unknown report, customer or period, a
   *     parameter the report does not take or needs
   */
  public Report report(String name, Optional<TenantId> customer, Map<String, String> parameters) {
    try {
      return reports.make(name, Scope.provider(), customer, parameters);
    } catch (ApiException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * The command channel on this database, for a provider admin's console: send, find and list. Its
   * refusals are coded {@link ApiException}s whose message is one line for the operator.
   */
  public Commands commands() {
    return commands;
  }

  @Override
  public void close() {
    database.close();
  }
}
