package org.openrps.agent.page;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.openrps.agent.SyncOutcome;
import org.openrps.agent.report.AuditReport;
import org.openrps.agent.report.CsvReport;
import org.openrps.agent.report.HtmlReport;
import org.openrps.agent.status.AgentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent's local web page: its {@link AgentStatus} as HTML, behind HTTP Basic
 * authentication ({@link PagePassword}), with a "sync now" button (a POST that carries a token of
 * this process), and its audit report ({@code /report.html}, {@code /report.csv} as a download)
 * behind the same login. Served by the JDK's own HTTP server on the address given (the cli's
 * default is loopback only); every answer forbids caching, framing, sniffing and any script or
 * outside fetch.
 */
public final class StatusPage implements AutoCloseable {

  /** The Content-Security-Policy of every answer: inline CSS, nothing else. */
  static final String CSP =
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none';"
          + " frame-ancestors 'none'";

  static final Duration SYNC_WAIT = Duration.ofMinutes(2);
  private static final int MAX_BODY = 1024;
  private static final int REFRESH_SECONDS = 60;
  private static final Logger log = LoggerFactory.getLogger(StatusPage.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final Supplier<AgentStatus> status;
  private final Optional<Supplier<CompletableFuture<SyncOutcome>>> syncNow;
  private final Optional<Supplier<AuditReport>> report;
  private final PagePassword password;
  private final LoginLimiter limiter = new LoginLimiter();
  private final Clock clock;
  private final ZoneId zone;
  private final String csrf;

  private StatusPage(
      HttpServer server,
      ExecutorService executor,
      Supplier<AgentStatus> status,
      Optional<Supplier<CompletableFuture<SyncOutcome>>> syncNow,
      Optional<Supplier<AuditReport>> report,
      PagePassword password,
      Clock clock,
      ZoneId zone,
      SecureRandom random) {
    this.server = server;
    this.executor = executor;
    this.status = status;
    this.syncNow = syncNow;
    this.report = report;
    this.password = password;
    this.clock = clock;
    this.zone = zone;
    byte[] token = new byte[24];
    random.nextBytes(token);
    this.csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  /**
   * Serves the page on {@code address} (port 0: any free port).
   *
   * @param syncNow asks the agent to sync; empty: no sync button
   * @throws UncheckedIOException when the address cannot be bound (the port is taken)
   */
  public static StatusPage start(
      InetSocketAddress address,
      PagePassword password,
      Supplier<AgentStatus> status,
      Optional<Supplier<CompletableFuture<SyncOutcome>>> syncNow,
      Clock clock,
      ZoneId zone) {
    return start(address, password, status, syncNow, Optional.empty(), clock, zone);
  }

  /**
   * Serves the page on {@code address} (port 0: any free port), with the audit report.
   *
   * @param syncNow asks the agent to sync; empty: no sync button
   * @param report reads the agent's audit report; empty: no report pages
   * @throws UncheckedIOException when the address cannot be bound (the port is taken)
   */
  public static StatusPage start(
      InetSocketAddress address,
      PagePassword password,
      Supplier<AgentStatus> status,
      Optional<Supplier<CompletableFuture<SyncOutcome>>> syncNow,
      Optional<Supplier<AuditReport>> report,
      Clock clock,
      ZoneId zone) {
    Objects.requireNonNull(address, "address");
    HttpServer server;
    try {
      server = HttpServer.create(address, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve the local page on "
              + address.getHostString()
              + ":"
              + address.getPort()
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "openrps-agent-page-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    StatusPage page =
        new StatusPage(
            server,
            executor,
            Objects.requireNonNull(status, "status"),
            Objects.requireNonNull(syncNow, "syncNow"),
            Objects.requireNonNull(report, "report"),
            Objects.requireNonNull(password, "password"),
            Objects.requireNonNull(clock, "clock"),
            Objects.requireNonNull(zone, "zone"),
            new SecureRandom());
    server.setExecutor(executor);
    server.createContext("/", page::handle);
    server.start();
    log.info("{} - local page serving", page.address());
    return page;
  }

  /** The address and port it listens on. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      try {
        answer(x);
      } catch (RuntimeException e) {
        log.warn(
            "local page: {} {} failed: {}", x.getRequestMethod(), x.getRequestURI(), e.toString());
        if (x.getResponseCode() == -1) {
          send(x, 500, PageHtml.unauthorized("The agent's status cannot be read just now."));
        }
      }
    }
  }

  private void answer(HttpExchange x) throws IOException {
    {
      headers(x);
      Optional<Duration> wait = limiter.waitAt(clock.instant());
      if (wait.isPresent()) {
        x.getResponseHeaders()
            .set("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
        send(x, 429, PageHtml.unauthorized("Too many wrong passwords: try again in a while."));
        return;
      }
      if (!authenticated(x)) {
        x.getResponseHeaders()
            .set("WWW-Authenticate", "Basic realm=\"OpenRPS agent\", charset=\"UTF-8\"");
        send(x, 401, PageHtml.unauthorized("The agent's password is needed to see this page."));
        return;
      }
      String path = x.getRequestURI().getPath();
      String method = x.getRequestMethod();
      if (path.equals("/") && (method.equals("GET") || method.equals("HEAD"))) {
        String html =
            PageHtml.render(
                status.get(),
                zone,
                syncNow.isPresent() ? Optional.of(csrf) : Optional.empty(),
                notice(x.getRequestURI().getRawQuery()),
                REFRESH_SECONDS,
                report.isPresent());
        send(x, 200, html);
      } else if (REPORTS.contains(path) && report.isPresent() && readOnly(method)) {
        report(x, path);
      } else if (path.equals("/sync") && method.equals("POST") && syncNow.isPresent()) {
        sync(x);
      } else if (path.equals("/") || path.equals("/sync") || REPORTS.contains(path)) {
        x.getResponseHeaders().set("Allow", path.equals("/sync") ? "POST" : "GET, HEAD");
        send(x, 405, PageHtml.unauthorized("Method not allowed."));
      } else {
        send(x, 404, PageHtml.unauthorized("No such page."));
      }
    }
  }

  private static final java.util.Set<String> REPORTS =
      java.util.Set.of("/report.html", "/report.csv");

  private static boolean readOnly(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }

  /** The audit report, as HTML to read, or as CSV to download. */
  private void report(HttpExchange x, String path) throws IOException {
    AuditReport r = report.get().get();
    if (path.equals("/report.html")) {
      send(x, 200, HtmlReport.render(r, zone));
      return;
    }
    String day =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm", java.util.Locale.ROOT)
            .format(r.madeAt().atZone(zone));
    x.getResponseHeaders()
        .set(
            "Content-Disposition", "attachment; filename=\"openrps-agent-report-" + day + ".csv\"");
    send(x, 200, "text/csv; charset=utf-8; header=present", CsvReport.render(r));
  }

  private void sync(HttpExchange x) throws IOException {
    byte[] body;
    try (InputStream in = x.getRequestBody()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    String token = body.length > MAX_BODY ? "" : form(new String(body, StandardCharsets.UTF_8));
    if (!MessageDigest.isEqual(
        token.getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8))) {
      send(x, 403, PageHtml.unauthorized("The form is stale: load the page again."));
      return;
    }
    String result;
    try {
      SyncOutcome outcome = syncNow.get().get().get(SYNC_WAIT.toSeconds(), TimeUnit.SECONDS);
      result = outcome.failure().isPresent() ? "failed" : "done";
    } catch (CancellationException e) {
      result = "stopping";
    } catch (TimeoutException e) {
      result = "pending";
    } catch (ExecutionException e) {
      result = "failed";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = "pending";
    }
    x.getResponseHeaders().set("Location", "/?sync=" + result);
    x.sendResponseHeaders(303, -1);
  }

  /** The csrf field of a form body. */
  private static String form(String body) {
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("csrf")) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static final Map<String, String> NOTICES =
      Map.of(
          "done", "Sync done: see the last exchange with the server below.",
          "failed", "The sync failed: see the last upload below; the agent tries again later.",
          "stopping", "The agent is stopping: nothing was sent.",
          "pending", "The sync is still under way: load the page again in a moment.");

  /** Only known notices: the query is the requester's text. */
  private static Optional<String> notice(String query) {
    if (query == null || !query.startsWith("sync=")) {
      return Optional.empty();
    }
    return Optional.ofNullable(NOTICES.get(query.substring("sync=".length())));
  }

  private boolean authenticated(HttpExchange x) {
    String header = x.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false; // no attempt: not counted
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(header.substring(6).strip());
    } catch (IllegalArgumentException e) {
      limiter.failed(clock.instant());
      return false;
    }
    CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(decoded));
    char[] pair = new char[chars.remaining()];
    chars.get(pair);
    Arrays.fill(decoded, (byte) 0);
    int colon = -1;
    for (int i = 0; i < pair.length; i++) {
      if (pair[i] == ':') {
        colon = i;
        break;
      }
    }
    boolean ok =
        colon >= 0
            && password.matches(
                new String(pair, 0, colon), Arrays.copyOfRange(pair, colon + 1, pair.length));
    Arrays.fill(pair, '\0');
    if (ok) {
      limiter.succeeded();
    } else {
      limiter.failed(clock.instant());
    }
    return ok;
  }

  private static void headers(HttpExchange x) {
    var h = x.getResponseHeaders();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Cache-Control", "no-store");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
  }

  private static void send(HttpExchange x, int status, String html) throws IOException {
    send(x, status, "text/html; charset=utf-8", html);
  }

  private static void send(HttpExchange x, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    boolean head = x.getRequestMethod().equals("HEAD");
    x.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops serving; an answer under way gets a second to finish. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
