package org.openrps.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.client.HttpsReceiver;
import org.openrps.client.TestTls;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.Report;
import org.openrps.wire.SiteFacts;
import org.openrps.wire.Source;

/** The whole agent: simulated fleet over UDP, SQLite, and a real HTTPS receiver. */
class AgentTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  private static final String TARGETS = "127.61.2.1-127.61.2.10, 127.61.2.250";

  private static Simulator sim;
  @TempDir Path dir;

  @BeforeAll
  static void startFleet() throws Exception {
    sim =
        Simulator.start(
            new SimulatorConfig(10, InetAddress.getByName("127.61.2.1"), 0, "public", 62), CLOCK);
  }

  @AfterAll
  static void stopFleet() {
    sim.close();
  }

  private AgentConfig config(URI server, Optional<Path> pem) {
    return new AgentConfig(
        dir.resolve("agent.db"),
        TARGETS,
        sim.printers().get(0).address().getPort(),
        "public",
        Duration.ofMillis(500),
        1,
        16,
        server,
        "agent-7",
        "correct horse".toCharArray(),
        pem);
  }

  @Test
  void cycleDiscoversPollsStoresAndSyncsToATrustedServer() throws Exception {
    TestTls tls = TestTls.selfSigned("server");
    try (HttpsReceiver server = new HttpsReceiver(tls);
        Agent agent =
            Agent.open(config(server.url(), Optional.of(tls.writePem(dir, "server.pem"))), CLOCK)) {

      CycleResult result = agent.runCycle();

      assertThat(result.addressesScanned()).isEqualTo(11);
      assertThat(result.printersFound()).isEqualTo(10);
      assertThat(result.unreachable()).isEqualTo(1);
      assertThat(result.outOfScope()).isZero();
      long expectedPages = sim.printers().stream().mapToLong(SimulatedPrinter::totalPages).sum();
      assertThat(result.pagesCounted()).isEqualTo(expectedPages);
      assertThat(result.lowestToner()).isPresent();
      assertThat(result.receipt().orElseThrow().devices()).isEqualTo(10);
      assertThat(agent.pendingSnapshots()).isZero();

      assertThat(server.received()).hasSize(1);
      Report report = server.received().get(0).report();
      assertThat(report.reportId()).isEqualTo(result.receipt().orElseThrow().reportId());
      assertThat(report.source().kind()).isEqualTo(Source.Kind.agent);
      assertThat(report.source().id()).isEqualTo("agent-7");
      assertThat(report.source().version()).isEqualTo(AgentVersion.VERSION);
      Map<String, DeviceSnapshot> bySerial =
          report.devices().stream().collect(Collectors.toMap(d -> d.identity().serial(), d -> d));
      for (SimulatedPrinter p : sim.printers()) {
        assertThat(bySerial.get(p.serial()).totalPages()).hasValue(p.totalPages());
      }
      assertThat(report.schema()).isEqualTo(Report.SCHEMA);
      SiteFacts site = report.site().orElseThrow();
      assertThat(site.collectedAt()).isEqualTo(CLOCK.instant());
      assertThat(site.agentVersion()).isEqualTo(AgentVersion.VERSION);
      assertThat(site.agentAddress()).hasValue("127.0.0.1");
      assertThat(site.hostName()).hasValueSatisfying(h -> assertThat(h).isNotBlank());
      assertThat(site.siteName()).isEmpty();
      assertThat(site.memoryBytes()).hasValueSatisfying(m -> assertThat(m).isPositive());
      assertThat(site.timeZone()).hasValue(java.time.ZoneId.systemDefault().getId());
      assertThat(site.databaseBytes()).hasValueSatisfying(b -> assertThat(b).isPositive());
      assertThat(site.devicesDiscovered()).hasValue(10);
      assertThat(site.printersManaged()).hasValue(10);
      assertThat(site.printersOutOfScope()).hasValue(0);
      assertThat(site.discoveryRulesVersion())
          .hasValueSatisfying(v -> assertThat(v).matches("[0-9]+ profiles sha256:[0-9a-f]{12}"));
    }
  }

  @Test
  void theConfiguredSiteNameTravelsWithTheSiteInformation() throws Exception {
    TestTls tls = TestTls.selfSigned("server");
    AgentConfig config =
        config(URI.create("https://127.0.0.1:1"), Optional.of(tls.writePem(dir, "server.pem")))
            .withSiteName("  Head office, floor 2 ");
    assertThat(config.siteName()).hasValue("Head office, floor 2");
    assertThat(config.toString()).contains("siteName=Head office, floor 2");
    try (Agent agent = Agent.open(config, CLOCK)) {
      SiteFacts site = agent.siteFacts();
      assertThat(site.siteName()).hasValue("Head office, floor 2");
      // No cycle yet: what the last cycle found is unknown, not 0.
      assertThat(site.printersManaged()).isEmpty();
      assertThat(site.printersOutOfScope()).isEmpty();
      assertThat(site.devicesDiscovered()).hasValue(0);
    }
    assertThatThrownBy(() -> config.withSiteName("bad\nname"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("siteName");
  }

  @Test
  void agentRefusesToSendToAServerWhoseCertificateItDoesNotTrust() throws Exception {
    TestTls real = TestTls.selfSigned("server");
    Path pinned = TestTls.selfSigned("the-one-we-trust").writePem(dir, "pinned.pem");
    try (HttpsReceiver server = new HttpsReceiver(real);
        Agent agent = Agent.open(config(server.url(), Optional.of(pinned)), CLOCK)) {

      CycleResult result = agent.runCycle();

      assertThat(result.printersFound()).isEqualTo(10);
      assertThat(result.failures()).hasSize(1);
      AgentException e = result.failures().get(0);
      assertThat(e.step()).isEqualTo(AgentException.Step.sync);
      assertThat(e.kind()).isEqualTo(AgentException.Kind.untrustedCertificate);
      assertThat(e.getMessage()).startsWith("sync failed: server certificate not trusted at");
      assertThat(result.readingsKept()).isEqualTo(10);
      assertThat(server.requests()).isZero();
      assertThat(server.received()).isEmpty();
      assertThat(agent.pendingSnapshots()).isEqualTo(10);
    }
  }

  @Test
  void printersThatMoveToNewAddressesAreUpdatedNotDuplicated() throws Exception {
    TestTls tls = TestTls.selfSigned("server");
    int port = sim.printers().get(0).address().getPort();
    Path pem = tls.writePem(dir, "server.pem");
    try (HttpsReceiver server = new HttpsReceiver(tls)) {
      try (Agent agent = Agent.open(config(server.url(), Optional.of(pem)), CLOCK)) {
        agent.runCycle();
      }
      // The same fleet (same seed, so the same serials) after a DHCP renumbering.
      SimulatorConfig moved =
          new SimulatorConfig(10, InetAddress.getByName("127.61.5.1"), port, "public", 62);
      try (Simulator again = Simulator.start(moved, CLOCK);
          Agent agent =
              Agent.open(
                  new AgentConfig(
                      dir.resolve("agent.db"),
                      "127.61.5.1-127.61.5.10",
                      port,
                      "public",
                      Duration.ofMillis(500),
                      1,
                      16,
                      server.url(),
                      "agent-7",
                      "correct horse".toCharArray(),
                      Optional.of(pem)),
                  CLOCK)) {
        assertThat(agent.runCycle().printersFound()).isEqualTo(10);
      }
    }
    try (org.openrps.agent.store.AgentStore store =
        org.openrps.agent.store.AgentStore.open(
            dir.resolve("agent.db"), org.openrps.wire.WireJson.newMapper())) {
      assertThat(store.devices()).hasSize(10);
      assertThat(store.devices()).allSatisfy(d -> assertThat(d.address()).startsWith("127.61.5."));
    }
  }

  @Test
  void configIsValidatedAndNeverShowsSecrets() {
    AgentConfig c = config(URI.create("https://127.0.0.1:8443"), Optional.empty());
    assertThat(c.toString()).doesNotContain("correct horse").doesNotContain("public");
    assertThatThrownBy(() -> config(URI.create("http://127.0.0.1:8080"), Optional.empty()))
        .hasMessageContaining("https");
    assertThatThrownBy(
            () ->
                new AgentConfig(
                    dir.resolve("a.db"),
                    "127.0.0.0/8",
                    161,
                    "public",
                    Duration.ofSeconds(1),
                    1,
                    64,
                    URI.create("https://server"),
                    "a",
                    "s".toCharArray(),
                    Optional.empty()))
        .hasMessageStartingWith("targets: ");
  }

  @Test
  void unreadableCertificateFileStopsStartUp() {
    assertThatThrownBy(
            () ->
                Agent.open(
                    config(
                        URI.create("https://127.0.0.1:1"), Optional.of(dir.resolve("missing.pem"))),
                    CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("agent start failed: trusted certificate file ");
  }
}
