package org.openrps.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.openrps.wire.Report;
import org.openrps.wire.WireJson;

/** HTTPS requests to a test server, with Basic or Bearer credentials. */
public final class ApiClient {

  private final ObjectMapper json = WireJson.newMapper();
  private final HttpClient client;
  private final int port;

  public ApiClient(ServerApp server) {
    this.client =
        HttpClient.newBuilder()
            .sslContext(Fixtures.trusting(server.certificatePem()))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.port = server.port();
  }

  public static String basic(String name, String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((name + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  public static String bearer(String token) {
    return "Bearer " + token;
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public HttpResponse<String> send(String method, String path, String auth, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (auth != null) {
      b.header("Authorization", auth);
    }
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }

  /** A GET with one extra header, e.g. one too large for the server. */
  public HttpResponse<String> sendWithHeader(String path, String name, String value) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header(name, value)
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException("GET " + path + " failed", e);
    }
  }

  public HttpResponse<String> get(String path, String auth) {
    return send("GET", path, auth, null);
  }

  public HttpResponse<String> post(String path, String auth, String body) {
    return send("POST", path, auth, body);
  }

  public HttpResponse<String> delete(String path, String auth) {
    return send("DELETE", path, auth, null);
  }

  public HttpResponse<String> upload(Report report, String auth) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/v1/reports"))
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
              .header("Content-Encoding", "gzip")
              .header("Authorization", auth)
              .POST(HttpRequest.BodyPublishers.ofByteArray(WireJson.gzip(json, report)))
              .build();
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException("upload failed", e);
    }
  }

  public JsonNode json(HttpResponse<String> response) {
    try {
      return json.readTree(response.body());
    } catch (Exception e) {
      throw new IllegalStateException("not JSON: " + response.body(), e);
    }
  }

  /** Enrols with a code; returns {clientId, secret, …}. */
  public JsonNode enrol(String code, String kind) {
    HttpResponse<String> r =
        post("/api/v1/enrol", null, "{\"code\":\"" + code + "\",\"kind\":\"" + kind + "\"}");
    if (r.statusCode() != 201) {
      throw new IllegalStateException("enrol refused: " + r.statusCode() + " " + r.body());
    }
    return json(r);
  }

  /** Enrols a Device Direct device naming itself; returns {clientId, secret, …}. */
  public JsonNode enrolDevice(String code, String make, String serial) {
    HttpResponse<String> r =
        post(
            "/api/v1/enrol",
            null,
            "{\"code\":\""
                + code
                + "\",\"kind\":\"device\",\"device\":{\"make\":\""
                + make
                + "\",\"serial\":\""
                + serial
                + "\"}}");
    if (r.statusCode() != 201) {
      throw new IllegalStateException("enrol refused: " + r.statusCode() + " " + r.body());
    }
    return json(r);
  }
}
