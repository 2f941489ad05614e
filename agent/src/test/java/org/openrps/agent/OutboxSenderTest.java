package org.openrps.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.poll.PolledDevice;
import org.openrps.agent.store.AgentStore;
import org.openrps.client.HttpsReceiver;
import org.openrps.client.ReportUploader;
import org.openrps.client.TestTls;
import org.openrps.client.Tls;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.wire.Receipt;
import org.openrps.wire.Report;
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
    ReportUploader uploader =
        new ReportUploader(
            server.url(),
            "agent-1",
            "pw".toCharArray(),
            Tls.clientContext(Optional.of(tls.writePem(dir, "server.pem"))),
            WireJson.newMapper(),
            "0.1.0-test");
    return new OutboxSender(store, uploader, SOURCE, Clock.fixed(T, ZoneOffset.UTC), 1000, 10);
  }

  private static PolledDevice printer(String serial) {
    return new PolledDevice(
        SnapshotBuilder.printer("Ricoh", serial)
            .model("IM C3000")
            .sysObjectId("1.3.6.1.4.1.367.1.1")
            .mac(Optional.empty())
            .address("127.61.0.1")
            .pages(42)
            .noSupplies()
            .status("idle")
            .at(T)
            .build(),
        List.of());
  }

  @Test
  void resendAfterAFailureUsesTheSameReportId() throws Exception {
    try (AgentStore store = AgentStore.open(dir.resolve("a.db"), WireJson.newMapper())) {
      store.record(List.of(printer("E1"), printer("E2")), T);
      server.answer(
          r -> new HttpsReceiver.Answer(503, "{\"code\":\"server.busy\",\"message\":\"later\"}"));

      AgentException failed =
          catchThrowableOfType(AgentException.class, () -> sender(store).sendAll());
      assertThat(failed.getMessage()).startsWith("sync failed: server failed: server.busy");
      assertThat(store.pendingCount()).isEqualTo(2);

      server.answer(server::receipt);
      Receipt receipt = sender(store).sendAll();

      List<Report> sent =
          server.received().stream()
              .map(
                  r -> {
                    try {
                      return r.report();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  })
              .toList();
      assertThat(sent).hasSize(2);
      assertThat(sent.get(1).reportId())
          .isEqualTo(sent.get(0).reportId())
          .isEqualTo(receipt.reportId());
      assertThat(sent.get(1)).isEqualTo(sent.get(0));
      assertThat(sent.get(0).devices()).hasSize(2);
      assertThat(store.pendingCount()).isZero();
    }
  }

  @Test
  void refusedContentIsSetAsideAndLaterReadingsStillGo() throws Exception {
    try (AgentStore store = AgentStore.open(dir.resolve("b.db"), WireJson.newMapper())) {
      store.record(List.of(printer("R1")), T);
      server.answer(
          r -> new HttpsReceiver.Answer(400, "{\"code\":\"report.invalid\",\"message\":\"bad\"}"));

      AgentException refused =
          catchThrowableOfType(AgentException.class, () -> sender(store).sendAll());
      assertThat(refused.getMessage())
          .isEqualTo("sync failed: server refused the report: report.invalid (bad) [HTTP 400]");

      store.record(List.of(printer("R2")), T);
      server.answer(server::receipt);
      sender(store).sendAll();

      Report last = server.received().get(1).report();
      assertThat(last.devices()).extracting(d -> d.identity().serial()).containsExactly("R2");
    }
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

      AgentException e = catchThrowableOfType(AgentException.class, sender::sendAll);

      assertThat(e.getMessage()).startsWith("sync failed: server certificate not trusted (");
      assertThat(impostor.requests()).isZero();
      assertThat(store.pendingCount()).isEqualTo(1);
    }
  }
}
