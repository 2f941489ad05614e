package org.openrps.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.sync.RetryPolicy;
import org.openrps.client.HttpsReceiver;
import org.openrps.client.TestTls;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.testkit.MutableClock;
import org.openrps.wire.DeviceDelta;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.Report;

/**
 * A week with the server failing (503), on an injected clock: a cycle every 2 hours, failed syncs
 * retried on {@link RetryPolicy} in between; then the server back. Every reading arrives once, in
 * order, one snapshot per device per report; the retry waits grow and stay under the cap.
 */
class ServerDownForAWeekTest {

  @TempDir java.nio.file.Path dir;

  @Test
  void aWeekOfReadingsArrivesOnceAndInOrderWhenTheServerIsBack() throws Exception {
    MutableClock clock = MutableClock.at("2026-11-30T00:00:00Z");
    TestTls tls = TestTls.selfSigned("server");
    try (Simulator sim =
            Simulator.start(
                new SimulatorConfig(3, InetAddress.getByName("127.61.9.1"), 0, "public", 5),
                clock);
        HttpsReceiver server = new HttpsReceiver(tls)) {
      AgentConfig config =
          new AgentConfig(
              dir.resolve("agent.db"),
              "127.61.9.1-127.61.9.3",
              sim.printers().get(0).address().getPort(),
              "public",
              Duration.ofMillis(500),
              1,
              16,
              server.url(),
              "agent-9",
              "pw".toCharArray(),
              Optional.of(tls.writePem(dir, "server.pem")));
      server.answer(r -> new HttpsReceiver.Answer(503, "{\"code\":\"down\",\"message\":\"down\"}"));
      RetryPolicy retries = new RetryPolicy(clock, new Random(42));
      List<Duration> waits = new ArrayList<>();
      Instant end = clock.instant().plus(Duration.ofDays(7));
      try (Agent agent = Agent.open(config, clock)) {
        int cycles = 0;
        for (Instant cycle = clock.instant();
            cycle.isBefore(end);
            cycle = cycle.plus(Duration.ofHours(2))) {
          clock.set(cycle);
          CycleResult result = agent.runCycle();
          cycles++;
          assertThat(result.sync().failure()).isPresent();
          Instant next = cycle.plus(Duration.ofHours(2));
          for (Duration wait = retries.failed();
              clock.instant().plus(wait).isBefore(next);
              wait = retries.failed()) {
            waits.add(wait);
            clock.advance(wait);
            assertThat(agent.sync().failure()).isPresent();
          }
        }
        assertThat(cycles).isEqualTo(84);
        assertThat(agent.pendingSnapshots()).isEqualTo(84 * 3);
        int refusedRequests = server.requests();

        server.answer(server::receipt);
        clock.advance(
            retries.nextTry().map(t -> Duration.between(clock.instant(), t)).orElseThrow());
        int syncs = 0;
        while (agent.pendingSnapshots() > 0 && syncs++ < 5) {
          assertThat(agent.sync().failure()).isEmpty();
        }
        retries.succeeded();
        assertThat(agent.pendingSnapshots()).isZero();

        List<Report> delivered = new ArrayList<>();
        for (HttpsReceiver.Received r :
            server.received().subList(refusedRequests, server.received().size())) {
          delivered.add(r.report());
        }
        Set<String> seen = new HashSet<>();
        Map<String, Instant> lastBySerial = new HashMap<>();
        for (Report report : delivered) {
          Set<String> inReport = new HashSet<>();
          // Whole or as deltas (ADR 0010): each names its device and its time.
          List<Map.Entry<String, Instant>> snapshots = new ArrayList<>();
          for (DeviceSnapshot d : report.devices()) {
            snapshots.add(Map.entry(d.identity().serial(), d.seenAt()));
          }
          for (DeviceDelta d : report.deltas()) {
            snapshots.add(Map.entry(d.serial(), d.seenAt()));
            Instant base = lastBySerial.get(d.serial());
            assertThat(d.base()).as("a delta's base is the reading before").isEqualTo(base);
          }
          for (Map.Entry<String, Instant> d : snapshots) {
            String serial = d.getKey();
            assertThat(inReport.add(serial)).as("one snapshot of %s per report", serial).isTrue();
            assertThat(seen.add(serial + "@" + d.getValue()))
                .as("%s at %s once", serial, d.getValue())
                .isTrue();
            Instant before = lastBySerial.put(serial, d.getValue());
            if (before != null) {
              assertThat(d.getValue()).as("in order").isAfter(before);
            }
          }
        }
        assertThat(seen).hasSize(84 * 3);
      }
      assertThat(waits.get(0)).isLessThanOrEqualTo(RetryPolicy.FIRST);
      assertThat(waits).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(RetryPolicy.CAP));
      assertThat(waits.stream().max(Duration::compareTo).orElseThrow())
          .isGreaterThanOrEqualTo(RetryPolicy.CAP.dividedBy(2));
    }
  }
}
