package org.openrps.agent.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.poll.PolledDevice;
import org.openrps.agent.remote.RemoteSettings;
import org.openrps.agent.schedule.Schedule;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.PendingReport;
import org.openrps.agent.store.StatusQueries;
import org.openrps.agent.store.UploadAttempt;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.wire.Receipt;
import org.openrps.wire.SiteFacts;
import org.openrps.wire.WireJson;

/** The site information of this very machine: read from the JDK, the host and the store. */
class SiteFactsCollectorTest {

  private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");
  private static final URI SERVER = URI.create("https://127.0.0.1:8443");

  @TempDir Path dir;

  private static SiteFactsCollector collector(AgentStore store) {
    return collector(store, Optional.empty());
  }

  private static SiteFactsCollector collector(AgentStore store, Optional<Schedule> schedule) {
    return new SiteFactsCollector(
        store,
        () -> schedule,
        SERVER,
        Optional.of("Lab"),
        Optional.of("10 profiles sha256:0123456789ab"),
        "9.9.9",
        Clock.fixed(T, ZoneOffset.UTC));
  }

  private static PolledDevice printer(String serial) {
    return printer(serial, T);
  }

  private static PolledDevice printer(String serial, Instant at) {
    return new PolledDevice(
        SnapshotBuilder.printer("Ricoh", serial)
            .model("IM C3000")
            .sysObjectId("1.3.6.1.4.1.367.1.1")
            .mac(Optional.empty())
            .address("127.61.9.1")
            .pages(42)
            .noSupplies()
            .status("idle")
            .at(at)
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
                  Optional::empty,
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
      // no schedule in force (a single run): none reported; an empty outbox is a known 0
      assertThat(facts.syncAt()).isEmpty();
      assertThat(facts.syncTimeZone()).isEmpty();
      assertThat(facts.pollEverySeconds()).isEmpty();
      assertThat(facts.nextSyncAt()).isEmpty();
      assertThat(facts.backlogReadings()).hasValue(0L);
      assertThat(facts.backlogBytes()).hasValue(0L);
      assertThat(facts.backlogOldest()).isEmpty();
    }
  }

  @Test
  void theBacklogIsWhatWaitsForTheServerAndDropsOnceItAcknowledges() {
    Instant threeDaysAgo = T.minus(Duration.ofDays(3).plusHours(4));
    Instant hourAgo = T.minus(Duration.ofHours(1));
    try (AgentStore store = AgentStore.open(dir.resolve("agent.db"), WireJson.newMapper())) {
      store.record(List.of(printer("C1", threeDaysAgo), printer("C2", threeDaysAgo)), threeDaysAgo);
      store.record(List.of(printer("C3", hourAgo)), hourAgo);

      SiteFacts queued = collector(store).collect(Optional.empty());
      assertThat(queued.backlogReadings()).hasValue(3L);
      assertThat(queued.backlogOldest()).hasValue(threeDaysAgo);
      long bytes = queued.backlogBytes().orElseThrow();
      assertThat(bytes).isPositive().isEqualTo(new StatusQueries(store).backlog().bytes());

      // In a report sent and not acknowledged yet: still waiting.
      PendingReport sent = store.nextReport(T, 2);
      assertThat(sent.devices()).hasSize(2);
      assertThat(collector(store).collect(Optional.empty()).backlogReadings()).hasValue(3L);

      store.acknowledged(
          new Receipt(sent.reportId(), false, 2, T),
          new UploadAttempt(sent.reportId(), T, 2, Optional.empty(), true, 200));
      SiteFacts after = collector(store).collect(Optional.empty());
      assertThat(after.backlogReadings()).hasValue(1L);
      assertThat(after.backlogBytes())
          .hasValueSatisfying(b -> assertThat(b).isPositive().isLessThan(bytes));
      assertThat(after.backlogOldest()).hasValue(hourAgo);

      PendingReport last = store.nextReport(T, 2);
      store.acknowledged(
          new Receipt(last.reportId(), false, 1, T),
          new UploadAttempt(last.reportId(), T, 1, Optional.empty(), true, 200));
      SiteFacts none = collector(store).collect(Optional.empty());
      assertThat(none.backlogReadings()).hasValue(0L);
      assertThat(none.backlogBytes()).hasValue(0L);
      assertThat(none.backlogOldest()).isEmpty();
    }
  }

  @Test
  void aReportCarriesTheBacklogBesidesItsOwnReadings() {
    Instant threeDaysAgo = T.minus(Duration.ofDays(3));
    Instant hourAgo = T.minus(Duration.ofHours(1));
    try (AgentStore store = AgentStore.open(dir.resolve("agent.db"), WireJson.newMapper())) {
      store.record(List.of(printer("C1", threeDaysAgo), printer("C2", threeDaysAgo)), threeDaysAgo);
      store.record(List.of(printer("C3", hourAgo)), hourAgo);
      SiteFactsCollector collector = collector(store);
      SiteFacts now = collector.collect(Optional.empty());

      // The report of the two oldest: the third still waits after it.
      PendingReport first = store.nextReport(T, 2);
      SiteFacts inFirst = collector.carriedBy(now, first.reportId());
      assertThat(inFirst.backlogReadings()).hasValue(1L);
      assertThat(inFirst.backlogOldest()).hasValue(hourAgo);
      assertThat(inFirst.backlogBytes())
          .hasValueSatisfying(
              b -> assertThat(b).isPositive().isLessThan(now.backlogBytes().orElseThrow()));
      // everything else as collected
      assertThat(
              inFirst.withSync(
                  now.syncAt(),
                  now.syncTimeZone(),
                  now.pollEverySeconds(),
                  now.nextSyncAt(),
                  now.backlogReadings(),
                  now.backlogBytes(),
                  now.backlogOldest()))
          .isEqualTo(now);

      // A report of everything that waits: none waits besides it.
      store.acknowledged(
          new Receipt(first.reportId(), false, 2, T),
          new UploadAttempt(first.reportId(), T, 2, Optional.empty(), true, 200));
      PendingReport rest = store.nextReport(T, 2);
      SiteFacts inRest = collector.carriedBy(collector.collect(Optional.empty()), rest.reportId());
      assertThat(inRest.backlogReadings()).hasValue(0L);
      assertThat(inRest.backlogBytes()).hasValue(0L);
      assertThat(inRest.backlogOldest()).isEmpty();
      // counted for no report, the outbox still holds it until the server acknowledges
      assertThat(collector.collect(Optional.empty()).backlogReadings()).hasValue(1L);
    }
  }

  @Test
  void theScheduleInForceIsReportedWithItsNextSyncAndFollowsTheServersSettings() {
    Schedule own =
        new Schedule(Duration.ofHours(2), LocalTime.of(2, 0), ZoneId.of("Europe/Paris"), false);
    AtomicReference<Optional<Schedule>> inForce = new AtomicReference<>(Optional.of(own));
    try (AgentStore store = AgentStore.open(dir.resolve("agent.db"), WireJson.newMapper())) {
      SiteFactsCollector collector =
          new SiteFactsCollector(
              store,
              inForce::get,
              SERVER,
              Optional.empty(),
              Optional.empty(),
              "9.9.9",
              Clock.fixed(T, ZoneOffset.UTC));

      SiteFacts facts = collector.collect(Optional.empty());
      assertThat(facts.syncAt()).hasValue("02:00");
      assertThat(facts.syncTimeZone()).hasValue("Europe/Paris");
      assertThat(facts.pollEverySeconds()).hasValue(7200);
      // 02:00 in Paris on 29 November is 01:00 UTC
      assertThat(facts.nextSyncAt()).hasValue(Instant.parse("2026-11-29T01:00:00Z"));

      inForce.set(
          Optional.of(
              RemoteSettings.schedule(
                  own, Map.of(RemoteSettings.SYNC_AT, "23:15", RemoteSettings.POLL_EVERY, "30m"))));
      SiteFacts remote = collector.collect(Optional.empty());
      assertThat(remote.syncAt()).hasValue("23:15");
      assertThat(remote.pollEverySeconds()).hasValue(1800);
      assertThat(remote.nextSyncAt()).hasValue(Instant.parse("2026-11-28T22:15:00Z"));

      inForce.set(Optional.empty());
      SiteFacts none = collector.collect(Optional.empty());
      assertThat(none.syncAt()).isEmpty();
      assertThat(none.syncTimeZone()).isEmpty();
      assertThat(none.pollEverySeconds()).isEmpty();
      assertThat(none.nextSyncAt()).isEmpty();
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
