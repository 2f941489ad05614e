package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
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
import org.openrps.testkit.TunnelProxy;

/**
 * {@code openrps agent --once} through a site's proxy, against a real server: enrolment and the
 * upload both go through it; a proxy that refuses the credentials is one line saying what happens
 * next, and the readings are kept.
 */
class AgentProxyCommandTest {

  @TempDir Path dir;
  private Simulator sim;
  private ServerApp server;

  @BeforeEach
  void start() throws Exception {
    sim =
        Simulator.start(
            new SimulatorConfig(3, InetAddress.getByName("127.59.22.1"), 0, "public", 22),
            Clock.systemUTC());
    server = ServerApp.start(ServerConfig.embedded(dir.resolve("server"), 0), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
    sim.close();
  }

  /** A --config file with the given extra lines, mode 0600. */
  private Path config(String... lines) throws Exception {
    Path file = dir.resolve("agent.properties");
    List<String> all =
        new java.util.ArrayList<>(
            List.of(
                "targets=127.59.22.1-127.59.22.3",
                "port=" + sim.printers().get(0).address().getPort(),
                "timeout=PT0.5S",
                "server=https://127.0.0.1:" + server.port(),
                "trust-cert=" + server.certificatePem(),
                "data=" + dir.resolve("agent")));
    all.addAll(List.of(lines));
    Files.write(file, all);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  void enrolmentAndUploadsGoThroughTheProxyAndWrongCredentialsAreOneLine() throws Exception {
    String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();
    try (TunnelProxy proxy = TunnelProxy.open()) {
      Path config = config("proxy=" + proxy.url(), "enrol-code=" + code);

      Run run = Run.of("agent", "--once", "--config", config.toString());

      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.err()).isEmpty();
      assertThat(proxy.tunnelsOpened()).as("enrolment, then the upload").isGreaterThanOrEqualTo(2);
      assertThat(proxy.targets()).containsOnly("127.0.0.1:" + server.port());
    }

    try (TunnelProxy proxy = TunnelProxy.withBasicAuth("site", "right-password")) {
      Path config =
          config("proxy=" + proxy.url(), "proxy-user=site", "proxy-password=wrong-password");

      Run refused = Run.of("agent", "--once", "--config", config.toString());

      assertThat(refused.exit()).isEqualTo(AgentCommand.EXIT_SYNC_FAILED);
      assertThat(refused.out()).contains("3 printers");
      assertThat(refused.err().lines())
          .containsExactly(
              "openrps agent: sync failed: proxy 127.0.0.1:"
                  + proxy.port()
                  + " refused the credentials of user site [HTTP 407]: 3 readings kept for"
                  + " the next run");
      assertThat(refused.out() + refused.err()).doesNotContain("wrong-password");
      assertThat(proxy.tunnelsOpened()).isZero();
    }
  }

  @Test
  void aProxyPasswordInAConfigFileOthersCanReadIsWarnedAbout() throws Exception {
    Path config = config("proxy=http://127.0.0.1:9", "proxy-user=site", "proxy-password=pw");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));

    Run run = Run.of("agent", "--once", "--config", config.toString());

    assertThat(run.err()).contains("warning: ").contains("proxy-password");
  }

  @Test
  void aProxyUserWithoutAProxyIsRefusedAtStart() {
    Run run =
        Run.of(
            "agent",
            "--once",
            "--targets",
            "127.59.22.1",
            "--server",
            "https://127.0.0.1:" + server.port(),
            "--data",
            dir.resolve("agent").toString(),
            "--proxy-user",
            "site");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--proxy-user and --proxy-password need --proxy");
  }
}
