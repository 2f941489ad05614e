package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.WireSamples;
import org.openrps.wire.Report;
import org.openrps.wire.SiteFacts;

/**
 * The site information agents send (schema openrps.report/3; with the sync schedule and the backlog
 * since /7) is kept per agent, the newest by collection time, and shown by {@code /api/v1/agents}
 * to whoever may see the agent: over real TLS, on SQLite and on PostgreSQL.
 */
class SiteInformationTest {

  @Nested
  class OnSqlite extends Contract {
    @Override
    Optional<String> jdbcUrl(Path dataDir) {
      return Optional.empty();
    }
  }

  @Nested
  class OnPostgresql extends Contract {
    private String url;

    @Override
    Optional<String> jdbcUrl(Path dataDir) {
      url = Fixtures.freshPgSchema("site");
      return Optional.of(url);
    }

    @AfterAll
    void dropSchema() {
      Fixtures.dropPgSchema(url);
    }
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class Contract {

    static final TenantId A = TenantId.of("cust-a");
    static final TenantId B = TenantId.of("cust-b");
    static final SiteId SITE = SiteId.of("main");

    final Instant t0 = Instant.parse("2026-12-02T08:00:00Z");
    final MutableClock clock = MutableClock.at(t0.plus(Duration.ofDays(1)));
    ServerApp server;
    ApiClient api;
    String provider;
    String aAdmin;
    String aAgent;
    String aAgentAuth;
    String bAgent;
    String bAgentAuth;

    abstract Optional<String> jdbcUrl(Path dataDir);

    @BeforeAll
    void start() throws IOException {
      Path dir = org.openrps.testkit.Scratch.directory("openrps-site");
      server = ServerApp.start(ServerConfig.embedded(dir, 0).withJdbcUrl(jdbcUrl(dir)), clock);
      api = new ApiClient(server);
      server.addCustomer(A, "Customer A", SITE, "A main");
      server.addCustomer(B, "Customer B", SITE, "B main");
      server.putUser(
          "provider", "provider-pw".toCharArray(), TenantId.DEFAULT, Role.provider_admin);
      server.putUser("a-admin", "a-pw".toCharArray(), A, Role.customer_admin);
      provider = ApiClient.basic("provider", "provider-pw");
      aAdmin = ApiClient.basic("a-admin", "a-pw");
      JsonNode a = api.enrol(server.newEnrolCode(A, SITE).code(), "agent");
      aAgent = a.path("clientId").asText();
      aAgentAuth = ApiClient.basic(aAgent, a.path("secret").asText());
      JsonNode b = api.enrol(server.newEnrolCode(B, SITE).code(), "agent");
      bAgent = b.path("clientId").asText();
      bAgentAuth = ApiClient.basic(bAgent, b.path("secret").asText());
    }

    @AfterAll
    void stop() {
      server.close();
    }

    static SiteFacts facts(Instant collectedAt, String host, long freeBytes) {
      return new SiteFacts(
          collectedAt,
          "0.3.0",
          Optional.of(host),
          Optional.of("Head office"),
          Optional.of("10.1.2.3"),
          Optional.of("Linux"),
          Optional.of("6.1.0"),
          Optional.of("amd64"),
          Optional.of(64),
          Optional.empty(),
          Optional.of(2),
          Optional.of(8_000_000_000L),
          Optional.of(1_000_000_000L),
          Optional.of(100_000_000_000L),
          Optional.of(freeBytes),
          Optional.of("Europe/Paris"),
          Optional.of(1_048_576L),
          Optional.of(65_536L),
          Optional.of(12),
          Optional.of(10),
          Optional.of(2),
          Optional.of("10 profiles sha256:0123456789ab"),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }

    /** The facts of {@link #facts} with a schedule and a backlog (schema openrps.report/7). */
    static SiteFacts withSyncAndBacklog(
        SiteFacts f, Instant nextSyncAt, long readings, Optional<Instant> oldest) {
      return f.withSync(
          Optional.of("02:00"),
          Optional.of("Europe/Paris"),
          Optional.of(7200),
          Optional.of(nextSyncAt),
          Optional.of(readings),
          Optional.of(readings * 1000),
          oldest);
    }

    HttpResponse<String> upload(String agent, String auth, Report report) {
      HttpResponse<String> r = api.upload(report, auth);
      assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
      return r;
    }

    Report report(String agent, Instant createdAt, SiteFacts facts) {
      return WireSamples.report(
              UUID.randomUUID().toString(),
              agent,
              createdAt,
              WireSamples.device("HP", agent + "-1", 100, 50, createdAt))
          .withSite(facts);
    }

    JsonNode site(String agent, String auth) {
      HttpResponse<String> r = api.get("/api/v1/agents/" + agent, auth);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return api.json(r).path("siteInformation");
    }

    @Test
    void theFactsAreStoredPerAgentAndShownToTheProviderAndTheCustomer() {
      Report report = report(aAgent, t0, facts(t0, "a-host.example.com", 42_000_000_000L));
      upload(aAgent, aAgentAuth, report);

      for (String auth : List.of(provider, aAdmin)) {
        JsonNode site = site(aAgent, auth);
        assertThat(site.path("reportId").asText()).isEqualTo(report.reportId());
        assertThat(site.path("receivedAt").asText()).isEqualTo(clock.instant().toString());
        assertThat(site.path("collectedAt").asText()).isEqualTo(t0.toString());
        assertThat(site.path("hostName").asText()).isEqualTo("a-host.example.com");
        assertThat(site.path("siteName").asText()).isEqualTo("Head office");
        assertThat(site.path("agentAddress").asText()).isEqualTo("10.1.2.3");
        assertThat(site.path("osBits").asInt()).isEqualTo(64);
        assertThat(site.path("diskFreeBytes").asLong()).isEqualTo(42_000_000_000L);
        assertThat(site.path("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(site.path("printersOutOfScope").asInt()).isEqualTo(2);
        assertThat(site.path("discoveryRulesVersion").asText())
            .isEqualTo("10 profiles sha256:0123456789ab");
        // Unknown is null, never left out and never 0.
        assertThat(site.has("processor")).isTrue();
        assertThat(site.path("processor").isNull()).isTrue();
      }
      JsonNode listed = null;
      for (JsonNode agent : api.json(api.get("/api/v1/agents", aAdmin))) {
        assertThat(agent.path("customer").asText()).isEqualTo(A.value());
        if (agent.path("id").asText().equals(aAgent)) {
          listed = agent;
        }
      }
      assertThat(listed).isNotNull();
      assertThat(listed.path("siteInformation").path("hostName").asText())
          .isEqualTo("a-host.example.com");
      assertThat(listed.path("lastContact").asText()).isEqualTo(clock.instant().toString());
    }

    @Test
    void theNewestFactsWinWhateverTheOrderReportsArriveIn() {
      upload(bAgent, bAgentAuth, report(bAgent, t0, facts(t0.plusSeconds(600), "new", 2L)));
      // An older report, delivered late, and one that carries no site: neither rolls back.
      upload(bAgent, bAgentAuth, report(bAgent, t0, facts(t0.plusSeconds(60), "old", 1L)));
      upload(
          bAgent,
          bAgentAuth,
          WireSamples.report(
              UUID.randomUUID().toString(),
              bAgent,
              t0.plusSeconds(900),
              WireSamples.device("HP", bAgent + "-1", 100, 50, t0.plusSeconds(900))));
      assertThat(site(bAgent, provider).path("hostName").asText()).isEqualTo("new");

      // The same report sent again with the facts of its new attempt: stored once, facts updated.
      Report first = report(bAgent, t0, facts(t0.plusSeconds(1200), "resent-1", 3L));
      upload(bAgent, bAgentAuth, first);
      Report again = first.withSite(facts(t0.plusSeconds(1800), "resent-2", 4L));
      assertThat(api.json(upload(bAgent, bAgentAuth, again)).path("duplicate").asBoolean())
          .isTrue();
      JsonNode site = site(bAgent, provider);
      assertThat(site.path("hostName").asText()).isEqualTo("resent-2");
      assertThat(site.path("diskFreeBytes").asLong()).isEqualTo(4L);
      assertThat(site.path("collectedAt").asText()).isEqualTo(t0.plusSeconds(1800).toString());
    }

    @Test
    void anotherCustomersAgentIsNotFoundAndItsFactsNeverShow() {
      upload(bAgent, bAgentAuth, report(bAgent, t0, facts(t0, "b-secret-host", 5L)));
      HttpResponse<String> r = api.get("/api/v1/agents/" + bAgent, aAdmin);
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(api.json(r).path("code").asText()).isEqualTo("not_found");
      assertThat(api.get("/api/v1/agents/no-such-agent", provider).statusCode()).isEqualTo(404);
      assertThat(api.get("/api/v1/agents", aAdmin).body())
          .doesNotContain(bAgent)
          .doesNotContain("b-secret-host");
      assertThat(site(bAgent, provider).path("hostName").asText()).isNotEmpty();
    }

    @Test
    void anAgentThatSentNoSiteInformationShowsNone() {
      String id = "agent-quiet-" + UUID.randomUUID().toString().substring(0, 8);
      server.putAgent(id, "quiet-secret".toCharArray(), A, SITE);
      upload(
          id,
          ApiClient.basic(id, "quiet-secret"),
          WireSamples.report(
              UUID.randomUUID().toString(),
              id,
              t0,
              WireSamples.device("HP", id + "-1", 100, 50, t0)));
      JsonNode agent = api.json(api.get("/api/v1/agents/" + id, aAdmin));
      assertThat(agent.has("siteInformation")).isTrue();
      assertThat(agent.path("siteInformation").isNull()).isTrue();
      assertThat(agent.path("devicesReported").asInt()).isEqualTo(1);
    }

    @Test
    void theSyncScheduleAndBacklogAreStoredAndShownAndAnOlderAgentsFactsHaveNone() {
      Instant collected = t0.plusSeconds(3000);
      Instant next = clock.instant().plus(Duration.ofHours(20));
      Instant oldest = collected.minus(Duration.ofDays(3));
      upload(
          aAgent,
          aAgentAuth,
          report(
              aAgent,
              t0,
              withSyncAndBacklog(facts(collected, "a-host", 7L), next, 1234, Optional.of(oldest))));

      JsonNode site = site(aAgent, provider);
      assertThat(site.path("syncAt").asText()).isEqualTo("02:00");
      assertThat(site.path("syncTimeZone").asText()).isEqualTo("Europe/Paris");
      assertThat(site.path("pollEverySeconds").asInt()).isEqualTo(7200);
      assertThat(site.path("nextSyncAt").asText())
          .as("ahead of now by design")
          .isEqualTo(next.toString());
      assertThat(site.path("backlogReadings").asLong()).isEqualTo(1234);
      assertThat(site.path("backlogBytes").asLong()).isEqualTo(1_234_000);
      assertThat(site.path("backlogOldest").asText()).isEqualTo(oldest.toString());
      // An agent of schema 6 sends its site without them: they are null, not 0.
      Report v6 = report(aAgent, t0, facts(collected.plusSeconds(60), "a-host", 7L));
      upload(
          aAgent,
          aAgentAuth,
          new Report(
              Report.SCHEMA_6,
              v6.reportId(),
              v6.source(),
              v6.createdAt(),
              v6.devices(),
              v6.site(),
              v6.deltas()));
      JsonNode older = site(aAgent, provider);
      assertThat(older.path("collectedAt").asText())
          .isEqualTo(collected.plusSeconds(60).toString());
      assertThat(older.path("syncAt").isNull()).isTrue();
      assertThat(older.path("backlogReadings").isNull()).isTrue();
    }

    @Test
    void aBacklogReadingDatedAheadOfTheServersClockIsRefused() {
      Instant ahead = clock.instant().plus(Duration.ofDays(2));
      HttpResponse<String> r =
          api.upload(
              report(
                  aAgent,
                  t0,
                  withSyncAndBacklog(facts(t0, "ahead", 6L), ahead, 1, Optional.of(ahead))),
              aAgentAuth);
      assertThat(r.statusCode()).isEqualTo(422);
      assertThat(r.body()).contains("/site/backlogOldest").doesNotContain("nextSyncAt");
    }

    @Test
    void factsCollectedByAClockThatRunsAheadAreRefused() {
      Instant ahead = clock.instant().plus(Duration.ofDays(2));
      HttpResponse<String> r =
          api.upload(report(aAgent, t0, facts(ahead, "ahead", 6L)), aAgentAuth);
      assertThat(r.statusCode()).isEqualTo(422);
      assertThat(r.body()).contains("/site/collectedAt");
    }
  }
}
