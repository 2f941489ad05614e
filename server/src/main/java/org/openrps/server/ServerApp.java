package org.openrps.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.openrps.mailer.SmtpSender;
import org.openrps.server.accounts.AccountRepository;
import org.openrps.server.accounts.AccountRoutes;
import org.openrps.server.accounts.Accounts;
import org.openrps.server.accounts.Authentication;
import org.openrps.server.accounts.Customer;
import org.openrps.server.accounts.CustomerRepository;
import org.openrps.server.accounts.Enrolment;
import org.openrps.server.accounts.EnrolmentRepository;
import org.openrps.server.accounts.Passwords;
import org.openrps.server.accounts.RateLimitRepository;
import org.openrps.server.accounts.RateLimiter;
import org.openrps.server.accounts.SessionRepository;
import org.openrps.server.accounts.Sessions;
import org.openrps.server.accounts.Site;
import org.openrps.server.accounts.TokenRepository;
import org.openrps.server.accounts.Tokens;
import org.openrps.server.agents.AgentRepository;
import org.openrps.server.agents.AgentRoutes;
import org.openrps.server.alerts.AlertRepository;
import org.openrps.server.alerts.AlertRoutes;
import org.openrps.server.amr.Amr;
import org.openrps.server.amr.AmrJob;
import org.openrps.server.amr.AmrRepository;
import org.openrps.server.amr.AmrRoutes;
import org.openrps.server.amr.BillingSchedule;
import org.openrps.server.amr.MeterRead;
import org.openrps.server.amr.MissedReadsHook;
import org.openrps.server.commands.CommandJob;
import org.openrps.server.commands.CommandRepository;
import org.openrps.server.commands.CommandRoutes;
import org.openrps.server.commands.Commands;
import org.openrps.server.dashboard.Dashboard;
import org.openrps.server.fleet.DeviceRepository;
import org.openrps.server.fleet.FleetRoutes;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.HttpServer;
import org.openrps.server.http.Routes;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.incidents.IncidentJob;
import org.openrps.server.incidents.IncidentNotices;
import org.openrps.server.incidents.IncidentRepository;
import org.openrps.server.incidents.IncidentRoutes;
import org.openrps.server.ingest.IngestRoutes;
import org.openrps.server.ingest.Ingestion;
import org.openrps.server.ingest.ReportDecoder;
import org.openrps.server.ingest.ReportRepository;
import org.openrps.server.jobs.JobLeaseRepository;
import org.openrps.server.jobs.JobScheduler;
import org.openrps.server.jobs.RetentionJob;
import org.openrps.server.jobs.RetentionRepository;
import org.openrps.server.mail.MailConfig;
import org.openrps.server.mail.MailKind;
import org.openrps.server.mail.MailOutboxJob;
import org.openrps.server.mail.MailRepository;
import org.openrps.server.mail.MailRoutes;
import org.openrps.server.mail.MailTemplates;
import org.openrps.server.mail.Mailer;
import org.openrps.server.meters.MeterRepository;
import org.openrps.server.meters.MeterRoutes;
import org.openrps.server.reports.ReportRoutes;
import org.openrps.server.reports.Reports;
import org.openrps.server.store.Database;
import org.openrps.server.store.Role;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.server.supplies.SupplyRepository;
import org.openrps.server.supplies.SupplyRoutes;
import org.openrps.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Communication Server, wired by hand: database (migrated on start), TLS material (made on
 * first start, reused after), and the HTTPS listener.
 */
public final class ServerApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServerApp.class);
  private static final Duration SESSION_LIFETIME = Duration.ofHours(12);

  private final Database database;

  /** How often the incident job looks at the devices' latest state. */
  static final java.time.Duration INCIDENT_PERIOD = java.time.Duration.ofMinutes(1);

  /** How often the ASR job forecasts the supplies. */
  static final java.time.Duration ASR_PERIOD = java.time.Duration.ofMinutes(15);

  /** How often the command job marks unanswered commands past their expiry expired. */
  static final java.time.Duration COMMAND_EXPIRY_PERIOD = java.time.Duration.ofMinutes(1);

  /** How often the AMR job looks for periods to close and missed-read lists to send. */
  static final java.time.Duration AMR_PERIOD = java.time.Duration.ofMinutes(15);

  /**
   * Missed-read lists go to the customer's {@code missedReads} recipients (and the log): one line
   * per device with its last contact and the agent responsible.
   */
  static MissedReadsHook mailedMissedReads(Mailer mailer) {
    return list -> {
      LOG.warn(
          "amr - {} device(s) of {} have no fresh reading before the cut-off {} (period {})",
          list.devices().size(),
          list.tenant(),
          list.cutOff(),
          list.period());
      StringBuilder devices = new StringBuilder();
      for (AmrRepository.MissedDevice d : list.devices()) {
        devices.append(
            String.format(
                java.util.Locale.ROOT,
                "%s %s (%s, site %s): last reading %s, via %s %s%s%n",
                d.make(),
                d.serial(),
                d.model(),
                d.site(),
                d.lastSeen(),
                d.sourceKind(),
                d.sourceId(),
                d.sourceLastContact().map(c -> ", which last called in " + c).orElse("")));
      }
      try {
        mailer.enqueue(
            list.tenant(),
            MailKind.missedReads,
            "missedReads",
            java.util.Map.of(
                "customer", list.tenant().value(),
                "period", list.period(),
                "cutOff", list.cutOff().toString(),
                "count", Integer.toString(list.devices().size()),
                "devices", devices.toString().strip()));
      } catch (RuntimeException e) {
        LOG.warn("amr - the missed-read e-mail could not be queued: {}", e.toString());
      }
    };
  }

  /** Each order raised goes to the customer's {@code supplyOrder} recipients. */
  static java.util.function.Consumer<List<org.openrps.server.asr.AsrRepository.Order>> mailedOrders(
      Mailer mailer) {
    return orders -> {
      for (org.openrps.server.asr.AsrRepository.Order o : orders) {
        mailer.enqueue(
            TenantId.of(o.tenant()),
            MailKind.supplyOrder,
            "supplyOrder",
            java.util.Map.of(
                "customer", o.tenant(),
                "make", o.make(),
                "serial", o.serial(),
                "supply", o.description(),
                "partNumber", o.partNumber().orElse("(the device does not say)"),
                "quantity", Integer.toString(o.quantity()),
                "site", o.site(),
                "reason", orderReason(o),
                "level", o.levelPercent().map(l -> Math.round(l) + " %").orElse("unknown"),
                "id", o.id()));
      }
    };
  }

  /** Why an order was raised, in words for its e-mail. */
  static String orderReason(org.openrps.server.asr.AsrRepository.Order o) {
    switch (o.reason()) {
      case "forecast":
        return String.format(
            java.util.Locale.ROOT,
            "empty in %.1f to %s days at the current rate",
            o.daysLow().orElse(0.0),
            o.daysHigh()
                .filter(Double::isFinite)
                .map(d -> String.format(java.util.Locale.ROOT, "%.1f", d))
                .orElse("more"));
      case "lowAlert":
        return "the device reports it low (it gives no level, only 'some remaining')";
      default:
        return "level at or under the threshold, too little history for a rate";
    }
  }

  /**
   * Incidents that open or close go to the customer's {@code incident} recipients, communication
   * loss to its {@code communicationLoss} recipients; each kind immediately or in a digest, as set.
   */
  static IncidentNotices mailedIncidents(Mailer mailer) {
    return notices -> {
      for (IncidentRepository.Notice n : notices) {
        boolean loss = "communication".equals(n.kind());
        mailer.enqueue(
            TenantId.of(n.tenant()),
            loss ? MailKind.communicationLoss : MailKind.incident,
            "incident",
            java.util.Map.of(
                "customer", n.tenant(),
                "make", n.make(),
                "serial", n.serial(),
                "code", n.code(),
                "severity", n.severity(),
                "title", (n.opened() ? "" : "cleared: ") + n.description(),
                "change", n.opened() ? "Opened" : "Cleared",
                "at", n.at().toString(),
                "description", n.description()));
      }
    };
  }

  private final HttpServer http;
  private final Accounts accounts;
  private final Enrolment enrolment;
  private final CustomerRepository customers;
  private final JobScheduler jobs;
  private final RetentionJob retention;
  private final IncidentJob incidents;
  private final Mailer mailer;
  private final java.util.Optional<MailOutboxJob> mailOutbox;
  private final AmrJob amr;
  private final Amr amrService;
  private final org.openrps.server.asr.AsrJob asr;
  private final org.openrps.server.asr.Asr asrService;
  private final IncidentRepository incidentRepository;
  private final DeviceRepository devices;
  private final Commands commands;
  private final CommandJob commandJob;
  private final Path certificatePem;

  private ServerApp(
      Database database,
      HttpServer http,
      Accounts accounts,
      Enrolment enrolment,
      CustomerRepository customers,
      JobScheduler jobs,
      RetentionJob retention,
      IncidentJob incidents,
      Mailer mailer,
      java.util.Optional<MailOutboxJob> mailOutbox,
      AmrJob amr,
      Amr amrService,
      org.openrps.server.asr.AsrJob asr,
      org.openrps.server.asr.Asr asrService,
      IncidentRepository incidentRepository,
      DeviceRepository devices,
      Commands commands,
      CommandJob commandJob,
      Path certificatePem) {
    this.database = database;
    this.http = http;
    this.accounts = accounts;
    this.enrolment = enrolment;
    this.customers = customers;
    this.jobs = jobs;
    this.retention = retention;
    this.incidents = incidents;
    this.mailer = mailer;
    this.mailOutbox = mailOutbox;
    this.amr = amr;
    this.amrService = amrService;
    this.asr = asr;
    this.asrService = asrService;
    this.incidentRepository = incidentRepository;
    this.devices = devices;
    this.commands = commands;
    this.commandJob = commandJob;
    this.certificatePem = certificatePem;
  }

  /** When the services' jobs run. */
  public enum Jobs {
    /** Each on its period, on a thread of the server (what a real server does). */
    scheduled,
    /**
     * Only when called ({@link #runIncidents}, {@link #runAmr}, ...): a simulated month moves the
     * clock and runs them itself, so no job runs at a time it did not choose.
     */
    onCall
  }

  /** Migrates the database, loads or makes the certificate, and starts listening. */
  public static ServerApp start(ServerConfig config, Clock clock) {
    return start(config, clock, Jobs.scheduled);
  }

  /** As {@link #start(ServerConfig, Clock)}, with the jobs run as {@code jobMode} says. */
  public static ServerApp start(ServerConfig config, Clock clock, Jobs jobMode) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(jobMode, "jobMode");
    Objects.requireNonNull(clock, "clock");
    LOG.info("starting with {}", config);
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
    }
    SecureRandom random = new SecureRandom();
    TlsMaterial tls =
        TlsMaterial.loadOrCreate(config.dataDir(), config.extraHostNames(), clock, random);
    String url =
        config
            .jdbcUrl()
            .orElseGet(() -> Database.sqliteUrl(config.dataDir().resolve("openrps.db")));
    ServerConfig.Policy policy = config.policy();
    Database database = Database.open(url, policy.dbPoolSize());
    JobScheduler jobs = null;
    try {
      ObjectMapper json = WireJson.newMapper();
      Passwords passwords = new Passwords(random);
      AccountRepository accountRepository = new AccountRepository(database);
      RateLimitRepository rateLimits = new RateLimitRepository(database);
      RateLimiter limiter = new RateLimiter(rateLimits, clock);
      Accounts accounts =
          new Accounts(
              accountRepository,
              passwords,
              limiter,
              new Accounts.LoginLimits(
                  policy.loginsPerMinutePerUser(), policy.loginsPerMinutePerAddress()),
              new Accounts.SecretLimits(
                  policy.secretFailuresPerMinutePerClient(),
                  policy.secretFailuresPerMinutePerAddress()),
              clock);
      SessionRepository sessionRepository = new SessionRepository(database);
      Sessions sessions = new Sessions(sessionRepository, random, clock, SESSION_LIFETIME);
      EnrolmentRepository codes = new EnrolmentRepository(database);
      Enrolment enrolment =
          new Enrolment(
              codes, accountRepository, passwords, random, clock, policy.enrolCodeLifetime());
      CustomerRepository customers = new CustomerRepository(database);
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(metrics);
      new JvmThreadMetrics().bindTo(metrics);
      new ProcessorMetrics().bindTo(metrics);
      Tokens tokens = new Tokens(new TokenRepository(database), random, clock);
      AgentRepository agents = new AgentRepository(database, json);
      DeviceRepository devices = new DeviceRepository(database);
      ReportDecoder decoder =
          new ReportDecoder(
              json,
              policy.maxReportBytes(),
              ReportDecoder.DEFAULT_MAX_DEPTH,
              ReportDecoder.DEFAULT_MAX_STRING,
              policy.maxDevicesPerReport());
      Ingestion ingestion =
          new Ingestion(
              new ReportRepository(database, json),
              limiter,
              policy.uploadsPerMinute(),
              policy.maxClockSkew(),
              clock);
      MeterRepository meterRepository = new MeterRepository(database);
      SupplyRepository supplyRepository = new SupplyRepository(database);
      AlertRepository alertRepository = new AlertRepository(database);
      IncidentRepository incidentRepository = new IncidentRepository(database);
      MailConfig mailConfig = config.mail();
      MailRepository mailRepository = new MailRepository(database);
      Mailer mailer =
          new Mailer(
              mailRepository,
              new MailTemplates(),
              clock,
              mailConfig.digestTime(),
              mailConfig.zone());
      Amr amrService = new Amr(new AmrRepository(database), clock);
      org.openrps.server.asr.Asr asrService =
          new org.openrps.server.asr.Asr(new org.openrps.server.asr.AsrRepository(database));
      Commands commands =
          new Commands(new CommandRepository(database, json), random, clock, Commands.PENDING_POLL);
      Reports reports = Reports.standard(database, clock);
      Routes routes = new Routes();
      List<Routes.Feature> features =
          List.of(
              new AccountRoutes(
                  accounts,
                  customers,
                  enrolment,
                  tokens,
                  limiter,
                  policy.loginsPerMinutePerAddress()),
              new AgentRoutes(agents),
              new IngestRoutes(decoder, ingestion, metrics),
              new FleetRoutes(devices, meterRepository, supplyRepository, alertRepository, json),
              new MeterRoutes(meterRepository, devices::exists),
              new SupplyRoutes(supplyRepository, devices::exists),
              new AlertRoutes(alertRepository, devices::exists),
              new IncidentRoutes(incidentRepository, devices::exists),
              new MailRoutes(
                  mailRepository, (scope, c) -> customers.find(scope, c).isPresent(), clock),
              new AmrRoutes(
                  amrService, (scope, id) -> customers.find(scope, id).map(Customer::name), clock),
              new org.openrps.server.asr.AsrRoutes(
                  asrService,
                  (scope, id) -> customers.find(scope, id).isPresent(),
                  devices::exists,
                  clock),
              new ReportRoutes(reports),
              new CommandRoutes(commands),
              new Dashboard(
                  accounts,
                  sessions,
                  List.of(
                      new org.openrps.server.dashboard.OverviewSection(
                          devices,
                          incidentRepository,
                          asrService.repository(),
                          agents,
                          amrService,
                          customers),
                      new org.openrps.server.dashboard.DevicesSection(
                          devices, supplyRepository, customers),
                      new org.openrps.server.dashboard.DeviceSection(
                          devices,
                          meterRepository,
                          supplyRepository,
                          alertRepository,
                          incidentRepository,
                          asrService,
                          commands,
                          json),
                      new org.openrps.server.dashboard.MeterReadsSection(amrService, customers),
                      new org.openrps.server.dashboard.OrdersSection(
                          asrService.repository(), customers),
                      new org.openrps.server.dashboard.IncidentsSection(
                          incidentRepository, customers),
                      new org.openrps.server.dashboard.AgentsSection(
                          agents, incidentRepository, enrolment, customers),
                      new org.openrps.server.dashboard.AccessSection(
                          enrolment, customers, accountRepository, tokens),
                      new org.openrps.server.dashboard.ReportsSection(reports, customers)),
                  clock));
      features.forEach(f -> f.routes(routes));
      String node = "node-" + Long.toHexString(random.nextLong());
      jobs = new JobScheduler(new JobLeaseRepository(database), node, clock);
      RetentionJob retention =
          new RetentionJob(
              new RetentionRepository(database),
              sessionRepository,
              codes,
              rateLimits,
              policy.retention(),
              policy.retentionPeriod());
      HttpServer http =
          HttpServer.start(
              new HttpServer.Listener(
                  config.bind(),
                  config.port(),
                  tls.keyStore(),
                  tls.password(),
                  policy.maxReportBytes()),
              routes.all(),
              new Authentication(accounts, tokens),
              new HttpServer.Operations(
                  metrics,
                  () -> database.probe(clock.instant()),
                  json.copy().setSerializationInclusion(JsonInclude.Include.ALWAYS),
                  config.metricsToken()));
      java.util.function.Consumer<org.openrps.server.jobs.Job<?>> schedule =
          jobMode == Jobs.scheduled ? jobs::schedule : job -> {};
      schedule.accept(retention);
      IncidentJob incidentJob =
          new IncidentJob(
              incidentRepository, INCIDENT_PERIOD, config.incidents(), mailedIncidents(mailer));
      schedule.accept(incidentJob);
      java.util.Optional<MailOutboxJob> mailOutbox =
          mailConfig
              .smtp()
              .map(
                  smtp ->
                      new MailOutboxJob(
                          mailRepository,
                          new SmtpSender(smtp),
                          node,
                          mailConfig.period(),
                          mailConfig.retry(),
                          mailConfig.maxAttempts(),
                          mailConfig.zone()));
      mailOutbox.ifPresentOrElse(
          schedule, () -> LOG.info("{} - no smtp.host: e-mail is queued, not sent", node));
      AmrJob amrJob = new AmrJob(amrService, mailedMissedReads(mailer), node, AMR_PERIOD);
      schedule.accept(amrJob);
      org.openrps.server.asr.AsrJob asrJob =
          new org.openrps.server.asr.AsrJob(asrService, ASR_PERIOD, mailedOrders(mailer));
      schedule.accept(asrJob);
      CommandJob commandJob = new CommandJob(commands, COMMAND_EXPIRY_PERIOD);
      schedule.accept(commandJob);
      LOG.info(
          "{} - ready on https port {} with {} database; certificate {}",
          node,
          http.port(),
          database.dialect(),
          tls.certificatePem());
      return new ServerApp(
          database,
          http,
          accounts,
          enrolment,
          customers,
          jobs,
          retention,
          incidentJob,
          mailer,
          mailOutbox,
          amrJob,
          amrService,
          asrJob,
          asrService,
          incidentRepository,
          devices,
          commands,
          commandJob,
          tls.certificatePem());
    } catch (RuntimeException e) {
      if (jobs != null) {
        jobs.close();
      }
      database.close();
      throw e;
    }
  }

  /** The HTTPS port, the real one when the config asked for 0. */
  public int port() {
    return http.port();
  }

  /** The server's self-signed certificate, PEM, in the data directory: clients pin it. */
  public Path certificatePem() {
    return certificatePem;
  }

  /** Every dashboard page and form, as "method path" (e.g. {@code post /logout}). */
  public List<String> pageRoutes() {
    return http.pageRoutes();
  }

  /** Every API route, as "method path"; the OpenAPI document lists the same. */
  public List<String> apiRoutes() {
    return http.apiRoutes();
  }

  /**
   * Creates or replaces an agent's credential in the default tenant and site; only its Argon2id
   * hash is stored. The caller may clear {@code secret} afterwards. For tests and benchmarks;
   * agents in the field enrol with a code ({@link #newEnrolCode}).
   */
  public void putAgent(String agentId, char[] secret) {
    putAgent(agentId, secret, TenantId.DEFAULT, SiteId.DEFAULT);
  }

  /** Creates or replaces an agent's credential at a site. */
  public void putAgent(String agentId, char[] secret, TenantId tenant, SiteId site) {
    accounts.putAgent(agentId, secret, tenant, site);
    LOG.info("agent {} - credential set", agentId);
  }

  /** Creates or replaces a customer admin of the default tenant; only the hash is stored. */
  public void putUser(String username, char[] password) {
    putUser(username, password, TenantId.DEFAULT, Role.customer_admin);
  }

  /** Creates or replaces a user with a role; only the hash of the password is stored. */
  public void putUser(String username, char[] password, TenantId tenant, Role role) {
    accounts.putUser(username, password, tenant, role);
    LOG.info("user {} - password set ({} of {})", username, role, tenant);
  }

  /** Adds a customer and its first site, unless they exist. */
  public void addCustomer(TenantId customer, String name, SiteId site, String siteName) {
    customers.insert(Scope.provider(), new Customer(customer, name));
    customers.insertSite(Scope.provider(), new Site(customer, site, siteName));
  }

  /**
   * Makes a one-time enrolment code for a site, as a provider admin would; the code is shown to the
   * caller once and stored only as a hash.
   */
  public Enrolment.Code newEnrolCode(TenantId customer, SiteId site) {
    try {
      return enrolment.newCode(Scope.provider(), "server-console", customer, site);
    } catch (ApiException e) {
      throw new IllegalArgumentException("no site " + site + " for customer " + customer, e);
    }
  }

  /** Who the server's own console acts as: a provider admin. */
  private static final UserPrincipal CONSOLE =
      new UserPrincipal("server-console", TenantId.DEFAULT, Role.provider_admin);

  /** Sets a customer's billing schedule, as a provider admin would (audited as the console). */
  public void setBillingSchedule(TenantId customer, BillingSchedule schedule) {
    amrService.setSchedule(CONSOLE, customer, schedule);
  }

  /** The customer's closed billing periods, newest first. */
  public List<AmrRepository.Period> billingPeriods(TenantId customer) {
    return amrService.periods(Scope.provider(), customer);
  }

  /** The meter reads of one closed period of a customer. */
  public List<MeterRead> meterReads(TenantId customer, String period) {
    return amrService.reads(Scope.provider(), customer, period);
  }

  /** The latest state of every device of every customer. */
  public List<org.openrps.server.fleet.DeviceState> devices() {
    return devices.latest(Scope.provider());
  }

  /**
   * Where each group of one device's latest state came from (agent or Device Direct), or empty when
   * the customer has no such device.
   */
  public java.util.Optional<org.openrps.server.fleet.FieldSources> fieldSources(
      TenantId customer, org.openrps.wire.DeviceRef device) {
    return devices
        .groups(
            Scope.provider(),
            new org.openrps.server.store.DeviceKey(customer, device.make(), device.serial()))
        .map(DeviceRepository.Groups::sources);
  }

  /** Every incident of every customer, newest first, at most {@code limit}. */
  public List<IncidentRepository.Incident> incidents(int limit) {
    return incidentRepository.list(Scope.provider(), false, limit);
  }

  /** Runs the incident job now on this node, when its lease is free (tests, operations). */
  public java.util.Optional<IncidentRepository.Changes> runIncidents() {
    return jobs.runIfLeased(incidents);
  }

  /** Runs the ASR job now on this node, when its lease is free (tests, operations). */
  public java.util.Optional<org.openrps.server.asr.Asr.Outcome> runAsr() {
    return jobs.runIfLeased(asr);
  }

  /** Supply orders of every customer, newest first, at most {@code limit}. */
  public List<org.openrps.server.asr.AsrRepository.Order> orders(int limit) {
    return asrService.repository().list(Scope.provider(), java.util.Optional.empty(), limit);
  }

  /** Supplies that ran empty without an order before, newest first. */
  public List<org.openrps.server.asr.AsrRepository.Miss> supplyMisses(int limit) {
    return asrService.repository().misses(Scope.provider(), limit);
  }

  /** Runs the AMR job now on this node, when its lease is free (tests, operations). */
  public java.util.Optional<AmrJob.Outcome> runAmr() {
    return jobs.runIfLeased(amr);
  }

  /** The command channel: send, find and list commands, as the scope given allows. */
  public Commands commands() {
    return commands;
  }

  /** Runs the command expiry job now on this node, when its lease is free; how many expired. */
  public java.util.Optional<Integer> runCommandExpiry() {
    return jobs.runIfLeased(commandJob);
  }

  /**
   * Creates or replaces a Device Direct device's credential bound to {@code device} (normalised);
   * for tests and benchmarks: devices in the field enrol with a code.
   */
  public void putDevice(
      String clientId,
      char[] secret,
      TenantId tenant,
      SiteId site,
      org.openrps.wire.DeviceRef device) {
    accounts.putDevice(clientId, secret, tenant, site, device);
    LOG.info("device {} - credential set, bound to {}", clientId, device);
  }

  /** Runs the retention job now, if this node gets the lease. */
  public RetentionJob.Outcome runRetention() {
    return jobs.runIfLeased(retention)
        .map(deleted -> new RetentionJob.Outcome(true, deleted))
        .orElseGet(
            () -> new RetentionJob.Outcome(false, new RetentionRepository.Deleted(0, 0, 0, 0)));
  }

  /** What the services call to send e-mail: it only queues. */
  public Mailer mailer() {
    return mailer;
  }

  /**
   * Runs the mail outbox job now, if SMTP is configured and this node gets the lease; empty
   * otherwise.
   */
  public java.util.Optional<MailOutboxJob.Outcome> runMailOutbox() {
    return mailOutbox.flatMap(jobs::runIfLeased);
  }

  @Override
  public void close() {
    try {
      jobs.close();
      http.close();
    } finally {
      database.close();
    }
    LOG.info("stopped");
  }
}
