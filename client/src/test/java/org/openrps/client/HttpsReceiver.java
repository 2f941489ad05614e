package org.openrps.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.openrps.wire.Receipt;
import org.openrps.wire.Report;
import org.openrps.wire.WireJson;
import org.openrps.wire.command.CommandBatch;

/**
 * A small real HTTPS server that stands in for the OpenRPS server in agent tests: it records every
 * request it gets and answers with a receipt, or with what a test tells it to.
 */
public final class HttpsReceiver implements AutoCloseable {

  /** One request as received. */
  public record Received(
      String method, String path, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    public Report report() throws IOException {
      return WireJson.newMapper()
          .readValue(new GZIPInputStream(new ByteArrayInputStream(body)), Report.class);
    }
  }

  /** What to answer: a status and a JSON body. */
  public record Answer(int status, String json) {}

  private final HttpsServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger commandFetches = new AtomicInteger();
  private final ObjectMapper mapper = WireJson.newMapper();
  private volatile Function<Received, Answer> answers = this::receipt;
  private volatile boolean defaultAnswers = true;

  public HttpsReceiver(TestTls tls) throws IOException {
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public URI url() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /**
   * Command fetches ({@code GET} {@link CommandClient#PATH}) while the default answers hold:
   * answered with no command, and neither counted in {@link #requests()} nor kept in {@link
   * #received()}, which are about reports. After {@link #answer} they go to its function.
   */
  public int commandFetches() {
    return commandFetches.get();
  }

  /** Requests that reached a handler (i.e. got past TLS), command fetches aside. */
  public int requests() {
    return requests.get();
  }

  /** Answers every request with {@code answers} from now on, command fetches included. */
  public void answer(Function<Received, Answer> answers) {
    this.answers = answers;
    this.defaultAnswers = false;
  }

  /** True for a command fetch ({@code GET} {@link CommandClient#PATH}). */
  public static boolean isCommandFetch(Received r) {
    return r.method().equals("GET") && r.path().equals("/" + CommandClient.PATH);
  }

  /** The answer to a command fetch when there is no command. */
  public Answer noCommands() {
    try {
      return new Answer(
          200, mapper.writeValueAsString(new CommandBatch(Instant.now(), java.util.List.of(), 0)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The default answer: a receipt for the report in the body. */
  public Answer receipt(Received r) {
    try {
      Report report = r.report();
      return new Answer(
          200,
          mapper.writeValueAsString(
              new Receipt(report.reportId(), false, report.devices().size(), Instant.now())));
    } catch (IOException e) {
      return new Answer(
          400, "{\"code\":\"report.malformed\",\"message\":\"" + e.getMessage() + "\"}");
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    if (defaultAnswers
        && ex.getRequestMethod().equals("GET")
        && ex.getRequestURI().getPath().equals("/" + CommandClient.PATH)) {
      commandFetches.incrementAndGet();
      byte[] none =
          mapper.writeValueAsBytes(new CommandBatch(Instant.now(), java.util.List.of(), 0));
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, none.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(none);
      }
      return;
    }
    requests.incrementAndGet();
    byte[] body = ex.getRequestBody().readAllBytes();
    Received r =
        new Received(
            ex.getRequestMethod(),
            ex.getRequestURI().getPath(),
            Map.copyOf(ex.getRequestHeaders()),
            body);
    received.add(r);
    Answer a = answers.apply(r);
    byte[] out = a.json().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(a.status(), out.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
