package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.mailer.SmtpSettings;
import org.openrps.server.mail.MailConfig;
import org.openrps.server.mail.MailKind;
import org.openrps.server.mail.TestMail;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;

/**
 * Mail settings over the API with the accounts' rules, and the server's outbox job to GreenMail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailApiTest {

  private static final TenantId A = TenantId.of("mail-a");
  private static final TenantId B = TenantId.of("mail-b");
  private static final String SETTINGS = "/api/v1/customers/mail-a/mail-settings";

  private GreenMail greenMail;
  private ServerApp server;
  private ApiClient api;
  private final MutableClock clock = MutableClock.at("2026-12-02T09:00:00Z");

  @BeforeAll
  void start() {
    greenMail =
        new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withConfiguration(
                GreenMailConfiguration.aConfig().withUser("openrps@dealer.example", "u", "pw"));
    greenMail.start();
    greenMail.getUserManager().setAuthRequired(true);
    SmtpSettings smtp =
        new SmtpSettings(
            "127.0.0.1",
            greenMail.getSmtp().getPort(),
            SmtpSettings.Security.none,
            Optional.of("u"),
            Optional.of("pw"),
            "openrps@dealer.example",
            Duration.ofSeconds(5),
            Optional.empty());
    Path dir = org.openrps.testkit.Scratch.directory("openrps-mail-api");
    server =
        ServerApp.start(
            ServerConfig.embedded(dir, 0).withMail(MailConfig.DEFAULTS.withSmtp(smtp)), clock);
    api = new ApiClient(server);
    server.addCustomer(A, "Customer A", SiteId.DEFAULT, "A main");
    server.addCustomer(B, "Customer B", SiteId.DEFAULT, "B main");
    server.putUser("mail-a-admin", "a-password".toCharArray(), A, Role.customer_admin);
    server.putUser("mail-a-reader", "r-password".toCharArray(), A, Role.customer_reader);
    server.putUser("mail-b-admin", "b-password".toCharArray(), B, Role.customer_admin);
  }

  @AfterAll
  void stop() {
    server.close();
    greenMail.stop();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> put(String kind, String auth, String body) {
    return api.send("PUT", SETTINGS + "/" + kind, auth, body);
  }

  @Test
  void aCustomerAdminSetsItsRecipientsAndAReaderOrAnotherCustomerCannot() {
    String admin = basic("mail-a-admin", "a-password");
    HttpResponse<String> set =
        put(
            "supplyOrder",
            admin,
            "{\"delivery\":\"digest\",\"recipients\":[\"stock@a.example\",\"boss@a.example\"]}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    JsonNode list = api.json(api.get(SETTINGS, basic("mail-a-reader", "r-password")));
    assertThat(list.toString())
        .contains("\"kind\":\"supplyOrder\"")
        .contains("\"delivery\":\"digest\"")
        .contains("stock@a.example");

    assertThat(
            put("supplyOrder", basic("mail-a-reader", "r-password"), "{\"recipients\":[]}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            put("supplyOrder", basic("mail-b-admin", "b-password"), "{\"recipients\":[]}")
                .statusCode())
        .isEqualTo(404);
    HttpResponse<String> badAddress =
        put("supplyOrder", admin, "{\"recipients\":[\"not an address\"]}");
    assertThat(badAddress.statusCode()).isEqualTo(400);
    assertThat(badAddress.body()).contains("not an e-mail address");
    assertThat(put("fax", admin, "{\"recipients\":[\"a@a.example\"]}").statusCode()).isEqualTo(400);
    assertThat(api.json(api.get(SETTINGS, admin)).toString()).contains("boss@a.example");
  }

  @Test
  void aQueuedMailIsSentByTheServersOutboxJob() throws Exception {
    String admin = basic("mail-a-admin", "a-password");
    assertThat(put("incident", admin, "{\"recipients\":[\"tech@a.example\"]}").statusCode())
        .isEqualTo(200);
    Optional<String> id =
        server
            .mailer()
            .enqueue(
                A,
                MailKind.incident,
                "deviceNotice",
                Map.of(
                    "customer", "Customer A",
                    "make", "HP",
                    "serial", "API-1",
                    "name", "hall",
                    "title", "paper jam",
                    "message", "tray 2"));
    assertThat(id).isPresent();
    assertThat(greenMail.getReceivedMessages()).isEmpty();
    assertThat(server.runMailOutbox().orElseThrow().sent()).isEqualTo(1);
    assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    MimeMessage m = greenMail.getReceivedMessages()[0];
    assertThat(m.getSubject()).isEqualTo("HP API-1: paper jam");
    assertThat(api.json(api.get("/api/v1/mail/failed", admin)).size()).isZero();
  }

  @Test
  void smtpSettingsComeFromTheConfigurationAndThePasswordIsNeverShown() {
    ServerConfig c =
        ServerConfig.load(
            Optional.empty(),
            Map.of("OPENRPS_SMTP_PASSWORD", "hunter2-secret"),
            Map.of(
                "smtp.host", "127.0.0.1",
                "smtp.user", "mailer",
                "smtp.from", "openrps@dealer.example",
                "mail.digest.time", "06:30",
                "mail.digest.zone", "Europe/Paris"));
    SmtpSettings smtp = c.mail().smtp().orElseThrow();
    assertThat(smtp.security()).isEqualTo(SmtpSettings.Security.starttls);
    assertThat(smtp.port()).isEqualTo(587);
    assertThat(smtp.password()).contains("hunter2-secret");
    assertThat(c.mail().digestTime()).hasToString("06:30");
    assertThat(c.toString()).doesNotContain("hunter2-secret").contains("password=****");
    assertThatThrownBy(
            () ->
                ServerConfig.load(
                    Optional.empty(),
                    Map.of(),
                    Map.of(
                        "smtp.host", "127.0.0.1",
                        "smtp.from", "a@b.example",
                        "smtp.security", "ssl")))
        .isInstanceOf(ServerConfig.ConfigException.class)
        .hasMessageContaining("smtp.security");
    assertThatThrownBy(
            () -> ServerConfig.load(Optional.empty(), Map.of(), Map.of("smtp.user", "x")))
        .isInstanceOf(ServerConfig.ConfigException.class)
        .hasMessageContaining("needs smtp.host");
  }

  @Test
  void theTestMailGoesAtOnceAndAnSmtpServerThatIsDownIsAClearError() throws Exception {
    SmtpSettings up =
        new SmtpSettings(
            "127.0.0.1",
            greenMail.getSmtp().getPort(),
            SmtpSettings.Security.none,
            Optional.of("u"),
            Optional.of("pw"),
            "openrps@dealer.example",
            Duration.ofSeconds(5),
            Optional.empty());
    int before = greenMail.getReceivedMessages().length;
    TestMail.send(
        MailConfig.DEFAULTS.withSmtp(up), "admin@dealer.example", "srv-1", clock.instant());
    assertThat(greenMail.waitForIncomingEmail(5_000, before + 1)).isTrue();
    MimeMessage m = greenMail.getReceivedMessages()[before];
    assertThat(m.getSubject()).isEqualTo("OpenRPS test e-mail for test");
    assertThatThrownBy(
            () ->
                TestMail.send(
                    MailConfig.DEFAULTS, "admin@dealer.example", "srv-1", clock.instant()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("smtp.host");
    int closed;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort();
    }
    SmtpSettings down =
        new SmtpSettings(
            "127.0.0.1",
            closed,
            SmtpSettings.Security.none,
            Optional.of("u"),
            Optional.of("pw"),
            "openrps@dealer.example",
            Duration.ofSeconds(5),
            Optional.empty());
    assertThatThrownBy(
            () ->
                TestMail.send(
                    MailConfig.DEFAULTS.withSmtp(down),
                    "admin@dealer.example",
                    "srv-1",
                    clock.instant()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("onnect")
        .hasMessageNotContaining("pw,");
  }
}
