package org.openrps.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.openrps.wire.ErrorBody;
import org.openrps.wire.Receipt;
import org.openrps.wire.Report;
import org.openrps.wire.WireJson;

/**
 * Sends a report to the server: gzip JSON, HTTP Basic with the agent's credentials, over TLS 1.2 or
 * 1.3 with the server's certificate and host name checked during the handshake, so that nothing
 * (not even the request line) leaves when the server is not trusted.
 */
public final class ReportUploader {

  /** The server's report endpoint, relative to its base URL. */
  public static final String PATH = "api/v1/reports";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  private final URI endpoint;
  private final LiveCredentials credentials;
  private final String userAgent;
  private final Transport transport;
  private final HttpClient http;
  private final ObjectMapper mapper;

  /**
   * @param serverUrl the server's base URL ({@code https://host:port} or with a path prefix)
   * @param secret the agent's secret; copied, not kept otherwise
   */
  public ReportUploader(
      URI serverUrl,
      String agentId,
      char[] secret,
      SSLContext tls,
      ObjectMapper mapper,
      String agentVersion) {
    this(
        serverUrl,
        new LiveCredentials(new Credentials(Objects.requireNonNull(agentId, "agentId"), secret)),
        Transport.direct(tls),
        mapper,
        agentVersion);
  }

  /**
   * @param serverUrl the server's base URL ({@code https://host:port} or with a path prefix)
   * @param credentials read at each upload, so a rotated secret is used from the next one on
   * @param transport the TLS trust and the proxy, if any
   */
  public ReportUploader(
      URI serverUrl,
      LiveCredentials credentials,
      Transport transport,
      ObjectMapper mapper,
      String agentVersion) {
    Objects.requireNonNull(serverUrl, "serverUrl");
    if (!"https".equalsIgnoreCase(serverUrl.getScheme())) {
      throw new IllegalArgumentException("the server URL must be https: " + serverUrl);
    }
    String base = serverUrl.toString();
    this.endpoint = URI.create(base.endsWith("/") ? base + PATH : base + "/" + PATH);
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.userAgent = "openrps-agent/" + agentVersion;
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.http = transport.newClient(CONNECT_TIMEOUT);
  }

  public URI endpoint() {
    return endpoint;
  }

  /**
   * Uploads one report and returns the server's receipt for it.
   *
   * @throws SyncException when no receipt for this report came back; nothing about the outbox is
   *     changed here
   * @throws InterruptedException when interrupted while waiting for the server
   */
  public Receipt send(Report report) throws SyncException, InterruptedException {
    return upload(report).receipt();
  }

  /**
   * Uploads one report and returns what went on the wire (the gzip body's length and SHA-256) with
   * the server's receipt.
   *
   * @throws SyncException when no receipt for this report came back; it carries the same {@link
   *     SyncException#body()}; nothing about the outbox is changed here
   * @throws InterruptedException when interrupted while waiting for the server
   */
  public Upload upload(Report report) throws SyncException, InterruptedException {
    byte[] body = WireJson.gzip(mapper, report);
    WireBody wire = WireBody.of(body);
    try {
      return post(report, body, wire);
    } catch (SyncException e) {
      throw e.withBody(wire);
    }
  }

  private Upload post(Report report, byte[] body, WireBody wire)
      throws SyncException, InterruptedException {
    HttpRequest request =
        transport
            .authorize(HttpRequest.newBuilder(endpoint))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Content-Encoding", "gzip")
            .header("Accept", "application/json")
            .header("Authorization", credentials.authorization())
            .header("User-Agent", userAgent)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
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
    int status = response.statusCode();
    byte[] answer = response.body();
    if (status >= 200 && status < 300) {
      Receipt receipt;
      try {
        receipt = mapper.readValue(answer, Receipt.class);
      } catch (IOException e) {
        throw new SyncException(
            SyncException.Kind.protocol,
            "server answered " + status + " without a receipt: " + snippet(answer),
            status,
            null,
            e);
      }
      if (!receipt.reportId().equals(report.reportId())) {
        throw new SyncException(
            SyncException.Kind.protocol,
            "server's receipt is for report " + receipt.reportId() + ", not " + report.reportId(),
            status,
            null,
            null);
      }
      return new Upload(wire, status, receipt);
    }
    ErrorBody error = null;
    try {
      error = mapper.readValue(answer, ErrorBody.class);
    } catch (IOException | RuntimeException e) {
      // Not our error format (a proxy, say): report the status and the start of the body.
    }
    String what = error != null ? error.code() + " (" + error.message() + ")" : snippet(answer);
    if (status >= 400 && status < 500) {
      throw new SyncException(
          SyncException.Kind.refused,
          "server refused the report: " + what + " [HTTP " + status + "]",
          status,
          error,
          null);
    }
    throw new SyncException(
        SyncException.Kind.serverError,
        "server failed: " + what + " [HTTP " + status + "]",
        status,
        error,
        null);
  }

  /** What an I/O failure towards {@code endpoint} means: certificate, host name, TLS or network. */
  static SyncException failure(URI endpoint, IOException e) {
    CertificateException certificate = null;
    SSLException ssl = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException c && certificate == null) {
        certificate = c;
      }
      if (t instanceof SSLException s && ssl == null) {
        ssl = s;
      }
    }
    String where = endpoint.getHost() + ":" + (endpoint.getPort() == -1 ? 443 : endpoint.getPort());
    if (certificate != null || (ssl != null && String.valueOf(ssl.getMessage()).contains("PKIX"))) {
      String detail = String.valueOf((certificate != null ? certificate : ssl).getMessage());
      if (detail.contains("subject alternative") || detail.contains("No name matching")) {
        return new SyncException(
            SyncException.Kind.hostMismatch,
            "server certificate does not match host " + endpoint.getHost() + " (" + detail + ")",
            0,
            null,
            e);
      }
      return new SyncException(
          SyncException.Kind.untrustedCertificate,
          "server certificate not trusted at "
              + where
              + " (no path to a trusted certificate; check --trust-cert)",
          0,
          null,
          e);
    }
    if (ssl != null) {
      return new SyncException(
          SyncException.Kind.tls,
          "TLS handshake with " + where + " failed (" + ssl.getMessage() + ")",
          0,
          null,
          e);
    }
    return new SyncException(
        SyncException.Kind.network,
        "server unreachable at " + where + " (" + why(e) + ")",
        0,
        null,
        e);
  }

  /** A network failure in a few words: "connection refused", "connect timed out", ... */
  private static String why(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.http.HttpConnectTimeoutException) {
        return "connect timed out after " + CONNECT_TIMEOUT.toSeconds() + " s";
      }
      if (t instanceof java.net.http.HttpTimeoutException) {
        return "no answer within " + REQUEST_TIMEOUT.toMinutes() + " min";
      }
      if (t instanceof java.net.ConnectException) {
        String m = t.getMessage();
        return m == null || m.isBlank() || m.startsWith("Connection refused")
            ? "connection refused"
            : m;
      }
      if (t instanceof java.net.UnknownHostException) {
        return "unknown host";
      }
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  static String snippet(byte[] body) {
    String s = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
    return s.isEmpty() ? "(empty body)" : s.replaceAll("\\s+", " ");
  }

  @Override
  public String toString() {
    return "ReportUploader[" + endpoint + "]";
  }
}
