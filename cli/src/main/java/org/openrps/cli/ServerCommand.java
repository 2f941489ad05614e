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
import org.openrps.server.reports.Report;
import org.openrps.server.reports.ReportFormat;
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
      ServerCommand.TestMailCommand.class,
      ServerCommand.ReportCommand.class,
      ServerCommandsCommand.class
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
    Logging.quiet(); // the command's own lines are its output
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

  /** {@code openrps server report}: writes a report from the server's database to a file. */
  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = {
        "Writes a server report (self-contained HTML or CSV) to a file.",
        "Reports: inventory, meter-reads (one customer and period), incidents, sync-health.",
        "It shows what a provider admin sees: every customer (a customer column first), or",
        "one with --customer. Works on the database alone, beside a running server."
      })
  static final class ReportCommand implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand ServerCommand server;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Parameters(
        index = "0",
        paramLabel = "NAME",
        description = "inventory, meter-reads, missed-reads, orders, incidents or sync-health.")
    String name;

    @Option(
        names = "--format",
        defaultValue = "html",
        description = "html or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "The file to write; replaced whole, never left half-written.")
    Path out;

    @Option(
        names = "--customer",
        paramLabel = "ID",
        description = "One customer only (meter-reads needs it).")
    Optional<String> customer;

    @Option(
        names = "--period",
        paramLabel = "YYYY-MM-DD",
        description = "meter-reads: the closed period (default: the newest).")
    Optional<String> period;

    @Override
    public Integer call() {
      ReportFormat f =
          ReportFormat.of(format)
              .orElseThrow(
                  () ->
                      new UserFacingException(
                          "--format must be html or csv, not '" + format + "'"));
      Optional<TenantId> tenant;
      try {
        tenant = customer.map(TenantId::of);
      } catch (IllegalArgumentException e) {
        throw new UserFacingException("--customer: " + e.getMessage(), e);
      }
      Map<String, String> parameters = new HashMap<>();
      period.ifPresent(p -> parameters.put("period", p));
      ServerConfig config = server.config(Optional.empty());
      Path file = config.dataDir().resolve("openrps.db");
      if (config.jdbcUrl().isEmpty() && !Files.exists(file)) {
        throw new UserFacingException(
            "no server database at " + file + "; give the server's --data or --config");
      }
      Report report;
      try (AdminConsole app = server.console()) {
        report = app.report(name, tenant, parameters);
      } catch (IllegalArgumentException e) {
        throw new UserFacingException(e.getMessage(), e);
      }
      write(out, f.render(report));
      spec.commandLine()
          .getOut()
          .printf(
              "%s (%s): %d %s, %s written to %s%n",
              report.name(),
              report.scope(),
              report.rows().size(),
              report.rows().size() == 1 ? "row" : "rows",
              f.name(),
              out);
      return 0;
    }

    /** Writes beside the file, then moves it into place: a reader never sees half a report. */
    private static void write(Path out, String text) {
      Path target = out.toAbsolutePath();
      Path temp = target.resolveSibling(target.getFileName() + ".part");
      try {
        Files.createDirectories(target.getParent());
        Files.writeString(temp, text, java.nio.charset.StandardCharsets.UTF_8);
        try {
          Files.move(
              temp,
              target,
              java.nio.file.StandardCopyOption.REPLACE_EXISTING,
              java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
          Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (java.io.IOException e) {
        try {
          Files.deleteIfExists(temp);
        } catch (java.io.IOException cleanup) {
          e.addSuppressed(cleanup);
        }
        throw new UserFacingException("cannot write " + out + ": " + e.getMessage(), e);
      }
    }
  }
}
