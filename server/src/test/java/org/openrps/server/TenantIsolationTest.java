package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrps.server.ApiClient.basic;
import static org.openrps.server.ApiClient.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.WireSamples;

/**
 * Walks every API route with the credentials of customer A (a customer admin by password, and a
 * read-only API token) against the data of customer B: reads, changes, deletes, lists and exports.
 * Nothing of B may show, and nothing of B may change. The route list is the server's own, so a new
 * route without a probe here fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {

  private static final TenantId A = TenantId.of("cust-a");
  private static final TenantId B = TenantId.of("cust-b");
  private static final SiteId SITE = SiteId.of("main");
  private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");

  private ServerApp server;
  private ApiClient api;
  private String bAdmin;
  private String bAgentId;
  private String bAgentAuth;
  private String bTokenId;
  private String bToken;
  private String aAgentAuth;
  private String aAgentId;
  private String bCommandId;
  private String bDeviceCommandId;

  @BeforeAll
  void start() throws IOException {
    Path dir = org.openrps.testkit.Scratch.directory("openrps-tenants");
    ServerConfig config =
        ServerConfig.embedded(dir, 0)
            .withPolicy(
                new ServerConfig.Policy(
                    ServerConfig.Policy.DEFAULTS.retention(),
                    ServerConfig.Policy.DEFAULTS.retentionPeriod(),
                    1000,
                    1000,
                    1000,
                    ServerConfig.Policy.DEFAULTS.enrolCodeLifetime(),
                    ServerConfig.Policy.DEFAULTS.maxReportBytes(),
                    100,
                    4));
    server = ServerApp.start(config, Clock.systemUTC());
    api = new ApiClient(server);
    server.addCustomer(A, "Customer A", SITE, "A main");
    server.addCustomer(B, "Customer B", SITE, "B main");
    server.putUser("a-admin", "a-password".toCharArray(), A, Role.customer_admin);
    server.putUser("b-admin", "b-password".toCharArray(), B, Role.customer_admin);
    bAdmin = basic("b-admin", "b-password");

    JsonNode bAgent = api.enrol(server.newEnrolCode(B, SITE).code(), "agent");
    bAgentId = bAgent.get("clientId").asText();
    bAgentAuth = basic(bAgentId, bAgent.get("secret").asText());
    assertThat(
            api.upload(
                    WireSamples.report(
                        "b-r1",
                        bAgentId,
                        T,
                        WireSamples.device("HP", "B-1", 500, 40, T),
                        WireSamples.device("HP", "B-2", 600, 50, T)),
                    bAgentAuth)
                .statusCode())
        .isEqualTo(201);
    JsonNode aAgent = api.enrol(server.newEnrolCode(A, SITE).code(), "agent");
    aAgentId = aAgent.get("clientId").asText();
    aAgentAuth = basic(aAgentId, aAgent.get("secret").asText());

    JsonNode bModule = api.enrolDevice(server.newEnrolCode(B, SITE).code(), "HP", "B-1");
    assertThat(bModule.get("clientId").asText()).startsWith("dev-");
    HttpResponse<String> bSend =
        api.post(
            "/api/v1/commands", bAdmin, "{\"type\":\"send-now\",\"agent\":\"" + bAgentId + "\"}");
    assertThat(bSend.statusCode()).as(bSend.body()).isEqualTo(201);
    bCommandId = api.json(bSend).get("commands").get(0).get("id").asText();
    HttpResponse<String> bReboot =
        api.post("/api/v1/commands", bAdmin, "{\"type\":\"reboot\",\"devices\":[\"HP/B-1\"]}");
    assertThat(bReboot.statusCode()).as(bReboot.body()).isEqualTo(201);
    bDeviceCommandId = api.json(bReboot).get("commands").get(0).get("id").asText();

    JsonNode token =
        api.json(
            api.post(
                "/api/v1/tokens", bAdmin, "{\"name\":\"b-script\",\"role\":\"customer_reader\"}"));
    bTokenId = token.get("id").asText();
    bToken = token.get("token").asText();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static final String B_DEVICE = "/api/v1/customers/cust-b/devices/HP/B-1";

  /** What B owns, as B sees it; must be the same after A's attempts. */
  private String bView() {
    StringBuilder view = new StringBuilder();
    for (String path :
        List.of(
            "/api/v1/customers/cust-b",
            "/api/v1/customers/cust-b/sites",
            "/api/v1/customers/cust-b/mail-settings",
            "/api/v1/agents",
            "/api/v1/devices",
            B_DEVICE,
            B_DEVICE + "/readings",
            B_DEVICE + "/meters",
            B_DEVICE + "/supplies/history",
            B_DEVICE + "/alerts",
            "/api/v1/commands",
            "/api/v1/commands/" + bCommandId,
            B_DEVICE + "/diagnostics",
            "/api/v1/tokens")) {
      HttpResponse<String> r = api.get(path, bAdmin);
      assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
      view.append(path).append(' ').append(r.body()).append('\n');
    }
    return view.toString();
  }

  private void assertNoB(HttpResponse<String> r) {
    assertThat(r.body())
        .doesNotContain("cust-b")
        .doesNotContain("B-1")
        .doesNotContain("B-2")
        .doesNotContain(bAgentId)
        .doesNotContain(bTokenId)
        .doesNotContain(bCommandId)
        .doesNotContain(bDeviceCommandId);
  }

  private Map<String, Consumer<String>> probes() {
    Map<String, Consumer<String>> p = new LinkedHashMap<>();
    p.put("post /api/v1/enrol", auth -> {}); // public: a code is the only credential
    p.put("get /api/v1/openapi.json", auth -> {}); // public
    p.put(
        "post /api/v1/reports",
        auth -> {
          // A's agent cannot report as B's agent, and its own reports land in A only.
          HttpResponse<String> r =
              api.upload(WireSamples.report("a-as-b", bAgentId, T, 1), aAgentAuth);
          assertThat(r.statusCode()).isEqualTo(403);
          HttpResponse<String> own =
              api.upload(
                  WireSamples.report("b-r1", aAgentId, T, WireSamples.device("HP", "B-1", 1, 1, T)),
                  aAgentAuth);
          assertThat(own.statusCode()).as(own.body()).isIn(200, 201);
        });
    p.put(
        "get /api/v1/client/commands",
        auth -> {
          assertThat(api.get("/api/v1/client/commands", auth).statusCode()).isEqualTo(401);
          HttpResponse<String> own = api.get("/api/v1/client/commands", aAgentAuth);
          assertThat(own.statusCode()).isEqualTo(200);
          assertThat(own.body()).contains("\"commands\":[]");
          assertNoB(own);
        });
    p.put(
        "post /api/v1/client/commands/{id}/result",
        auth -> {
          for (String id : List.of(bCommandId, bDeviceCommandId)) {
            String result =
                "{\"commandId\":\""
                    + id
                    + "\",\"outcome\":\"done\",\"message\":\"x\",\"appliedAt\":\""
                    + Instant.now()
                    + "\"}";
            String path = "/api/v1/client/commands/" + id + "/result";
            assertThat(api.post(path, auth, result).statusCode()).isEqualTo(401);
            HttpResponse<String> r = api.post(path, aAgentAuth, result);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).doesNotContain("cust-b", "B-1", bAgentId); // names only the id
          }
        });
    p.put(
        "post /api/v1/commands",
        auth -> {
          for (String body :
              List.of(
                  "{\"type\":\"reboot\",\"devices\":[\"HP/B-1\"],\"customer\":\"cust-b\"}",
                  "{\"type\":\"reboot\",\"customer\":\"cust-b\"}",
                  "{\"type\":\"send-now\",\"agent\":\"" + bAgentId + "\"}")) {
            HttpResponse<String> r = api.post("/api/v1/commands", auth, body);
            assertThat(r.statusCode()).as(body).isIn(403, 404);
          }
          // A's own group (its device B-1 has no module here) reaches nothing of B.
          HttpResponse<String> own =
              api.post("/api/v1/commands", auth, "{\"type\":\"reboot\",\"make\":\"HP\"}");
          assertThat(own.statusCode()).isIn(201, 403);
          assertNoB(own);
        });
    p.put(
        "get /api/v1/commands",
        auth -> {
          for (String path :
              List.of(
                  "/api/v1/commands",
                  "/api/v1/commands?customer=cust-b",
                  "/api/v1/commands?device=HP/B-1",
                  "/api/v1/commands?agent=" + bAgentId)) {
            HttpResponse<String> r = api.get(path, auth);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(api.json(r)).as(path).isEmpty();
            assertNoB(r);
          }
        });
    p.put(
        "get /api/v1/commands/{id}",
        auth -> {
          for (String id : List.of(bCommandId, bDeviceCommandId)) {
            HttpResponse<String> r = api.get("/api/v1/commands/" + id, auth);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).doesNotContain("cust-b", "B-1", bAgentId);
          }
        });
    p.put(
        "get /api/v1/credentials",
        auth -> {
          HttpResponse<String> r = api.get("/api/v1/credentials", auth);
          assertThat(r.statusCode()).isEqualTo(401); // a user is not a client
        });
    p.put(
        "post /api/v1/credentials/rotate",
        auth -> {
          HttpResponse<String> r = api.post("/api/v1/credentials/rotate", auth, null);
          assertThat(r.statusCode()).isEqualTo(401); // a user is not a client
        });
    p.put(
        "get /api/v1/customers",
        auth -> {
          HttpResponse<String> r = api.get("/api/v1/customers", auth);
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.body()).contains("cust-a");
          assertNoB(r);
        });
    p.put(
        "post /api/v1/customers",
        auth ->
            assertThat(
                    api.post("/api/v1/customers", auth, "{\"id\":\"cust-b\",\"name\":\"taken\"}")
                        .statusCode())
                .isEqualTo(403));
    p.put(
        "get /api/v1/customers/{customer}",
        auth -> assertThat(api.get("/api/v1/customers/cust-b", auth).statusCode()).isEqualTo(404));
    p.put(
        "get /api/v1/customers/{customer}/sites",
        auth ->
            assertThat(api.get("/api/v1/customers/cust-b/sites", auth).statusCode())
                .isEqualTo(404));
    p.put(
        "post /api/v1/customers/{customer}/sites",
        auth ->
            assertThat(
                    api.post(
                            "/api/v1/customers/cust-b/sites",
                            auth,
                            "{\"id\":\"evil\",\"name\":\"evil\"}")
                        .statusCode())
                .isIn(403, 404));
    p.put(
        "get /api/v1/customers/{customer}/mail-settings",
        auth ->
            assertThat(api.get("/api/v1/customers/cust-b/mail-settings", auth).statusCode())
                .isEqualTo(404));
    p.put(
        "put /api/v1/customers/{customer}/mail-settings/{kind}",
        auth ->
            assertThat(
                    api.send(
                            "PUT",
                            "/api/v1/customers/cust-b/mail-settings/incident",
                            auth,
                            "{\"recipients\":[\"evil@example.com\"]}")
                        .statusCode())
                .isIn(403, 404));
    p.put(
        "get /api/v1/mail/failed",
        auth -> {
          HttpResponse<String> r = api.get("/api/v1/mail/failed", auth);
          assertThat(r.statusCode()).isEqualTo(200);
          assertNoB(r);
        });
    p.put(
        "post /api/v1/customers/{customer}/sites/{site}/enrol-codes",
        auth ->
            assertThat(
                    api.post("/api/v1/customers/cust-b/sites/main/enrol-codes", auth, null)
                        .statusCode())
                .isIn(403, 404));
    p.put(
        "get /api/v1/incidents",
        auth -> {
          HttpResponse<String> r = api.get("/api/v1/incidents", auth);
          assertThat(r.statusCode()).isEqualTo(200);
          assertNoB(r);
        });
    p.put(
        "get /api/v1/orders",
        auth -> {
          HttpResponse<String> r = api.get("/api/v1/orders", auth);
          assertThat(r.statusCode()).isEqualTo(200);
          assertNoB(r);
          HttpResponse<String> csv = api.get("/api/v1/orders?format=csv", auth);
          assertThat(csv.statusCode()).isEqualTo(200);
          assertNoB(csv);
        });
    p.put(
        "get /api/v1/orders/misses",
        auth -> {
          HttpResponse<String> r = api.get("/api/v1/orders/misses", auth);
          assertThat(r.statusCode()).isEqualTo(200);
          assertNoB(r);
        });
    p.put(
        "get /api/v1/customers/{customer}/asr/settings",
        auth ->
            assertThat(api.get("/api/v1/customers/cust-b/asr/settings", auth).statusCode())
                .isEqualTo(404));
    p.put(
        "put /api/v1/customers/{customer}/asr/settings",
        auth ->
            assertThat(
                    api.send(
                            "PUT",
                            "/api/v1/customers/cust-b/asr/settings",
                            auth,
                            "{\"leadDays\":9}")
                        .statusCode())
                .isIn(403, 404));
    p.put(
        "get /api/v1/customers/{customer}/devices/{make}/{serial}/supplies/forecast",
        auth ->
            assertThat(api.get(B_DEVICE + "/supplies/forecast", auth).statusCode()).isEqualTo(404));
    p.put(
        "get /api/v1/incidents/agents",
        auth -> {
          HttpResponse<String> r = api.get("/api/v1/incidents/agents", auth);
          assertThat(r.statusCode()).isEqualTo(200);
          assertNoB(r);
        });
    p.put(
        "get /api/v1/agents",
        auth -> {
          HttpResponse<String> r = api.get("/api/v1/agents", auth);
          assertThat(r.statusCode()).isEqualTo(200);
          assertNoB(r);
        });
    p.put(
        "get /api/v1/agents/{agent}",
        auth ->
            assertThat(api.get("/api/v1/agents/" + bAgentId, auth).statusCode()).isEqualTo(404));
    p.put(
        "delete /api/v1/agents/{agent}",
        auth ->
            assertThat(api.delete("/api/v1/agents/" + bAgentId, auth).statusCode()).isIn(403, 404));
    p.put(
        "get /api/v1/devices",
        auth -> {
          HttpResponse<String> r = api.get("/api/v1/devices", auth);
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.body()).doesNotContain("cust-b");
          HttpResponse<String> csv = api.get("/api/v1/devices?format=csv", auth);
          assertThat(csv.statusCode()).isEqualTo(200);
          assertThat(csv.body()).startsWith("customer,").doesNotContain("cust-b");
        });
    p.put(
        "get /api/v1/customers/{customer}/devices/{make}/{serial}",
        auth -> assertThat(api.get(B_DEVICE, auth).statusCode()).isEqualTo(404));
    p.put(
        "delete /api/v1/customers/{customer}/devices/{make}/{serial}",
        auth -> assertThat(api.delete(B_DEVICE, auth).statusCode()).isIn(403, 404));
    p.put(
        "get /api/v1/customers/{customer}/devices/{make}/{serial}/readings",
        auth -> assertThat(api.get(B_DEVICE + "/readings", auth).statusCode()).isEqualTo(404));
    p.put(
        "get /api/v1/customers/{customer}/devices/{make}/{serial}/supplies/history",
        auth -> {
          assertThat(api.get(B_DEVICE + "/supplies/history", auth).statusCode()).isEqualTo(404);
          assertThat(api.get(B_DEVICE + "/supplies/history?format=csv", auth).statusCode())
              .isEqualTo(404);
        });
    p.put(
        "get /api/v1/customers/{customer}/devices/{make}/{serial}/parts",
        auth -> assertThat(api.get(B_DEVICE + "/parts", auth).statusCode()).isEqualTo(404));
    p.put(
        "get /api/v1/customers/{customer}/devices/{make}/{serial}/diagnostics",
        auth -> assertThat(api.get(B_DEVICE + "/diagnostics", auth).statusCode()).isEqualTo(404));
    p.put(
        "get /api/v1/customers/{customer}/devices/{make}/{serial}/incidents",
        auth -> assertThat(api.get(B_DEVICE + "/incidents", auth).statusCode()).isEqualTo(404));
    p.put(
        "get /api/v1/customers/{customer}/devices/{make}/{serial}/alerts",
        auth -> assertThat(api.get(B_DEVICE + "/alerts", auth).statusCode()).isEqualTo(404));
    p.put(
        "get /api/v1/customers/{customer}/devices/{make}/{serial}/meters",
        auth -> {
          assertThat(api.get(B_DEVICE + "/meters", auth).statusCode()).isEqualTo(404);
          assertThat(api.get(B_DEVICE + "/meters?format=csv", auth).statusCode()).isEqualTo(404);
        });
    p.put(
        "get /api/v1/tokens",
        auth -> {
          HttpResponse<String> r = api.get("/api/v1/tokens", auth);
          assertThat(r.statusCode()).isEqualTo(200);
          assertNoB(r);
        });
    p.put(
        "post /api/v1/tokens",
        auth ->
            assertThat(
                    api.post(
                            "/api/v1/tokens",
                            auth,
                            "{\"name\":\"x\",\"customer\":\"cust-b\",\"role\":\"customer_admin\"}")
                        .statusCode())
                .isIn(403, 404));
    String bAmr = "/api/v1/customers/cust-b/amr";
    for (String path :
        List.of(
            "/schedule",
            "/periods",
            "/periods/2026-12-01/reads",
            "/periods/2026-12-01/statement",
            "/audit",
            "/missed-reads")) {
      String template =
          "get /api/v1/customers/{customer}/amr" + path.replace("2026-12-01", "{period}");
      p.put(
          template,
          auth -> {
            HttpResponse<String> r = api.get(bAmr + path, auth);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).doesNotContain("B-1", "B-2"); // the 404 names only the asked id
          });
    }
    p.put(
        "put /api/v1/customers/{customer}/amr/schedule",
        auth ->
            assertThat(api.send("PUT", bAmr + "/schedule", auth, "{\"closingDay\":5}").statusCode())
                .isIn(403, 404));
    p.put(
        "post /api/v1/customers/{customer}/amr/periods/{period}/review",
        auth ->
            assertThat(
                    api.post(
                            bAmr + "/periods/2026-12-01/review",
                            auth,
                            "{\"action\":\"correct\",\"make\":\"HP\",\"serial\":\"B-1\","
                                + "\"meter\":\"total\",\"value\":1,\"reason\":\"x\"}")
                        .statusCode())
                .isIn(403, 404));
    p.put(
        "get /api/v1/reports",
        auth -> {
          HttpResponse<String> r = api.get("/api/v1/reports", auth);
          assertThat(r.statusCode()).isEqualTo(200);
          assertNoB(r);
        });
    p.put(
        "get /api/v1/reports/{name}",
        auth -> {
          for (String name : List.of("inventory", "meter-reads", "incidents", "sync-health")) {
            for (String format : List.of("html", "csv")) {
              String path = "/api/v1/reports/" + name + "?format=" + format;
              HttpResponse<String> own = api.get(path, auth);
              // A has no closed AMR period: meter-reads is 404 for A, naming only A. A has a
              // device B-1 of its own (the upload probe), never B's B-2.
              assertThat(own.statusCode()).as(path).isIn(200, 404);
              assertThat(own.body()).doesNotContain("cust-b", "B-2", bAgentId, bTokenId);
              HttpResponse<String> theirs = api.get(path + "&customer=cust-b", auth);
              assertThat(theirs.statusCode()).as(path + " of B").isEqualTo(404);
              assertThat(theirs.body()) // the 404 names only the asked id
                  .contains("no such customer cust-b")
                  .doesNotContain("B-1", "B-2", bAgentId, bTokenId);
            }
          }
        });
    p.put(
        "delete /api/v1/tokens/{token}",
        auth ->
            assertThat(api.delete("/api/v1/tokens/" + bTokenId, auth).statusCode()).isIn(403, 404));
    return p;
  }

  @Test
  void everyRouteHasAProbe() {
    assertThat(probes().keySet()).containsExactlyInAnyOrderElementsOf(server.apiRoutes());
  }

  @Test
  void customerAdminOfAAndATokenOfACannotReadChangeOrDeleteAnythingOfB() {
    String before = bView();
    String aToken =
        api.json(
                api.post(
                    "/api/v1/tokens",
                    basic("a-admin", "a-password"),
                    "{\"name\":\"a-script\",\"role\":\"customer_reader\"}"))
            .get("token")
            .asText();
    for (String auth : List.of(basic("a-admin", "a-password"), bearer(aToken))) {
      for (Map.Entry<String, Consumer<String>> probe : probes().entrySet()) {
        probe.getValue().accept(auth);
      }
    }
    assertThat(bView()).isEqualTo(before);
    // B's credentials still work: nothing was revoked.
    assertThat(api.get("/api/v1/devices", bearer(bToken)).statusCode()).isEqualTo(200);
    assertThat(api.upload(WireSamples.report("b-r2", bAgentId, T, 1), bAgentAuth).statusCode())
        .isEqualTo(201);
  }

  @Test
  void providerAdminSeesEveryCustomer() {
    server.putUser("provider", "p-password".toCharArray(), A, Role.provider_admin);
    HttpResponse<String> r = api.get("/api/v1/customers", basic("provider", "p-password"));
    assertThat(r.body()).contains("cust-a").contains("cust-b");
  }
}
