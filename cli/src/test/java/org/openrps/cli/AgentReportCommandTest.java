package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.report.CsvReport;
import org.openrps.client.Credentials;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.testkit.RfcCsv;

/**
 * {@code openrps agent report}, through the real command, on a store filled by a real agent cycle
 * against simulated printers over UDP and a real server it enrolled with.
 */
class AgentReportCommandTest {

  @TempDir Path dir;
  private Simulator sim;
  private ServerApp server;

  @BeforeEach
  void start() throws Exception {
    sim =
        Simulator.start(
            new SimulatorConfig(3, InetAddress.getByName("127.59.11.1"), 0, "public", 29),
            Clock.systemUTC());
    server = ServerApp.start(ServerConfig.embedded(dir.resolve("server"), 0), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
    sim.close();
  }

  private String data() {
    return dir.resolve("agent").toString();
  }

  private void cycle() {
    String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();
    Run once =
        Run.of(
            "agent",
            "--once",
            "--targets",
            "127.59.11.1-127.59.11.3",
            "--port",
            Integer.toString(sim.printers().get(0).address().getPort()),
            "--server",
            "https://127.0.0.1:" + server.port(),
            "--trust-cert",
            server.certificatePem().toString(),
            "--data",
            data(),
            "--enrol-code",
            code);
    assertThat(once.exit()).as(once.err()).isZero();
  }

  @Test
  void csvReportOfAStoreHasEveryDeviceTheAgentsIdAndTheSitesName() throws Exception {
    cycle();
    Path out = dir.resolve("report.csv");
    Files.writeString(out, "an older report");

    Run run =
        Run.of(
            "agent",
            "--site-name",
            "Head office",
            "report",
            "--format",
            "csv",
            "--out",
            out.toString(),
            "--data",
            data());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("openrps agent: report of 3 devices written to " + out + "\n");
    assertThat(run.err()).isEmpty();
    List<List<String>> rows = RfcCsv.parse(Files.readString(out, StandardCharsets.UTF_8));
    assertThat(rows.get(0)).isEqualTo(CsvReport.COLUMNS);
    Map<String, String> facts =
        rows.stream()
            .filter(r -> r.get(0).equals("report"))
            .collect(Collectors.toMap(r -> r.get(13), r -> r.get(14)));
    String agentId =
        Credentials.load(dir.resolve("agent").resolve("credentials.properties")).agentId();
    assertThat(facts)
        .containsEntry("agent_id", agentId)
        .containsEntry("site_name", "Head office")
        .containsEntry("devices", "3");
    assertThat(rows)
        .filteredOn(r -> r.get(0).equals("device"))
        .extracting(r -> r.get(4))
        .containsExactlyInAnyOrderElementsOf(
            sim.printers().stream().map(SimulatedPrinter::serial).toList());
    assertThat(rows)
        .filteredOn(r -> r.get(0).equals("upload"))
        .singleElement()
        .satisfies(r -> assertThat(r.get(17)).isEqualTo("acknowledged"));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no temporary file left")
          .noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void htmlReportIsOneSelfContainedPage() throws Exception {
    cycle();
    Path out = dir.resolve("report.html");

    Run run =
        Run.of("agent", "report", "--format", "html", "--out", out.toString(), "--data", data());

    assertThat(run.exit()).as(run.err()).isZero();
    String html = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").doesNotContain("src=");
    for (SimulatedPrinter p : sim.printers()) {
      assertThat(html).contains(p.serial());
    }
  }

  @Test
  void aMissingDatabaseOrAnUnwritableFileIsOneLineAndExit2() throws Exception {
    Path out = dir.resolve("report.csv");
    Run none =
        Run.of(
            "agent",
            "report",
            "--format",
            "csv",
            "--out",
            out.toString(),
            "--data",
            dir.resolve("nothing-here").toString());
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err().lines()).hasSize(1);
    assertThat(none.err()).startsWith("openrps agent report: no agent database in ");
    assertThat(none.out()).isEmpty();
    assertThat(out).doesNotExist();

    cycle();
    Path nowhere = dir.resolve("no-such-dir").resolve("report.csv");
    Run unwritable =
        Run.of("agent", "report", "--format", "csv", "--out", nowhere.toString(), "--data", data());
    assertThat(unwritable.exit()).isEqualTo(2);
    assertThat(unwritable.err().lines()).hasSize(1);
    assertThat(unwritable.err())
        .startsWith("openrps agent report: cannot write " + nowhere + ": ")
        .contains("nothing written");
    assertThat(unwritable.out()).isEmpty();
    assertThat(nowhere).doesNotExist();
  }
}
