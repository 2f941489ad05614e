package org.openrps.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.client.HttpProxy;
import org.openrps.client.HttpsReceiver;
import org.openrps.client.TestTls;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.TunnelProxy;

/**
 * The agent's uploads through a site's HTTP proxy: real SNMP printers, a real HTTPS server, a real
 * CONNECT proxy, all on loopback.
 */
class ProxyUploadTest {

  @TempDir Path dir;
  private final TestTls tls = TestTls.selfSigned("server");
  private final MutableClock clock = MutableClock.at("2026-11-30T08:00:00Z");
  private HttpsReceiver server;
  private Simulator sim;

  @BeforeEach
  void start() throws Exception {
    server = new HttpsReceiver(tls);
    sim =
        Simulator.start(
            new SimulatorConfig(2, InetAddress.getByName("127.61.13.1"), 0, "public", 7), clock);
  }

  @AfterEach
  void stop() {
    sim.close();
    server.close();
  }

  private AgentConfig config() throws Exception {
    return new AgentConfig(
        dir.resolve("agent.db"),
        "127.61.13.1-127.61.13.2",
        sim.printers().get(0).address().getPort(),
        "public",
        Duration.ofMillis(500),
        1,
        16,
        server.url(),
        "agent-13",
        "pw".toCharArray(),
        Optional.of(tls.writePem(dir, "server.pem")));
  }

  @Test
  void theUploadGoesThroughTheConfiguredProxyToTheServer() throws Exception {
    try (TunnelProxy proxy = TunnelProxy.open();
        Agent agent = Agent.open(config().withProxy(HttpProxy.of(proxy.url())), clock)) {
      CycleResult result = agent.runCycle();

      assertThat(result.sync().failure()).isEmpty();
      assertThat(agent.pendingSnapshots()).isZero();
      assertThat(proxy.tunnelsOpened()).isPositive();
      assertThat(proxy.targets()).containsOnly("127.0.0.1:" + server.url().getPort());
      assertThat(server.received()).isNotEmpty();
      assertThat(server.received().get(0).report().devices()).hasSize(2);
    }
  }

  @Test
  void wrongProxyCredentialsAreOneLineNamingTheProxyAndTheReadingsAreKept() throws Exception {
    try (TunnelProxy proxy = TunnelProxy.withBasicAuth("site", "right-password");
        Agent agent =
            Agent.open(
                config()
                    .withProxy(
                        HttpProxy.of(proxy.url())
                            .withCredentials("site", "wrong-password".toCharArray())),
                clock)) {
      CycleResult result = agent.runCycle();

      assertThat(result.sync().failure()).isPresent();
      AgentException e = result.sync().failure().get();
      assertThat(e.kind()).isEqualTo(AgentException.Kind.proxy);
      assertThat(e.getMessage())
          .isEqualTo(
              "sync failed: proxy 127.0.0.1:"
                  + proxy.port()
                  + " refused the credentials of user site [HTTP 407]")
          .doesNotContain("wrong-password")
          .doesNotContain("\n");
      assertThat(agent.pendingSnapshots()).as("the readings are kept").isEqualTo(2);
      assertThat(server.requests()).isZero();
      assertThat(proxy.challenges()).isPositive();
    }
  }

  @Test
  void withoutAProxyConfiguredNothingGoesThroughOne() throws Exception {
    try (TunnelProxy proxy = TunnelProxy.open();
        Agent agent = Agent.open(config(), clock)) {
      assertThat(agent.config().proxy()).isEmpty();

      assertThat(agent.runCycle().sync().failure()).isEmpty();

      assertThat(server.received()).isNotEmpty();
      assertThat(proxy.tunnelsOpened()).isZero();
    }
  }
}
