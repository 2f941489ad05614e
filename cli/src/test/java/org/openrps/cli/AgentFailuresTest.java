package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;

/**
 * Ordinary failures of {@code openrps agent --once}, through the real command against a real
 * server: the scan summary still prints, each failure is one line saying what failed and what
 * happens next, no stack trace, and the exit code says which failure it was.
 */
class AgentFailuresTest {

  @TempDir Path dir;
  private Simulator sim;

  @BeforeEach
  void printers() throws Exception {
    sim =
        Simulator.start(
            new SimulatorConfig(3, InetAddress.getByName("127.59.6.1"), 0, "public", 9),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private String[] agent(ServerApp server, Path trust, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "agent",
                "--once",
                "--targets",
                "127.59.6.1-127.59.6.3",
                "--port",
                Integer.toString(sim.printers().get(0).address().getPort()),
                "--timeout",
                "PT0.5S",
                "--server",
                "https://127.0.0.1:" + server.port(),
                "--trust-cert",
                trust.toString(),
                "--data",
                dir.resolve("agent").toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void aStoppedServerIsOneLineTheSummaryStillPrintsAndTheReadingsAreKept() throws Exception {
    ServerApp server =
        ServerApp.start(ServerConfig.embedded(dir.resolve("server"), 0), Clock.systemUTC());
    String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();
    String[] args = agent(server, server.certificatePem());
    Run enrolled = Run.of(Run.concat(args, "--enrol-code", code));
    assertThat(enrolled.exit()).as(enrolled.err()).isZero();
    int port = server.port();
    server.close();

    Run down = Run.of(args);
    Run again = Run.of(args);

    assertThat(down.exit()).isEqualTo(AgentCommand.EXIT_SYNC_FAILED);
    assertThat(down.out()).contains("3 printers, 0 out of scope, 0 unreachable");
    assertThat(down.err().lines())
        .containsExactly(
            "openrps agent: sync failed: server unreachable at 127.0.0.1:"
                + port
                + " (connection refused): 3 readings kept for the next run");
    assertThat(again.err()).contains(": 6 readings kept for the next run");
    assertThat(again.out()).contains("6 readings waiting for the server's receipt");
  }

  @Test
  void anUntrustedCertificateIsOneLineAndNothingIsSent() throws Exception {
    Path other;
    try (ServerApp impostor =
        ServerApp.start(ServerConfig.embedded(dir.resolve("other"), 0), Clock.systemUTC())) {
      other = impostor.certificatePem();
    }
    try (ServerApp server =
        ServerApp.start(ServerConfig.embedded(dir.resolve("server"), 0), Clock.systemUTC())) {
      String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();
      assertThat(
              Run.of(Run.concat(agent(server, server.certificatePem()), "--enrol-code", code))
                  .exit())
          .isZero();

      Run untrusted = Run.of(agent(server, other));

      assertThat(untrusted.exit()).isEqualTo(AgentCommand.EXIT_SYNC_FAILED);
      assertThat(untrusted.out()).contains("3 printers");
      assertThat(untrusted.err().lines())
          .containsExactly(
              "openrps agent: sync failed: server certificate not trusted at 127.0.0.1:"
                  + server.port()
                  + " (no path to a trusted certificate; check --trust-cert): 3 readings kept"
                  + " for the next run");
    }
  }

  @Test
  void aRefusedReportIsOneLineWithTheServersReasonAndIsKept() throws Exception {
    // The server's clock is a day behind: every reading is "from the future" and refused (422).
    Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofDays(-1));
    try (ServerApp server =
        ServerApp.start(ServerConfig.embedded(dir.resolve("server"), 0), behind)) {
      String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();

      Run refused =
          Run.of(Run.concat(agent(server, server.certificatePem()), "--enrol-code", code));

      assertThat(refused.exit()).as(refused.err()).isEqualTo(AgentCommand.EXIT_REFUSED);
      assertThat(refused.out()).contains("3 printers").contains("refused        1 reports, kept");
      assertThat(refused.err().lines()).hasSize(1);
      assertThat(refused.err())
          .startsWith("openrps agent: report ")
          .contains("(3 readings) refused: server refused the report: report.clock_ahead")
          .contains("[HTTP 422]; kept, sent again by another agent version");
    }
  }

  @Test
  void aDamagedDatabaseStopsTheStartInOneLineNamingTheFile() throws Exception {
    try (ServerApp server =
        ServerApp.start(ServerConfig.embedded(dir.resolve("server"), 0), Clock.systemUTC())) {
      String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();
      String[] args = agent(server, server.certificatePem());
      assertThat(Run.of(Run.concat(args, "--enrol-code", code)).exit()).isZero();
      Path db = dir.resolve("agent").resolve("agent.db");
      Files.write(db, "garbage, not a database".getBytes(java.nio.charset.StandardCharsets.UTF_8));

      Run broken = Run.of(args);

      assertThat(broken.exit()).isEqualTo(2);
      assertThat(broken.err().lines())
          .containsExactly(
              "openrps: agent start failed: "
                  + db
                  + " is not the agent's database (not an SQLite database): left as it is; move"
                  + " it away or choose another data directory");
      assertThat(Files.readString(db)).isEqualTo("garbage, not a database");
    }
  }

  @Test
  void helpListsTheExitCodes() {
    Run help = Run.of("agent", "--help");
    assertThat(help.out()).contains("Exit codes (--once):").contains("3   sync failed");
  }
}
