package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.client.Credentials;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;

/** {@code agent test-mail} and the agent's {@code --alert} options, against GreenMail. */
class AgentMailCommandTest {

  private static final String PASSWORD = "smtp-pw-never-shown-9";

  @TempDir Path dir;
  private GreenMail greenMail;

  @BeforeEach
  void smtp() {
    greenMail =
        new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withConfiguration(
                GreenMailConfiguration.aConfig()
                    .withUser("agent@site.example", "alerts", PASSWORD));
    greenMail.start();
    greenMail.getUserManager().setAuthRequired(true);
  }

  @AfterEach
  void stop() {
    greenMail.stop();
  }

  private Path config(int smtpPort, String... more) throws Exception {
    Path config = dir.resolve("agent.properties");
    Files.writeString(
        config,
        String.join(
                "\n",
                "smtp-host=127.0.0.1",
                "smtp-port=" + smtpPort,
                "smtp-security=none",
                "smtp-user=alerts",
                "smtp-password=" + PASSWORD,
                "mail-from=agent@site.example")
            + "\n"
            + String.join("\n", more)
            + "\n");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    return config;
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  @Test
  void testMailGoesThroughTheConfigFilesSmtpServerAndSaysWhere() throws Exception {
    int port = greenMail.getSmtp().getPort();
    Run sent =
        Run.of(
            "agent", "test-mail", "--config", config(port).toString(), "--to", "it@site.example");
    assertThat(sent.exit()).as(sent.err()).isZero();
    assertThat(sent.out().strip())
        .isEqualTo(
            "openrps agent: test mail sent to it@site.example via 127.0.0.1:" + port + " (none)");
    MimeMessage m = greenMail.getReceivedMessages()[0];
    assertThat(m.getSubject()).isEqualTo("OpenRPS agent test e-mail");
    assertThat(m.getAllRecipients()[0].toString()).isEqualTo("it@site.example");
    assertThat((String) m.getContent()).contains("through 127.0.0.1:" + port + " (none)");
  }

  @Test
  void testMailThatCannotGoIsOneLineAndExit2NeverThePassword() throws Exception {
    int closed = closedPort();
    Run down =
        Run.of(
            "agent", "test-mail", "--config", config(closed).toString(), "--to", "it@site.example");
    assertThat(down.exit()).isEqualTo(2);
    assertThat(down.err().strip())
        .startsWith(
            "openrps agent: test mail to it@site.example via 127.0.0.1:"
                + closed
                + " (none) failed: ")
        .contains("onnect")
        .doesNotContain("\n");
    assertThat(down.out() + down.err()).doesNotContain(PASSWORD);

    Run none = Run.of("agent", "test-mail", "--to", "it@site.example");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err().strip()).startsWith("openrps agent: no SMTP server: give --smtp-host");

    Run wrongPort =
        Run.of(
            "agent",
            "test-mail",
            "--config",
            config(closed).toString(),
            "--smtp-port",
            Integer.toString(greenMail.getSmtp().getPort()),
            "--to",
            "it@site.example");
    assertThat(wrongPort.exit()).as("an option given here wins over the file").isZero();
  }

  @Test
  void alertRulesWithoutAnSmtpServerOrWrittenWronglyAreRefusedAtStartInOneLine() throws Exception {
    Run noSmtp =
        Run.of(
            "agent",
            "--once",
            "--targets",
            "127.59.9.1",
            "--server",
            "https://127.0.0.1:1",
            "--data",
            dir.toString(),
            "--alert",
            "new-alert:it@site.example");
    assertThat(noSmtp.exit()).isEqualTo(2);
    assertThat(noSmtp.err().strip())
        .isEqualTo(
            "openrps: --alert needs --smtp-host (and --mail-from): without an SMTP server"
                + " no alert can be mailed");

    Path config =
        config(
            greenMail.getSmtp().getPort(),
            "targets=127.59.9.1",
            "server=https://127.0.0.1:1",
            "alert.1=toner<10:it@x");
    Run wrong = Run.of("agent", "--once", "--config", config.toString(), "--data", dir.toString());
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err().strip())
        .startsWith("openrps: --alert: alert rule 'toner<10:it@x': ")
        .doesNotContain("\n");
  }

  @Test
  void anAgentRunOnceMailsWhatItsRulesFindOnceAndPrintsALinePerMail() throws Exception {
    SimulatorConfig fleet =
        new SimulatorConfig(1, InetAddress.getByName("127.59.9.1"), 0, "public", 9)
            .withMix(Map.of("HP LaserJet P2055dn", 1));
    try (Simulator sim = Simulator.start(fleet, Clock.systemUTC())) {
      Path data = dir.resolve("agent");
      new Credentials("agent-mail", "secret-of-the-agent".toCharArray())
          .save(data.resolve("credentials.properties"));
      Path config =
          config(
              greenMail.getSmtp().getPort(),
              "targets=127.59.9.1",
              "port=" + sim.printers().get(0).address().getPort(),
              "server=https://127.0.0.1:" + closedPort(),
              "data=" + data,
              "alert.1=supply-below=100%:stock@site.example",
              "alert.2=server-unreachable=30d:it@site.example");
      String serial = sim.printers().get(0).serial();

      Run first = Run.of("agent", "--once", "--config", config.toString());
      assertThat(first.exit()).as(first.err()).isEqualTo(AgentCommand.EXIT_SYNC_FAILED);
      assertThat(first.out())
          .contains(
              "openrps agent: e-mail alerts through 127.0.0.1:"
                  + greenMail.getSmtp().getPort()
                  + " (none) from agent@site.example: supply-below=100%:stock@site.example"
                  + " server-unreachable=30d:it@site.example")
          .containsPattern(
              "openrps agent: mail sent to stock@site.example: OpenRPS alert: HP LaserJet"
                  + " P2055dn "
                  + serial
                  + ": Black Cartridge HP CE505A at \\d+ % \\(at or below 100 %\\)\n");
      assertThat(greenMail.getReceivedMessages()).hasSize(1);

      Run second = Run.of("agent", "--once", "--config", config.toString());
      assertThat(second.exit()).isEqualTo(AgentCommand.EXIT_SYNC_FAILED);
      assertThat(second.out()).as("the event goes on: no second mail").doesNotContain("mail sent");
      assertThat(greenMail.getReceivedMessages()).hasSize(1);
      assertThat(first.out() + first.err() + second.out() + second.err()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void alertRulesSetByTheServerAreMailedByTheAgentAndKeptForItsNextRun() throws Exception {
    SimulatorConfig fleet =
        new SimulatorConfig(1, InetAddress.getByName("127.59.9.2"), 0, "public", 9)
            .withMix(Map.of("HP LaserJet P2055dn", 1));
    try (Simulator sim = Simulator.start(fleet, Clock.systemUTC())) {
      org.openrps.server.ServerApp server =
          org.openrps.server.ServerApp.start(
              org.openrps.server.ServerConfig.embedded(dir.resolve("server"), 0),
              Clock.systemUTC());
      try {
        server.putAgent("agent-mailed", "secret-of-the-mailed-agent".toCharArray());
        Path data = dir.resolve("agent");
        new Credentials("agent-mailed", "secret-of-the-mailed-agent".toCharArray())
            .save(data.resolve("credentials.properties"));
        Path config =
            config(
                greenMail.getSmtp().getPort(),
                "targets=127.59.9.2",
                "port=" + sim.printers().get(0).address().getPort(),
                "server=https://127.0.0.1:" + server.port(),
                "trust-cert=" + server.certificatePem(),
                "data=" + data);
        String id =
            server
                .commands()
                .send(
                    org.openrps.server.store.Scope.provider(),
                    org.openrps.server.store.TenantId.DEFAULT,
                    "test",
                    new org.openrps.server.commands.Commands.Order(
                        "configure",
                        Map.of("alert.1", "supply-below=100%:stock@site.example"),
                        java.time.Duration.ofHours(1),
                        java.util.List.of(),
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        java.util.Optional.of("agent-mailed")))
                .commands()
                .get(0)
                .id();

        Run first = Run.of("agent", "--once", "--config", config.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out())
            .contains(
                "openrps agent: command "
                    + id
                    + " configure done: applied: alert (none) -> supply-below=100%:stock@site.example")
            .contains("openrps agent: mail sent to stock@site.example: OpenRPS alert: HP LaserJet");
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()[0].getAllRecipients()[0].toString())
            .isEqualTo("stock@site.example");

        Run second = Run.of("agent", "--once", "--config", config.toString());
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out())
            .contains(
                "openrps agent: e-mail alert rules set by the server:"
                    + " supply-below=100%:stock@site.example")
            .as("the event goes on under the server's rule: no second mail")
            .doesNotContain("mail sent");
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
      } finally {
        server.close();
      }
    }
  }
}
