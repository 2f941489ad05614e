package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.CycleResult;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.testkit.Loopback;
import picocli.CommandLine;

/**
 * The whole chain in one JVM: simulated printers over real loopback UDP, the agent, real TLS, the
 * server on SQLite, and the server's read API.
 */
class EndToEndTest {

  @TempDir Path dir;

  private final Clock clock =
      Clock.fixed(Instant.parse("2026-11-24T10:30:00Z"), ZoneOffset.UTC); // a Tuesday morning

  @Test
  void serverHoldsEverySimulatedPrinterWithItsSerialAndCounterAfterOneCycle() throws Exception {
    InetAddress first = InetAddress.getByName("127.59.0.1");
    int printers = 30;
    try (Demo demo =
        Demo.start(new Demo.Options(dir, printers, 0, first, Loopback.freeUdpPort(first)), clock)) {
      CycleResult result = demo.cycle();

      assertThat(result.printersFound()).isEqualTo(printers);
      assertThat(result.unreachable()).isZero();
      assertThat(result.receipt().orElseThrow().devices()).isEqualTo(printers);
      assertThat(result.receipt().orElseThrow().duplicate()).isFalse();

      Map<String, SimulatedPrinter> simulated =
          demo.simulator().printers().stream()
              .collect(Collectors.toMap(SimulatedPrinter::serial, Function.identity()));
      List<Map<String, Object>> stored =
          devicesOnServer(demo.server().port(), demo.server().certificatePem());

      assertThat(stored).hasSize(printers);
      for (Map<String, Object> device : stored) {
        SimulatedPrinter printer = simulated.get((String) device.get("serial"));
        assertThat(printer)
            .as("stored serial %s is a simulated printer", device.get("serial"))
            .isNotNull();
        assertThat(((Number) device.get("totalPages")).longValue())
            .as("pages of %s", printer.serial())
            .isEqualTo(printer.totalPages());
        assertThat(device.get("make")).isEqualTo(printer.make());
        assertThat(device.get("address"))
            .isEqualTo(printer.address().getAddress().getHostAddress());
      }
      assertThat(result.pagesCounted())
          .isEqualTo(simulated.values().stream().mapToLong(SimulatedPrinter::totalPages).sum());
    }
  }

  @Test
  void demoOnceCommandPrintsTheSummaryAndExitsZero() throws Exception {
    InetAddress first = InetAddress.getByName("127.59.1.1");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    int exit =
        cli.execute(
            "demo",
            "--once",
            "--data",
            dir.toString(),
            "--printers",
            "5",
            "--port",
            "0",
            "--first-address",
            first.getHostAddress(),
            "--snmp-port",
            Integer.toString(Loopback.freeUdpPort(first)));

    assertThat(exit).as("exit code; stderr: %s", err).isZero();
    assertThat(out.toString())
        .contains("5 printers, 0 out of scope, 0 unreachable")
        .contains("5 devices stored")
        .contains("log in as demo / openrps-demo");
  }

  @Test
  void demoWithAnAddressOutsideLoopbackIsRefusedWithAClearMessage() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));

    int exit =
        cli.execute("demo", "--once", "--data", dir.toString(), "--first-address", "8.8.8.8");

    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("8.8.8.8 is not an IPv4 loopback address");
  }

  private static List<Map<String, Object>> devicesOnServer(int port, Path certificatePem)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(Loopback.trusting(certificatePem)).build();
    String basic =
        Base64.getEncoder()
            .encodeToString((Demo.USER + ":" + Demo.PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/v1/devices"))
                .header("Authorization", "Basic " + basic)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readValue(response.body(), new TypeReference<>() {});
  }
}
