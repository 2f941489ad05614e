package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.testkit.WireSamples;
import org.openrps.wire.Report;
import org.openrps.wire.WireJson;

/** Uploads over real TLS to a server on port 0 with SQLite: what is stored, what is refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestionTest {

  private static final int MB10 = 10 * 1024 * 1024;
  private static final List<String> TABLES =
      List.of("reports", "device_snapshots", "meter_readings", "supply_readings", "devices");

  private final ObjectMapper mapper = WireJson.newMapper();
  private final Instant t = Instant.parse("2026-11-28T08:00:00Z");
  private Path dataDir;
  private ServerApp server;
  private SSLContext tls;
  private HttpClient client;
  private String dbUrl;

  @BeforeAll
  void startServer() throws IOException {
    dataDir = org.openrps.testkit.Scratch.directory("openrps-ingest");
    server = ServerApp.start(ServerConfig.embedded(dataDir, 0), Clock.systemUTC());
    server.putAgent("agent-1", "agent-secret".toCharArray());
    server.putUser("viewer", "viewer-password".toCharArray());
    tls = Fixtures.trusting(server.certificatePem());
    client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    dbUrl = "jdbc:sqlite:" + dataDir.resolve("openrps.db");
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  private URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.port() + path);
  }

  private static String basic(String name, String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((name + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> upload(byte[] body, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/api/v1/reports"))
            .header("Content-Type", "application/json")
            .header("Content-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> upload(byte[] gzipBody) throws Exception {
    return upload(gzipBody, basic("agent-1", "agent-secret"));
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }

  private Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, Fixtures.count(dbUrl, table));
    }
    return counts;
  }

  private void assertRefused(HttpResponse<String> response, int status, String code)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(mapper.readTree(response.body()).path("code").asText()).isEqualTo(code);
  }

  @Test
  void validReportIsStoredAsLatestStateAndHistory() throws Exception {
    Report report = WireSamples.report("r-valid", "agent-1", t, 3);

    HttpResponse<String> response = upload(WireJson.gzip(mapper, report));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode receipt = mapper.readTree(response.body());
    assertThat(receipt.path("reportId").asText()).isEqualTo("r-valid");
    assertThat(receipt.path("duplicate").asBoolean()).isFalse();
    assertThat(receipt.path("devices").asInt()).isEqualTo(3);
    HttpResponse<String> devices =
        client.send(
            HttpRequest.newBuilder(uri("/api/v1/devices"))
                .header("Authorization", basic("viewer", "viewer-password"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(devices.statusCode()).isEqualTo(200);
    JsonNode list = mapper.readTree(devices.body());
    assertThat(list.findValuesAsText("serial")).contains("S0000", "S0001", "S0002");
    JsonNode first = list.get(0);
    assertThat(first.path("make").asText()).isEqualTo("HP");
    assertThat(first.path("totalPages").asLong()).isEqualTo(1000);
    assertThat(first.path("lowestSupplyPercent").asDouble()).isEqualTo(40.0);
    assertThat(first.path("address").asText()).isEqualTo("127.50.0.1");
    assertThat(first.path("lastSeen").asText()).isEqualTo("2026-11-28T08:00:00Z");
    assertThat(Fixtures.count(dbUrl, "device_snapshots where report_id = 'r-valid'")).isEqualTo(3);
    assertThat(Fixtures.count(dbUrl, "meter_readings where report_id = 'r-valid'")).isEqualTo(3);
  }

  @Test
  void plainJsonWithoutContentEncodingIsAcceptedToo() throws Exception {
    byte[] json = mapper.writeValueAsBytes(WireSamples.report("r-plain", "agent-1", t, 1));
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/api/v1/reports"))
                .header("Content-Type", "application/json")
                .header("Authorization", basic("agent-1", "agent-secret"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @Test
  void sameReportIdTwiceIsStoredOnceAndTheSecondReceiptSaysDuplicate() throws Exception {
    byte[] body = WireJson.gzip(mapper, WireSamples.report("r-dup", "agent-1", t, 2));

    HttpResponse<String> first = upload(body);
    Map<String, Long> afterFirst = counts();
    HttpResponse<String> second = upload(body);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(second.statusCode()).isEqualTo(200);
    JsonNode receipt = mapper.readTree(second.body());
    assertThat(receipt.path("duplicate").asBoolean()).isTrue();
    assertThat(receipt.path("devices").asInt()).isEqualTo(2);
    assertThat(receipt.path("receivedAt").asText())
        .isEqualTo(mapper.readTree(first.body()).path("receivedAt").asText());
    assertThat(counts()).isEqualTo(afterFirst);
    assertThat(Fixtures.count(dbUrl, "reports where report_id = 'r-dup'")).isEqualTo(1);
  }

  @Test
  void malformedJsonIsRefusedAndNothingStored() throws Exception {
    Map<String, Long> before = counts();
    HttpResponse<String> response = upload(gzip("{\"schema\": \"openrps.report/1\", ".getBytes()));
    assertRefused(response, 400, "report.malformed");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void reportFailingTheSchemaIsRefusedWithTheFailingPath() throws Exception {
    ObjectNode tree = mapper.valueToTree(WireSamples.report("r-invalid", "agent-1", t, 2));
    ((ObjectNode) tree.path("devices").get(1).path("identity")).remove("serial");
    Map<String, Long> before = counts();

    HttpResponse<String> response = upload(gzip(mapper.writeValueAsBytes(tree)));

    assertRefused(response, 422, "report.invalid");
    assertThat(mapper.readTree(response.body()).path("message").asText())
        .contains("/devices/1/identity")
        .contains("serial");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void brokenGzipIsRefusedAndNothingStored() throws Exception {
    byte[] good = WireJson.gzip(mapper, WireSamples.report("r-gz", "agent-1", t, 2));
    byte[] truncated = Arrays.copyOf(good, good.length / 2);
    byte[] notGzip = "this is not gzip at all".getBytes(StandardCharsets.US_ASCII);
    Map<String, Long> before = counts();

    assertRefused(upload(truncated), 400, "report.bad_encoding");
    assertRefused(upload(notGzip), 400, "report.bad_encoding");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void bodyOverTheLimitIsRefusedByItsContentLengthBeforeItIsSent() throws Exception {
    Map<String, Long> before = counts();
    try (SSLSocket socket =
        (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Authorization: "
                  + basic("agent-1", "agent-secret")
                  + "\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                  + "Content-Length: "
                  + (MB10 + 1)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 413").contains("\"code\":\"report.too_large\"");
    }
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void bodyOverTheLimitWithoutContentLengthIsRefusedWhileReading() throws Exception {
    byte[] spaces = new byte[MB10 + 1];
    Arrays.fill(spaces, (byte) ' ');
    Map<String, Long> before = counts();

    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/api/v1/reports"))
                .header("Content-Type", "application/json")
                .header("Authorization", basic("agent-1", "agent-secret"))
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(spaces)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertRefused(response, 413, "report.too_large");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void gzipBombIsRefusedWhileInflating() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
      byte[] block = new byte[1 << 20];
      Arrays.fill(block, (byte) ' ');
      for (int i = 0; i < 64; i++) {
        gz.write(block);
      }
    }
    assertThat(compressed.size()).isLessThan(1 << 20);
    Map<String, Long> before = counts();

    HttpResponse<String> response = upload(compressed.toByteArray());

    assertRefused(response, 413, "report.too_large");
    assertThat(mapper.readTree(response.body()).path("message").asText()).contains("inflated");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void wrongOrMissingCredentialsAreRefusedAndNothingStored() throws Exception {
    byte[] body = WireJson.gzip(mapper, WireSamples.report("r-auth", "agent-1", t, 1));
    Map<String, Long> before = counts();

    HttpResponse<String> wrong = upload(body, basic("agent-1", "not-the-secret"));
    HttpResponse<String> unknown = upload(body, basic("nobody", "agent-secret"));
    HttpResponse<String> none = upload(body, null);

    for (HttpResponse<String> response : List.of(wrong, unknown, none)) {
      assertRefused(response, 401, "auth.invalid_credentials");
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void reportFromAnotherSourceThanTheAgentIsRefused() throws Exception {
    byte[] body = WireJson.gzip(mapper, WireSamples.report("r-other", "agent-2", t, 1));
    Map<String, Long> before = counts();
    assertRefused(upload(body), 403, "report.source_mismatch");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void deviceListNeedsAUser() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/api/v1/devices"))
                .header("Authorization", basic("agent-1", "agent-secret"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertRefused(response, 401, "auth.invalid_credentials");
  }
}
