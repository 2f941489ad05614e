package org.openrps.agent.enrol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.openrps.agent.sync.Tls;

/**
 * Enrols an agent with the server: sends a one-time code made by an administrator over TLS (the
 * server's certificate checked as for uploads) and gets back the agent's own id and secret.
 */
public final class EnrolmentClient {

  /** The server refused the code or could not be reached; the message says which. */
  public static final class EnrolmentException extends Exception {
    public EnrolmentException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static final String PATH = "api/v1/enrol";

  private final HttpClient http;
  private final URI endpoint;
  private final ObjectMapper json = new ObjectMapper();

  public EnrolmentClient(URI serverUrl, Optional<Path> trustedCertificatePem) {
    Objects.requireNonNull(serverUrl, "serverUrl");
    if (!"https".equalsIgnoreCase(serverUrl.getScheme())) {
      throw new IllegalArgumentException("serverUrl must be https: " + serverUrl);
    }
    String base = serverUrl.toString();
    this.endpoint = URI.create(base.endsWith("/") ? base + PATH : base + "/" + PATH);
    this.http =
        HttpClient.newBuilder()
            .sslContext(Tls.clientContext(trustedCertificatePem))
            .sslParameters(Tls.clientParameters())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(15))
            .build();
  }

  /** Exchanges the code; the code is used up whether or not the answer arrives. */
  public Credentials enrol(String code) throws EnrolmentException, InterruptedException {
    Objects.requireNonNull(code, "code");
    ObjectNode body = json.createObjectNode().put("code", code).put("kind", "agent");
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(endpoint)
                  .timeout(Duration.ofSeconds(60))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new EnrolmentException("cannot reach " + endpoint + ": " + e.getMessage(), e);
    }
    JsonNode answer;
    try {
      answer = json.readTree(response.body());
    } catch (IOException e) {
      throw new EnrolmentException(
          "the server answered " + response.statusCode() + " with a body that is not JSON", e);
    }
    if (response.statusCode() != 201) {
      throw new EnrolmentException(
          "the server refused the enrolment ("
              + response.statusCode()
              + " "
              + answer.path("code").asText("?")
              + "): "
              + answer.path("message").asText(""),
          null);
    }
    return new Credentials(
        answer.path("clientId").asText(), answer.path("secret").asText().toCharArray());
  }
}
