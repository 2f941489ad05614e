package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openrps.server.ApiClient.basic;
import static org.openrps.server.ApiClient.bearer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openrps.server.accounts.AccountRepository;
import org.openrps.server.accounts.Accounts;
import org.openrps.server.accounts.Passwords;
import org.openrps.server.accounts.RateLimitRepository;
import org.openrps.server.accounts.RateLimiter;
import org.openrps.server.http.ApiException;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.WireSamples;
import org.slf4j.LoggerFactory;

/**
 * Enrolment codes, client secrets, revocation and rotation, login rate limits and API tokens over
 * real TLS, with a clock the test moves; and every secret used is looked for in the captured logs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.MethodName.class)
class AuthenticationTest {

  private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");

  private final MutableClock clock = MutableClock.at(T);
  private final List<String> secrets = new ArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger openrps;
  private Level previous;
  private ServerApp server;
  private ApiClient api;
  private Path dir;

  @BeforeAll
  void start() throws IOException {
    openrps = (Logger) LoggerFactory.getLogger("org.openrps");
    previous = openrps.getLevel();
    openrps.setLevel(Level.DEBUG);
    logs.start();
    openrps.addAppender(logs);
    dir = org.openrps.testkit.Scratch.directory("openrps-auth");
    server = ServerApp.start(ServerConfig.embedded(dir, 0), clock);
    api = new ApiClient(server);
    server.putUser(
        "admin", "admin-password-1".toCharArray(), TenantId.DEFAULT, Role.customer_admin);
    secrets.add("admin-password-1");
  }

  @AfterAll
  void stop() {
    server.close();
    openrps.detachAppender(logs);
    openrps.setLevel(previous);
  }

  private String code() {
    String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();
    secrets.add(code);
    secrets.add(code.replace("-", ""));
    return code;
  }

  private JsonNode enrol(String code) {
    JsonNode c = api.enrol(code, "agent");
    secrets.add(c.get("secret").asText());
    return c;
  }

  @Test
  void codeIsExchangedOnceForCredentialsThatUploadAndIsStoredOnlyAsAHash() {
    String code = code();
    JsonNode credentials = enrol(code);
    String id = credentials.get("clientId").asText();

    HttpResponse<String> again = api.post("/api/v1/enrol", null, "{\"code\":\"" + code + "\"}");
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("enrol.invalid_code");
    HttpResponse<String> upload =
        api.upload(
            WireSamples.report("auth-r1", id, T, 1), basic(id, credentials.get("secret").asText()));
    assertThat(upload.statusCode()).isEqualTo(201);
    String db = "jdbc:sqlite:" + dir.resolve("openrps.db");
    assertThat(Fixtures.count(db, "enrol_codes where code_hash like '%" + code + "%'")).isZero();
    assertThat(Fixtures.count(db, "enrol_codes where used_at is not null")).isPositive();
  }

  @Test
  void codeStopsWorkingWhenItExpires() {
    String code = code();
    clock.advance(Duration.ofHours(24).plusSeconds(1));
    HttpResponse<String> r = api.post("/api/v1/enrol", null, "{\"code\":\"" + code + "\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("enrol.invalid_code");
  }

  @Test
  void twoClientsRacingForOneCodeGetOneCredential() throws Exception {
    String code = code();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Callable<Integer> attempt =
          () -> {
            go.await();
            HttpResponse<String> r = api.post("/api/v1/enrol", null, "{\"code\":\"" + code + "\"}");
            if (r.statusCode() == 201) {
              secrets.add(api.json(r).get("secret").asText());
            }
            return r.statusCode();
          };
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(attempt));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : results) {
        statuses.add(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(statuses).containsOnly(201, 400).filteredOn(s -> s == 201).hasSize(1);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void revokedAgentIsRefusedAtOnceAndRotatedSecretReplacesTheOldOneAtItsFirstUse() {
    JsonNode credentials = enrol(code());
    String id = credentials.get("clientId").asText();
    String oldAuth = basic(id, credentials.get("secret").asText());
    assertThat(api.upload(WireSamples.report("rot-0", id, T, 1), oldAuth).statusCode())
        .as("the old secret is in this node's memo before the rotation")
        .isEqualTo(201);

    HttpResponse<String> rotated = api.post("/api/v1/credentials/rotate", oldAuth, null);
    assertThat(rotated.statusCode()).isEqualTo(200);
    String newSecret = api.json(rotated).get("secret").asText();
    secrets.add(newSecret);
    String newAuth = basic(id, newSecret);
    assertThat(api.upload(WireSamples.report("rot-1", id, T, 1), oldAuth).statusCode())
        .as("the old secret works until the new one is used")
        .isEqualTo(201);
    assertThat(api.get("/api/v1/credentials", oldAuth).statusCode()).isEqualTo(204);

    assertThat(api.get("/api/v1/credentials", newAuth).statusCode()).isEqualTo(204);
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains(id + " - new secret in use; the previous one no longer works");
    HttpResponse<String> old = api.upload(WireSamples.report("rot-2", id, T, 1), oldAuth);
    assertThat(old.statusCode()).as("the memo of the old secret is not enough").isEqualTo(401);
    assertThat(api.upload(WireSamples.report("rot-3", id, T, 1), newAuth).statusCode())
        .isEqualTo(201);

    String admin = basic("admin", "admin-password-1");
    assertThat(api.delete("/api/v1/agents/" + id, admin).statusCode()).isEqualTo(204);
    HttpResponse<String> refused = api.upload(WireSamples.report("rot-4", id, T, 1), newAuth);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("auth.invalid_credentials");
  }

  @Test
  void aSecondRotationBeforeTheFirstIsUsedReplacesThePendingSecret() {
    JsonNode credentials = enrol(code());
    String id = credentials.get("clientId").asText();
    String current = basic(id, credentials.get("secret").asText());
    String lost =
        api.json(api.post("/api/v1/credentials/rotate", current, null)).get("secret").asText();
    secrets.add(lost);
    String next =
        api.json(api.post("/api/v1/credentials/rotate", current, null)).get("secret").asText();
    secrets.add(next);

    assertThat(api.get("/api/v1/credentials", basic(id, lost)).statusCode())
        .as("the answer that was lost is no use any more")
        .isEqualTo(401);
    assertThat(api.get("/api/v1/credentials", current).statusCode()).isEqualTo(204);
    assertThat(api.get("/api/v1/credentials", basic(id, next)).statusCode()).isEqualTo(204);
    assertThat(api.get("/api/v1/credentials", current).statusCode()).isEqualTo(401);
  }

  @Test
  void deviceDirectEnrolsAsADeviceAndOnlyReportsAsOne() {
    String code = code();
    JsonNode device = api.enrolDevice(code, "HP", "DD-1");
    secrets.add(device.get("secret").asText());
    String id = device.get("clientId").asText();
    String auth = basic(id, device.get("secret").asText());
    Instant t = T.plusSeconds(5);
    org.openrps.wire.Report asDevice =
        org.openrps.wire.Report.of(
            "dd-1",
            new org.openrps.wire.Source(org.openrps.wire.Source.Kind.device, id, "1.0"),
            t,
            List.of(WireSamples.device("HP", "DD-1", 10, 50, t)));
    assertThat(api.upload(asDevice, auth).statusCode()).isEqualTo(201);
    HttpResponse<String> asAgent = api.upload(WireSamples.report("dd-2", id, t, 1), auth);
    assertThat(asAgent.statusCode()).isEqualTo(403);
    assertThat(asAgent.body()).contains("report.source_mismatch");
  }

  @Test
  void aDeviceEnrolsNamingItsDeviceAndAnAgentWithoutOneElseTheCodeIsKept() {
    String code = code();
    HttpResponse<String> noDevice =
        api.post("/api/v1/enrol", null, "{\"code\":\"" + code + "\",\"kind\":\"device\"}");
    assertThat(noDevice.statusCode()).isEqualTo(400);
    assertThat(noDevice.body()).contains("enrol.device_missing");
    HttpResponse<String> agentWithDevice =
        api.post(
            "/api/v1/enrol",
            null,
            "{\"code\":\""
                + code
                + "\",\"kind\":\"agent\",\"device\":{\"make\":\"HP\",\"serial\":\"X1\"}}");
    assertThat(agentWithDevice.statusCode()).isEqualTo(400);
    assertThat(agentWithDevice.body()).contains("enrol.device_unexpected");
    HttpResponse<String> noSerial =
        api.post(
            "/api/v1/enrol",
            null,
            "{\"code\":\""
                + code
                + "\",\"kind\":\"device\",\"device\":{\"make\":\"HP\",\"serial\":\"unknown\"}}");
    assertThat(noSerial.statusCode()).isEqualTo(400);
    assertThat(noSerial.body()).contains("enrol.device_invalid");
    // None of the refusals used the code up.
    JsonNode device = api.enrolDevice(code, " HP ", " BIND-1\\u0000 ");
    secrets.add(device.get("secret").asText());
    assertThat(device.get("clientId").asText()).startsWith("dev-");
  }

  @Test
  void aDeviceCredentialReportsItsOwnDeviceOnlyAndAnAgentIsUnaffected() {
    JsonNode device = api.enrolDevice(code(), "HP", "  own-1 ");
    secrets.add(device.get("secret").asText());
    String id = device.get("clientId").asText();
    String auth = basic(id, device.get("secret").asText());
    Instant t = T.plusSeconds(7);
    org.openrps.wire.Source source = WireSamples.deviceSource(id);

    HttpResponse<String> own =
        api.upload(
            WireSamples.report(
                "bind-own", source, t, List.of(WireSamples.device("HP", "own-1", 10, 50, t))),
            auth);
    assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
    assertThat(server.devices())
        .anySatisfy(d -> assertThat(d.make() + "/" + d.serial()).isEqualTo("HP/own-1"));

    HttpResponse<String> other =
        api.upload(
            WireSamples.report(
                "bind-other", source, t, List.of(WireSamples.device("HP", "OTHER-1", 10, 50, t))),
            auth);
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.body()).contains("report.device_mismatch", "HP/own-1");

    HttpResponse<String> two =
        api.upload(
            WireSamples.report(
                "bind-two",
                source,
                t,
                List.of(
                    WireSamples.device("HP", "own-1", 11, 50, t),
                    WireSamples.device("HP", "OWN-2", 10, 50, t))),
            auth);
    assertThat(two.statusCode()).isEqualTo(403);
    assertThat(two.body()).contains("report.device_mismatch");
    assertThat(server.devices()).extracting(d -> d.serial()).doesNotContain("OTHER-1", "OWN-2");

    JsonNode agent = enrol(code());
    HttpResponse<String> agentReport =
        api.upload(
            WireSamples.report(
                "bind-agent",
                agent.get("clientId").asText(),
                t,
                WireSamples.device("HP", "AG-1", 10, 50, t),
                WireSamples.device("HP", "AG-2", 10, 50, t)),
            basic(agent.get("clientId").asText(), agent.get("secret").asText()));
    assertThat(agentReport.statusCode()).as(agentReport.body()).isEqualTo(201);
  }

  @Test
  void loginsAreRateLimitedPerUserInTheDatabaseUntilTheWindowMoves() {
    server.putUser(
        "limited", "limited-password".toCharArray(), TenantId.DEFAULT, Role.customer_reader);
    secrets.add("limited-password");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      statuses.add(api.get("/api/v1/devices", basic("limited", "wrong-" + i)).statusCode());
    }
    assertThat(statuses.subList(0, 10)).containsOnly(401);
    HttpResponse<String> limited = api.get("/api/v1/devices", basic("limited", "limited-password"));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.body()).contains("auth.rate_limited");
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();

    clock.advance(Duration.ofMinutes(1));
    assertThat(api.get("/api/v1/devices", basic("limited", "limited-password")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void agentSecretGuessesAreRefusedFastAfterTheLimitWhileTheRightAgentStillUploads() {
    JsonNode credentials = enrol(code());
    String id = credentials.get("clientId").asText();
    String right = basic(id, credentials.get("secret").asText());
    assertThat(api.upload(WireSamples.report("guess-0", id, T, 1), right).statusCode())
        .isEqualTo(201);

    List<Integer> statuses = new ArrayList<>();
    List<Long> wrongNanos = new ArrayList<>();
    List<Long> refusedNanos = new ArrayList<>();
    HttpResponse<String> last = null;
    for (int i = 0; i < 200; i++) {
      long start = System.nanoTime();
      last = api.upload(WireSamples.report("guess-w" + i, id, T, 1), basic(id, "wrong-" + i));
      long took = System.nanoTime() - start;
      statuses.add(last.statusCode());
      (last.statusCode() == 429 ? refusedNanos : wrongNanos).add(took);
    }
    assertThat(statuses.subList(0, 10)).containsOnly(401);
    assertThat(statuses.subList(10, 200)).containsOnly(429);
    assertThat(last.body()).contains("auth.rate_limited");
    assertThat(last.headers().firstValue("Retry-After")).isPresent();
    // A refusal runs no Argon2id: it takes a fraction of what a checked wrong secret takes.
    assertThat(median(refusedNanos)).isLessThan(median(wrongNanos) / 2);
    assertThat(api.upload(WireSamples.report("guess-1", id, T, 1), right).statusCode())
        .isEqualTo(201);

    // The address fills up with guesses at unknown ids; then every unverified attempt from it is
    // refused, but the agent this node has verified keeps uploading.
    List<Integer> unknown = new ArrayList<>();
    for (int i = 0; i < 41; i++) {
      unknown.add(
          api.upload(
                  WireSamples.report("guess-u" + i, "nobody-" + i, T, 1), basic("nobody-" + i, "x"))
              .statusCode());
    }
    assertThat(unknown.subList(0, 40)).containsOnly(401);
    assertThat(unknown.get(40)).isEqualTo(429);
    assertThat(api.upload(WireSamples.report("guess-2", id, T, 1), right).statusCode())
        .isEqualTo(201);

    clock.advance(Duration.ofMinutes(1));
    assertThat(
            api.upload(WireSamples.report("guess-3", "nobody-0", T, 1), basic("nobody-0", "x"))
                .statusCode())
        .isEqualTo(401);
    clock.advance(Duration.ofMinutes(1));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    java.util.Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  @Test
  void aUserWithTheRightPasswordIsNeverRefusedForCallingOften() {
    server.putUser(
        "integration",
        "integration-password".toCharArray(),
        TenantId.DEFAULT,
        Role.customer_reader);
    secrets.add("integration-password");
    String auth = basic("integration", "integration-password");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      statuses.add(api.get("/api/v1/devices", auth).statusCode());
    }
    assertThat(statuses).containsOnly(200);
    assertThat(api.get("/api/v1/devices", basic("integration", "wrong")).statusCode())
        .isEqualTo(401);
    assertThat(api.get("/api/v1/devices", auth).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void wrongPasswordsFromOneAddressDoNotLockTheUserOutFromAnother(String dialect)
      throws IOException {
    String url =
        dialect.equals("sqlite")
            ? "jdbc:sqlite:" + org.openrps.testkit.Scratch.directory("openrps-limits").resolve("db")
            : Fixtures.freshPgSchema("limits");
    try (org.openrps.server.store.Database db = org.openrps.server.store.Database.open(url)) {
      MutableClock time = MutableClock.at(T);
      Passwords passwords = new Passwords(new java.security.SecureRandom());
      Accounts accounts =
          new Accounts(
              new AccountRepository(db),
              passwords,
              new RateLimiter(new RateLimitRepository(db), time),
              new Accounts.LoginLimits(10, 30),
              new Accounts.SecretLimits(10, 50),
              time);
      accounts.putUser("admin", "right".toCharArray(), TenantId.DEFAULT, Role.provider_admin);
      String a = "192.0.2.10";
      String b = "192.0.2.20";
      for (int i = 0; i < 10; i++) {
        assertThat(accounts.authenticateUser("admin", ("wrong-" + i).toCharArray(), a)).isEmpty();
      }
      assertThatThrownBy(() -> accounts.authenticateUser("admin", "right".toCharArray(), a))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo("auth.rate_limited"));
      assertThat(accounts.authenticateUser("admin", "right".toCharArray(), b)).isPresent();

      // Many users guessed from one address: the address is refused, others are not.
      for (int i = 0; i < 30; i++) {
        accounts.authenticateUser("user-" + i, "x".toCharArray(), b);
      }
      assertThatThrownBy(() -> accounts.authenticateUser("other", "x".toCharArray(), b))
          .isInstanceOf(ApiException.class);
      assertThat(accounts.authenticateUser("admin", "right".toCharArray(), "192.0.2.30"))
          .isPresent();

      time.advance(Duration.ofMinutes(1));
      assertThat(accounts.authenticateUser("admin", "right".toCharArray(), a)).isPresent();
    } finally {
      if (dialect.equals("postgresql")) {
        Fixtures.dropPgSchema(url);
      }
    }
  }

  @Test
  void apiTokenWorksUntilRevokedAndReaderTokenCannotChangeAnything() {
    String admin = basic("admin", "admin-password-1");
    JsonNode made =
        api.json(
            api.post(
                "/api/v1/tokens", admin, "{\"name\":\"script\",\"role\":\"customer_reader\"}"));
    String token = made.get("token").asText();
    secrets.add(token);
    assertThat(api.get("/api/v1/devices", bearer(token)).statusCode()).isEqualTo(200);
    HttpResponse<String> change =
        api.post("/api/v1/customers/default/sites/default/enrol-codes", bearer(token), null);
    assertThat(change.statusCode()).isEqualTo(403);
    assertThat(change.body()).contains("auth.forbidden");
    assertThat(api.get("/api/v1/tokens", admin).body()).doesNotContain(token);

    assertThat(api.delete("/api/v1/tokens/" + made.get("id").asText(), admin).statusCode())
        .isEqualTo(204);
    assertThat(api.get("/api/v1/devices", bearer(token)).statusCode()).isEqualTo(401);
  }

  @Test
  void dashboardLoginWithPasswordLeavesNoSecretInTheLogs() throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .sslContext(Fixtures.trusting(server.certificatePem()))
            .cookieHandler(new java.net.CookieManager())
            .build();
    URI login = URI.create("https://127.0.0.1:" + server.port() + "/login");
    String page =
        browser
            .send(HttpRequest.newBuilder(login).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    String csrf = page.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
    String form =
        "csrf="
            + URLEncoder.encode(csrf, StandardCharsets.UTF_8)
            + "&username=admin&password="
            + URLEncoder.encode("admin-password-1", StandardCharsets.UTF_8);
    HttpResponse<String> r =
        browser.send(
            HttpRequest.newBuilder(login)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/");
  }

  /** Runs last (methods run in name order): every secret the other tests used. */
  @Test
  void zzNoSecretCodeTokenOrPasswordReachesALogLine() {
    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list)
        .anySatisfy(e -> assertThat(e.getLoggerName()).isEqualTo("org.openrps.server.access"));
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : new ArrayList<>(logs.list)) {
      lines.add(
          e.getFormattedMessage()
              + (e.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(e.getThrowableProxy())));
    }
    assertThat(secrets).hasSizeGreaterThan(5);
    for (String secret : List.copyOf(secrets)) {
      assertThat(lines).noneMatch(line -> line.contains(secret));
    }
  }
}
