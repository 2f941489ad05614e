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
import org.openrps.testkit.WireSamples;

/** Health, metrics, the OpenAPI document against the router, pagination, and configuration. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsTest {

  private ServerApp server;
  private ApiClient api;
  private Path dir;

  @BeforeAll
  void start() throws IOException {
    dir = org.openrps.testkit.Scratch.directory("openrps-ops");
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
                    WireSamples.report("ops-r1", "ops-agent", t, 3),
                    basic("ops-agent", "ops-secret"))
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
    api.upload(WireSamples.report("ops-page", "ops-agent", t, 5), basic("ops-agent", "ops-secret"));
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

  @Test
  void everyErrorIsJsonWithACodeIncludingUnknownRoutesWrongMethodsAndHugeHeaders() {
    for (String path : List.of("/nope", "/api/v1/nope", "/api/v1/devices/x/y/z/w")) {
      assertJsonError(api.get(path, null), 404, "not_found");
    }
    assertJsonError(api.send("DELETE", "/api/v1/reports", null, null), 405, null);
    assertJsonError(api.send("PUT", "/health/live", null, null), 405, null);
    HttpResponse<String> huge = api.sendWithHeader("/health/live", "X-Padding", "a".repeat(65536));
    assertJsonError(huge, 431, "request.headers_too_large");
  }

  private void assertJsonError(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .as(r.uri().toString())
        .startsWith("application/json");
    JsonNode body = api.json(r);
    assertThat(body.get("code").asText()).isNotBlank();
    assertThat(body.get("message").asText()).isNotBlank();
    if (code != null) {
      assertThat(body.get("code").asText()).isEqualTo(code);
    }
  }

  @Test
  void metricsNeedTheConfiguredTokenAndTheListenerBindsTheConfiguredAddress() throws Exception {
    String token = "metrics-token-0123456789";
    ServerConfig config =
        ServerConfig.load(
            Optional.empty(),
            Map.of(
                "OPENRPS_DATA",
                org.openrps.testkit.Scratch.directory("openrps-ops-bind").toString(),
                "OPENRPS_PORT",
                "0",
                "OPENRPS_BIND",
                "127.0.0.1",
                "OPENRPS_METRICS_TOKEN",
                token),
            Map.of());
    assertThat(config.bind()).isEqualTo("127.0.0.1");
    assertThat(config.toString()).doesNotContain(token).contains("metricsToken=****");
    try (ServerApp bound = ServerApp.start(config, Clock.systemUTC())) {
      ApiClient client = new ApiClient(bound);
      HttpResponse<String> none = client.get("/metrics", null);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/json");
      assertThat(client.get("/metrics", ApiClient.bearer("wrong-token-0123456789")).statusCode())
          .isEqualTo(401);
      assertThat(client.get("/metrics", ApiClient.bearer(token)).statusCode()).isEqualTo(200);
      // Bound to 127.0.0.1 only: the same port on another loopback address takes no connection.
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new java.net.InetSocketAddress("127.0.0.1", bound.port()), 5000);
      }
      assertThatThrownBy(
              () -> {
                try (java.net.Socket s = new java.net.Socket()) {
                  s.connect(new java.net.InetSocketAddress("127.0.0.2", bound.port()), 5000);
                }
              })
          .isInstanceOf(java.net.ConnectException.class);
    }
    assertThatThrownBy(
            () ->
                ServerConfig.load(
                    Optional.empty(), Map.of("OPENRPS_METRICS_TOKEN", "short"), Map.of()))
        .hasMessageContaining("environment variable OPENRPS_METRICS_TOKEN")
        .hasMessageContaining("16 characters");
  }

  /**
   * A PostgreSQL database turned read-only under the running server (as after a fail-over onto a
   * standby): readiness writes, so it says so, and recovers when writes work again.
   */
  @Test
  void readinessIsDownWhenTheDatabaseRefusesWritesAndUpAgainWhenItTakesThem() throws Exception {
    String name = "openrps_ro_" + java.util.UUID.randomUUID().toString().substring(0, 8);
    admin("CREATE DATABASE " + name);
    String base = Fixtures.pgBaseUrl();
    String url = base.replaceFirst("/[A-Za-z0-9_]+(\\?|$)", "/" + name + "$1");
    try {
      try (ServerApp pg =
          ServerApp.start(
              new ServerConfig(
                  org.openrps.testkit.Scratch.directory("openrps-ops-ro"),
                  0,
                  Optional.of(url),
                  java.util.Set.of()),
              Clock.systemUTC())) {
        ApiClient client = new ApiClient(pg);
        assertThat(client.get("/health/ready", null).statusCode()).isEqualTo(200);

        admin("ALTER DATABASE " + name + " SET default_transaction_read_only = on");
        terminateConnections(name);
        // The pool finds its dead connections one request at a time; bounded, no sleeping.
        HttpResponse<String> down = client.get("/health/ready", null);
        for (int i = 0; i < 12 && client.json(down).get("database").asText().equals("down"); i++) {
          down = client.get("/health/ready", null);
        }
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(client.json(down).get("status").asText()).isEqualTo("down");
        assertThat(client.json(down).get("database").asText()).isEqualTo("read-only");

        admin("ALTER DATABASE " + name + " RESET default_transaction_read_only");
        terminateConnections(name);
        HttpResponse<String> up = client.get("/health/ready", null);
        for (int i = 0; i < 12 && up.statusCode() != 200; i++) {
          up = client.get("/health/ready", null);
        }
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(client.json(up).get("database").asText()).isEqualTo("up");
      }
    } finally {
      terminateConnections(name);
      admin("DROP DATABASE IF EXISTS " + name);
    }
  }

  private static void admin(String sql) throws java.sql.SQLException {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(Fixtures.pgBaseUrl());
        java.sql.Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void terminateConnections(String database) throws java.sql.SQLException {
    admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
            + database
            + "' AND pid <> pg_backend_pid()");
  }
}
