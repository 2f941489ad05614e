package org.openrps.agent.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.agent.Agent;
import org.openrps.agent.AgentConfig;
import org.openrps.agent.AgentVersion;
import org.openrps.agent.report.AuditReport;
import org.openrps.agent.report.AuditReportReader;
import org.openrps.agent.report.CsvReport;
import org.openrps.agent.status.AgentStatusReader;
import org.openrps.agent.status.NextSteps;
import org.openrps.agent.store.AgentStore;
import org.openrps.client.HttpsReceiver;
import org.openrps.client.TestTls;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.testkit.RfcCsv;
import org.openrps.wire.WireJson;

/**
 * The audit report on the running agent's local page: {@code /report.html} and {@code /report.csv},
 * behind the page's login, over real HTTP on loopback, of an agent that polled simulated printers
 * over UDP and synced with a real HTTPS receiver.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPageTest {

  private static final String PASSWORD = "correct horse battery";

  private Simulator sim;
  private HttpsReceiver server;
  private StatusPage page;

  @BeforeAll
  void start() throws Exception {
    Path dir = org.openrps.testkit.Scratch.directory("openrps-agent-report-page");
    Clock clock = Clock.systemUTC();
    TestTls tls = TestTls.selfSigned("server");
    sim =
        Simulator.start(
            new SimulatorConfig(2, InetAddress.getByName("127.61.71.1"), 0, "public", 9), clock);
    server = new HttpsReceiver(tls);
    Path db = dir.resolve("agent.db");
    AgentConfig config =
        new AgentConfig(
            db,
            "127.61.71.1-127.61.71.2",
            sim.printers().get(0).address().getPort(),
            "public",
            Duration.ofMillis(500),
            1,
            16,
            server.url(),
            "agent-page",
            "pw".toCharArray(),
            Optional.of(tls.writePem(dir, "server.pem")));
    try (Agent agent = Agent.open(config, clock)) {
      assertThat(agent.runCycle().sync().failure()).isEmpty();
    }
    AuditReport.Origin origin =
        new AuditReport.Origin(Optional.of("agent-page"), AgentVersion.VERSION, Optional.empty());
    page =
        StatusPage.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            PagePassword.of(PASSWORD.toCharArray()),
            () -> {
              try (AgentStore store = AgentStore.openReadOnly(db, WireJson.newMapper())) {
                return AgentStatusReader.read(
                    store, NextSteps.notRunning(schedule(), clock.instant()), clock.instant());
              }
            },
            Optional.of(() -> CompletableFuture.failedFuture(new IllegalStateException("no"))),
            Optional.of(
                () -> {
                  try (AgentStore store = AgentStore.openReadOnly(db, WireJson.newMapper())) {
                    return AuditReportReader.read(store, origin, clock.instant());
                  }
                }),
            clock,
            ZoneOffset.UTC);
  }

  private static org.openrps.agent.schedule.Schedule schedule() {
    return new org.openrps.agent.schedule.Schedule(
        Duration.ofHours(2), java.time.LocalTime.of(2, 0), ZoneOffset.UTC, false);
  }

  @AfterAll
  void stop() {
    if (page != null) {
      page.close();
    }
    server.close();
    sim.close();
  }

  private HttpResponse<String> get(String path, Optional<String> password) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + page.address().getPort() + path));
    password.ifPresent(
        p ->
            request.header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(("admin:" + p).getBytes(StandardCharsets.UTF_8))));
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void withoutTheLoginTheReportIs401AndShowsNoData() throws Exception {
    for (String path : List.of("/report.csv", "/report.html")) {
      HttpResponse<String> r = get(path, Optional.empty());
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(r.headers().firstValue("www-authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
      assertThat(r.headers().firstValue("content-disposition")).isEmpty();
      for (SimulatedPrinter p : sim.printers()) {
        assertThat(r.body()).doesNotContain(p.serial());
      }
    }
    assertThat(get("/report.csv", Optional.of("wrong password")).statusCode()).isEqualTo(401);
  }

  @Test
  void withTheLoginTheCsvIsADownloadOfEveryDevice() throws Exception {
    HttpResponse<String> r = get("/report.csv", Optional.of(PASSWORD));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/csv; charset=utf-8"));
    assertThat(r.headers().firstValue("content-disposition"))
        .hasValueSatisfying(
            v ->
                assertThat(v)
                    .matches("attachment; filename=\"openrps-agent-report-[0-9-]+\\.csv\""));
    assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
    List<List<String>> rows = RfcCsv.parse(r.body());
    assertThat(rows.get(0)).isEqualTo(CsvReport.COLUMNS);
    List<String> serials =
        rows.stream().filter(row -> row.get(0).equals("device")).map(row -> row.get(4)).toList();
    assertThat(serials)
        .containsExactlyInAnyOrderElementsOf(
            sim.printers().stream().map(SimulatedPrinter::serial).toList());
    assertThat(rows)
        .filteredOn(row -> row.get(0).equals("upload"))
        .singleElement()
        .satisfies(row -> assertThat(row.get(17)).isEqualTo("acknowledged"));
  }

  @Test
  void withTheLoginTheHtmlIsServedUnderThePagesPolicyAndThePageLinksToBoth() throws Exception {
    HttpResponse<String> r = get("/report.html", Optional.of(PASSWORD));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("content-security-policy"))
        .hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
    assertThat(r.body()).contains("OpenRPS agent audit report").contains("agent-page");
    for (SimulatedPrinter p : sim.printers()) {
      assertThat(r.body()).contains(p.serial());
    }
    String status = get("/", Optional.of(PASSWORD)).body();
    assertThat(status).contains("href=\"/report.html\"").contains("href=\"/report.csv\"");
    HttpRequest post =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + page.address().getPort() + "/report.csv"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> refused =
        HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(405);
    assertThat(refused.headers().firstValue("allow")).hasValue("GET, HEAD");
  }
}
