package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrps.server.ApiClient.basic;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.client.CommandClient;
import org.openrps.client.Credentials;
import org.openrps.client.EnrolmentClient;
import org.openrps.client.Tls;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.Source;
import org.openrps.wire.command.Command;
import org.openrps.wire.command.CommandBatch;
import org.openrps.wire.command.CommandResult;

/**
 * The command channel through the real server over HTTPS, with the real {@link CommandClient} of
 * module {@code client}: a Device Direct module enrolled for its device fetches the command an
 * administrator queued, reports it done once (a resend is "already finished"), and the expiry job
 * ends a command nobody answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandsApiTest {

  private static final Instant T = Instant.parse("2026-12-01T09:00:00Z");

  private final MutableClock clock = MutableClock.at(T);
  private ServerApp server;
  private ApiClient api;
  private CommandClient module;
  private String admin;

  @BeforeAll
  void start() throws Exception {
    Path dir = org.openrps.testkit.Scratch.directory("openrps-commands-api");
    server = ServerApp.start(ServerConfig.embedded(dir, 0), clock, ServerApp.Jobs.onCall);
    api = new ApiClient(server);
    server.putUser(
        "cmd-admin", "cmd-password".toCharArray(), TenantId.DEFAULT, Role.customer_admin);
    admin = basic("cmd-admin", "cmd-password");
    URI url = URI.create("https://127.0.0.1:" + server.port());
    Credentials credentials =
        new EnrolmentClient(url, Optional.of(server.certificatePem()))
            .enrol(
                server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code(),
                Source.Kind.device,
                Optional.of(new DeviceRef("HP", " CN123 ")));
    module =
        new CommandClient(
            url,
            credentials.agentId(),
            credentials.secret(),
            Tls.clientContext(Optional.of(server.certificatePem())));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private JsonNode send(String body) {
    HttpResponse<String> r = api.post("/api/v1/commands", admin, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return api.json(r).get("commands");
  }

  @Test
  void aModuleFetchesItsCommandReportsItOnceAndTheAdminSeesItsLife() throws Exception {
    Instant sentAt = clock.instant();
    JsonNode sent =
        send(
            "{\"type\":\"set-location\",\"params\":{\"location\":\"Floor 2\"},"
                + "\"devices\":[\"HP/CN123\"],\"expiresInMinutes\":60}");
    String id = sent.get(0).get("id").asText();
    assertThat(sent.get(0).get("target").asText()).isEqualTo("HP/CN123");
    assertThat(sent.get(0).get("state").asText()).isEqualTo("queued");

    clock.advance(Duration.ofSeconds(30));
    CommandBatch batch = module.fetch();
    assertThat(batch.serverTime()).isEqualTo(clock.instant());
    assertThat(batch.pollSeconds()).isEqualTo(60);
    Command command =
        batch.commands().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    assertThat(command.param("location")).contains("Floor 2");
    assertThat(command.device()).contains(new DeviceRef("HP", "CN123"));
    assertThat(command.expiresAt()).isEqualTo(sentAt.plus(Duration.ofMinutes(60)));
    assertThat(api.json(api.get("/api/v1/commands/" + id, admin)).get("state").asText())
        .isEqualTo("delivered");

    CommandResult result =
        new CommandResult(
            id, CommandResult.Outcome.done, "sysLocation is Floor 2", batch.serverTime(), Map.of());
    assertThat(module.report(result)).isEqualTo(CommandClient.Acknowledgement.stored);
    assertThat(module.report(result)).isEqualTo(CommandClient.Acknowledgement.alreadyFinished);
    JsonNode done = api.json(api.get("/api/v1/commands/" + id, admin));
    assertThat(done.get("state").asText()).isEqualTo("done");
    assertThat(done.get("message").asText()).isEqualTo("sysLocation is Floor 2");
    assertThat(done.get("createdBy").asText()).isEqualTo("cmd-admin");
    assertThat(module.fetch().commands()).extracting(Command::id).doesNotContain(id);
    HttpResponse<String> list = api.get("/api/v1/commands?device=HP/CN123&state=done", admin);
    assertThat(api.json(list).get(0).get("id").asText()).isEqualTo(id);
  }

  @Test
  void aCommandNobodyAnswersExpiresOnTheJobAndItsLateResultIsRefused() throws Exception {
    String id =
        send("{\"type\":\"reboot\",\"devices\":[\"HP/CN123\"],\"expiresInMinutes\":1}")
            .get(0)
            .get("id")
            .asText();
    clock.advance(Duration.ofMinutes(2));
    assertThat(server.runCommandExpiry()).hasValueSatisfying(n -> assertThat(n).isPositive());
    assertThat(api.json(api.get("/api/v1/commands/" + id, admin)).get("state").asText())
        .isEqualTo("expired");
    CommandBatch batch = module.fetch();
    assertThat(batch.commands()).extracting(Command::id).doesNotContain(id);
    HttpResponse<String> late =
        api.post(
            "/api/v1/client/commands/" + id + "/result",
            null,
            "{\"commandId\":\""
                + id
                + "\",\"outcome\":\"done\",\"message\":\"x\",\"appliedAt\":\""
                + clock.instant()
                + "\"}");
    assertThat(late.statusCode()).isEqualTo(401);
    assertThat(
            module.report(
                new CommandResult(
                    id, CommandResult.Outcome.done, "rebooted", clock.instant(), Map.of())))
        .isEqualTo(CommandClient.Acknowledgement.alreadyFinished);
    assertThat(api.json(api.get("/api/v1/commands/" + id, admin)).get("state").asText())
        .isEqualTo("expired");
  }

  @Test
  void badOrdersAreRefusedWithCodes() {
    HttpResponse<String> unknown =
        api.post("/api/v1/commands", admin, "{\"type\":\"warp\",\"devices\":[\"HP/CN123\"]}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("command.invalid", "warp");
    HttpResponse<String> missing =
        api.post(
            "/api/v1/commands", admin, "{\"type\":\"set-contact\",\"devices\":[\"HP/CN123\"]}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("command.invalid", "contact");
    HttpResponse<String> noModule =
        api.post("/api/v1/commands", admin, "{\"type\":\"reboot\",\"devices\":[\"HP/NOPE-1\"]}");
    assertThat(noModule.statusCode()).isEqualTo(409);
    assertThat(noModule.body()).contains("command.unreachable", "no Device Direct module");
    HttpResponse<String> tooLong =
        api.post(
            "/api/v1/commands",
            admin,
            "{\"type\":\"reboot\",\"devices\":[\"HP/CN123\"],\"expiresInMinutes\":50000}");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(api.get("/api/v1/commands/cmd-00", admin).statusCode()).isEqualTo(404);
  }
}
