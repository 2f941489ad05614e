package org.openrps.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.openrps.wire.ErrorBody;
import org.openrps.wire.WireJson;
import org.openrps.wire.command.CommandBatch;
import org.openrps.wire.command.CommandResult;

/**
 * The command channel, client side: fetches the commands the server queued for this client and
 * reports what became of each. Outbound only, over the same TLS and credentials as uploads, so a
 * server the client does not trust gets no request at all.
 */
public final class CommandClient {

  /** The client's command endpoint, relative to the server's base URL. */
  public static final String PATH = "api/v1/client/commands";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** What the server said to a result. */
  public enum Acknowledgement {
    /** Stored as the command's result. */
    stored,
    /** The server already had a result, or the command was over: nothing to send again. */
    alreadyFinished
  }

  private final URI base;
  private final LiveCredentials credentials;
  private final Transport transport;
  private final HttpClient http;
  private final ObjectMapper mapper = WireJson.newMapper();

  /**
   * @param serverUrl the server's base URL ({@code https://host:port} or with a path prefix)
   * @param secret the client's secret; copied, not kept otherwise
   */
  public CommandClient(URI serverUrl, String clientId, char[] secret, SSLContext tls) {
    this(
        serverUrl,
        new LiveCredentials(new Credentials(Objects.requireNonNull(clientId, "clientId"), secret)),
        Transport.direct(tls));
  }

  /**
   * @param serverUrl the server's base URL ({@code https://host:port} or with a path prefix)
   * @param credentials read at each request, so a rotated secret is used from the next one on
   * @param transport the TLS trust and the proxy, if any
   */
  public CommandClient(URI serverUrl, LiveCredentials credentials, Transport transport) {
    Objects.requireNonNull(serverUrl, "serverUrl");
    if (!"https".equalsIgnoreCase(serverUrl.getScheme())) {
      throw new IllegalArgumentException("the server URL must be https: " + serverUrl);
    }
    String text = serverUrl.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.http = transport.newClient(CONNECT_TIMEOUT);
  }

  /**
   * The commands queued for this client and not answered yet; the server marks them delivered.
   *
   * @throws SyncException when no batch came back
   */
  public CommandBatch fetch() throws SyncException, InterruptedException {
    URI endpoint = base.resolve(PATH);
    HttpRequest request =
        transport
            .authorize(HttpRequest.newBuilder(endpoint))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json")
            .header("Authorization", credentials.authorization())
            .GET()
            .build();
    HttpResponse<byte[]> response = send(endpoint, request);
    if (response.statusCode() == 200) {
      try {
        return mapper.readValue(response.body(), CommandBatch.class);
      } catch (IOException | RuntimeException e) {
        throw new SyncException(
            SyncException.Kind.protocol,
            "server answered 200 without a command batch: "
                + ReportUploader.snippet(response.body()),
            200,
            null,
            e);
      }
    }
    throw refused("the command fetch", response);
  }

  /**
   * Reports a command's result. A result the server already holds (a resend after a lost answer),
   * or one for a command that is over, is {@link Acknowledgement#alreadyFinished}: the client stops
   * resending it either way.
   *
   * @throws SyncException when the server did not take it (try again at the next contact)
   */
  public Acknowledgement report(CommandResult result) throws SyncException, InterruptedException {
    URI endpoint =
        base.resolve(
            PATH + "/" + URLEncoder.encode(result.commandId(), StandardCharsets.UTF_8) + "/result");
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(result);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a command result", e);
    }
    HttpRequest request =
        transport
            .authorize(HttpRequest.newBuilder(endpoint))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Authorization", credentials.authorization())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<byte[]> response = send(endpoint, request);
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Acknowledgement.stored;
    }
    if (status == 409) {
      return Acknowledgement.alreadyFinished;
    }
    throw refused("the result of command " + result.commandId(), response);
  }

  private HttpResponse<byte[]> send(URI endpoint, HttpRequest request)
      throws SyncException, InterruptedException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw transport.failure(endpoint, e);
    }
    java.util.Optional<SyncException> proxyRefusal = transport.proxyRefusal(response);
    if (proxyRefusal.isPresent()) {
      throw proxyRefusal.get();
    }
    return response;
  }

  private SyncException refused(String what, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    ErrorBody error = null;
    try {
      error = mapper.readValue(response.body(), ErrorBody.class);
    } catch (IOException | RuntimeException e) {
      // Not our error format (a proxy, say): report the status and the start of the body.
    }
    String why =
        error != null
            ? error.code() + " (" + error.message() + ")"
            : ReportUploader.snippet(response.body());
    return new SyncException(
        status >= 400 && status < 500 ? SyncException.Kind.refused : SyncException.Kind.serverError,
        "server refused " + what + ": " + why + " [HTTP " + status + "]",
        status,
        error,
        null);
  }

  @Override
  public String toString() {
    return "CommandClient[" + base + "]";
  }
}
