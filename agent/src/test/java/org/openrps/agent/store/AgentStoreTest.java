package org.openrps.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.poll.PolledDevice;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.Receipt;
import org.openrps.wire.WireJson;

class AgentStoreTest {

  private static final Instant T1 = Instant.parse("2026-11-28T08:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-28T09:00:00Z");

  @TempDir Path dir;
  private final AtomicInteger ids = new AtomicInteger();

  private AgentStore open() {
    return AgentStore.open(
        dir.resolve("agent.db"), WireJson.newMapper(), () -> "report-" + ids.incrementAndGet());
  }

  /** An attempt at {@code at} with a made-up body, answered {@code status} (0: no answer). */
  static UploadAttempt attempt(String reportId, Instant at, int status) {
    return new UploadAttempt(
        reportId, at, 1, Optional.of(new UploadAttempt.Body(100, "ab".repeat(32))), true, status);
  }

  static PolledDevice printer(String serial, String mac, String address, long total, Instant at) {
    DeviceSnapshot s =
        SnapshotBuilder.printer("Xerox", serial)
            .model("VersaLink C405")
            .sysObjectId("1.3.6.1.4.1.253.8.62.1")
            .mac(Optional.ofNullable(mac))
            .address(address)
            .pages(total)
            .supply("Black Toner", "toner", 100, -3)
            .status("idle")
            .at(at)
            .build();
    return new PolledDevice(s, List.of(new ReadFailure("ifPhysAddress", "timeout")));
  }

  @Test
  void sameDeviceAtANewAddressIsUpdatedNotDuplicated() {
    try (AgentStore store = open()) {
      store.record(List.of(printer("XRX123", null, "127.61.0.1", 100, T1)), T1);
      store.record(List.of(printer("XRX123", "00:00:aa:00:00:01", "127.61.0.9", 150, T2)), T2);

      List<StoredDevice> devices = store.devices();
      assertThat(devices).hasSize(1);
      StoredDevice d = devices.get(0);
      assertThat(d.key()).isEqualTo("serial:Xerox|XRX123");
      assertThat(d.address()).isEqualTo("127.61.0.9");
      assertThat(d.mac()).contains("00:00:aa:00:00:01");
      assertThat(d.firstSeen()).isEqualTo(T1);
      assertThat(d.lastSeen()).isEqualTo(T2);
      List<Long> totals =
          store.withHandle(
              h ->
                  h.createQuery("SELECT value FROM meter_reading ORDER BY id")
                      .mapTo(Long.class)
                      .list());
      assertThat(totals).containsExactly(100L, 150L);
      String failures =
          store.withHandle(
              h -> h.createQuery("SELECT failures FROM poll LIMIT 1").mapTo(String.class).one());
      assertThat(failures).isEqualTo("ifPhysAddress: timeout");
    }
  }

  @Test
  void deviceWithoutSerialIsKeyedByMacAndKeptOutOfTheOutbox() {
    try (AgentStore store = open()) {
      RecordSummary s =
          store.record(
              List.of(
                  printer("", "00:00:aa:00:00:02", "127.61.0.2", 5, T1),
                  printer("", "00:00:aa:00:00:02", "127.61.0.3", 6, T2),
                  printer("", null, "127.61.0.4", 7, T1)),
              T2);

      assertThat(s).isEqualTo(new RecordSummary(2, 0, 1, 2, 11, 0));
      assertThat(store.devices())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.key()).isEqualTo("mac:00:00:aa:00:00:02");
                assertThat(d.address()).isEqualTo("127.61.0.3");
              });
      assertThat(store.pendingCount()).isZero();
    }
  }

  @Test
  void outboxKeepsReadingsUntilTheServerAcknowledges() {
    PolledDevice a = printer("A1", null, "127.61.0.1", 10, T1);
    PolledDevice b = printer("B2", null, "127.61.0.2", 20, T1);
    try (AgentStore store = open()) {
      store.record(List.of(a, b), T1);
      assertThat(store.pendingCount()).isEqualTo(2);

      PendingReport first = store.nextReport(T1, 1000);
      assertThat(first.reportId()).isEqualTo("report-1");
      assertThat(first.devices()).containsExactly(a.snapshot(), b.snapshot());
      store.attemptFailed(attempt(first.reportId(), T2, 0), "", "cannot reach server");
      assertThat(store.pendingCount()).isEqualTo(2);
    }
    // The process dies here; a new one opens the same file.
    try (AgentStore store = open()) {
      store.record(List.of(printer("C3", null, "127.61.0.3", 30, T2)), T2);

      PendingReport again = store.nextReport(T2, 1000);
      assertThat(again.reportId()).isEqualTo("report-1");
      assertThat(again.createdAt()).isEqualTo(T1);
      assertThat(again.devices()).containsExactly(a.snapshot(), b.snapshot());

      store.acknowledged(new Receipt("report-1", false, 2, T2), attempt("report-1", T2, 200));
      assertThat(store.pendingCount()).isEqualTo(1);
      assertThat(store.hasUnassigned()).isTrue();

      PendingReport next = store.nextReport(T2, 1000);
      assertThat(next.reportId()).isNotEqualTo("report-1");
      assertThat(next.devices()).extracting(d -> d.identity().serial()).containsExactly("C3");
      store.acknowledged(
          new Receipt(next.reportId(), false, 1, T2), attempt(next.reportId(), T2, 200));
      assertThat(store.pendingCount()).isZero();
      assertThat(store.reports())
          .extracting(OutboxReport::attempts, r -> r.ackedAt().isPresent())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(2, true),
              org.assertj.core.groups.Tuple.tuple(1, true));
    }
  }

  @Test
  void outboxRowsStoredBeforeReportSchema2AreStillRead() {
    PolledDevice a = printer("A1", null, "127.61.0.1", 10, T1);
    try (AgentStore store = open()) {
      store.record(List.of(a), T1);
      // What an agent writing openrps.report/1 stored: meters without oids, devices without snmp.
      String v1 =
          store.withHandle(
              h -> h.createQuery("SELECT snapshot FROM outbox_item").mapTo(String.class).one());
      String old = v1.replaceAll(",?\"oids\":\\[[^\\]]*\\]", "");
      assertThat(old).doesNotContain("oids").contains("\"oid\":");
      store.withHandle(
          h -> h.createUpdate("UPDATE outbox_item SET snapshot = ?").bind(0, old).execute());

      PendingReport pending = store.nextReport(T1, 1000);
      assertThat(pending.devices()).containsExactly(a.snapshot());
      assertThat(pending.devices().get(0).counters().get(0).oids())
          .containsExactly("1.3.6.1.2.1.43.10.2.1.4.1.1");
    }
  }

  @Test
  void reportsAreCappedAndARefusedReportIsSetAside() {
    try (AgentStore store = open()) {
      store.record(
          List.of(
              printer("A1", null, "127.61.0.1", 1, T1),
              printer("B2", null, "127.61.0.2", 2, T1),
              printer("C3", null, "127.61.0.3", 3, T1)),
          T1);

      PendingReport first = store.nextReport(T1, 2);
      assertThat(first.devices()).hasSize(2);
      store.rejected(
          attempt(first.reportId(), T1, 422),
          "report.invalid",
          "server refused the report",
          "0.1.0");

      PendingReport second = store.nextReport(T1, 2);
      assertThat(second.reportId()).isNotEqualTo(first.reportId());
      assertThat(second.devices()).extracting(d -> d.identity().serial()).containsExactly("C3");
      assertThat(store.pendingCount()).isEqualTo(1);
      assertThat(store.reports().get(0).rejectedAt()).isPresent();
    }
  }

  @Test
  void planOfTheNextSyncIsWhatTheSyncThenSendsAndChangesNothing() {
    try (AgentStore store = open()) {
      for (int cycle = 0; cycle < 3; cycle++) {
        Instant at = T1.plusSeconds(3600L * cycle);
        store.record(
            List.of(
                printer("P1", null, "127.61.0.1", 10 + cycle, at),
                printer("P2", null, "127.61.0.2", 20 + cycle, at)),
            at);
      }
      PendingReport open = store.nextReport(T1, 1000); // made and sent once, not acknowledged
      store.attemptFailed(attempt(open.reportId(), T1, 0), "", "server unreachable");
      store.record(List.of(printer("P3", null, "127.61.0.3", 30, T2)), T2);
      String before = outboxDump(store);

      List<PlannedReport> plan = store.planNextSync(T2, 1000, 100, "0.1.0");
      List<PlannedReport> again = store.planNextSync(T2, 1000, 100, "0.1.0");

      assertThat(outboxDump(store)).isEqualTo(before);
      assertThat(plan).hasSize(3);
      assertThat(plan.get(0).idFixed()).isTrue();
      assertThat(plan.get(0).report()).isEqualTo(open);
      assertThat(plan.subList(1, 3)).noneMatch(PlannedReport::idFixed);
      assertThat(again.stream().map(p -> p.report().devices()).toList())
          .isEqualTo(plan.stream().map(p -> p.report().devices()).toList());
      for (PlannedReport planned : plan) {
        PendingReport sent = store.nextReport(T2, 1000);
        assertThat(sent.devices()).isEqualTo(planned.report().devices());
        if (planned.idFixed()) {
          assertThat(sent.reportId()).isEqualTo(planned.report().reportId());
        }
        store.acknowledged(
            new Receipt(sent.reportId(), false, sent.devices().size(), T2),
            attempt(sent.reportId(), T2, 200));
      }
      assertThat(store.pendingCount()).isZero();
    }
  }

  @Test
  void emptyOutboxPlansOneEmptyReport() {
    try (AgentStore store = open()) {
      assertThat(store.planNextSync(T1, 1000, 100, "0.1.0"))
          .singleElement()
          .satisfies(p -> assertThat(p.report().devices()).isEmpty());
      assertThat(store.reports()).isEmpty();
    }
  }

  @Test
  void readOnlyStoreShowsTheUploadLogAndWritesNothing() {
    try (AgentStore store = open()) {
      store.record(List.of(printer("R1", null, "127.61.0.1", 1, T1)), T1);
      PendingReport r = store.nextReport(T1, 1000);
      store.acknowledged(new Receipt(r.reportId(), true, 1, T2), attempt(r.reportId(), T2, 200));
    }
    AgentStore readOnly = AgentStore.openReadOnly(dir.resolve("agent.db"), WireJson.newMapper());
    assertThat(readOnly.uploads(10))
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.outcome()).isEqualTo(UploadOutcome.duplicate);
              assertThat(u.receipt()).hasValueSatisfying(x -> assertThat(x.duplicate()).isTrue());
              assertThat(u.attemptedAt()).isEqualTo(T2);
            });
    assertThat(readOnly.pendingCount()).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> readOnly.record(List.of(printer("R2", null, "127.61.0.2", 1, T2)), T2))
        .hasMessageContaining("readonly");
  }

  private static String outboxDump(AgentStore store) {
    return store.withHandle(
        h ->
            h.createQuery(
                    "SELECT group_concat(x, '|') FROM (SELECT report_id || ',' || created_at || ','"
                        + " || attempts || ',' || ifnull(acked_at, '') || ',' || ifnull(rejected_at,"
                        + " '') AS x FROM outbox_report UNION ALL SELECT id || ',' ||"
                        + " ifnull(report_id, '') FROM outbox_item)")
                .mapTo(String.class)
                .one());
  }

  @Test
  void emptyOutboxStillGivesAReportToSend() {
    try (AgentStore store = open()) {
      PendingReport r = store.nextReport(T1, 10);
      assertThat(r.devices()).isEmpty();
      assertThat(store.hasUnassigned()).isFalse();
    }
  }

  @Test
  void databaseRunsInWalMode() {
    try (AgentStore store = open()) {
      String mode =
          store.withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
      assertThat(mode).isEqualToIgnoringCase("wal");
    }
  }
}
