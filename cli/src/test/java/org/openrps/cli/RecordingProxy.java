package org.openrps.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.openrps.testkit.Loopback;

/**
 * A real HTTPS reverse proxy in front of a real server, the way a site's TLS proxy would stand: it
 * ends TLS with the server's own certificate (so the agent trusts it as it trusts the server),
 * forwards every request unchanged and keeps the body of every report upload exactly as it came off
 * the wire.
 */
final class RecordingProxy implements AutoCloseable {

  private static final List<String> FORWARDED =
      List.of("Authorization", "Content-Type", "Content-Encoding", "Accept", "User-Agent");

  private final HttpsServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final HttpClient upstream;
  private final URI target;
  private final List<byte[]> uploads = new CopyOnWriteArrayList<>();

  /**
   * @param serverData the server's data directory (its {@code tls/server.p12} is used)
   * @param serverPort where the server listens
   */
  RecordingProxy(Path serverData, Path serverCertificatePem, int serverPort) throws Exception {
    Path tls = serverData.resolve("tls");
    char[] password =
        Files.readString(tls.resolve("server.p12.password"), StandardCharsets.US_ASCII)
            .trim()
            .toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(tls.resolve("server.p12"))) {
      keys.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    target = URI.create("https://127.0.0.1:" + serverPort);
    upstream = HttpClient.newBuilder().sslContext(Loopback.trusting(serverCertificatePem)).build();
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/", this::forward);
    server.setExecutor(executor);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The body of every {@code POST /api/v1/reports}, in the order they came, as received. */
  List<byte[]> uploads() {
    return List.copyOf(uploads);
  }

  private void forward(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    if (ex.getRequestMethod().equals("POST") && ex.getRequestURI().getPath().endsWith("/reports")) {
      uploads.add(body);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target.resolve(ex.getRequestURI()))
            .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    for (String name : FORWARDED) {
      String value = ex.getRequestHeaders().getFirst(name);
      if (value != null) {
        request.header(name, value);
      }
    }
    HttpResponse<byte[]> answer;
    try {
      answer = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    answer
        .headers()
        .firstValue("Content-Type")
        .ifPresent(v -> ex.getResponseHeaders().set("Content-Type", v));
    byte[] out = answer.body();
    ex.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
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
