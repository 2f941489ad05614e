package org.openrps.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openrps.wire.ErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS listener: Javalin and Jetty stay inside this package. The features hand it their {@link
 * Route}s; it adapts each request to a {@link Request}, writes each {@link Response}, turns every
 * {@link ApiException} (and every other failure) into one JSON error body, and serves {@code
 * /health/*}, {@code /metrics} and the OpenAPI document itself.
 */
public final class HttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("org.openrps.server.access");
  private static final String JSON = "application/json";

  /**
   * TLS 1.2 suites with forward secrecy (the certificate is EC, so the ECDSA ones are used) and an
   * AEAD cipher; TLS 1.3 has only such suites.
   */
  private static final String[] TLS12_AEAD_SUITES = {
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_AES_128_GCM_SHA256",
    "TLS_CHACHA20_POLY1305_SHA256"
  };

  /**
   * Where and how to listen.
   *
   * @param bindAddress the local address to listen on; empty for every interface
   * @param port the port, 0 for any
   * @param maxRequestBytes the largest request body
   */
  public record Listener(
      String bindAddress,
      int port,
      KeyStore keyStore,
      char[] keyStorePassword,
      long maxRequestBytes) {
    public Listener {
      Objects.requireNonNull(bindAddress, "bindAddress");
      Objects.requireNonNull(keyStore, "keyStore");
      Objects.requireNonNull(keyStorePassword, "keyStorePassword");
    }

    @Override
    public String toString() {
      return "Listener[" + (bindAddress.isEmpty() ? "*" : bindAddress) + ":" + port + "]";
    }
  }

  /**
   * What the listener serves beside the features' routes.
   *
   * @param database the database's state for {@code /health/ready}: {@code "up"} when it took a
   *     write, else what is wrong ({@code "read-only"}, {@code "down"})
   * @param metricsToken the Bearer token {@code /metrics} requires; without one, {@code /metrics}
   *     answers loopback clients only
   */
  public record Operations(
      PrometheusMeterRegistry metrics,
      Supplier<String> database,
      ObjectMapper json,
      Optional<String> metricsToken) {
    public Operations {
      Objects.requireNonNull(metrics, "metrics");
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(json, "json");
      Objects.requireNonNull(metricsToken, "metricsToken");
    }
  }

  /** What {@code /health/*} answers; {@code database} only on readiness. */
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  record Health(String status, String database) {}

  private final Javalin app;
  private final ServerConnector connector;
  private final List<Route> routes;

  private HttpServer(Javalin app, ServerConnector connector, List<Route> routes) {
    this.app = app;
    this.connector = connector;
    this.routes = routes;
  }

  /** Starts HTTPS (TLS 1.2 with AEAD suites, and 1.3); plain HTTP is not served at all. */
  public static HttpServer start(
      Listener listener, List<Route> routes, Authenticator authenticator, Operations ops) {
    AtomicReference<ServerConnector> connector = new AtomicReference<>();
    ObjectMapper json = ops.json();
    byte[] openApi = openApi();
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.http.maxRequestSize = listener.maxRequestBytes();
              config.http.prefer405over404 = true;
              config.jetty.modifyServer(
                  server -> server.setErrorHandler(new JsonErrorHandler(json)));
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setSendServerVersion(false);
                    http.setSendXPoweredBy(false);
                  });
              config.jetty.addConnector(
                  (server, httpConfig) -> {
                    SslContextFactory.Server ssl = new SslContextFactory.Server();
                    ssl.setKeyStore(listener.keyStore());
                    ssl.setKeyStorePassword(new String(listener.keyStorePassword()));
                    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
                    ssl.setIncludeCipherSuites(TLS12_AEAD_SUITES);
                    ssl.setSniRequired(false);
                    HttpConfiguration https = new HttpConfiguration(httpConfig);
                    https.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
                    ServerConnector c =
                        new ServerConnector(
                            server,
                            new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                            new HttpConnectionFactory(https));
                    if (!listener.bindAddress().isEmpty()) {
                      c.setHost(listener.bindAddress());
                    }
                    c.setPort(listener.port());
                    connector.set(c);
                    return c;
                  });
              config.routes.before(HttpServer::securityHeaders);
              config.requestLogger.http((ctx, ms) -> accessLog(ctx, ms, ops.metrics()));
              for (Route route : routes) {
                add(config.routes, route, authenticator, json);
              }
              config.routes.get(
                  Routes.V1 + "/openapi.json",
                  ctx -> ctx.status(200).contentType(JSON).result(openApi));
              config.routes.get(
                  "/health/live", ctx -> writeJson(ctx, json, 200, new Health("up", null)));
              config.routes.get("/health/ready", ctx -> ready(ctx, ops));
              config.routes.get("/health", ctx -> ready(ctx, ops));
              config.routes.get("/metrics", ctx -> metrics(ctx, ops));
              config.routes.exception(
                  ApiException.class, (e, ctx) -> refuse(ctx, json, ops.metrics(), e));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error("{} {} - failed", ctx.method(), ctx.path(), e);
                    writeJson(
                        ctx,
                        json,
                        500,
                        new ErrorBody("server.error", "the server failed; see its log"));
                  });
              // Javalin's own answers (no route, wrong method, …) are plain text: make every
              // error status JSON unless a route already wrote its own body type.
              for (int status = 400; status < 600; status++) {
                int code = status;
                config.routes.error(code, ctx -> jsonUnlessTyped(ctx, json, code));
              }
            });
    app.start();
    LOG.info("HTTPS listening on port {}", connector.get().getLocalPort());
    return new HttpServer(app, connector.get(), List.copyOf(routes));
  }

  /** Every API route as "method path", as the OpenAPI document lists them. */
  /** Every route outside the API (the dashboard's pages and forms), as "method path". */
  public List<String> pageRoutes() {
    return routes.stream().filter(r -> !r.api()).map(Route::key).toList();
  }

  public List<String> apiRoutes() {
    return java.util.stream.Stream.concat(
            routes.stream().filter(Route::api).map(Route::key),
            java.util.stream.Stream.of("get " + Routes.V1 + "/openapi.json"))
        .toList();
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    app.stop();
  }

  private static void add(
      RoutesConfig config, Route route, Authenticator authenticator, ObjectMapper json) {
    io.javalin.http.Handler handler =
        ctx ->
            write(ctx, json, route.handler().handle(new JavalinRequest(ctx, authenticator, json)));
    switch (route.method()) {
      case get -> config.get(route.path(), handler);
      case post -> config.post(route.path(), handler);
      case put -> config.put(route.path(), handler);
      case delete -> config.delete(route.path(), handler);
    }
  }

  static byte[] openApi() {
    try (InputStream in = HttpServer.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Context ctx, ObjectMapper json, Response response) {
    for (Response.Header h : response.headers()) {
      ctx.res().addHeader(h.name(), h.value());
    }
    if (response instanceof Response.Json j) {
      writeJson(ctx, json, j.status(), j.body());
    } else if (response instanceof Response.Bytes b) {
      ctx.status(b.status()).contentType(b.contentType()).result(b.body());
    } else if (response instanceof Response.Redirect r) {
      ctx.status(303).header("Location", r.location());
    } else {
      ctx.status(response.status());
    }
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("Strict-Transport-Security", "max-age=31536000");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'");
  }

  /**
   * One line per request: address, method, path (never the query string or a header), status and
   * time; and the request timer for /metrics, by route template.
   */
  private static void accessLog(Context ctx, Float ms, PrometheusMeterRegistry metrics) {
    String route;
    try {
      route = ctx.endpoint().path;
    } catch (RuntimeException e) {
      route = "unmatched";
    }
    int status = ctx.statusCode();
    metrics
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

  private static void jsonUnlessTyped(Context ctx, ObjectMapper json, int status) {
    String type = ctx.res().getContentType();
    if (type != null && !type.startsWith("text/plain")) {
      return;
    }
    ErrorBody body =
        switch (status) {
          case 404 -> new ErrorBody("not_found", "no such resource: " + ctx.path());
          case 405 ->
              new ErrorBody(
                  "request.method_not_allowed",
                  ctx.method().name() + " is not allowed on " + ctx.path());
          default -> JsonErrorHandler.body(status);
        };
    writeJson(ctx, json, status, body);
  }

  private static void ready(Context ctx, Operations ops) {
    String database = ops.database().get();
    boolean up = "up".equals(database);
    writeJson(ctx, ops.json(), up ? 200 : 503, new Health(up ? "up" : "down", database));
  }

  private static void metrics(Context ctx, Operations ops) {
    InetAddress remote;
    try {
      remote = InetAddress.getByName(ctx.req().getRemoteAddr());
    } catch (UnknownHostException e) {
      throw ApiException.forbidden("/metrics cannot tell where this request comes from");
    }
    Optional<ApiException> refusal =
        metricsRefusal(
            ops.metricsToken(), Optional.ofNullable(ctx.header("Authorization")), remote);
    if (refusal.isPresent()) {
      throw refusal.get();
    }
    ctx.status(200)
        .contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(ops.metrics().scrape());
  }

  /**
   * Who may read {@code /metrics}: with a token configured, whoever sends it as {@code Bearer}
   * (from any address); without one, loopback clients only.
   */
  static Optional<ApiException> metricsRefusal(
      Optional<String> token, Optional<String> authorization, InetAddress remote) {
    if (token.isEmpty()) {
      return remote.isLoopbackAddress()
          ? Optional.empty()
          : Optional.of(
              ApiException.forbidden(
                  "/metrics answers loopback clients only unless metrics.token is set"));
    }
    String header = authorization.orElse("");
    byte[] given =
        header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    return MessageDigest.isEqual(given, token.get().getBytes(StandardCharsets.UTF_8))
        ? Optional.empty()
        : Optional.of(
            new ApiException(401, "auth.invalid_credentials", "/metrics needs its Bearer token"));
  }

  /** The one place where a refusal becomes an HTTP answer. */
  private static void refuse(
      Context ctx, ObjectMapper json, PrometheusMeterRegistry metrics, ApiException e) {
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Basic realm=\"openrps\", charset=\"UTF-8\"");
    }
    if (e.status() == 413) {
      ctx.header("Connection", "close");
    }
    if (e.retryAfterSeconds() > 0) {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
    }
    metrics.counter("openrps.refusals", "code", e.code()).increment();
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
}
