package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openrps.mailer.SmtpSettings;
import org.openrps.server.incidents.IncidentJob;
import org.openrps.server.mail.MailConfig;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.testkit.WireSamples;

/**
 * Issue 11 points 3 and 5: an incident the job opens from an upload, and its clearing, reach the
 * customer's incident recipients through the outbox and a real SMTP server (GreenMail); a customer
 * without recipients gets nothing queued.
 */
class IncidentMailTest {

  static final TenantId A = TenantId.of("inc-mail-a");
  static final TenantId B = TenantId.of("inc-mail-b");

  @Test
  void anIncidentIsMailedWhenItOpensAndWhenItClears() throws Exception {
    GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
    greenMail.start();
    Instant t0 = Instant.parse("2026-12-02T08:00:00Z");
    MutableClock clock = MutableClock.at(t0.plusSeconds(60));
    Path dir = org.openrps.testkit.Scratch.directory("openrps-incident-mail");
    SmtpSettings smtp =
        new SmtpSettings(
            "127.0.0.1",
            greenMail.getSmtp().getPort(),
            SmtpSettings.Security.none,
            Optional.empty(),
            Optional.empty(),
            "openrps@dealer.example",
            Duration.ofSeconds(5),
            Optional.empty());
    try (ServerApp server =
        ServerApp.start(
            ServerConfig.embedded(dir, 0).withMail(MailConfig.DEFAULTS.withSmtp(smtp)), clock)) {
      ApiClient api = new ApiClient(server);
      server.addCustomer(A, "Customer A", SiteId.DEFAULT, "A main");
      server.addCustomer(B, "Customer B", SiteId.DEFAULT, "B main");
      server.putUser("inc-mail-admin", "pw-a".toCharArray(), A, Role.customer_admin);
      HttpResponse<String> set =
          api.send(
              "PUT",
              "/api/v1/customers/inc-mail-a/mail-settings/incident",
              ApiClient.basic("inc-mail-admin", "pw-a"),
              "{\"recipients\":[\"support@a.example\"]}");
      assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
      JsonNode agentA = api.enrol(server.newEnrolCode(A, SiteId.DEFAULT).code(), "agent");
      JsonNode agentB = api.enrol(server.newEnrolCode(B, SiteId.DEFAULT).code(), "agent");
      upload(api, agentA, t0, "A-1", "jammed");
      upload(api, agentB, t0, "B-1", "jammed");

      assertThat(server.runIncidents())
          .hasValueSatisfying(c -> assertThat(c.opened()).isEqualTo(2));
      assertThat(server.runMailOutbox().orElseThrow().sent()).isEqualTo(1);
      assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
      MimeMessage opened = greenMail.getReceivedMessages()[0];
      assertThat(opened.getAllRecipients()[0].toString()).isEqualTo("support@a.example");
      assertThat(opened.getSubject()).startsWith("HP A-1: jammed");

      Instant t1 = t0.plus(Duration.ofMinutes(5));
      clock.set(t1.plusSeconds(30));
      upload(api, agentA, t1, "A-1");
      server.runIncidents(); // marks it gone
      clock.set(t1.plus(IncidentJob.DEFAULT_HOLD_DOWN).plusSeconds(60));
      assertThat(server.runIncidents())
          .hasValueSatisfying(c -> assertThat(c.closed()).isEqualTo(1));
      assertThat(server.runMailOutbox().orElseThrow().sent()).isEqualTo(1);
      assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
      MimeMessage cleared = greenMail.getReceivedMessages()[1];
      assertThat(cleared.getSubject()).startsWith("HP A-1: cleared: jammed");
      assertThat(greenMail.getReceivedMessages()).hasSize(2); // B has no recipients: nothing
    } finally {
      greenMail.stop();
    }
  }

  @Test
  void theThresholdsComeFromTheConfigurationAndABrokenOneStopsStartUp() {
    ServerConfig c =
        ServerConfig.load(
            Optional.empty(),
            java.util.Map.of("OPENRPS_INCIDENTS_AGENT_SILENT_HOURS", "24"),
            java.util.Map.of(
                "incidents.hold.down.minutes", "5", "incidents.device.silent.hours", "96"));
    assertThat(c.incidents().holdDown()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.incidents().deviceSilentAfter()).isEqualTo(Duration.ofHours(96));
    assertThat(c.incidents().agentSilentAfter()).isEqualTo(Duration.ofHours(24));
    assertThat(
            ServerConfig.load(Optional.empty(), java.util.Map.of(), java.util.Map.of()).incidents())
        .isEqualTo(org.openrps.server.incidents.IncidentRules.DEFAULTS);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                ServerConfig.load(
                    Optional.empty(),
                    java.util.Map.of(),
                    java.util.Map.of("incidents.device.silent.hours", "0")))
        .isInstanceOf(ServerConfig.ConfigException.class)
        .hasMessageContaining("incidents.device.silent.hours");
  }

  private static void upload(
      ApiClient api, JsonNode agent, Instant at, String serial, String... errors) throws Exception {
    String id = agent.path("clientId").asText();
    HttpResponse<String> r =
        api.upload(
            WireSamples.report(
                UUID.randomUUID().toString(),
                id,
                at,
                SnapshotBuilder.printer("HP", serial)
                    .pages(100)
                    .at(at)
                    .status("idle", errors)
                    .build()),
            ApiClient.basic(id, agent.path("secret").asText()));
    assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
  }
}
