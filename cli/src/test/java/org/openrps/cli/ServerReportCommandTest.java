package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.testkit.Loopback;
import org.openrps.testkit.RfcCsv;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.testkit.WireSamples;
import org.openrps.wire.WireJson;

/**
 * {@code server report} writes a report from the server's database, beside the running server that
 * took the upload: CSV that parses back, HTML that is one page; a mistake is one line.
 */
class ServerReportCommandTest {

  static final String MODEL = "Laser, \"Pro\" <script>alert(1)</script>";

  @TempDir Path dir;

  @Test
  void theReportIsWrittenBesideARunningServerAndParsesBackAndAMistakeIsOneLine() throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
    Path data = dir.resolve("srv");
    try (ServerApp app = ServerApp.start(ServerConfig.embedded(data, 0), Clock.systemUTC())) {
      app.putAgent("agent-1", "agent-secret".toCharArray());
      HttpClient client =
          HttpClient.newBuilder().sslContext(Loopback.trusting(app.certificatePem())).build();
      HttpResponse<String> upload =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("https://127.0.0.1:" + app.port() + "/api/v1/reports"))
                  .header("Content-Type", "application/json")
                  .header("Content-Encoding", "gzip")
                  .header(
                      "Authorization",
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString(
                                  "agent-1:agent-secret".getBytes(StandardCharsets.UTF_8)))
                  .POST(
                      HttpRequest.BodyPublishers.ofByteArray(
                          WireJson.gzip(
                              WireJson.newMapper(),
                              WireSamples.report(
                                  "cli-r1",
                                  "agent-1",
                                  at,
                                  SnapshotBuilder.printer("Kyocera", "CLI-1")
                                      .model(MODEL)
                                      .pages(1_234_567)
                                      .at(at)
                                      .build(),
                                  SnapshotBuilder.printer("HP", "CLI-2")
                                      .pages(10)
                                      .at(at)
                                      .build()))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);

      String[] server = {"server", "--data", data.toString()};
      Path csv = dir.resolve("out/inventory.csv");
      Run run =
          Run.of(
              Run.concat(
                  server, "report", "inventory", "--format", "csv", "--out", csv.toString()));
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out())
          .isEqualTo("inventory (All customers): 2 rows, csv written to " + csv + "\n");
      List<List<String>> rows = RfcCsv.parse(Files.readString(csv));
      assertThat(rows.get(0)).startsWith("customer", "site", "make", "brand", "model", "serial");
      assertThat(rows.subList(1, rows.size()))
          .extracting(r -> r.get(0) + " " + r.get(2) + " " + r.get(5))
          .containsExactly("default HP CLI-2", "default Kyocera CLI-1");
      assertThat(rows.get(2).get(4)).isEqualTo(MODEL);
      assertThat(rows.get(2).get(rows.get(0).indexOf("totalPages"))).isEqualTo("1234567");
      assertThat(dir.resolve("out/inventory.csv.part")).doesNotExist();

      Path html = dir.resolve("sync.html");
      Run page =
          Run.of(
              Run.concat(
                  server,
                  "report",
                  "sync-health",
                  "--customer",
                  "default",
                  "--out",
                  html.toString()));
      assertThat(page.exit()).as(page.err()).isZero();
      assertThat(page.out()).startsWith("sync-health (Default tenant (default)): 1 row, html");
      assertThat(Files.readString(html))
          .startsWith("<!DOCTYPE html>")
          .contains("agent-1", "outbox backlog")
          .doesNotContain("customer</th>", "<script", "http://", "https://");
      Path inventoryHtml = dir.resolve("inventory.html");
      assertThat(
              Run.of(Run.concat(server, "report", "inventory", "--out", inventoryHtml.toString()))
                  .exit())
          .isZero();
      assertThat(Files.readString(inventoryHtml))
          .contains("Laser, &quot;Pro&quot; &lt;script&gt;alert(1)&lt;/script&gt;", "1,234,567")
          .doesNotContain("<script");

      Path none = dir.resolve("none.csv");
      assertOneLine(
          Run.of(Run.concat(server, "report", "invoices", "--out", none.toString())),
          "openrps: no such report invoices (there are inventory, meter-reads, missed-reads,"
              + " orders, incidents, sync-health)");
      assertOneLine(
          Run.of(Run.concat(server, "report", "meter-reads", "--out", none.toString())),
          "openrps: the report meter-reads is about one customer: give customer");
      assertOneLine(
          Run.of(
              Run.concat(
                  server,
                  "report",
                  "meter-reads",
                  "--customer",
                  "default",
                  "--out",
                  none.toString())),
          "openrps: no such closed period of default");
      assertOneLine(
          Run.of(
              Run.concat(
                  server,
                  "report",
                  "inventory",
                  "--period",
                  "2026-11-01",
                  "--out",
                  none.toString())),
          "openrps: the report inventory takes no parameter period (it takes customer only)");
      assertOneLine(
          Run.of(
              Run.concat(
                  server, "report", "inventory", "--customer", "nobody", "--out", none.toString())),
          "openrps: no such customer nobody");
      assertOneLine(
          Run.of(
              Run.concat(
                  server, "report", "inventory", "--format", "pdf", "--out", none.toString())),
          "openrps: --format must be html or csv, not 'pdf'");
      assertOneLine(
          Run.of(
              "server",
              "--data",
              dir.resolve("typo").toString(),
              "report",
              "inventory",
              "--out",
              none.toString()),
          "openrps: no server database at "
              + dir.resolve("typo").resolve("openrps.db")
              + "; give the server's --data or --config");
      assertThat(none).doesNotExist();
      assertThat(dir.resolve("typo")).doesNotExist();
    }
  }

  private static void assertOneLine(Run run, String line) {
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(line + System.lineSeparator());
  }
}
