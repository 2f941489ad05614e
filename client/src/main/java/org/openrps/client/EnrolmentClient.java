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

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http;
  private final URI base;
  private final ObjectMapper json = WireJson.newMapper();

  public EnrolmentClient(URI serverUrl, Optional<Path> trustedCertificatePem) {
    Objects.requireNonNull(serverUrl, "serverUrl");
    if (!"https".equalsIgnoreCase(serverUrl.getScheme())) {
      throw new IllegalArgumentException("serverUrl must be https: " + serverUrl);
    }
    String text = serverUrl.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.http =
        HttpClient.newBuilder()
            .sslContext(Tls.clientContext(trustedCertificatePem))
            .sslParameters(Tls.clientParameters())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(15))
            .build();
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
          HttpRequest.newBuilder(endpoint)
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
   * Asks the server for a new secret for {@code current}'s id; from the answer on, only the new
   * secret works, so the caller saves the result before anything else.
   */
  public Credentials rotate(Credentials current) throws EnrolmentException, InterruptedException {
    Objects.requireNonNull(current, "current");
    URI endpoint = base.resolve(ROTATE_PATH);
    char[] secret = current.secret();
    String authorization;
    try {
      authorization = BasicAuth.header(current.agentId(), secret);
    } finally {
      Arrays.fill(secret, '\0');
    }
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(TIMEOUT)
            .header("Authorization", authorization)
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    RotateResponse answer = exchange(endpoint, request, 200, RotateResponse.class, "rotation");
    if (!answer.clientId().equals(current.agentId())) {
      throw new EnrolmentException(
          "the server rotated the secret of " + answer.clientId() + ", not " + current.agentId(),
          200,
          null);
    }
    return credentials(answer.clientId(), answer.secret());
  }

  private <T> T exchange(
      URI endpoint, HttpRequest request, int expected, Class<T> type, String what)
      throws EnrolmentException, InterruptedException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      SyncException failure = ReportUploader.failure(endpoint, e);
      throw new EnrolmentException(failure.getMessage(), e);
    }
    int status = response.statusCode();
    byte[] body = response.body();
    if (status != expected) {
      String reason;
      try {
        ErrorBody error = json.readValue(body, ErrorBody.class);
        reason = error.code() + "): " + error.message();
      } catch (IOException | RuntimeException e) {
        reason = "?): " + ReportUploader.snippet(body);
      }
      throw new EnrolmentException(
          "the server refused the " + what + " (" + status + " " + reason, status, null);
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
