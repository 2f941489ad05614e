package org.openrps.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How to run a server: parsed and validated once, then frozen.
 *
 * @param dataDir where the server keeps its TLS key and certificate and, by default, its SQLite
 *     database ({@code openrps.db})
 * @param port the HTTPS port; 0 takes any free port (see {@link ServerApp#port()})
 * @param jdbcUrl {@code jdbc:postgresql://…} or {@code jdbc:sqlite:…}; empty means the SQLite file
 *     in {@code dataDir}
 * @param extraHostNames names and addresses to put in the certificate besides localhost, 127.0.0.1,
 *     ::1 and this machine's host name; used when the certificate is first made
 * @param policy limits, retention and lifetimes
 * @param bind the local address to listen on (key {@code bind}, {@code OPENRPS_BIND}, {@code
 *     --bind}); empty for every interface
 * @param metricsToken the token that {@code GET /metrics} requires as {@code Authorization: Bearer
 *     <token>} (key {@code metrics.token}, {@code OPENRPS_METRICS_TOKEN}); without one, {@code
 *     /metrics} answers only requests from a loopback address (403 otherwise)
 * @param mail SMTP and the mail outbox (keys {@code smtp.*}, {@code mail.*})
 * @param incidents the incident job's hold-down and silence thresholds (keys {@code incidents.*})
 */
public record ServerConfig(
    Path dataDir,
    int port,
    Optional<String> jdbcUrl,
    Set<String> extraHostNames,
    Policy policy,
    String bind,
    Optional<String> metricsToken,
    org.openrps.server.mail.MailConfig mail,
    org.openrps.server.incidents.IncidentRules incidents) {

  /**
   * Limits, retention and lifetimes, with production defaults.
   *
   * @param retention how long history (snapshots and readings) is kept
   * @param retentionPeriod how often the retention job runs (on one node at a time)
   * @param uploadsPerMinute uploads one agent may make a minute, counted across every node
   * @param loginsPerMinutePerUser failed password checks a minute for one user name from one client
   *     address, after which that user is refused from that address until the window moves (correct
   *     passwords are not counted)
   * @param loginsPerMinutePerAddress failed password checks a minute from one client address, for
   *     any user, after which password checks from that address are refused
   * @param enrolCodeLifetime how long an enrolment code works
   * @param maxReportBytes an upload's size, before and after inflation
   * @param maxDevicesPerReport devices in one report
   * @param dbPoolSize connections this node opens to PostgreSQL
   * @param secretFailuresPerMinutePerClient failed agent or device secret checks a minute for one
   *     client id (see {@link org.openrps.server.accounts.Accounts} for who still gets in)
   * @param secretFailuresPerMinutePerAddress failed agent or device secret checks a minute from one
   *     client address
   * @param maxClockSkew how far ahead of the server's clock a reading may be dated (key {@code
   *     clock.skew.minutes}, default 10); a report with a reading further ahead is refused with
   *     {@code report.clock_ahead} (422) and stays with its sender
   */
  public record Policy(
      Duration retention,
      Duration retentionPeriod,
      int uploadsPerMinute,
      int loginsPerMinutePerUser,
      int loginsPerMinutePerAddress,
      Duration enrolCodeLifetime,
      long maxReportBytes,
      int maxDevicesPerReport,
      int dbPoolSize,
      int secretFailuresPerMinutePerClient,
      int secretFailuresPerMinutePerAddress,
      Duration maxClockSkew) {

    public static final Policy DEFAULTS =
        new Policy(
            Duration.ofDays(400),
            Duration.ofHours(1),
            60,
            10,
            30,
            Duration.ofHours(24),
            10L * 1024 * 1024,
            10_000,
            10,
            10,
            50,
            Duration.ofMinutes(10));

    public Policy {
      positive("retention", retention);
      positive("retentionPeriod", retentionPeriod);
      positive("enrolCodeLifetime", enrolCodeLifetime);
      atLeast("uploadsPerMinute", uploadsPerMinute, 1);
      atLeast("loginsPerMinutePerUser", loginsPerMinutePerUser, 1);
      atLeast("loginsPerMinutePerAddress", loginsPerMinutePerAddress, 1);
      atLeast("maxReportBytes", maxReportBytes, 1024);
      atLeast("maxDevicesPerReport", maxDevicesPerReport, 1);
      atLeast("dbPoolSize", dbPoolSize, 1);
      atLeast("secretFailuresPerMinutePerClient", secretFailuresPerMinutePerClient, 1);
      atLeast("secretFailuresPerMinutePerAddress", secretFailuresPerMinutePerAddress, 1);
      Objects.requireNonNull(maxClockSkew, "maxClockSkew");
      if (maxClockSkew.isNegative()) {
        throw new IllegalArgumentException("maxClockSkew must not be negative: " + maxClockSkew);
      }
    }

    /** The limits without the secret-failure ones, which take their defaults. */
    public Policy(
        Duration retention,
        Duration retentionPeriod,
        int uploadsPerMinute,
        int loginsPerMinutePerUser,
        int loginsPerMinutePerAddress,
        Duration enrolCodeLifetime,
        long maxReportBytes,
        int maxDevicesPerReport,
        int dbPoolSize) {
      this(
          retention,
          retentionPeriod,
          uploadsPerMinute,
          loginsPerMinutePerUser,
          loginsPerMinutePerAddress,
          enrolCodeLifetime,
          maxReportBytes,
          maxDevicesPerReport,
          dbPoolSize,
          10,
          50,
          Duration.ofMinutes(10));
    }

    public Policy withUploadsPerMinute(int value) {
      return new Policy(
          retention,
          retentionPeriod,
          value,
          loginsPerMinutePerUser,
          loginsPerMinutePerAddress,
          enrolCodeLifetime,
          maxReportBytes,
          maxDevicesPerReport,
          dbPoolSize,
          secretFailuresPerMinutePerClient,
          secretFailuresPerMinutePerAddress,
          maxClockSkew);
    }

    public Policy withDbPoolSize(int value) {
      return new Policy(
          retention,
          retentionPeriod,
          uploadsPerMinute,
          loginsPerMinutePerUser,
          loginsPerMinutePerAddress,
          enrolCodeLifetime,
          maxReportBytes,
          maxDevicesPerReport,
          value,
          secretFailuresPerMinutePerClient,
          secretFailuresPerMinutePerAddress,
          maxClockSkew);
    }

    private static void positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
    }

    private static void atLeast(String name, long value, long min) {
      if (value < min) {
        throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
      }
    }
  }

  /** A configuration value that breaks a rule; the message names the source, key and rule. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
      super(message, null, false, false);
    }
  }

  /** The keys of a configuration file; in the environment, {@code OPENRPS_} + upper case, _. */
  static final Set<String> KEYS =
      new TreeSet<>(
          Set.of(
              "data",
              "port",
              "db.url",
              "host.names",
              "retention.days",
              "retention.period.minutes",
              "uploads.per.minute",
              "logins.per.minute.user",
              "logins.per.minute.address",
              "enrol.code.hours",
              "report.max.bytes",
              "report.max.devices",
              "db.pool.size",
              "bind",
              "metrics.token",
              "secret.failures.per.minute.client",
              "secret.failures.per.minute.address",
              "clock.skew.minutes",
              "smtp.host",
              "smtp.port",
              "smtp.security",
              "smtp.user",
              "smtp.password",
              "smtp.from",
              "smtp.timeout.seconds",
              "smtp.ca.file",
              "mail.max.attempts",
              "mail.retry.minutes",
              "mail.period.seconds",
              "mail.digest.time",
              "mail.digest.zone",
              "incidents.hold.down.minutes",
              "incidents.device.silent.hours",
              "incidents.agent.silent.hours"));

  public ServerConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
    }
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    extraHostNames = Set.copyOf(Objects.requireNonNull(extraHostNames, "extraHostNames"));
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(metricsToken, "metricsToken");
    if (metricsToken.isPresent() && metricsToken.get().length() < 16) {
      throw new IllegalArgumentException("metrics.token must have at least 16 characters");
    }
    Objects.requireNonNull(mail, "mail");
    Objects.requireNonNull(incidents, "incidents");
  }

  public ServerConfig withIncidents(org.openrps.server.incidents.IncidentRules value) {
    return new ServerConfig(
        dataDir, port, jdbcUrl, extraHostNames, policy, bind, metricsToken, mail, value);
  }

  public ServerConfig(
      Path dataDir,
      int port,
      Optional<String> jdbcUrl,
      Set<String> extraHostNames,
      Policy policy,
      String bind,
      Optional<String> metricsToken) {
    this(
        dataDir,
        port,
        jdbcUrl,
        extraHostNames,
        policy,
        bind,
        metricsToken,
        org.openrps.server.mail.MailConfig.DEFAULTS,
        org.openrps.server.incidents.IncidentRules.DEFAULTS);
  }

  public ServerConfig(
      Path dataDir, int port, Optional<String> jdbcUrl, Set<String> extraHostNames, Policy policy) {
    this(dataDir, port, jdbcUrl, extraHostNames, policy, "", Optional.empty());
  }

  public ServerConfig(
      Path dataDir, int port, Optional<String> jdbcUrl, Set<String> extraHostNames) {
    this(dataDir, port, jdbcUrl, extraHostNames, Policy.DEFAULTS);
  }

  /** The embedded defaults: SQLite in {@code dataDir}, no extra host names. */
  public static ServerConfig embedded(Path dataDir, int port) {
    return new ServerConfig(dataDir, port, Optional.empty(), Set.of());
  }

  public ServerConfig withPolicy(Policy newPolicy) {
    return new ServerConfig(
        dataDir, port, jdbcUrl, extraHostNames, newPolicy, bind, metricsToken, mail, incidents);
  }

  public ServerConfig withJdbcUrl(Optional<String> url) {
    return new ServerConfig(
        dataDir, port, url, extraHostNames, policy, bind, metricsToken, mail, incidents);
  }

  public ServerConfig withBind(String address) {
    return new ServerConfig(
        dataDir, port, jdbcUrl, extraHostNames, policy, address, metricsToken, mail, incidents);
  }

  public ServerConfig withMail(org.openrps.server.mail.MailConfig value) {
    return new ServerConfig(
        dataDir, port, jdbcUrl, extraHostNames, policy, bind, metricsToken, value, incidents);
  }

  public ServerConfig withMetricsToken(Optional<String> token) {
    return new ServerConfig(
        dataDir, port, jdbcUrl, extraHostNames, policy, bind, token, mail, incidents);
  }

  /**
   * Reads a configuration: the file (Java properties, optional), then the environment ({@code
   * OPENRPS_PORT}, {@code OPENRPS_DB_URL}, …), which wins; then {@code overrides} (command-line
   * options), which win over both. Unknown keys and broken values stop start-up with a {@link
   * ConfigException} naming where the value came from, the key and the rule.
   */
  public static ServerConfig load(
      Optional<Path> file, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> origin = new LinkedHashMap<>();
    if (file.isPresent()) {
      Properties properties = new Properties();
      try (Reader in = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
        properties.load(in);
      } catch (IOException e) {
        throw new ConfigException("cannot read configuration file " + file.get() + ": " + e);
      }
      for (String key : properties.stringPropertyNames()) {
        if (!KEYS.contains(key)) {
          throw new ConfigException(
              file.get() + ": unknown key '" + key + "'; known keys: " + String.join(", ", KEYS));
        }
        values.put(key, properties.getProperty(key).trim());
        origin.put(key, file.get().toString());
      }
    }
    for (String key : KEYS) {
      String env = "OPENRPS_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
      String value = environment.get(env);
      if (value != null && !value.isBlank()) {
        values.put(key, value.trim());
        origin.put(key, "environment variable " + env);
      }
    }
    overrides.forEach(
        (key, value) -> {
          if (!KEYS.contains(key)) {
            throw new IllegalArgumentException("unknown configuration key " + key);
          }
          values.put(key, value);
          origin.put(key, "command line");
        });
    Values r = new Values(values, origin);
    Policy d = Policy.DEFAULTS;
    Policy policy;
    try {
      policy =
          new Policy(
              Duration.ofDays(r.integer("retention.days", 1, 36_500, d.retention().toDays())),
              Duration.ofMinutes(
                  r.integer(
                      "retention.period.minutes", 1, 10_080, d.retentionPeriod().toMinutes())),
              (int) r.integer("uploads.per.minute", 1, 1_000_000, d.uploadsPerMinute()),
              (int) r.integer("logins.per.minute.user", 1, 10_000, d.loginsPerMinutePerUser()),
              (int)
                  r.integer("logins.per.minute.address", 1, 100_000, d.loginsPerMinutePerAddress()),
              Duration.ofHours(
                  r.integer("enrol.code.hours", 1, 720, d.enrolCodeLifetime().toHours())),
              r.integer("report.max.bytes", 1024, 1L << 30, d.maxReportBytes()),
              (int) r.integer("report.max.devices", 1, 100_000, d.maxDevicesPerReport()),
              (int) r.integer("db.pool.size", 1, 500, d.dbPoolSize()),
              (int)
                  r.integer(
                      "secret.failures.per.minute.client",
                      1,
                      10_000,
                      d.secretFailuresPerMinutePerClient()),
              (int)
                  r.integer(
                      "secret.failures.per.minute.address",
                      1,
                      100_000,
                      d.secretFailuresPerMinutePerAddress()),
              Duration.ofMinutes(
                  r.integer("clock.skew.minutes", 0, 1440, d.maxClockSkew().toMinutes())));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    Optional<String> url = Optional.ofNullable(values.get("db.url"));
    if (url.isPresent()
        && !url.get().startsWith("jdbc:postgresql:")
        && !url.get().startsWith("jdbc:sqlite:")) {
      throw new ConfigException(
          origin.get("db.url") + ": key 'db.url' must start with jdbc:postgresql: or jdbc:sqlite:");
    }
    Set<String> hosts =
        Optional.ofNullable(values.get("host.names"))
            .map(
                h ->
                    Arrays.stream(h.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet()))
            .orElse(Set.of());
    return new ServerConfig(
        Path.of(values.getOrDefault("data", "server-data")),
        (int) r.integer("port", 0, 65535, 8443),
        url,
        hosts,
        policy,
        bind(values, origin),
        metricsToken(values, origin),
        mail(values, origin, r),
        incidents(r));
  }

  private static org.openrps.server.incidents.IncidentRules incidents(Values r) {
    org.openrps.server.incidents.IncidentRules d =
        org.openrps.server.incidents.IncidentRules.DEFAULTS;
    return new org.openrps.server.incidents.IncidentRules(
        Duration.ofMinutes(
            r.integer("incidents.hold.down.minutes", 0, 1440, d.holdDown().toMinutes())),
        Duration.ofHours(
            r.integer(
                "incidents.device.silent.hours", 1, 24 * 60, d.deviceSilentAfter().toHours())),
        Duration.ofHours(
            r.integer("incidents.agent.silent.hours", 1, 24 * 60, d.agentSilentAfter().toHours())));
  }

  private static org.openrps.server.mail.MailConfig mail(
      Map<String, String> values, Map<String, String> origin, Values r) {
    org.openrps.server.mail.MailConfig d = org.openrps.server.mail.MailConfig.DEFAULTS;
    java.time.LocalTime digest = d.digestTime();
    if (values.containsKey("mail.digest.time")) {
      try {
        digest = java.time.LocalTime.parse(values.get("mail.digest.time"));
      } catch (java.time.format.DateTimeParseException e) {
        throw new ConfigException(
            origin.get("mail.digest.time")
                + ": key 'mail.digest.time' must be HH:MM, not '"
                + values.get("mail.digest.time")
                + "'");
      }
    }
    java.time.ZoneId zone = d.zone();
    if (values.containsKey("mail.digest.zone")) {
      try {
        zone = java.time.ZoneId.of(values.get("mail.digest.zone"));
      } catch (java.time.DateTimeException e) {
        throw new ConfigException(
            origin.get("mail.digest.zone")
                + ": key 'mail.digest.zone' must be a time zone such as"
                + " Europe/Paris, not '"
                + values.get("mail.digest.zone")
                + "'");
      }
    }
    Optional<org.openrps.mailer.SmtpSettings> smtp = Optional.empty();
    String host = values.get("smtp.host");
    if (host == null) {
      for (String key : KEYS) {
        if (key.startsWith("smtp.") && values.containsKey(key)) {
          throw new ConfigException(origin.get(key) + ": key '" + key + "' needs smtp.host");
        }
      }
    } else {
      String security = values.getOrDefault("smtp.security", "starttls");
      org.openrps.mailer.SmtpSettings.Security sec =
          org.openrps.mailer.SmtpSettings.Security.parse(security)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          origin.get("smtp.security")
                              + ": key 'smtp.security' must be none, starttls or tls, not '"
                              + security
                              + "'"));
      long defaultPort = sec.defaultPort();
      if (!values.containsKey("smtp.from")) {
        throw new ConfigException(origin.get("smtp.host") + ": smtp.host needs smtp.from");
      }
      try {
        smtp =
            Optional.of(
                new org.openrps.mailer.SmtpSettings(
                    host,
                    (int) r.integer("smtp.port", 1, 65535, defaultPort),
                    sec,
                    Optional.ofNullable(values.get("smtp.user")),
                    Optional.ofNullable(values.get("smtp.password")),
                    values.get("smtp.from"),
                    Duration.ofSeconds(r.integer("smtp.timeout.seconds", 1, 600, 30)),
                    Optional.ofNullable(values.get("smtp.ca.file")).map(Path::of)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(origin.get("smtp.host") + ": " + e.getMessage());
      }
    }
    return new org.openrps.server.mail.MailConfig(
        smtp,
        (int) r.integer("mail.max.attempts", 1, 1000, d.maxAttempts()),
        Duration.ofMinutes(r.integer("mail.retry.minutes", 1, 1440, d.retry().toMinutes())),
        Duration.ofSeconds(r.integer("mail.period.seconds", 5, 3600, d.period().toSeconds())),
        digest,
        zone);
  }

  private static String bind(Map<String, String> values, Map<String, String> origin) {
    String bind = values.getOrDefault("bind", "").trim();
    if (!bind.isEmpty() && !bind.matches("[0-9A-Fa-f.:]+|[A-Za-z0-9.-]+")) {
      throw new ConfigException(
          origin.get("bind")
              + ": key 'bind' must be an IP address or host name, not '"
              + bind
              + "'");
    }
    return bind;
  }

  private static Optional<String> metricsToken(
      Map<String, String> values, Map<String, String> origin) {
    Optional<String> token = Optional.ofNullable(values.get("metrics.token"));
    if (token.isPresent() && (token.get().length() < 16 || token.get().contains(" "))) {
      throw new ConfigException(
          origin.get("metrics.token")
              + ": key 'metrics.token' must have at least 16 characters and no spaces");
    }
    return token;
  }

  private record Values(Map<String, String> values, Map<String, String> origin) {
    long integer(String key, long min, long max, long fallback) {
      String value = values.get(key);
      if (value == null) {
        return fallback;
      }
      long n;
      try {
        n = Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new ConfigException(
            origin.get(key) + ": key '" + key + "' must be a whole number, not '" + value + "'");
      }
      if (n < min || n > max) {
        throw new ConfigException(
            origin.get(key)
                + ": key '"
                + key
                + "' must be between "
                + min
                + " and "
                + max
                + ", not "
                + n);
      }
      return n;
    }
  }

  @Override
  public String toString() {
    return "ServerConfig[dataDir="
        + dataDir
        + ", port="
        + port
        + ", db="
        + jdbcUrl
            .map(u -> u.contains("?") ? u.substring(0, u.indexOf('?')) + "?…" : u)
            .orElse("sqlite in dataDir")
        + ", extraHostNames="
        + extraHostNames
        + ", bind="
        + (bind.isEmpty() ? "*" : bind)
        + ", metricsToken="
        + metricsToken.map(t -> "****").orElse("none (loopback only)")
        + ", "
        + policy
        + ", mail="
        + mail.smtp().map(Object::toString).orElse("not sent (no smtp.host)")
        + "]";
  }
}
