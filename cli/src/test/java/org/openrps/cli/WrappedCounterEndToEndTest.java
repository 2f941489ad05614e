package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.CycleResult;
import org.openrps.simulator.Life;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.testkit.Loopback;
import org.openrps.testkit.MutableClock;

/**
 * A simulated printer whose Counter32 wraps between two agent cycles: the whole chain (simulator
 * over UDP, agent, TLS, server) shows it as flagged, never as pages, in the API, the CSV and the
 * cycle summary the demo prints.
 */
class WrappedCounterEndToEndTest {

  private static final long COUNTER32 = 1L << 32;

  @TempDir Path dir;

  @Test
  void aCounterThatWrapsBetweenCyclesIsFlaggedEverywhereAndNeverCountedAsPages() throws Exception {
    MutableClock clock = MutableClock.at("2026-11-24T10:30:00Z");
    InetAddress first = InetAddress.getByName("127.59.2.1");
    try (Demo demo =
        Demo.start(
            new Demo.Options(
                dir, 3, 0, first, Loopback.freeUdpPort(first), Life.steady().withWrapIndex(0)),
            clock)) {
      CycleResult before = demo.cycle();
      SimulatedPrinter wrapping =
          demo.simulator().printers().stream()
              .max(Comparator.comparingLong(SimulatedPrinter::totalPages))
              .orElseThrow();
      long beforeWrap = wrapping.totalPages();
      assertThat(beforeWrap).isGreaterThan(COUNTER32 - 1_000_000).isLessThan(COUNTER32);
      assertThat(before.flaggedTotals()).isZero();

      clock.advance(Duration.ofHours(8));
      assertThat(wrapping.totalPages())
          .as("the printer passed 2^32 pages")
          .isGreaterThan(COUNTER32);
      CycleResult after = demo.cycle();

      long others =
          demo.simulator().printers().stream()
              .filter(p -> p != wrapping)
              .mapToLong(SimulatedPrinter::totalPages)
              .sum();
      assertThat(after.flaggedTotals()).isEqualTo(1);
      assertThat(after.pagesCounted()).isEqualTo(others);
      StringWriter summary = new StringWriter();
      CycleReport.print(new PrintWriter(summary, true), after);
      assertThat(summary.toString())
          .contains("1 flagged, held for review, not counted")
          .doesNotContain("4,294,");

      Api api = new Api(demo.server().port(), demo.server().certificatePem());
      JsonNode listed = null;
      for (JsonNode d : api.json("/api/v1/devices")) {
        if (d.path("serial").asText().equals(wrapping.serial())) {
          listed = d;
        }
      }
      assertThat(listed).as("the wrapping printer is listed").isNotNull();
      assertThat(listed.path("totalPages").isNull()).isTrue();
      assertThat(listed.path("totalPagesFlags").get(0).asText()).isEqualTo("wrapped");

      JsonNode device =
          api.json(
              "/api/v1/customers/default/devices/"
                  + listed.path("make").asText().replace(" ", "%20")
                  + "/"
                  + wrapping.serial());
      assertThat(device.path("total").path("pages").isNull()).isTrue();
      assertThat(device.path("total").path("reported").asLong())
          .as("the Counter32 as the device reports it")
          .isEqualTo(wrapping.totalPages() - COUNTER32);
      assertThat(device.path("total").path("note").asText()).contains("wrapped");

      String csv = api.text("/api/v1/devices?format=csv");
      List<String> columns = List.of(csv.lines().findFirst().orElseThrow().split(","));
      String row =
          csv.lines()
              .filter(l -> l.contains("," + wrapping.serial() + ","))
              .findFirst()
              .orElseThrow();
      List<String> cells = List.of(row.split(",", -1));
      assertThat(cells.get(columns.indexOf("totalPages"))).isEmpty();
      assertThat(cells.get(columns.indexOf("totalPagesFlags"))).isEqualTo("wrapped");
      assertThat(row).doesNotContain(Long.toString(beforeWrap));
    }
  }

  /** The server's read API as the demo user. */
  private static final class Api {
    private final HttpClient http;
    private final int port;

    Api(int port, Path certificatePem) throws Exception {
      this.http = HttpClient.newBuilder().sslContext(Loopback.trusting(certificatePem)).build();
      this.port = port;
    }

    String text(String path) throws Exception {
      String basic =
          Base64.getEncoder()
              .encodeToString((Demo.USER + ":" + Demo.PASSWORD).getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                  .header("Authorization", "Basic " + basic)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
      return response.body();
    }

    JsonNode json(String path) throws Exception {
      return new ObjectMapper().readTree(text(path));
    }
  }
}
