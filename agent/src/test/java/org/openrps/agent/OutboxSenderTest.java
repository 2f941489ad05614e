package org.openrps.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.poll.PolledDevice;
import org.openrps.agent.site.SiteFactsCollector;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.LoggedUpload;
import org.openrps.agent.store.UploadAttempt;
import org.openrps.agent.store.UploadOutcome;
import org.openrps.client.HttpsReceiver;
import org.openrps.client.ReportUploader;
import org.openrps.client.TestTls;
import org.openrps.client.Tls;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.Receipt;
import org.openrps.wire.Report;
import org.openrps.wire.SiteFacts;
import org.openrps.wire.Source;
import org.openrps.wire.WireJson;

class OutboxSenderTest {

  private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");
  private static final Source SOURCE = new Source(Source.Kind.agent, "agent-1", "0.1.0-test");

  @TempDir Path dir;
  private final TestTls tls = TestTls.selfSigned("server");
  private HttpsReceiver server;

  @BeforeEach
  void start() throws Exception {
    server = new HttpsReceiver(tls);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OutboxSender sender(AgentStore store) throws Exception {
    return sender(store, SOURCE);
  }

  private OutboxSender sender(AgentStore store, Source source) throws Exception {
    ReportUploader uploader =
        new ReportUploader(
            server.url(),
            "agent-1",
            "pw".toCharArray(),
            Tls.clientContext(Optional.of(tls.writePem(dir, "server.pem"))),
            WireJson.newMapper(),
            "0.1.0-test");
    return new OutboxSender(store, uploader, source, Clock.fixed(T, ZoneOffset.UTC), 1000, 10);
  }

  private static PolledDevice printer(String serial) {
    return printer(serial, 42, T);
  }

  private static PolledDevice printer(String serial, long pages, Instant at) {
    return new PolledDevice(
        SnapshotBuilder.printer("Ricoh", serial)
            .model("IM C3000")
            .sysObjectId("1.3.6.1.4.1.367.1.1")
            .mac(Optional.empty())
            .address("127.61.0.1")
            .pages(pages)
            .noSupplies()
            .status("idle")
            .at(at)
            .build(),
        List.of());
  }

  private List<Report> sent() {
    return server.received().stream()
        .map(
            r -> {
              try {
                return r.report();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  @Test
  void resendAfterAFailureUsesTheSameReportIdAndContent() throws Exception {
    try (AgentStore store = AgentStore.open(dir.resolve("a.db"), WireJson.newMapper())) {
      store.record(List.of(printer("E1"), printer("E2")), T);
      server.answer(
          r -> new HttpsReceiver.Answer(503, "{\"code\":\"server.busy\",\"message\":\"later\"}"));

      SyncOutcome failed = sender(store).sendAll();
      assertThat(failed.failure()).isPresent();
      assertThat(failed.failure().get().getMessage())
          .startsWith("sync failed: server failed: server.busy");
      assertThat(failed.failure().get().kind()).isEqualTo(AgentException.Kind.serverError);
      assertThat(store.pendingCount()).isEqualTo(2);

      server.answer(server::receipt);
      Receipt receipt = sender(store).sendAll().lastReceipt().orElseThrow();

      List<Report> sent = sent();
      assertThat(sent).hasSize(2);
      assertThat(sent.get(1).reportId())
          .isEqualTo(sent.get(0).reportId())
          .isEqualTo(receipt.reportId());
      assertThat(sent.get(1)).isEqualTo(sent.get(0));
      assertThat(sent.get(0).devices()).hasSize(2);
      assertThat(store.pendingCount()).isZero();
    }
  }

  private OutboxSender sender(AgentStore store, OutboxSender.Site site) throws Exception {
    ReportUploader uploader =
        new ReportUploader(
            server.url(),
            "agent-1",
            "pw".toCharArray(),
            Tls.clientContext(Optional.of(tls.writePem(dir, "server.pem"))),
            WireJson.newMapper(),
            "0.1.0-test");
    return new OutboxSender(
        store, uploader, SOURCE, Clock.fixed(T, ZoneOffset.UTC), site, 1000, 10, Payloads.DELTAS);
  }

  /**
   * The reports with every delta rebuilt on the sender's snapshot before it, as the server does
   * (each of these reports was acknowledged).
   */
  static List<Report> rebuilt(List<Report> reports) {
    java.util.Map<String, DeviceSnapshot> last = new java.util.HashMap<>();
    List<Report> full = new java.util.ArrayList<>();
    for (Report r : reports) {
      List<DeviceSnapshot> devices = new java.util.ArrayList<>(r.devices());
      for (org.openrps.wire.DeviceDelta d : r.deltas()) {
        devices.add(d.applyTo(last.get(d.serial())));
      }
      devices.forEach(d -> last.put(d.identity().serial(), d));
      full.add(r.withDevices(devices, List.of()));
    }
    return full;
  }

  @Test
  void aResendKeepsItsIdAndSnapshotsButCarriesTheSiteFactsOfNow() throws Exception {
    try (AgentStore store = AgentStore.open(dir.resolve("a.db"), WireJson.newMapper())) {
      store.record(List.of(printer("S1"), printer("S2")), T);
      AtomicInteger attempt = new AtomicInteger();
      OutboxSender.Site site =
          () ->
              Optional.of(
                  SiteFacts.unknown(T.plusSeconds(60L * attempt.incrementAndGet()), "0.1.0-test"));
      server.answer(
          r -> new HttpsReceiver.Answer(503, "{\"code\":\"server.busy\",\"message\":\"later\"}"));
      assertThat(sender(store, site).sendAll().failure()).isPresent();
      server.answer(server::receipt);
      assertThat(sender(store, site).sendAll().failure()).isEmpty();

      List<Report> sent = sent();
      assertThat(sent).hasSize(2);
      assertThat(sent.get(1).reportId()).isEqualTo(sent.get(0).reportId());
      assertThat(sent.get(1).createdAt()).isEqualTo(sent.get(0).createdAt());
      assertThat(sent.get(1).devices()).isEqualTo(sent.get(0).devices());
      assertThat(sent.get(0).schema()).isEqualTo(Report.SCHEMA);
      assertThat(sent.get(0).site().orElseThrow().collectedAt()).isEqualTo(T.plusSeconds(60));
      assertThat(sent.get(1).site().orElseThrow().collectedAt()).isEqualTo(T.plusSeconds(120));
    }
  }

  @Test
  void siteFactsThatCannotBeCollectedNeverStopTheSync() throws Exception {
    try (AgentStore store = AgentStore.open(dir.resolve("a.db"), WireJson.newMapper())) {
      store.record(List.of(printer("F1")), T);
      SyncOutcome outcome =
          sender(
                  store,
                  () -> {
                    throw new IllegalStateException("no site facts today");
                  })
              .sendAll();
      assertThat(outcome.failure()).isEmpty();
      assertThat(sent()).singleElement().satisfies(r -> assertThat(r.site()).isEmpty());
      assertThat(store.pendingCount()).isZero();
    }
  }

  @Test
  void severalCyclesOfOnePrinterLeaveAsSeveralReportsOneSnapshotPerDeviceOldestFirst()
      throws Exception {
    try (AgentStore store = AgentStore.open(dir.resolve("m.db"), WireJson.newMapper())) {
      for (int cycle = 0; cycle < 5; cycle++) {
        Instant at = T.plus(Duration.ofHours(2L * cycle));
        store.record(List.of(printer("M1", 100 + cycle, at), printer("M2", 200 + cycle, at)), at);
      }
      store.record(List.of(printer("M3", 300, T.plusSeconds(60))), T.plusSeconds(60));
      server.answer(server::receipt);

      SyncOutcome outcome = sender(store).sendAll();

      assertThat(outcome.complete()).isTrue();
      assertThat(outcome.reportsAcknowledged()).isEqualTo(5);
      assertThat(outcome.snapshotsAcknowledged()).isEqualTo(11);
      List<Report> sent = rebuilt(sent());
      assertThat(sent).hasSize(5);
      assertThat(sent()).extracting(r -> r.deltas().size()).containsExactly(0, 2, 2, 2, 2);
      for (Report report : sent) {
        assertThat(report.devices())
            .extracting(d -> d.identity().serial())
            .as("report %s", report.reportId())
            .doesNotHaveDuplicates();
      }
      List<Long> m1 =
          sent.stream()
              .flatMap(r -> r.devices().stream())
              .filter(d -> d.identity().serial().equals("M1"))
              .map(d -> d.totalPages().orElseThrow())
              .toList();
      assertThat(m1).containsExactly(100L, 101L, 102L, 103L, 104L);
      assertThat(sent.get(0).devices())
          .extracting(d -> d.identity().serial())
          .containsExactly("M1", "M2", "M3");
      assertThat(store.pendingCount()).isZero();
    }
  }

  @Test
  void theSiteFactsCountTheBacklogBesidesTheReportThatCarriesThem() throws Exception {
    try (AgentStore store = AgentStore.open(dir.resolve("b.db"), WireJson.newMapper())) {
      for (int cycle = 0; cycle < 3; cycle++) {
        Instant at = T.plus(Duration.ofHours(2L * cycle));
        store.record(List.of(printer("B1", 100 + cycle, at), printer("B2", 200 + cycle, at)), at);
      }
      SiteFactsCollector collector =
          new SiteFactsCollector(
              store,
              Optional::empty,
              server.url(),
              Optional.empty(),
              Optional.empty(),
              "0.1.0-test",
              Clock.fixed(T, ZoneOffset.UTC));
      OutboxSender.Site site =
          new OutboxSender.Site() {
            @Override
            public Optional<SiteFacts> collect() {
              return Optional.of(collector.collect(Optional.empty()));
            }

            @Override
            public SiteFacts carriedBy(SiteFacts facts, String reportId) {
              return collector.carriedBy(facts, reportId);
            }
          };
      server.answer(server::receipt);

      assertThat(sender(store, site).sendAll().reportsAcknowledged()).isEqualTo(3);
      // one snapshot per device per report: the first of three carries the facts, and the
      // four readings of the two after it wait besides it
      SiteFacts first = sent().get(0).site().orElseThrow();
      assertThat(first.backlogReadings()).hasValue(4L);
      assertThat(first.backlogOldest()).hasValue(T.plus(Duration.ofHours(2)));

      // The next sync sends everything in one report: nothing waits besides it.
      Instant later = T.plus(Duration.ofHours(6));
      store.record(List.of(printer("B1", 103, later), printer("B2", 203, later)), later);
      assertThat(sender(store, site).sendAll().reportsAcknowledged()).isEqualTo(1);
      List<Report> sent = sent();
      SiteFacts last = sent.get(sent.size() - 1).site().orElseThrow();
      assertThat(last.backlogReadings()).hasValue(0L);
      assertThat(last.backlogOldest()).isEmpty();
      assertThat(store.pendingCount()).isZero();
    }
  }

  @Test
  void refusedContentIsKeptWithTheServersReasonAndLaterReadingsStillGo() throws Exception {
    try (AgentStore store = AgentStore.open(dir.resolve("b.db"), WireJson.newMapper())) {
      store.record(List.of(printer("R1")), T);
      server.answer(
          r -> new HttpsReceiver.Answer(422, "{\"code\":\"report.invalid\",\"message\":\"bad\"}"));

      SyncOutcome refused = sender(store).sendAll();
      assertThat(refused.failure()).isEmpty();
      assertThat(refused.refused()).hasSize(1);
      assertThat(refused.refused().get(0).message())
          .isEqualTo("server refused the report: report.invalid (bad) [HTTP 422]");

      assertThat(store.refused())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.status()).isEqualTo(422);
                assertThat(r.code()).isEqualTo("report.invalid");
                assertThat(r.refusedVersion()).isEqualTo(SOURCE.version());
                assertThat(r.items()).isEqualTo(1);
              });
      assertThat(store.refusedCount()).isEqualTo(1);

      store.record(List.of(printer("R2")), T);
      server.answer(server::receipt);
      SyncOutcome later = sender(store).sendAll();

      assertThat(later.complete()).isTrue();
      Report last = server.received().get(1).report();
      assertThat(last.devices()).extracting(d -> d.identity().serial()).containsExactly("R2");
      assertThat(server.received()).hasSize(2);
      assertThat(store.refused()).hasSize(1);
    }
  }

  @Test
  void aRefusedReportIsSentAgainUnchangedByAnotherAgentVersion() throws Exception {
    try (AgentStore store = AgentStore.open(dir.resolve("v.db"), WireJson.newMapper())) {
      store.record(List.of(printer("V1")), T);
      server.answer(
          r -> new HttpsReceiver.Answer(422, "{\"code\":\"report.invalid\",\"message\":\"bad\"}"));
      sender(store).sendAll();
      sender(store).sendAll();
      assertThat(sent().stream().filter(r -> !r.devices().isEmpty()))
          .as("the same version does not send it again")
          .hasSize(1);

      server.answer(server::receipt);
      Source upgraded = new Source(Source.Kind.agent, "agent-1", "0.2.0-test");
      SyncOutcome after = sender(store, upgraded).sendAll();

      assertThat(after.complete()).isTrue();
      List<Report> withDevices = sent().stream().filter(r -> !r.devices().isEmpty()).toList();
      assertThat(withDevices).hasSize(2);
      assertThat(withDevices.get(1).reportId()).isEqualTo(withDevices.get(0).reportId());
      assertThat(withDevices.get(1).devices()).isEqualTo(withDevices.get(0).devices());
      assertThat(store.refused()).isEmpty();
      assertThat(store.pendingCount()).isZero();
    }
  }

  @Test
  void everyAttemptIsLoggedWithTheLengthAndSha256OfTheBytesTheServerReceived() throws Exception {
    try (AgentStore store = AgentStore.open(dir.resolve("log.db"), WireJson.newMapper())) {
      store.record(List.of(printer("L1"), printer("L2")), T);
      server.answer(
          r -> new HttpsReceiver.Answer(503, "{\"code\":\"server.busy\",\"message\":\"later\"}"));
      sender(store).sendAll();
      server.answer(
          r -> new HttpsReceiver.Answer(429, "{\"code\":\"rate.limited\",\"message\":\"slow\"}"));
      sender(store).sendAll();
      server.answer(server::receipt);
      sender(store).sendAll();
      store.record(List.of(printer("L3")), T);
      server.answer(
          r -> new HttpsReceiver.Answer(422, "{\"code\":\"report.invalid\",\"message\":\"bad\"}"));
      sender(store).sendAll();

      List<LoggedUpload> log = store.uploads(50);
      List<HttpsReceiver.Received> received = server.received();
      assertThat(log).hasSize(4).hasSameSizeAs(received);
      for (int i = 0; i < log.size(); i++) {
        LoggedUpload entry = log.get(log.size() - 1 - i); // newest first
        byte[] body = received.get(i).body();
        assertThat(entry.body())
            .as("attempt %d", i)
            .hasValue(new UploadAttempt.Body(body.length, sha256(body)));
        assertThat(entry.sent()).isTrue();
        assertThat(entry.reportId()).isEqualTo(received.get(i).report().reportId());
      }
      assertThat(log)
          .extracting(
              LoggedUpload::outcome,
              LoggedUpload::httpStatus,
              LoggedUpload::refusalCode,
              LoggedUpload::devices)
          .containsExactly(
              tuple(UploadOutcome.refused, 422, "report.invalid", 1),
              tuple(UploadOutcome.acknowledged, 200, "", 2),
              tuple(UploadOutcome.refused, 429, "rate.limited", 2),
              tuple(UploadOutcome.failed, 503, "", 2));
      assertThat(log.get(3).message()).startsWith("server failed: server.busy");
      assertThat(log.get(1).receipt())
          .hasValueSatisfying(r -> assertThat(r.reportId()).isEqualTo(log.get(1).reportId()));
      assertThat(log.get(0).message())
          .isEqualTo("server refused the report: report.invalid (bad) [HTTP 422]");
    }
  }

  @Test
  void anUploadTlsStoppedIsLoggedAsNotSent() throws Exception {
    try (AgentStore store = AgentStore.open(dir.resolve("tls.db"), WireJson.newMapper());
        HttpsReceiver impostor = new HttpsReceiver(TestTls.selfSigned("impostor"))) {
      store.record(List.of(printer("T1")), T);
      ReportUploader uploader =
          new ReportUploader(
              impostor.url(),
              "agent-1",
              "pw".toCharArray(),
              Tls.clientContext(Optional.of(tls.writePem(dir, "pinned.pem"))),
              WireJson.newMapper(),
              "0.1.0-test");
      new OutboxSender(store, uploader, SOURCE, Clock.fixed(T, ZoneOffset.UTC), 1000, 10).sendAll();

      assertThat(store.uploads(10))
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.sent()).isFalse();
                assertThat(u.outcome()).isEqualTo(UploadOutcome.failed);
                assertThat(u.httpStatus()).isZero();
                assertThat(u.message()).startsWith("server certificate not trusted");
                assertThat(u.body()).isPresent();
              });
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void untrustedServerLeavesTheOutboxIntact() throws Exception {
    try (AgentStore store = AgentStore.open(dir.resolve("c.db"), WireJson.newMapper());
        HttpsReceiver impostor = new HttpsReceiver(TestTls.selfSigned("impostor"))) {
      store.record(List.of(printer("U1")), T);
      ReportUploader uploader =
          new ReportUploader(
              impostor.url(),
              "agent-1",
              "pw".toCharArray(),
              Tls.clientContext(Optional.of(tls.writePem(dir, "pinned.pem"))),
              WireJson.newMapper(),
              "0.1.0-test");
      OutboxSender sender =
          new OutboxSender(store, uploader, SOURCE, Clock.fixed(T, ZoneOffset.UTC), 1000, 10);

      AgentException e = sender.sendAll().failure().orElseThrow();

      assertThat(e.getMessage()).startsWith("sync failed: server certificate not trusted at");
      assertThat(e.kind()).isEqualTo(AgentException.Kind.untrustedCertificate);
      assertThat(impostor.requests()).isZero();
      assertThat(store.pendingCount()).isEqualTo(1);
    }
  }
}
