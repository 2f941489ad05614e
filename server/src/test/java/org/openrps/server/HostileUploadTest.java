package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrps.server.ApiClient.basic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.WireSamples;
import org.openrps.wire.WireJson;

/**
 * Uploads that pass the size limits but not the others: nesting depth, string length, devices per
 * report, and the per-agent rate limit. Each is a 4xx JSON error with a stable code, and nothing is
 * stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileUploadTest {

  private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");
  private static final List<String> TABLES =
      List.of("reports", "device_snapshots", "meter_readings", "devices");

  private final MutableClock clock = MutableClock.at(T);
  private final ObjectMapper mapper = WireJson.newMapper();
  private ServerApp server;
  private ApiClient api;
  private HttpClient http;
  private String db;

  @BeforeAll
  void start() throws IOException {
    Path dir = org.openrps.testkit.Scratch.directory("openrps-hostile");
    ServerConfig.Policy d = ServerConfig.Policy.DEFAULTS;
    server =
        ServerApp.start(
            ServerConfig.embedded(dir, 0)
                .withPolicy(
                    new ServerConfig.Policy(
                        d.retention(),
                        d.retentionPeriod(),
                        3,
                        d.loginsPerMinutePerUser(),
                        d.loginsPerMinutePerAddress(),
                        d.enrolCodeLifetime(),
                        d.maxReportBytes(),
                        5,
                        4)),
            clock);
    server.putAgent("hostile", "hostile-secret".toCharArray());
    server.putAgent("limited", "limited-secret".toCharArray());
    api = new ApiClient(server);
    http = HttpClient.newBuilder().sslContext(Fixtures.trusting(server.certificatePem())).build();
    db = "jdbc:sqlite:" + dir.resolve("openrps.db");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private long stored() {
    return TABLES.stream().mapToLong(t -> Fixtures.count(db, t)).sum();
  }

  private HttpResponse<String> send(String json) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(json.getBytes(StandardCharsets.UTF_8));
    }
    return http.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/api/v1/reports"))
            .header("Content-Type", "application/json")
            .header("Content-Encoding", "gzip")
            .header("Authorization", basic("hostile", "hostile-secret"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void assertRefused(HttpResponse<String> r, int status, String code, long before) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(r.body()).contains("\"code\":\"" + code + "\"");
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void deeplyNestedJsonIsRefusedWhileParsing() throws Exception {
    long before = stored();
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertRefused(send("{\"schema\":" + deep + "}"), 413, "report.limit_exceeded", before);
  }

  @Test
  void overlongStringIsRefusedWhileParsing() throws Exception {
    long before = stored();
    ObjectNode report = mapper.valueToTree(WireSamples.report("r-long", "hostile", T, 1));
    report.put("reportId", "x".repeat(200_000));
    assertRefused(send(mapper.writeValueAsString(report)), 413, "report.limit_exceeded", before);
  }

  @Test
  void reportWithMoreDevicesThanTheLimitIsRefused() throws Exception {
    long before = stored();
    String json = mapper.writeValueAsString(WireSamples.report("r-many", "hostile", T, 6));
    assertRefused(send(json), 413, "report.too_many_devices", before);
  }

  @Test
  void agentPastItsUploadsPerMinuteIsRefusedUntilTheWindowMoves() {
    String auth = basic("limited", "limited-secret");
    for (int i = 0; i < 3; i++) {
      assertThat(api.upload(WireSamples.report("lim-" + i, "limited", T, 1), auth).statusCode())
          .isEqualTo(201);
    }
    long before = stored();
    HttpResponse<String> refused = api.upload(WireSamples.report("lim-3", "limited", T, 1), auth);
    assertRefused(refused, 429, "report.rate_limited", before);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();

    clock.advance(Duration.ofMinutes(1));
    assertThat(api.upload(WireSamples.report("lim-3", "limited", T, 1), auth).statusCode())
        .isEqualTo(201);
  }
}
