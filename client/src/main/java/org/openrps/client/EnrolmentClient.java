package org.openrps.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.EnrolRequest;
import org.openrps.wire.EnrolResponse;
import org.openrps.wire.ErrorBody;
import org.openrps.wire.RotateResponse;
import org.openrps.wire.Source;
import org.openrps.wire.WireJson;

/**
 * A client's credentials with the server: enrols with a one-time code made by an administrator (the
 * server's certificate checked as for uploads) to get its own id and secret, and rotates the secret
 * later. Messages are the wire records {@link EnrolRequest}, {@link EnrolResponse} and {@link
 * RotateResponse}.
 */
public final class EnrolmentClient {

  /** The server refused or could not be reached; the message says which. */
  public static final class EnrolmentException extends Exception {
    private final int status;

    public EnrolmentException(String message, Throwable cause) {
      this(message, 0, cause);
    }

    EnrolmentException(String message, int status, Throwable cause) {
      super(message, cause);
      this.status = status;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
      return status;
    }
  }

  /** The enrolment endpoint, relative to the server's base URL. */
  public static final String PATH = "api/v1/enrol";

  /** The credential rotation endpoint, relative to the server's base URL. */
  public static final String ROTATE_PATH = "api/v1/credentials/rotate";

  /** The credential check endpoint (204 when the credentials work), relative to the base URL. */
  public static final String CHECK_PATH = "api/v1/credentials";

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http;
  private final Transport transport;
  private final URI base;
  private final ObjectMapper json = WireJson.newMapper();

  public EnrolmentClient(URI serverUrl, Optional<Path> trustedCertificatePem) {
    this(serverUrl, Transport.direct(Tls.clientContext(trustedCertificatePem)));
  }

  /** A client that reaches the server as {@code transport} says (its trust, its proxy). */
  public EnrolmentClient(URI serverUrl, Transport transport) {
    Objects.requireNonNull(serverUrl, "serverUrl");
    if (!"https".equalsIgnoreCase(serverUrl.getScheme())) {
      throw new IllegalArgumentException("serverUrl must be https: " + serverUrl);
    }
    String text = serverUrl.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.http = transport.newClient(Duration.ofSeconds(15));
  }

  /** Enrols an agent; see {@link #enrol(String, Source.Kind)}. */
  public Credentials enrol(String code) throws EnrolmentException, InterruptedException {
    return enrol(code, Source.Kind.agent);
  }

  /** Exchanges the code; the code is used up whether or not the answer arrives. */
  public Credentials enrol(String code, Source.Kind kind)
      throws EnrolmentException, InterruptedException {
    return enrol(code, kind, Optional.empty());
  }

  /**
   * Exchanges the code for a client of this kind; a Device Direct device names itself ({@code
   * device}), and the credential it gets is bound to that device key.
   */
  public Credentials enrol(String code, Source.Kind kind, Optional<DeviceRef> device)
      throws EnrolmentException, InterruptedException {
    URI endpoint = base.resolve(PATH);
    HttpRequest request;
    try {
      request =
          transport
              .authorize(HttpRequest.newBuilder(endpoint))
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofByteArray(
                      json.writeValueAsBytes(new EnrolRequest(code, kind, device))))
              .build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the enrolment request", e);
    }
    EnrolResponse answer = exchange(endpoint, request, 201, EnrolResponse.class, "enrolment");
    return credentials(answer.clientId(), answer.secret());
  }

  /**
   * Asks the server for a new secret for {@code current}'s id. The server keeps it as pending: both
   * the current and the new secret work until the new one is first used (then only the new one
   * does), and a later rotation replaces a pending one. So a lost answer locks nobody out; the
   * caller saves the result, keeping the current secret as the previous one, before using it.
   */
  public Credentials rotate(Credentials current) throws EnrolmentException, InterruptedException {
    Objects.requireNonNull(current, "current");
    URI endpoint = base.resolve(ROTATE_PATH);
    HttpRequest request =
        authorized(endpoint, current).POST(HttpRequest.BodyPublishers.noBody()).build();
    RotateResponse answer = exchange(endpoint, request, 200, RotateResponse.class, "rotation");
    if (!answer.clientId().equals(current.agentId())) {
      throw new EnrolmentException(
          "the server rotated the secret of " + answer.clientId() + ", not " + current.agentId(),
          200,
          null);
    }
    return credentials(answer.clientId(), answer.secret());
  }

  /** A request to {@code endpoint} authenticated as {@code credentials}, through the transport. */
  private HttpRequest.Builder authorized(URI endpoint, Credentials credentials) {
    char[] secret = credentials.secret();
    String authorization;
    try {
      authorization = BasicAuth.header(credentials.agentId(), secret);
    } finally {
      Arrays.fill(secret, '\0');
    }
    return transport
        .authorize(HttpRequest.newBuilder(endpoint))
        .timeout(TIMEOUT)
        .header("Authorization", authorization)
        .header("Accept", "application/json");
  }

  /**
   * One authenticated call that changes nothing: the server answers 204 when {@code credentials}
   * work. The first call with a rotated secret makes it the only one (see {@link #rotate}).
   *
   * @throws EnrolmentException when they do not work (status 401) or there was no answer (0)
   */
  public void check(Credentials credentials) throws EnrolmentException, InterruptedException {
    Objects.requireNonNull(credentials, "credentials");
    URI endpoint = base.resolve(CHECK_PATH);
    HttpRequest request = authorized(endpoint, credentials).GET().build();
    HttpResponse<byte[]> response = send(endpoint, request);
    if (response.statusCode() != 204) {
      throw new EnrolmentException(
          "the server refused the credential check ("
              + response.statusCode()
              + " "
              + reason(response.body()),
          response.statusCode(),
          null);
    }
  }

  private HttpResponse<byte[]> send(URI endpoint, HttpRequest request)
      throws EnrolmentException, InterruptedException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      SyncException failure = transport.failure(endpoint, e);
      throw new EnrolmentException(failure.getMessage(), e);
    }
    Optional<SyncException> proxyRefusal = transport.proxyRefusal(response);
    if (proxyRefusal.isPresent()) {
      throw new EnrolmentException(proxyRefusal.get().getMessage(), null);
    }
    return response;
  }

  private String reason(byte[] body) {
    try {
      ErrorBody error = json.readValue(body, ErrorBody.class);
      return error.code() + "): " + error.message();
    } catch (IOException | RuntimeException e) {
      return "?): " + ReportUploader.snippet(body);
    }
  }

  private <T> T exchange(
      URI endpoint, HttpRequest request, int expected, Class<T> type, String what)
      throws EnrolmentException, InterruptedException {
    HttpResponse<byte[]> response = send(endpoint, request);
    int status = response.statusCode();
    byte[] body = response.body();
    if (status != expected) {
      throw new EnrolmentException(
          "the server refused the " + what + " (" + status + " " + reason(body), status, null);
    }
    try {
      return json.readValue(body, type);
    } catch (IOException | RuntimeException e) {
      throw new EnrolmentException(
          "the server answered "
              + status
              + " without a "
              + what
              + " answer: "
              + ReportUploader.snippet(body),
          status,
          e);
    }
  }

  private static Credentials credentials(String clientId, String secret) {
    char[] chars = secret.toCharArray();
    try {
      return new Credentials(clientId, chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  @Override
  public String toString() {
    return "EnrolmentClient[" + base + "]";
  }
}
