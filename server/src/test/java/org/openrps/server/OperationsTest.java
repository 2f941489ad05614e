package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openrps.server.ApiClient.basic;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.server.store.Role;
import org.openrps.server.store.TenantId;

/** Health, metrics, the OpenAPI document against the router, pagination, and configuration. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsTest {

  private ServerApp server;
  private ApiClient api;
  private Path dir;

  @BeforeAll
  void start() throws IOException {
    dir = Files.createTempDirectory("openrps-ops");
    server = ServerApp.start(ServerConfig.embedded(dir, 0), Clock.systemUTC());
    server.putAgent("ops-agent", "ops-secret".toCharArray());
    server.putUser("ops", "ops-password".toCharArray(), TenantId.DEFAULT, Role.customer_reader);
    api = new ApiClient(server);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void healthSaysLiveAndReadyWithTheDatabase() {
    assertThat(api.get("/health/live", null).statusCode()).isEqualTo(200);
    HttpResponse<String> ready = api.get("/health/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(api.json(ready).get("database").asText()).isEqualTo("up");
  }

  @Test
  void metricsArePrometheusTextWithRequestsAndStoredSnapshots() {
    Instant t = Instant.parse("2026-11-28T08:00:00Z");
    assertThat(
            api.upload(
                    Fixtures.report("ops-r1", "ops-agent", t, 3), basic("ops-agent", "ops-secret"))
                .statusCode())
        .isEqualTo(201);
    HttpResponse<String> metrics = api.get("/metrics", null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(metrics.body())
        .containsPattern("openrps_snapshots_stored_total [1-9][0-9]*\\.0")
        .contains("http_server_requests_seconds_count{")
        .contains("route=\"/api/v1/reports\"")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void openApiDocumentListsExactlyTheRoutesOfTheRouter() {
    JsonNode doc = api.json(api.get("/api/v1/openapi.json", null));
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    List<String> documented = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue().fieldNames().forEachRemaining(m -> documented.add(m + " " + path.getKey()));
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(server.apiRoutes());
  }

  @Test
  void devicesArePagedWithACursorAndExportedAsCsv() {
    Instant t = Instant.parse("2026-11-28T09:00:00Z");
    api.upload(Fixtures.report("ops-page", "ops-agent", t, 5), basic("ops-agent", "ops-secret"));
    String auth = basic("ops", "ops-password");
    List<String> serials = new ArrayList<>();
    String path = "/api/v1/devices?limit=2";
    for (int pages = 0; pages < 10; pages++) {
      HttpResponse<String> page = api.get(path, auth);
      assertThat(page.statusCode()).isEqualTo(200);
      api.json(page).forEach(d -> serials.add(d.get("serial").asText()));
      Optional<String> next = page.headers().firstValue("X-Next-Cursor");
      if (next.isEmpty()) {
        break;
      }
      path = "/api/v1/devices?limit=2&cursor=" + next.get();
    }
    assertThat(serials).containsExactly("S0000", "S0001", "S0002", "S0003", "S0004");
    HttpResponse<String> csv = api.get("/api/v1/devices?format=csv", auth);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.body().split("\r\n")).hasSize(6);
    HttpResponse<String> meters =
        api.get("/api/v1/customers/default/devices/HP/S0003/meters?format=csv", auth);
    assertThat(meters.body()).startsWith("readAt,name,value,oid,reportId").contains(",total,1003,");
    assertThat(api.get("/api/v1/devices?limit=0", auth).body()).contains("request.invalid");
    assertThat(api.get("/api/v1/devices?cursor=broken!", auth).statusCode()).isEqualTo(400);
  }

  @Test
  void configComesFromFileThenEnvironmentAndABrokenValueNamesItsSourceKeyAndRule()
      throws IOException {
    Path file = dir.resolve("server.properties");
    Files.writeString(file, "port=9443\nretention.days=30\ndb.url=jdbc:postgresql://db/openrps\n");
    ServerConfig config =
        ServerConfig.load(Optional.of(file), Map.of("OPENRPS_PORT", "10443"), Map.of());
    assertThat(config.port()).isEqualTo(10443);
    assertThat(config.policy().retention()).isEqualTo(Duration.ofDays(30));
    assertThat(config.jdbcUrl()).hasValue("jdbc:postgresql://db/openrps");

    Files.writeString(file, "retention.days=forever\n");
    assertThatThrownBy(() -> ServerConfig.load(Optional.of(file), Map.of(), Map.of()))
        .isInstanceOf(ServerConfig.ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("retention.days")
        .hasMessageContaining("whole number");
    Files.writeString(file, "prot=1\n");
    assertThatThrownBy(() -> ServerConfig.load(Optional.of(file), Map.of(), Map.of()))
        .hasMessageContaining("unknown key 'prot'");
    assertThatThrownBy(
            () -> ServerConfig.load(Optional.empty(), Map.of("OPENRPS_PORT", "70000"), Map.of()))
        .hasMessageContaining("environment variable OPENRPS_PORT")
        .hasMessageContaining("between 0 and 65535");
  }
}
