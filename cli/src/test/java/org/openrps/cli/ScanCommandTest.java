package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import picocli.CommandLine;

class ScanCommandTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:30:00Z"), ZoneOffset.UTC);

  @Test
  void jsonScanPrintsOnePrinterPerLineWithSerialCountersAndSupplies() throws Exception {
    InetAddress first = InetAddress.getByName("127.59.2.1");
    try (Simulator sim = Simulator.start(new SimulatorConfig(6, first, 0, "public", 7), clock)) {
      int port = sim.printers().get(0).address().getPort();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(err));

      int exit =
          cli.execute(
              "scan",
              "127.59.2.1-127.59.2.6",
              "127.59.2.200",
              "--port",
              Integer.toString(port),
              "--timeout",
              "PT0.3S",
              "--retries",
              "0",
              "--json");

      assertThat(exit).as(err.toString()).isZero();
      Map<String, SimulatedPrinter> bySerial =
          sim.printers().stream()
              .collect(Collectors.toMap(SimulatedPrinter::serial, Function.identity()));
      List<JsonNode> lines = new ArrayList<>();
      for (String line : out.toString().split("\n")) {
        lines.add(new ObjectMapper().readTree(line));
      }
      assertThat(lines).hasSize(6);
      for (JsonNode printer : lines) {
        SimulatedPrinter simulated = bySerial.get(printer.get("serial").asText());
        assertThat(simulated).isNotNull();
        assertThat(printer.get("address").asText())
            .isEqualTo(simulated.address().getAddress().getHostAddress());
        assertThat(printer.at("/counters/total/value").asLong()).isEqualTo(simulated.totalPages());
        assertThat(printer.at("/counters/total/oid").asText())
            .startsWith("1.3.6.1.2.1.43.10.2.1.4.1.");
        assertThat(printer.get("supplies")).isNotEmpty();
        assertThat(printer.at("/snmp/version").asText()).isEqualTo("v2c");
      }
      assertThat(err.toString())
          .contains("7 addresses")
          .contains("6 printers")
          .contains("1 unreachable");
    }
  }

  @Test
  void aBrokenTargetListIsRefusedWithTheReason() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("scan", "127.59.2.9-127.59.2.1");

    assertThat(exit).isNotZero();
    assertThat(err.toString()).startsWith("openrps: ").contains("127.59.2.9-127.59.2.1");
  }
}
