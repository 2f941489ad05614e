package org.openrps.agent.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.poll.PolledDevice;
import org.openrps.agent.store.AgentStore;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.wire.SiteFacts;
import org.openrps.wire.WireJson;

/** The site information of this very machine: read from the JDK, the host and the store. */
class SiteFactsCollectorTest {

  private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");
  private static final URI SERVER = URI.create("https://127.0.0.1:8443");

  @TempDir Path dir;

  private static SiteFactsCollector collector(AgentStore store) {
    return new SiteFactsCollector(
        store,
        SERVER,
        Optional.of("Lab"),
        Optional.of("10 profiles sha256:0123456789ab"),
        "9.9.9",
        Clock.fixed(T, ZoneOffset.UTC));
  }

  private static PolledDevice printer(String serial) {
    return new PolledDevice(
        SnapshotBuilder.printer("Ricoh", serial)
            .model("IM C3000")
            .sysObjectId("1.3.6.1.4.1.367.1.1")
            .mac(Optional.empty())
            .address("127.61.9.1")
            .pages(42)
            .noSupplies()
            .status("idle")
            .at(T)
            .build(),
        List.of());
  }

  @Test
  void theFactsOfThisMachineAreSane() {
    try (AgentStore store = AgentStore.open(dir.resolve("agent.db"), WireJson.newMapper())) {
      store.record(List.of(printer("C1"), printer("C2")), T);

      SiteFacts facts =
          collector(store).collect(Optional.of(new SiteFactsCollector.LastCycle(2, 1)));

      assertThat(facts.collectedAt()).isEqualTo(T);
      assertThat(facts.agentVersion()).isEqualTo("9.9.9");
      assertThat(facts.siteName()).hasValue("Lab");
      assertThat(facts.hostName()).hasValueSatisfying(h -> assertThat(h).isNotBlank());
      assertThat(facts.agentAddress()).hasValue("127.0.0.1");
      assertThat(facts.osName()).hasValue(System.getProperty("os.name"));
      assertThat(facts.osVersion()).hasValue(System.getProperty("os.version"));
      assertThat(facts.osArch()).hasValue(System.getProperty("os.arch"));
      assertThat(facts.osBits()).hasValueSatisfying(b -> assertThat(b).isIn(32, 64));
      assertThat(facts.processors()).hasValue(Runtime.getRuntime().availableProcessors());
      if (System.getProperty("os.name").startsWith("Linux")
          && Files.isReadable(Path.of("/proc/cpuinfo"))) {
        assertThat(facts.processor()).hasValueSatisfying(p -> assertThat(p).isNotBlank());
      }
      long memory = facts.memoryBytes().orElseThrow();
      assertThat(memory).isPositive();
      assertThat(facts.memoryFreeBytes())
          .hasValueSatisfying(f -> assertThat(f).isBetween(0L, memory));
      long disk = facts.diskBytes().orElseThrow();
      assertThat(facts.diskFreeBytes())
          .hasValueSatisfying(f -> assertThat(f).isPositive().isLessThan(disk));
      assertThat(facts.timeZone()).hasValue(ZoneId.systemDefault().getId());
      long database = facts.databaseBytes().orElseThrow();
      assertThat(database).isPositive();
      assertThat(facts.discoveryDataBytes())
          .hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(database));
      assertThat(facts.devicesDiscovered()).hasValue(2);
      assertThat(facts.printersManaged()).hasValue(2);
      assertThat(facts.printersOutOfScope()).hasValue(1);
      assertThat(facts.discoveryRulesVersion()).hasValue("10 profiles sha256:0123456789ab");
    }
  }

  @Test
  void whatTheAgentCannotKnowIsAbsentNotZero() {
    try (AgentStore store = AgentStore.open(dir.resolve("agent.db"), WireJson.newMapper())) {
      SiteFacts facts =
          new SiteFactsCollector(
                  store,
                  SERVER,
                  Optional.empty(),
                  Optional.empty(),
                  "9.9.9",
                  Clock.fixed(T, ZoneOffset.UTC))
              .collect(Optional.empty());
      assertThat(facts.siteName()).isEmpty();
      assertThat(facts.discoveryRulesVersion()).isEmpty();
      assertThat(facts.printersManaged()).isEmpty();
      assertThat(facts.printersOutOfScope()).isEmpty();
      assertThat(facts.devicesDiscovered()).hasValue(0);
    }
  }

  @Test
  void aFactThatFailsIsAbsentAndTextsAreCleanedAndCut() {
    assertThat(
            SiteFactsCollector.fact(
                "boom",
                () -> {
                  throw new java.io.IOException("no");
                }))
        .isEmpty();
    assertThat(SiteFactsCollector.text("t", () -> "  a\tb\u0000 ", 10)).hasValue("a b");
    assertThat(SiteFactsCollector.text("t", () -> "   ", 10)).isEmpty();
    assertThat(SiteFactsCollector.text("t", () -> "x".repeat(300), 256))
        .hasValueSatisfying(s -> assertThat(s).hasSize(256));
    assertThat(SiteFactsCollector.bits(Optional.of("amd64"))).isEqualTo(64);
    assertThat(SiteFactsCollector.bits(Optional.of("i686"))).isEqualTo(32);
  }
}
