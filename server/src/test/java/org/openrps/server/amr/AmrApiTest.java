package org.openrps.server.amr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openrps.server.ApiClient;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.RfcCsv;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.testkit.WireSamples;

/**
 * AMR over the real HTTPS API: a provider admin sets the schedule, an agent uploads, the job closes
 * the period, and the customer reads it as JSON, as CSV and as a statement; a correction is refused
 * to the customer and becomes an adjustment when the provider makes it.
 */
class AmrApiTest {

  static final TenantId C = TenantId.of("amr-api");
  static final SiteId SITE = SiteId.of("main");
  static final String BASE = "/api/v1/customers/amr-api/amr";

  @Test
  void aPeriodIsClosedByTheJobAndReadAsJsonCsvAndStatement() throws Exception {
    MutableClock clock = MutableClock.at(Instant.parse("2026-10-20T00:00:00Z"));
    Path dir = org.openrps.testkit.Scratch.directory("openrps-amr-api");
    try (ServerApp server = ServerApp.start(ServerConfig.embedded(dir, 0), clock)) {
      ApiClient api = new ApiClient(server);
      server.addCustomer(C, "Print & \"Co\"", SITE, "main");
      server.putUser(
          "provider", "provider-pw".toCharArray(), TenantId.DEFAULT, Role.provider_admin);
      server.putUser("c-admin", "c-pw".toCharArray(), C, Role.customer_admin);
      String provider = ApiClient.basic("provider", "provider-pw");
      String customer = ApiClient.basic("c-admin", "c-pw");

      assertThat(api.get(BASE + "/schedule", customer).statusCode()).isEqualTo(404);
      String schedule = "{\"zone\":\"UTC\",\"startsAt\":\"2026-10-15T00:00:00Z\"}";
      assertThat(api.send("PUT", BASE + "/schedule", customer, schedule).statusCode())
          .isEqualTo(403);
      assertThat(api.send("PUT", BASE + "/schedule", provider, "{\"closingDay\":32}").statusCode())
          .isEqualTo(400);
      HttpResponse<String> set = api.send("PUT", BASE + "/schedule", provider, schedule);
      assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
      JsonNode s = api.json(api.get(BASE + "/schedule", customer));
      assertThat(s.path("closingDay").asInt()).isEqualTo(1);
      assertThat(s.path("closingTime").asText()).isEqualTo("00:00");
      assertThat(s.path("nextCutOff").asText()).isEqualTo("2026-11-01T00:00:00Z");

      JsonNode agent = api.enrol(server.newEnrolCode(C, SITE).code(), "agent");
      String agentId = agent.path("clientId").asText();
      String agentAuth = ApiClient.basic(agentId, agent.path("secret").asText());
      upload(api, clock, agentAuth, agentId, "2026-10-20T00:00:00Z", "ACT-1", 1000);
      upload(api, clock, agentAuth, agentId, "2026-10-20T00:00:00Z", "EST-1", 2000);
      upload(api, clock, agentAuth, agentId, "2026-10-31T20:00:00Z", "ACT-1", 1500);
      upload(api, clock, agentAuth, agentId, "2026-10-31T21:00:00Z", "WRAP-1", 4_294_967_000L);
      upload(api, clock, agentAuth, agentId, "2026-10-31T22:00:00Z", "WRAP-1", 300);
      upload(api, clock, agentAuth, agentId, "2026-11-01T12:00:00Z", "EST-1", 2600);

      clock.set(Instant.parse("2026-11-02T00:00:00Z"));
      assertThat(server.runAmr())
          .hasValueSatisfying(
              o ->
                  assertThat(o.closed())
                      .extracting(Amr.Closed::period)
                      .containsExactly("2026-11-01"));

      JsonNode periods = api.json(api.get(BASE + "/periods", customer));
      assertThat(periods).hasSize(1);
      assertThat(periods.get(0).path("billed").asInt()).isEqualTo(1);
      assertThat(periods.get(0).path("estimated").asInt()).isEqualTo(1);
      assertThat(periods.get(0).path("held").asInt()).isEqualTo(1);

      JsonNode reads = api.json(api.get(BASE + "/periods/2026-11-01/reads", customer));
      assertThat(reads.path("reads")).hasSize(3);
      JsonNode act = reads.path("reads").get(0);
      assertThat(act.path("serial").asText()).isEqualTo("ACT-1");
      assertThat(act.path("status").asText()).isEqualTo("actual");
      assertThat(act.path("value").asLong()).isEqualTo(1500);
      JsonNode est = reads.path("reads").get(1);
      assertThat(est.path("status").asText()).isEqualTo("estimated");
      assertThat(est.path("method").asText()).isEqualTo("linear");
      assertThat(est.path("value").asLong()).isEqualTo(2576);
      JsonNode held = reads.path("reads").get(2);
      assertThat(held.path("status").asText()).isEqualTo("held");
      assertThat(held.path("value").isNull()).isTrue(); // flagged, never a number
      assertThat(held.path("flagged").asBoolean()).isTrue();
      assertThat(held.path("rawValue").asLong()).isEqualTo(300);
      assertThat(held.path("trustedValue").asLong()).isEqualTo(4_294_967_000L);

      HttpResponse<String> csv = api.get(BASE + "/periods/2026-11-01/reads?format=csv", customer);
      assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
      List<List<String>> rows = RfcCsv.parse(csv.body());
      assertThat(rows.get(0)).isEqualTo(AmrExport.HEADER);
      assertThat(rows.subList(1, rows.size()))
          .extracting(r -> r.get(3) + " " + r.get(5) + " " + r.get(7))
          .containsExactly("ACT-1 actual 1500", "EST-1 estimated 2576", "WRAP-1 held ");

      HttpResponse<String> statement = api.get(BASE + "/periods/2026-11-01/statement", customer);
      assertThat(statement.statusCode()).isEqualTo(200);
      assertThat(statement.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      assertThat(statement.body())
          .contains("Print &amp; &quot;Co&quot;", "ACT-1", "class=\"estimated\"")
          .doesNotContain("<script", "http://", "https://");

      String correction =
          "{\"action\":\"correct\",\"make\":\"HP\",\"serial\":\"ACT-1\",\"meter\":\"total\","
              + "\"value\":1480,\"reason\":\"read on site\"}";
      assertThat(api.post(BASE + "/periods/2026-11-01/review", customer, correction).statusCode())
          .isEqualTo(403);
      HttpResponse<String> corrected =
          api.post(BASE + "/periods/2026-11-01/review", provider, correction);
      assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
      assertThat(api.json(corrected).path("value").asLong()).isEqualTo(1500); // closed: unchanged
      String accept =
          "{\"action\":\"acceptRaw\",\"make\":\"HP\",\"serial\":\"WRAP-1\","
              + "\"meter\":\"total\",\"reason\":\"wrapped, checked\"}";
      clock.advance(java.time.Duration.ofMinutes(5));
      HttpResponse<String> accepted =
          api.post(BASE + "/periods/2026-11-01/review", provider, accept);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
      assertThat(api.json(accepted).path("status").asText()).isEqualTo("accepted");
      assertThat(api.json(accepted).path("value").asLong()).isEqualTo(300);
      assertThat(api.post(BASE + "/periods/2026-11-01/review", provider, accept).statusCode())
          .isEqualTo(409);
      assertThat(api.post(BASE + "/periods/2099-01-01/review", provider, accept).statusCode())
          .isEqualTo(404);
      JsonNode audit = api.json(api.get(BASE + "/audit", customer));
      assertThat(audit.get(0).path("action").asText()).isEqualTo("read.acceptRaw");
      assertThat(audit.get(1).path("action").asText()).isEqualTo("read.adjust");
      assertThat(audit.get(0).path("username").asText()).isEqualTo("provider");

      clock.set(Instant.parse("2026-11-28T12:00:00Z"));
      JsonNode missed = api.json(api.get(BASE + "/missed-reads", customer));
      assertThat(missed.path("due").asBoolean()).isTrue();
      assertThat(missed.path("period").asText()).isEqualTo("2026-12-01");
      assertThat(missed.path("devices")).hasSize(3);
      assertThat(missed.path("devices").get(0).path("agent").asText()).isEqualTo(agentId);
      List<List<String>> missedRows =
          RfcCsv.parse(api.get(BASE + "/missed-reads?format=csv", customer).body());
      assertThat(missedRows).hasSize(4);
      assertThat(missedRows.subList(1, 4))
          .extracting(r -> r.get(3) + " " + r.get(8))
          .containsExactlyInAnyOrder("ACT-1 " + agentId, "EST-1 " + agentId, "WRAP-1 " + agentId);
      assertThat(api.get(BASE + "/missed-reads", null).statusCode()).isEqualTo(401);
    }
  }

  private static void upload(
      ApiClient api,
      MutableClock clock,
      String auth,
      String agentId,
      String at,
      String serial,
      long pages) {
    Instant t = Instant.parse(at);
    clock.set(t.plusSeconds(60));
    HttpResponse<String> r =
        api.upload(
            WireSamples.report(
                UUID.randomUUID().toString(),
                agentId,
                t,
                SnapshotBuilder.printer("HP", serial).pages(pages).at(t).build()),
            auth);
    assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
  }
}
