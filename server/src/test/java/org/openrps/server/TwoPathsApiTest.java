package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openrps.server.meters.ServerMeterCheck;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.testkit.WireSamples;
import org.openrps.wire.DeviceDiagnostics;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.EnrolRequest;
import org.openrps.wire.Report;
import org.openrps.wire.Source;
import org.openrps.wire.WireJson;

/**
 * One printer seen by an agent and by its own Device Direct module, over the real HTTPS API: the
 * device detail names each group's source and sums up the diagnostics, {@code …/diagnostics} has
 * them whole with the fault history, and a meter the two paths disagree on is shown flagged.
 */
class TwoPathsApiTest {

  private static final TenantId CUSTOMER = TenantId.of("two-api");
  private static final SiteId SITE = SiteId.of("main");
  private static final String DEVICE = "/api/v1/customers/two-api/devices/HP/DD-1";

  @Test
  void theDeviceDetailNamesEachGroupsSourceAndTheDiagnosticsAreServedWithTheirFaultHistory()
      throws Exception {
    Instant t1 = Instant.parse("2026-12-02T08:00:00Z");
    Instant t2 = t1.plus(Duration.ofHours(1));
    Instant t3 = t1.plus(Duration.ofHours(2));
    MutableClock clock = MutableClock.at(t3.plusSeconds(60));
    Path dir = org.openrps.testkit.Scratch.directory("openrps-two-paths-api");
    try (ServerApp server = ServerApp.start(ServerConfig.embedded(dir, 0), clock)) {
      ApiClient api = new ApiClient(server);
      server.addCustomer(CUSTOMER, "Two paths", SITE, "Main");
      server.putUser("two-admin", "two-pw".toCharArray(), CUSTOMER, Role.customer_admin);
      String admin = ApiClient.basic("two-admin", "two-pw");

      JsonNode agent = api.enrol(server.newEnrolCode(CUSTOMER, SITE).code(), "agent");
      String agentId = agent.path("clientId").asText();
      String agentAuth = ApiClient.basic(agentId, agent.path("secret").asText());
      HttpResponse<String> enrolled =
          api.post(
              "/api/v1/enrol",
              null,
              WireJson.newMapper()
                  .writeValueAsString(
                      new EnrolRequest(
                          server.newEnrolCode(CUSTOMER, SITE).code(),
                          Source.Kind.device,
                          Optional.of(new DeviceRef("HP", "DD-1")))));
      assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
      JsonNode module = api.json(enrolled);
      String moduleId = module.path("clientId").asText();
      String moduleAuth = ApiClient.basic(moduleId, module.path("secret").asText());

      upload(api, agentAuth, WireSamples.agentSource(agentId), printer(t1, 10_000));
      DeviceDiagnostics diagnostics =
          new DeviceDiagnostics(
              List.of(
                  new DeviceDiagnostics.Fault(
                      "SC542",
                      "Fuser thermistor",
                      "critical",
                      t2.minusSeconds(300),
                      Optional.empty())),
              List.of(
                  new DeviceDiagnostics.Fault(
                      "13.20.00",
                      "Jam in tray 2",
                      "warning",
                      t1.minusSeconds(3600),
                      Optional.of(t1.minusSeconds(3000)))),
              Map.of("firmware", "2.4.1", "engine", "E7"),
              Map.of("sleepMinutes", "15"),
              List.of(
                  new DeviceDiagnostics.PartCounter(
                      "fuser", 41_000, OptionalLong.of(150_000), 1, Optional.empty())),
              Map.of("jamsPer1000Pages", 0.4),
              t2);
      // the module counts fewer pages than the agent read an hour before: they disagree
      upload(
          api,
          moduleAuth,
          WireSamples.deviceSource(moduleId),
          printer(t2, 9_500).withDiagnostics(diagnostics));
      // the agent polls again: it sends no diagnostics
      upload(api, agentAuth, WireSamples.agentSource(agentId), printer(t3, 10_100));

      JsonNode d = api.json(api.get(DEVICE, admin));
      JsonNode sources = d.path("sources");
      assertThat(sources.path("identity").path("kind").asText()).isEqualTo("agent");
      assertThat(sources.path("identity").path("id").asText()).isEqualTo(agentId);
      assertThat(sources.path("identity").path("readAt").asText()).isEqualTo(t3.toString());
      assertThat(sources.path("meters").path("kind").asText()).isEqualTo("agent");
      assertThat(sources.path("status").path("readAt").asText()).isEqualTo(t3.toString());
      assertThat(sources.path("diagnostics").path("kind").asText()).isEqualTo("device");
      assertThat(sources.path("diagnostics").path("id").asText()).isEqualTo(moduleId);
      assertThat(sources.path("diagnostics").path("readAt").asText()).isEqualTo(t2.toString());
      JsonNode summary = d.path("diagnostics");
      assertThat(summary.path("source").asText()).isEqualTo("device:" + moduleId);
      assertThat(summary.path("readAt").asText()).isEqualTo(t2.toString());
      assertThat(summary.path("activeFaults"))
          .extracting(JsonNode::asText)
          .containsExactly("SC542");
      assertThat(summary.path("faultsRecorded").asInt()).isEqualTo(2);
      assertThat(summary.path("versions").path("engine").asText()).isEqualTo("E7");

      JsonNode x = api.json(api.get(DEVICE + "/diagnostics", admin));
      assertThat(x.path("source").path("kind").asText()).isEqualTo("device");
      assertThat(x.path("latest").path("faults").get(0).path("code").asText()).isEqualTo("SC542");
      assertThat(x.path("latest").path("parts").get(0).path("part").asText()).isEqualTo("fuser");
      assertThat(x.path("latest").path("settings").path("sleepMinutes").asText()).isEqualTo("15");
      assertThat(x.path("faultHistory")).hasSize(2);
      JsonNode newest = x.path("faultHistory").get(0);
      assertThat(newest.path("code").asText()).isEqualTo("SC542");
      assertThat(newest.path("clearedAt").isNull()).isTrue();
      JsonNode older = x.path("faultHistory").get(1);
      assertThat(older.path("code").asText()).isEqualTo("13.20.00");
      assertThat(older.path("clearedAt").asText()).isEqualTo(t1.minusSeconds(3000).toString());
      assertThat(older.path("source").asText()).isEqualTo("device:" + moduleId);

      // the module's 9 500 after the agent's 10 000 is flagged, stored as read
      JsonNode history = api.json(api.get(DEVICE + "/meters", admin));
      assertThat(history).hasSize(3);
      JsonNode disagreeing = history.get(1);
      assertThat(disagreeing.path("value").asLong()).isEqualTo(9_500);
      assertThat(disagreeing.path("serverFlags"))
          .extracting(JsonNode::asText)
          .containsExactly(ServerMeterCheck.SOURCES_DISAGREE);
      assertThat(history.get(0).path("serverFlags")).isEmpty();

      assertThat(
              api.get("/api/v1/customers/two-api/devices/HP/NOPE/diagnostics", admin).statusCode())
          .isEqualTo(404);
      assertThat(api.get(DEVICE + "/diagnostics", null).statusCode()).isEqualTo(401);
    }
  }

  private static DeviceSnapshot printer(Instant at, long pages) {
    return SnapshotBuilder.printer("HP", "DD-1").pages(pages).at(at).build();
  }

  private static void upload(ApiClient api, String auth, Source source, DeviceSnapshot d) {
    Report report =
        WireSamples.report(UUID.randomUUID().toString(), source, d.seenAt(), List.of(d));
    HttpResponse<String> r = api.upload(report, auth);
    assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
  }
}
