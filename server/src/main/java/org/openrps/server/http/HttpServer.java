package org.openrps.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openrps.server.service.Accounts;
import org.openrps.server.service.AgentPrincipal;
import org.openrps.server.service.ApiException;
import org.openrps.server.service.Ingestion;
import org.openrps.server.service.ReportDecoder;
import org.openrps.server.service.Sessions;
import org.openrps.server.service.UserPrincipal;
import org.openrps.server.store.DeviceRepository;
import org.openrps.server.store.DeviceState;
import org.openrps.wire.ErrorBody;
import org.openrps.wire.Receipt;
import org.openrps.wire.Report;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS listener: the agent API, the read API and the dashboard. Javalin and Jetty stay inside
 * this package.
 *
 * <p>Endpoints: {@code POST /api/v1/reports} (agent, HTTP Basic), {@code GET /api/v1/devices}
 * (user, HTTP Basic), {@code GET /} (dashboard, session), {@code GET|POST /login}, {@code POST
 * /logout}.
 */
public final class HttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  private static final String JSON = "application/json";

  /** What the HTTP layer serves from. */
  public record Services(
      Accounts accounts,
      Sessions sessions,
      ReportDecoder decoder,
      Ingestion ingestion,
      DeviceRepository devices,
      ObjectMapper json) {
    public Services {
      Objects.requireNonNull(accounts, "accounts");
      Objects.requireNonNull(sessions, "sessions");
      Objects.requireNonNull(decoder, "decoder");
      Objects.requireNonNull(ingestion, "ingestion");
      Objects.requireNonNull(devices, "devices");
      Objects.requireNonNull(json, "json");
    }
  }

  private final Javalin app;
  private final ServerConnector connector;

  private HttpServer(Javalin app, ServerConnector connector) {
    this.app = app;
    this.connector = connector;
  }

  /**
   * Starts HTTPS (TLS 1.2 and 1.3 only) on the port, 0 for any; plain HTTP is not served at all.
   */
  public static HttpServer start(
      int port, KeyStore keyStore, char[] keyStorePassword, Services services) {
    AtomicReference<ServerConnector> connector = new AtomicReference<>();
    Dashboard dashboard = new Dashboard(services);
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.http.maxRequestSize = services.decoder().maxBytes();
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setSendServerVersion(false);
                    http.setSendXPoweredBy(false);
                  });
              config.jetty.addConnector(
                  (server, httpConfig) -> {
                    SslContextFactory.Server ssl = new SslContextFactory.Server();
                    ssl.setKeyStore(keyStore);
                    ssl.setKeyStorePassword(new String(keyStorePassword));
                    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
                    ssl.setSniRequired(false);
                    HttpConfiguration https = new HttpConfiguration(httpConfig);
                    https.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
                    ServerConnector c =
                        new ServerConnector(
                            server,
                            new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                            new HttpConnectionFactory(https));
                    c.setPort(port);
                    connector.set(c);
                    return c;
                  });
              config.routes.before(HttpServer::securityHeaders);
              config.routes.post("/api/v1/reports", ctx -> postReport(ctx, services));
              config.routes.get("/api/v1/devices", ctx -> getDevices(ctx, services));
              dashboard.register(config.routes);
              config.routes.exception(
                  ApiException.class, (e, ctx) -> refuse(ctx, services.json(), e));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error("{} {} - failed", ctx.method(), ctx.path(), e);
                    writeJson(
                        ctx,
                        services.json(),
                        500,
                        new ErrorBody("server.error", "the server failed; see its log"));
                  });
              config.routes.error(
                  404,
                  ctx -> {
                    if (ctx.result() == null || ctx.result().isEmpty()) {
                      writeJson(
                          ctx,
                          services.json(),
                          404,
                          new ErrorBody("not_found", "no such resource: " + ctx.path()));
                    }
                  });
            });
    app.start();
    LOG.info("HTTPS listening on port {}", connector.get().getLocalPort());
    return new HttpServer(app, connector.get());
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    app.stop();
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'");
  }

  private static void postReport(Context ctx, Services services) {
    AgentPrincipal agent = authenticateAgent(ctx, services.accounts());
    long length = ctx.req().getContentLengthLong();
    services.decoder().checkDeclaredLength(length);
    Report report;
    try {
      report =
          services
              .decoder()
              .decode(
                  new ReportDecoder.Body(
                      ctx.req().getInputStream(),
                      length,
                      ctx.header("Content-Type"),
                      ctx.header("Content-Encoding")));
    } catch (java.io.IOException e) {
      throw ApiException.malformed("the body could not be read: " + e.getMessage());
    }
    Receipt receipt = services.ingestion().accept(agent, report);
    writeJson(ctx, services.json(), receipt.duplicate() ? 200 : 201, receipt);
  }

  private static void getDevices(Context ctx, Services services) {
    UserPrincipal user = authenticateUser(ctx, services.accounts());
    List<DeviceState> devices = services.devices().latest(user.tenant());
    List<Map<String, Object>> body = devices.stream().map(HttpServer::deviceJson).toList();
    writeJson(ctx, services.json(), 200, body);
  }

  private static Map<String, Object> deviceJson(DeviceState d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site", d.site().value());
    m.put("make", d.make());
    m.put("model", d.model());
    m.put("serial", d.serial());
    m.put("address", d.address());
    m.put("lastSeen", d.lastSeen());
    m.put("totalPages", d.totalPages().isPresent() ? d.totalPages().getAsLong() : null);
    m.put(
        "lowestSupplyPercent",
        d.lowestSupplyPercent().isPresent() ? d.lowestSupplyPercent().getAsDouble() : null);
    m.put("printerStatus", d.printerStatus());
    return m;
  }

  private static AgentPrincipal authenticateAgent(Context ctx, Accounts accounts) {
    Optional<BasicCredentials> credentials = BasicCredentials.parse(ctx.header("Authorization"));
    if (credentials.isEmpty()) {
      throw ApiException.invalidCredentials();
    }
    try (BasicCredentials c = credentials.get()) {
      return accounts
          .authenticateAgent(c.name(), c.secret())
          .orElseThrow(ApiException::invalidCredentials);
    }
  }

  private static UserPrincipal authenticateUser(Context ctx, Accounts accounts) {
    Optional<BasicCredentials> credentials = BasicCredentials.parse(ctx.header("Authorization"));
    if (credentials.isEmpty()) {
      throw ApiException.invalidCredentials();
    }
    try (BasicCredentials c = credentials.get()) {
      return accounts
          .authenticateUser(c.name(), c.secret())
          .orElseThrow(ApiException::invalidCredentials);
    }
  }

  /** The one place where a refusal becomes an HTTP answer. */
  private static void refuse(Context ctx, ObjectMapper json, ApiException e) {
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Basic realm=\"openrps\", charset=\"UTF-8\"");
    }
    if (e.status() == 413) {
      ctx.header("Connection", "close");
    }
    LOG.debug("{} {} - refused: {} {}", ctx.method(), ctx.path(), e.code(), e.getMessage());
    writeJson(ctx, json, e.status(), new ErrorBody(e.code(), e.getMessage()));
  }

  private static void writeJson(Context ctx, ObjectMapper json, int status, Object body) {
    try {
      ctx.status(status).contentType(JSON).result(json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a response as JSON", e);
    }
  }

  static void redirect(Context ctx, String location) {
    ctx.redirect(location, HttpStatus.SEE_OTHER);
  }
}
