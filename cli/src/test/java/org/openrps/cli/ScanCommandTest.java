package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.snmp.AgentSecurity;
import org.openrps.snmp.AuthProtocol;
import org.openrps.snmp.MibView;
import org.openrps.snmp.Oid;
import org.openrps.snmp.Passphrase;
import org.openrps.snmp.PrivProtocol;
import org.openrps.snmp.SnmpResponder;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.UsmUser;
import org.openrps.snmp.mib.StandardMib;
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
              // generous, so a late reply on a busy machine still counts; the silent .200 costs
              // 2 s
              "--timeout",
              "PT1S",
              "--retries",
              "1",
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
        assertThat(counter(printer, "total").path("value").asLong())
            .isEqualTo(simulated.totalPages());
        assertThat(counter(printer, "total").path("oids").path(0).asText())
            .startsWith("1.3.6.1.2.1.43.10.2.1.4.1.");
        assertThat(printer.get("supplies")).isNotEmpty();
        assertThat(printer.at("/snmp/version").asText()).isEqualTo("v2c");
        assertThat(printer.at("/snmp/security").asText()).isEqualTo("community");
        assertThat(printer.get("alerts").isArray()).isTrue();
        assertThat(printer.at("/status/printerStatus").asText()).isNotEmpty();
      }
      assertThat(err.toString())
          .contains("7 addresses")
          .contains("6 printers")
          .contains("1 unreachable");
    }
  }

  @Test
  void jsonScanShowsManufacturerBrandAndASerialDisagreementWithBothSources() throws Exception {
    InetAddress first = InetAddress.getByName("127.59.3.1");
    SimulatorConfig config =
        new SimulatorConfig(2, first, 0, "public", 7).withMix(Map.of("HP LaserJet Pro M404dn", 1));
    try (Simulator sim = Simulator.start(config, clock)) {
      int port = sim.printers().get(0).address().getPort();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(err));
      int exit =
          cli.execute("scan", "127.59.3.1-127.59.3.2", "--port", Integer.toString(port), "--json");
      assertThat(exit).as(err.toString()).isZero();
      String[] lines = out.toString().split("\n");
      assertThat(lines).hasSize(2);
      for (String line : lines) {
        JsonNode printer = new ObjectMapper().readTree(line);
        assertThat(printer.get("make").asText()).isEqualTo("HP");
        assertThat(printer.get("manufacturer").asText()).isEqualTo("HP");
        assertThat(printer.get("brand").asText()).isEqualTo("HP");
        assertThat(printer.get("firmware").asText()).isEqualTo("002.2403A");
        JsonNode flag = printer.get("serialDisagreement");
        assertThat(flag).hasSize(2);
        assertThat(flag.at("/0/source").asText()).isEqualTo("prtGeneralSerialNumber");
        assertThat(flag.at("/0/serial").asText()).isEqualTo(printer.get("serial").asText());
        assertThat(flag.at("/1/source").asText()).isEqualTo("1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3.0");
        assertThat(flag.at("/1/serial").asText()).startsWith("VNB3");
      }
    }
  }

  /** A small printer for hand-made tests. */
  private static MibView printer(String serial) {
    Map<Oid, SnmpValue> m = new java.util.HashMap<>();
    m.put(StandardMib.SYS_DESCR, SnmpValue.OctetString.of("Test printer"));
    m.put(StandardMib.SYS_OBJECT_ID, new SnmpValue.ObjectId(Oid.of("1.3.6.1.4.1.1347.41")));
    m.put(
        StandardMib.HR_DEVICE_TYPE.append(1),
        new SnmpValue.ObjectId(StandardMib.HR_DEVICE_PRINTER));
    m.put(StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1), SnmpValue.OctetString.of(serial));
    m.put(StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1), new SnmpValue.Counter32(777));
    return MibView.of(m);
  }

  @Test
  void credentialSetsScopesExclusionsAndV3ShowTheWayEachPrinterAnswered() throws Exception {
    UsmUser user =
        UsmUser.authPriv(
            "scanner",
            AuthProtocol.SHA256,
            Passphrase.of("auth-pass-123"),
            PrivProtocol.AES128,
            Passphrase.of("priv-pass-123"));
    try (SnmpResponder responder = SnmpResponder.start("scan-test", 1)) {
      int port =
          responder
              .bind(
                  new InetSocketAddress(InetAddress.getByName("127.62.3.1"), 0),
                  "public",
                  printer("P1"))
              .getPort();
      responder.bind(
          new InetSocketAddress(InetAddress.getByName("127.62.3.2"), port),
          "branch",
          printer("P2"));
      responder.bind(
          new InetSocketAddress(InetAddress.getByName("127.62.3.3"), port),
          new AgentSecurity(Optional.empty(), List.of(user), "", 1),
          printer("P3"));
      responder.bind(
          new InetSocketAddress(InetAddress.getByName("127.62.3.4"), port),
          "public",
          printer("P4"));

      Run run =
          Run.of(
              "scan",
              "127.62.3.1-127.62.3.4",
              "--exclude",
              "127.62.3.4",
              "--port",
              Integer.toString(port),
              "--community",
              "public",
              "--community-for",
              "127.62.3.2=branch",
              "--v3-user",
              "scanner",
              "--auth",
              "sha256",
              "--auth-pass",
              "auth-pass-123",
              "--priv",
              "aes128",
              "--priv-pass",
              "priv-pass-123",
              // The v3 set is tried first everywhere: on the community printers it costs its own
              // timeout, then the community gets its own. 0.3 s without retry was too tight for a
              // reply on a machine whose two cores are busy (issue 10).
              "--timeout",
              "PT1S",
              "--retries",
              "1",
              "--rate",
              "500",
              "--json");

      assertThat(run.exit()).as(run.err()).isZero();
      Map<String, JsonNode> bySerial = new java.util.HashMap<>();
      for (String line : run.out().split("\n")) {
        JsonNode n = new ObjectMapper().readTree(line);
        bySerial.put(n.get("serial").asText(), n);
      }
      assertThat(bySerial).containsOnlyKeys("P1", "P2", "P3");
      assertThat(bySerial.get("P1").at("/snmp/version").asText()).isEqualTo("v2c");
      assertThat(bySerial.get("P2").at("/snmp/version").asText()).isEqualTo("v2c");
      assertThat(bySerial.get("P3").at("/snmp/version").asText()).isEqualTo("v3");
      assertThat(bySerial.get("P3").at("/snmp/security").asText())
          .isEqualTo("authPriv SHA-256/AES-128");
      assertThat(counter(bySerial.get("P3"), "total").path("value").asLong()).isEqualTo(777);
      assertThat(run.err()).contains("3 addresses").contains("3 printers");
      assertThat(run.out() + run.err()).doesNotContain("auth-pass-123").doesNotContain("branch");
    }
  }

  @Test
  void fipsModeRefusesMd5OrDesBeforeSendingAnything() {
    Run run =
        Run.of(
            "scan",
            "127.62.3.9",
            "--fips",
            "--v3-user",
            "old",
            "--auth",
            "md5",
            "--auth-pass",
            "auth-pass-123");

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("FIPS");
  }

  @Test
  void progressIsDrawnInPlaceOnlyForATerminal() {
    StringWriter shown = new StringWriter();
    ScanCommand.ProgressLine onTerminal =
        new ScanCommand.ProgressLine(new PrintWriter(shown), true);
    onTerminal.update(1, 10);
    onTerminal.update(10, 10);
    onTerminal.clear();
    assertThat(shown.toString()).startsWith("\rscan [").contains("10/10 addresses").endsWith("\r");

    StringWriter piped = new StringWriter();
    ScanCommand.ProgressLine notTerminal =
        new ScanCommand.ProgressLine(new PrintWriter(piped), false);
    notTerminal.update(5, 10);
    notTerminal.clear();
    assertThat(piped.toString()).isEmpty();
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

  private static JsonNode counter(JsonNode printer, String name) {
    for (JsonNode c : printer.path("counters")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no counter " + name + " in " + printer);
  }

  @Test
  void theReadBudgetIsSetByOptionsAndADeviceOverItSaysTruncated() throws Exception {
    InetAddress first = InetAddress.getByName("127.59.7.1");
    try (Simulator sim = Simulator.start(new SimulatorConfig(1, first, 0, "public", 7), clock)) {
      int port = sim.printers().get(0).address().getPort();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(err));

      int exit =
          cli.execute(
              "scan",
              "127.59.7.1",
              "--port",
              Integer.toString(port),
              "--timeout",
              "PT1S",
              "--max-rows-per-table",
              "3",
              "--json");

      assertThat(exit).as(err.toString()).isZero();
      JsonNode printer = new ObjectMapper().readTree(out.toString().strip());
      List<String> failures = new ArrayList<>();
      printer.path("partial").forEach(f -> failures.add(f.asText()));
      // the supplies table holds more than 3 values: read up to 3, the rest said, not dropped
      assertThat(failures)
          .as(out.toString())
          .contains("truncated: prtMarkerSuppliesTable over 3 rows");
      assertThat(printer.get("serial").asText()).isEqualTo(sim.printers().get(0).serial());

      StringWriter badErr = new StringWriter();
      CommandLine bad = Main.commandLine();
      bad.setErr(new PrintWriter(badErr));
      bad.setOut(new PrintWriter(new StringWriter()));
      assertThat(bad.execute("scan", "127.59.7.1", "--max-rows-per-table", "0")).isNotZero();
      assertThat(badErr.toString()).contains("--max-rows-per-table must be 1 to 200000, not 0");
    }
  }
}
