package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;

/** {@code openrps agent}: enrols once with a code, then runs on the credentials it kept. */
class AgentCommandTest {

  @TempDir Path dir;

  @Test
  void agentEnrolsWithACodeThenRunsOnItsKeptCredentials() throws Exception {
    InetAddress first = InetAddress.getByName("127.59.4.1");
    try (ServerApp server =
            ServerApp.start(ServerConfig.embedded(dir.resolve("server"), 0), Clock.systemUTC());
        Simulator sim =
            Simulator.start(new SimulatorConfig(3, first, 0, "public", 3), Clock.systemUTC())) {
      String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();
      String[] common = {
        "agent",
        "--once",
        "--targets",
        "127.59.4.1-127.59.4.3",
        "--port",
        Integer.toString(sim.printers().get(0).address().getPort()),
        "--server",
        "https://127.0.0.1:" + server.port(),
        "--trust-cert",
        server.certificatePem().toString(),
        "--data",
        dir.resolve("agent").toString()
      };

      Run enrolled = Run.of(Run.concat(common, "--enrol-code", code));
      assertThat(enrolled.exit()).as(enrolled.err()).isZero();
      assertThat(enrolled.out()).contains("enrolled as").contains("3 printers");
      Path credentials = dir.resolve("agent").resolve("credentials.properties");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
          .isEqualTo("rw-------");
      assertThat(Files.readString(credentials)).doesNotContain(code);

      Run again = Run.of(common);
      assertThat(again.exit()).as(again.err()).isZero();
      assertThat(again.out()).doesNotContain("enrolled as").contains("3 printers");

      Run reused =
          Run.of(
              Run.concat(
                  common,
                  "--credentials",
                  dir.resolve("other.properties").toString(),
                  "--enrol-code",
                  code));
      assertThat(reused.exit()).isNotZero();
      assertThat(reused.err()).contains("enrolment failed");
    }
  }

  @Test
  void agentTakesItsOptionsFromAConfigFileAndTheCommandLineWins() throws Exception {
    InetAddress first = InetAddress.getByName("127.59.4.21");
    try (ServerApp server =
            ServerApp.start(ServerConfig.embedded(dir.resolve("server"), 0), Clock.systemUTC());
        Simulator sim =
            Simulator.start(new SimulatorConfig(2, first, 0, "public", 5), Clock.systemUTC())) {
      Path config = dir.resolve("agent.properties");
      Files.writeString(
          config,
          String.join(
              "\n",
              "targets = 127.59.4.21-127.59.4.22",
              "port = " + sim.printers().get(0).address().getPort(),
              "server = https://127.0.0.1:" + server.port(),
              "trust-cert = " + server.certificatePem(),
              "data = " + dir.resolve("agent"),
              "community = not-the-community",
              "timeout = PT0.5S",
              "retries = 0"));
      String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();

      Run wrongCommunity =
          Run.of("agent", "--once", "--config", config.toString(), "--enrol-code", code);
      assertThat(wrongCommunity.exit()).as(wrongCommunity.err()).isZero();
      assertThat(wrongCommunity.out()).contains("0 printers").contains("2 unreachable");

      Run overridden =
          Run.of("agent", "--once", "--config", config.toString(), "--community", "public");
      assertThat(overridden.exit()).as(overridden.err()).isZero();
      assertThat(overridden.out()).contains("2 printers");
    }
  }

  @Test
  void aConfigFileWithAnUnknownKeyStopsTheAgentNamingFileAndKey() throws Exception {
    Path config = dir.resolve("agent.properties");
    Files.writeString(config, "targets=127.59.4.30\ncomunity=public\n");

    Run run = Run.of("agent", "--once", "--config", config.toString());

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains(config.toString()).contains("unknown key 'comunity'");
  }

  @Test
  void aConfigFileWithAPassphraseThatOthersCanReadGetsAWarningAndAPrivateOneNone()
      throws Exception {
    Path config = dir.resolve("agent.properties");
    Files.writeString(config, "targets=127.59.4.30\nauth-pass=not-for-others\n");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));

    Run open = Run.of("agent", "--once", "--config", config.toString(), "--data", dir.toString());
    assertThat(open.err())
        .contains("warning: " + config + " holds auth-pass and others can read it")
        .contains("chmod 600")
        .doesNotContain("not-for-others");

    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    Run closed = Run.of("agent", "--once", "--config", config.toString(), "--data", dir.toString());
    assertThat(closed.err()).doesNotContain("warning:");
  }

  @Test
  void helpWithAConfigFileShowsNoneOfTheFilesValues() throws Exception {
    Path config = dir.resolve("agent.properties");
    Files.writeString(config, "targets=127.59.4.31\ncommunity=not-in-help\n");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

    Run help = Run.of("agent", "--config", config.toString(), "--help");

    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("--community").doesNotContain("not-in-help");
    assertThat(help.out()).doesNotContain("127.59.4.31");
  }

  @Test
  void aBadValueInTheConfigFileIsOneLineNamingFileKeyAndRule() throws Exception {
    Path config = dir.resolve("agent.properties");
    Files.writeString(config, "targets=127.59.4.30\ntimeout=5 minutes\n");

    Run run = Run.of("agent", "--once", "--config", config.toString(), "--data", dir.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip())
        .startsWith("openrps agent: " + config + ": key 'timeout': cannot convert '5 minutes'")
        .endsWith("fix the file and start again")
        .doesNotContain("Usage:")
        .doesNotContain("\n");
  }

  @Test
  void agentWithoutCredentialsOrCodeSaysHowToEnrol() {
    Run run =
        Run.of(
            "agent",
            "--once",
            "--targets",
            "127.59.4.10",
            "--server",
            "https://127.0.0.1:1",
            "--data",
            dir.toString());

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("--enrol-code").contains("openrps server enrol-code");
  }
}
