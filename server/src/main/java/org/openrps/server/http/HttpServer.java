package org.openrps.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
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
import org.openrps.server.service.Enrolment;
import org.openrps.server.service.Ingestion;
import org.openrps.server.service.RateLimiter;
import org.openrps.server.service.ReportDecoder;
import org.openrps.server.service.Sessions;
import org.openrps.server.service.Tokens;
import org.openrps.server.service.UserPrincipal;
import org.openrps.server.store.AccountRepository;
import org.openrps.server.store.CustomerRepository;
import org.openrps.server.store.DeviceRepository;
import org.openrps.server.store.DeviceState;
import org.openrps.wire.ErrorBody;
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
      CustomerRepository customers,
      AccountRepository agents,
      Enrolment enrolment,
      Tokens tokens,
      RateLimiter limiter,
      int enrolPerMinutePerAddress,
      PrometheusMeterRegistry metrics,
      BooleanSupplier databaseReady,
      ObjectMapper json) {
    public Services {
      Objects.requireNonNull(accounts, "accounts");
      Objects.requireNonNull(sessions, "sessions");
      Objects.requireNonNull(decoder, "decoder");
      Objects.requireNonNull(ingestion, "ingestion");
      Objects.requireNonNull(devices, "devices");
      Objects.requireNonNull(customers, "customers");
      Objects.requireNonNull(agents, "agents");
      Objects.requireNonNull(enrolment, "enrolment");
      Objects.requireNonNull(tokens, "tokens");
      Objects.requireNonNull(limiter, "limiter");
      Objects.requireNonNull(metrics, "metrics");
      Objects.requireNonNull(databaseReady, "databaseReady");
      Objects.requireNonNull(json, "json");
    }

    /** The OpenAPI document, a resource of this package. */
    byte[] openApi() {
      return OPENAPI.get();
    }
  }

  private static final Supplier<byte[]> OPENAPI =
      () -> {
        try (InputStream in = HttpServer.class.getResourceAsStream("openapi.json")) {
          if (in == null) {
            throw new IllegalStateException("openapi.json is missing from the jar");
          }
          return in.readAllBytes();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };

  private final Javalin app;
  private final ServerConnector connector;
  private final List<Api.Route> routes;

  private HttpServer(Javalin app, ServerConnector connector, List<Api.Route> routes) {
    this.app = app;
    this.connector = connector;
    this.routes = routes;
  }

  /** Every API route as "METHOD path" (lower-case method), as the OpenAPI document lists them. */
  public List<String> apiRoutes() {
    return routes.stream().map(r -> r.method() + " " + r.path()).toList();
  }

  /**
   * Starts HTTPS (TLS 1.2 and 1.3 only) on the port, 0 for any; plain HTTP is not served at all.
   */
  public static HttpServer start(
      int port, KeyStore keyStore, char[] keyStorePassword, Services services) {
    AtomicReference<ServerConnector> connector = new AtomicReference<>();
    Dashboard dashboard = new Dashboard(services);
    Api api = new Api(services);
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
              config.routes.before(ctx -> ctx.attribute("openrps.metrics", services.metrics()));
              config.requestLogger.http((ctx, ms) -> accessLog(ctx, ms, services));
              api.register(config.routes);
              config.routes.get(
                  "/health/live",
                  ctx -> writeJson(ctx, services.json(), 200, Map.of("status", "up")));
              config.routes.get("/health/ready", ctx -> ready(ctx, services));
              config.routes.get("/health", ctx -> ready(ctx, services));
              config.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.status(200)
                          .contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(services.metrics().scrape()));
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
    return new HttpServer(app, connector.get(), api.routes());
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

  private static final Logger ACCESS = LoggerFactory.getLogger("org.openrps.server.access");

  /**
   * One line per request: address, method, path (never the query string or a header), status and
   * time; and the request timer for /metrics, by route template.
   */
  private static void accessLog(Context ctx, Float ms, Services services) {
    String route;
    try {
      route = ctx.endpoint().path;
    } catch (RuntimeException e) {
      route = "unmatched";
    }
    int status = ctx.statusCode();
    services
        .metrics()
        .timer(
            "http.server.requests",
            "method",
            ctx.method().name(),
            "route",
            route,
            "status",
            Integer.toString(status))
        .record(Duration.ofNanos((long) (ms * 1_000_000)));
    ACCESS.info(
        "{} {} {} {} {}ms", ctx.ip(), ctx.method().name(), ctx.path(), status, Math.round(ms));
  }

  private static void ready(Context ctx, Services services) {
    boolean up = services.databaseReady().getAsBoolean();
    writeJson(
        ctx,
        services.json(),
        up ? 200 : 503,
        Map.of("status", up ? "up" : "down", "database", up ? "up" : "down"));
  }

  static Map<String, Object> deviceJson(DeviceState d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("customer", d.tenant().value());
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
    Map<String, Object> sources = new LinkedHashMap<>();
    sources.put("address", d.sources().address());
    sources.put("totalPages", d.sources().totalPages().orElse(null));
    sources.put("lowestSupplyPercent", d.sources().lowestSupplyPercent().orElse(null));
    sources.put("printerStatus", d.sources().printerStatus());
    m.put("sources", sources);
    return m;
  }

  static AgentPrincipal authenticateAgent(Context ctx, Accounts accounts) {
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

  /** A user by {@code Bearer} API token or by HTTP Basic name and password (rate-limited). */
  static UserPrincipal authenticateUser(Context ctx, Services services) {
    String header = ctx.header("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return services
          .tokens()
          .authenticate(header.substring(7).trim())
          .orElseThrow(ApiException::invalidCredentials);
    }
    Optional<BasicCredentials> credentials = BasicCredentials.parse(header);
    if (credentials.isEmpty()) {
      throw ApiException.invalidCredentials();
    }
    try (BasicCredentials c = credentials.get()) {
      return services
          .accounts()
          .authenticateUser(c.name(), c.secret(), ctx.ip())
          .orElseThrow(ApiException::invalidCredentials);
    }
  }

  private static Optional<PrometheusMeterRegistry> metricsOf(Context ctx) {
    return Optional.ofNullable(ctx.attribute("openrps.metrics"));
  }

  /** The one place where a refusal becomes an HTTP answer. */
  private static void refuse(Context ctx, ObjectMapper json, ApiException e) {
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Basic realm=\"openrps\", charset=\"UTF-8\"");
    }
    if (e.status() == 413) {
      ctx.header("Connection", "close");
    }
    if (e.retryAfterSeconds() > 0) {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
    }
    metricsOf(ctx).ifPresent(m -> m.counter("openrps.refusals", "code", e.code()).increment());
    LOG.debug("{} {} - refused: {} {}", ctx.method(), ctx.path(), e.code(), e.getMessage());
    writeJson(ctx, json, e.status(), new ErrorBody(e.code(), e.getMessage()));
  }

  static void writeJson(Context ctx, ObjectMapper json, int status, Object body) {
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
