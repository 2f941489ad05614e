package org.openrps.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.openrps.server.AdminConsole;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.accounts.Enrolment;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openrps server}: the communication server. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the communication server (HTTPS only) until Ctrl-C.",
      "On first start it makes a self-signed certificate and an 'admin' user, and prints",
      "the admin password once."
    },
    subcommands = {
      ServerCommand.EnrolCode.class,
      ServerCommand.AddUser.class,
      ServerCommand.TestMailCommand.class
    })
final class ServerCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      description =
          "Configuration file (Java properties: data, port, db.url, host.names, retention.days,"
              + " uploads.per.minute, …). Environment variables OPENRPS_<KEY> (e.g."
              + " OPENRPS_DB_URL) override it; options here override both.")
  Optional<Path> configFile;

  @Option(
      names = "--data",
      description = "Data directory: database, TLS certificate (default: server-data).")
  Optional<Path> data;

  @Option(names = "--port", description = "HTTPS port (default: 8443).")
  Optional<Integer> port;

  @Option(
      names = "--db",
      description =
          "PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/openrps?user=openrps."
              + " Default: SQLite in the data directory.")
  Optional<String> db;

  @Option(names = "--host-name", description = "Extra host name for the certificate (repeatable).")
  Set<String> hostNames = Set.of();

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Local address to listen on, e.g. 127.0.0.1 (default: every interface).")
  Optional<String> bind;

  @Override
  public Integer call() {
    Shutdown shutdown = new Shutdown();
    ServerConfig config = config(port);
    ServerApp app = shutdown.closeLater(start(config));
    PrintWriter out = spec.commandLine().getOut();
    Path marker = config.dataDir().resolve("admin-created");
    if (!Files.exists(marker)) {
      char[] password = Secrets.newSecret();
      app.putUser("admin", password, TenantId.DEFAULT, Role.provider_admin);
      touch(marker);
      out.printf(
          "First start: dashboard user 'admin', password %s (shown once)%n", new String(password));
    }
    out.printf(
        "openrps server: https://localhost:%d/ (certificate %s); Ctrl-C to stop%n",
        app.port(), app.certificatePem());
    out.flush();
    shutdown.awaitSignal();
    return 0;
  }

  /** The configuration from file, environment and options, validated; port given explicitly. */
  ServerConfig config(Optional<Integer> listenPort) {
    Map<String, String> overrides = new HashMap<>();
    data.ifPresent(d -> overrides.put("data", d.toString()));
    listenPort.ifPresent(p -> overrides.put("port", Integer.toString(p)));
    db.ifPresent(u -> overrides.put("db.url", u));
    bind.ifPresent(b -> overrides.put("bind", b));
    if (!hostNames.isEmpty()) {
      overrides.put("host.names", String.join(",", hostNames));
    }
    try {
      return ServerConfig.load(configFile, System.getenv(), overrides);
    } catch (ServerConfig.ConfigException e) {
      throw new UserFacingException("configuration: " + e.getMessage(), e);
    }
  }

  ServerConfig config(int listenPort) {
    return config(Optional.of(listenPort));
  }

  static ServerApp start(ServerConfig config) {
    try {
      return ServerApp.start(config, Clock.systemUTC());
    } catch (RuntimeException e) {
      throw new UserFacingException("the server could not start: " + e.getMessage(), e);
    }
  }

  /** The database only, for commands that change accounts: no TLS, no port. */
  AdminConsole console() {
    try {
      return AdminConsole.open(config(Optional.empty()), Clock.systemUTC());
    } catch (RuntimeException e) {
      throw new UserFacingException("cannot open the database: " + e.getMessage(), e);
    }
  }

  private static void touch(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, "");
    } catch (java.io.IOException e) {
      throw new UserFacingException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@code openrps server enrol-code}: a one-time code with which an agent enrols. */
  @Command(
      name = "enrol-code",
      mixinStandardHelpOptions = true,
      description = {
        "Makes a one-time enrolment code for a site and prints it once.",
        "The agent exchanges it (POST /api/v1/enrol) for its own id and secret; the code",
        "works once and expires (24 h by default); the server keeps only its hash."
      })
  static final class EnrolCode implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand ServerCommand server;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--site", required = true, description = "The site the agent reports for.")
    String site;

    @Option(
        names = "--customer",
        defaultValue = "default",
        description = "The customer the site belongs to (default: ${DEFAULT-VALUE}).")
    String customer;

    @Override
    public Integer call() {
      TenantId tenant;
      SiteId siteId;
      try {
        tenant = TenantId.of(customer);
        siteId = SiteId.of(site);
      } catch (IllegalArgumentException e) {
        throw new UserFacingException(e.getMessage(), e);
      }
      try (AdminConsole app = server.console()) {
        Enrolment.Code code;
        try {
          code = app.newEnrolCode(tenant, siteId);
        } catch (IllegalArgumentException e) {
          throw new UserFacingException(e.getMessage(), e);
        }
        spec.commandLine()
            .getOut()
            .printf(
                "enrolment code for %s/%s: %s (once, until %s)%n",
                tenant, siteId, code.code(), code.expiresAt());
      }
      return 0;
    }
  }

  /** {@code openrps server add-user}: creates a dashboard user. */
  @Command(
      name = "add-user",
      mixinStandardHelpOptions = true,
      description = {
        "Creates (or resets) a dashboard and API user; prints its password once.",
        "Works on the database only: the server may be running, or not."
      })
  static final class AddUser implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand ServerCommand server;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", required = true, description = "The user name.")
    String name;

    @Option(
        names = "--role",
        defaultValue = "customer_admin",
        description =
            "provider_admin (every customer), customer_admin or customer_reader"
                + " (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(
        names = "--customer",
        defaultValue = "default",
        paramLabel = "ID",
        description =
            "The customer the user belongs to; it must exist (default: ${DEFAULT-VALUE}).")
    String customer;

    @Override
    public Integer call() {
      Role r =
          Role.parse(role)
              .orElseThrow(
                  () ->
                      new UserFacingException(
                          "--role must be provider_admin, customer_admin or customer_reader, not '"
                              + role
                              + "'",
                          null));
      TenantId tenant;
      try {
        tenant = TenantId.of(customer);
      } catch (IllegalArgumentException e) {
        throw new UserFacingException(e.getMessage(), e);
      }
      char[] password = Secrets.newSecret();
      try (AdminConsole app = server.console()) {
        app.putUser(name, password, tenant, r);
      } catch (IllegalArgumentException e) {
        throw new UserFacingException(e.getMessage(), e);
      }
      spec.commandLine()
          .getOut()
          .printf("user '%s': password %s (shown once)%n", name, new String(password));
      return 0;
    }
  }

  /** {@code openrps server test-mail}: checks the SMTP settings by sending one e-mail now. */
  @Command(
      name = "test-mail",
      mixinStandardHelpOptions = true,
      description = {
        "Sends one test e-mail now with the configured smtp.* settings.",
        "It does not go through the outbox, so an SMTP error is shown at once (exit code 2)."
      })
  static final class TestMailCommand implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand ServerCommand server;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "Recipient.")
    String to;

    @Override
    public Integer call() {
      ServerConfig config = server.config(Optional.empty());
      try {
        org.openrps.server.mail.TestMail.send(
            config.mail(), to, hostName(), java.time.Instant.now());
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new UserFacingException(e.getMessage(), e);
      }
      spec.commandLine()
          .getOut()
          .printf("test e-mail to %s accepted by %s%n", to, config.mail().smtp().orElseThrow());
      return 0;
    }

    private static String hostName() {
      try {
        return java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        return "(unknown host)";
      }
    }
  }
}
