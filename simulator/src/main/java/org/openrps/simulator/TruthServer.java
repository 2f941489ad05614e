package org.openrps.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fleet's ground truth ({@link Truth}) over HTTP on the loopback address, for tests and
 * benchmarks that run the simulator as a process. JSON, GET only:
 *
 * <ul>
 *   <li>{@code /truth/printers[?at=INSTANT]}: every printer's {@link PrinterTruth} at that instant
 *       (default: now by the simulation clock);
 *   <li>{@code /truth/events?from=INSTANT&to=INSTANT[&step=PT1M]}: the {@link TruthEvent}s between
 *       them.
 * </ul>
 *
 * A bad parameter gets a 400 with a one-line reason.
 */
public final class TruthServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer http;
  private final List<? extends SimulatedPrinter> printers;
  private final Clock clock;

  private TruthServer(HttpServer http, List<? extends SimulatedPrinter> printers, Clock clock) {
    this.http = http;
    this.printers = printers;
    this.clock = clock;
  }

  /** Listens on 127.0.0.1:{@code port} (0: any free port). */
  public static TruthServer start(List<? extends SimulatedPrinter> printers, Clock clock, int port)
      throws IOException {
    Objects.requireNonNull(printers, "printers");
    Objects.requireNonNull(clock, "clock");
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    TruthServer server = new TruthServer(http, List.copyOf(printers), clock);
    http.createContext("/truth/printers", server::printers);
    http.createContext("/truth/events", server::events);
    http.start();
    return server;
  }

  /** The port it listens on. */
  public int port() {
    return http.getAddress().getPort();
  }

  private void printers(HttpExchange exchange) throws IOException {
    handle(exchange, q -> Truth.at(printers, instant(q, "at", clock.instant())));
  }

  private void events(HttpExchange exchange) throws IOException {
    handle(
        exchange,
        q -> {
          if (!q.containsKey("from") || !q.containsKey("to")) {
            throw new IllegalArgumentException("from and to are needed (ISO-8601 instants)");
          }
          Duration step = Truth.DEFAULT_STEP;
          if (q.containsKey("step")) {
            try {
              step = Duration.parse(q.get("step"));
            } catch (DateTimeParseException e) {
              throw new IllegalArgumentException(
                  "step is not an ISO-8601 duration: " + q.get("step"));
            }
          }
          return Truth.events(printers, instant(q, "from", null), instant(q, "to", null), step);
        });
  }

  @FunctionalInterface
  private interface Answer {
    Object of(Map<String, String> query);
  }

  private static void handle(HttpExchange exchange, Answer answer) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, Map.of("error", "GET only"));
        return;
      }
      Object body;
      try {
        body = answer.of(query(exchange.getRequestURI().getRawQuery()));
      } catch (IllegalArgumentException e) {
        send(exchange, 400, Map.of("error", e.getMessage()));
        return;
      }
      send(exchange, 200, body);
    }
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Instant instant(Map<String, String> q, String name, Instant otherwise) {
    String v = q.get(name);
    if (v == null) {
      return otherwise;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " is not an ISO-8601 instant: " + v);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
