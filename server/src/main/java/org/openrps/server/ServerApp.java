package org.openrps.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.openrps.server.http.HttpServer;
import org.openrps.server.service.Accounts;
import org.openrps.server.service.Ingestion;
import org.openrps.server.service.Passwords;
import org.openrps.server.service.ReportDecoder;
import org.openrps.server.service.Sessions;
import org.openrps.server.store.AccountRepository;
import org.openrps.server.store.Database;
import org.openrps.server.store.DeviceRepository;
import org.openrps.server.store.ReportRepository;
import org.openrps.server.store.SessionRepository;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
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
  private final HttpServer http;
  private final Accounts accounts;
  private final Path certificatePem;

  private ServerApp(Database database, HttpServer http, Accounts accounts, Path certificatePem) {
    this.database = database;
    this.http = http;
    this.accounts = accounts;
    this.certificatePem = certificatePem;
  }

  /** Migrates the database, loads or makes the certificate, and starts listening. */
  public static ServerApp start(ServerConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
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
    Database database = Database.open(url);
    try {
      ObjectMapper json = WireJson.newMapper();
      Accounts accounts =
          new Accounts(new AccountRepository(database), new Passwords(random), clock);
      Sessions sessions =
          new Sessions(new SessionRepository(database), random, clock, SESSION_LIFETIME);
      HttpServer.Services services =
          new HttpServer.Services(
              accounts,
              sessions,
              new ReportDecoder(json, ReportDecoder.DEFAULT_MAX_BYTES),
              new Ingestion(new ReportRepository(database, json), clock),
              new DeviceRepository(database),
              json);
      HttpServer http = HttpServer.start(config.port(), tls.keyStore(), tls.password(), services);
      LOG.info(
          "ready on https port {} with {} database; certificate {}",
          http.port(),
          database.dialect(),
          tls.certificatePem());
      return new ServerApp(database, http, accounts, tls.certificatePem());
    } catch (RuntimeException e) {
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

  /**
   * Creates or replaces an agent's credential in the default tenant and site; only its Argon2id
   * hash is stored. The caller may clear {@code secret} afterwards.
   */
  public void putAgent(String agentId, char[] secret) {
    accounts.putAgent(agentId, secret, TenantId.DEFAULT, SiteId.DEFAULT);
    LOG.info("agent {} - credential set", agentId);
  }

  /** Creates or replaces a dashboard user of the default tenant; only the hash is stored. */
  public void putUser(String username, char[] password) {
    accounts.putUser(username, password, TenantId.DEFAULT);
    LOG.info("user {} - password set", username);
  }

  @Override
  public void close() {
    try {
      http.close();
    } finally {
      database.close();
    }
    LOG.info("stopped");
  }
}
