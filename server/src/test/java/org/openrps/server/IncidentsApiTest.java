package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.WireSamples;

/**
 * Incidents over the real HTTPS API: the job opens them from uploaded reports, {@code
 * /api/v1/incidents} shows each customer its own and the provider all, with severity and code.
 */
class IncidentsApiTest {

  static final TenantId A = TenantId.of("inc-api-a");
  static final TenantId B = TenantId.of("inc-api-b");
  static final SiteId SITE = SiteId.of("main");

  @Test
  void theJobOpensIncidentsFromUploadsAndEachCustomerSeesItsOwn() throws Exception {
    Instant t0 = Instant.parse("2026-12-02T08:00:00Z");
    MutableClock clock = MutableClock.at(t0.plusSeconds(60));
    Path dir = org.openrps.testkit.Scratch.directory("openrps-incidents-api");
    try (ServerApp server = ServerApp.start(ServerConfig.embedded(dir, 0), clock)) {
      ApiClient api = new ApiClient(server);
      server.addCustomer(A, "Customer A", SITE, "A main");
      server.addCustomer(B, "Customer B", SITE, "B main");
      server.putUser(
          "provider", "provider-pw".toCharArray(), TenantId.DEFAULT, Role.provider_admin);
      server.putUser("a-admin", "a-pw".toCharArray(), A, Role.customer_admin);
      String provider = ApiClient.basic("provider", "provider-pw");
      String aAdmin = ApiClient.basic("a-admin", "a-pw");
      for (TenantId t : List.of(A, B)) {
        JsonNode agent = api.enrol(server.newEnrolCode(t, SITE).code(), "agent");
        String id = agent.path("clientId").asText();
        HttpResponse<String> r =
            api.upload(
                WireSamples.report(
                    UUID.randomUUID().toString(),
                    id,
                    t0,
                    org.openrps.testkit.SnapshotBuilder.printer("HP", t.value() + "-1")
                        .pages(100)
                        .at(t0)
                        .status("idle", "jammed")
                        .build()),
                ApiClient.basic(id, agent.path("secret").asText()));
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
      }

      assertThat(server.runIncidents())
          .hasValueSatisfying(c -> assertThat(c.opened()).isEqualTo(2));

      JsonNode mine = api.json(api.get("/api/v1/incidents?open=true", aAdmin));
      assertThat(mine).hasSize(1);
      assertThat(mine.get(0).path("serial").asText()).isEqualTo("inc-api-a-1");
      assertThat(mine.get(0).path("code").asText()).isEqualTo("error:jammed");
      assertThat(mine.get(0).path("severity").asText()).isEqualTo("critical");
      assertThat(mine.get(0).path("openedAt").asText()).isEqualTo(t0.toString());
      assertThat(mine.get(0).path("closedAt").isNull()).isTrue();
      JsonNode history =
          api.json(api.get("/api/v1/customers/inc-api-a/devices/HP/inc-api-a-1/incidents", aAdmin));
      assertThat(history.path("codes")).hasSize(1);
      assertThat(history.path("codes").get(0).path("code").asText()).isEqualTo("error:jammed");
      assertThat(history.path("codes").get(0).path("times").asInt()).isEqualTo(1);
      assertThat(history.path("codes").get(0).path("openNow").asBoolean()).isTrue();
      assertThat(history.path("incidents")).hasSize(1);
      assertThat(
              api.get("/api/v1/customers/inc-api-b/devices/HP/inc-api-b-1/incidents", aAdmin)
                  .statusCode())
          .isEqualTo(404);
      JsonNode all = api.json(api.get("/api/v1/incidents", provider));
      assertThat(all).hasSize(2);
      assertThat(api.get("/api/v1/incidents", null).statusCode()).isEqualTo(401);
    }
  }
}
