package org.openrps.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.poll.PolledDevice;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.agent.poll.SnmpAccess;
import org.openrps.agent.schedule.Schedule;
import org.openrps.agent.store.AgentEvent;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.PendingReport;
import org.openrps.agent.store.StatusQueries;
import org.openrps.agent.store.UploadAttempt;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.wire.Receipt;
import org.openrps.wire.SnmpPosture;
import org.openrps.wire.WireJson;

/** The status read from a real SQLite store, read-only as {@code agent status} opens it. */
class AgentStatusReaderTest {

  private static final Instant T1 = Instant.parse("2026-11-28T08:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-30T08:00:00Z");
  private static final Instant NOW = T2.plusSeconds(600);
  private static final Schedule SCHEDULE =
      new Schedule(Duration.ofHours(2), LocalTime.of(2, 0), ZoneOffset.UTC, false);

  @TempDir Path dir;

  private static PolledDevice printer(
      String serial, String address, Instant at, Optional<SnmpAccess> access, ReadFailure... f) {
    return new PolledDevice(
        SnapshotBuilder.printer("Xerox", serial)
            .model("VersaLink C405")
            .address(address)
            .pages(1000)
            .supply("Black Toner", "toner", 100, 50)
            .status("idle")
            .at(at)
            .build(),
        List.of(f),
        access);
  }

  private static UploadAttempt attempt(String reportId, Instant at, int devices, int status) {
    return new UploadAttempt(
        reportId,
        at,
        devices,
        Optional.of(new UploadAttempt.Body(300, "cd".repeat(32))),
        status != 0,
        status);
  }

  @Test
  void statusSaysLastPollLastExchangeBacklogAndHowEachDeviceAnswered() {
    Path db = dir.resolve("agent.db");
    try (AgentStore store = AgentStore.open(db, WireJson.newMapper())) {
      // two days ago: three printers answered, and the sync was acknowledged
      store.record(
          List.of(
              printer("OLD1", "127.0.0.9", T1, Optional.of(new SnmpAccess("v1", "community", "a"))),
              printer("A1", "127.0.0.1", T1, Optional.empty()),
              printer("B2", "127.0.0.2", T1, Optional.empty())),
          T1);
      PendingReport first = store.nextReport(T1, 100);
      store.acknowledged(
          new Receipt(first.reportId(), false, 3, T1), attempt(first.reportId(), T1, 3, 200));
      store.noted(AgentEvent.SYNCED, T1);
      // now: two of them answered; the server did not answer the upload, then answered 503
      store.record(
          List.of(
              printer(
                  "A1",
                  "127.0.0.1",
                  T2,
                  Optional.of(new SnmpAccess("v3", "sha256/aes256", "site")),
                  new ReadFailure("supplies", "timeout")),
              printer("B2", "127.0.0.2", T2, Optional.of(new SnmpAccess("v2c", "community", "x")))),
          T2);
      new StatusQueries(store)
          .notePollRun(new StatusQueries.PollRun(T2.minusSeconds(30), T2, 254, 2, 0, 252));
      store.noted(AgentEvent.POLLED, T2);
      PendingReport second = store.nextReport(T2, 100);
      store.attemptFailed(attempt(second.reportId(), T2.plusSeconds(1), 2, 503), "", "HTTP 503");
      store.attemptFailed(attempt(second.reportId(), T2.plusSeconds(2), 2, 0), "", "unreachable");
      store.noted(AgentEvent.SYNC_ATTEMPTED, T2.plusSeconds(2));
    }

    AgentStatus s;
    try (AgentStore ro = AgentStore.openReadOnly(db, WireJson.newMapper())) {
      s = AgentStatusReader.read(ro, NextSteps.notRunning(SCHEDULE, NOW), NOW);
    }

    assertThat(s.next().agentRunning()).isFalse();
    assertThat(s.next().nextPoll()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
    assertThat(s.next().nextSync()).isEqualTo(Instant.parse("2026-12-01T02:00:00Z"));
    assertThat(s.lastPoll()).isPresent();
    assertThat(s.lastPoll().get().endedAt()).isEqualTo(T2);
    assertThat(s.lastPoll().get().answered()).contains(2);
    assertThat(s.lastPoll().get().addresses()).contains(254);
    assertThat(s.lastPoll().get().unreachable()).contains(252);

    assertThat(s.lastExchange()).as("the last upload that got an HTTP answer").isPresent();
    assertThat(s.lastExchange().get().at()).isEqualTo(T2.plusSeconds(1));
    assertThat(s.lastExchange().get().outcome()).isEqualTo("failed");
    assertThat(s.lastExchange().get().httpStatus()).contains(503);
    assertThat(s.lastUpload().get().at()).isEqualTo(T2.plusSeconds(2));
    assertThat(s.lastUpload().get().httpStatus()).isEmpty();
    assertThat(s.lastUpload().get().message()).contains("unreachable");
    assertThat(s.lastSuccessfulSync()).contains(T1);
    assertThat(s.lastSyncAttempt()).contains(T2.plusSeconds(2));

    assertThat(s.backlog().reports()).isEqualTo(1);
    assertThat(s.backlog().readings()).isEqualTo(2);
    assertThat(s.backlog().readingsNotInAReport()).isZero();
    assertThat(s.backlog().oldest()).contains(T2);
    assertThat(s.backlog().bytes()).isGreaterThan(200);
    assertThat(s.backlog().refusedReports()).isZero();

    assertThat(s.devices())
        .extracting(d -> d.serial().orElseThrow())
        .containsExactly("A1", "B2", "OLD1");
    AgentStatus.Device a1 = s.devices().get(0);
    assertThat(a1.lastHeard()).isEqualTo(T2);
    assertThat(a1.snmp()).contains(new SnmpPosture("v3", "authPriv SHA-256/AES-256"));
    assertThat(a1.failures()).containsExactly("supplies: timeout");
    assertThat(a1.silent()).isFalse();
    assertThat(s.devices().get(1).snmp()).contains(SnmpPosture.community("v2c"));
    assertThat(s.devices().get(1).failures()).isEmpty();
    AgentStatus.Device old = s.devices().get(2);
    assertThat(old.lastHeard()).isEqualTo(T1);
    assertThat(old.address()).isEqualTo("127.0.0.9");
    assertThat(old.silent()).as("not heard for two days").isTrue();
    assertThat(s.silentDevices()).isEqualTo(1);
  }

  @Test
  void backlogBytesAreTheStoredSnapshotsAndRefusedReportsAreCountedApart() throws Exception {
    Path db = dir.resolve("agent.db");
    try (AgentStore store = AgentStore.open(db, WireJson.newMapper())) {
      store.record(List.of(printer("A1", "127.0.0.1", T1, Optional.empty())), T1);
      PendingReport refused = store.nextReport(T1, 100);
      store.rejected(attempt(refused.reportId(), T1, 1, 400), "report.invalid", "bad", "0.0.1");
      store.record(List.of(printer("A1", "127.0.0.1", T2, Optional.empty())), T2);

      AgentStatus s = AgentStatusReader.read(store, NextSteps.notRunning(SCHEDULE, NOW), NOW);

      assertThat(s.backlog().readings()).isEqualTo(1);
      assertThat(s.backlog().readingsNotInAReport()).isEqualTo(1);
      assertThat(s.backlog().reports()).isZero();
      assertThat(s.backlog().oldest()).contains(T2);
      assertThat(s.backlog().refusedReports()).isEqualTo(1);
      assertThat(s.backlog().refusedReadings()).isEqualTo(1);
      assertThat(s.backlog().bytes())
          .as("the waiting snapshot's JSON, not the refused one's")
          .isEqualTo(snapshotBytes(db, "report_id IS NULL"))
          .isPositive();
      assertThat(s.lastExchange().get().httpStatus()).contains(400);
      assertThat(s.lastExchange().get().outcome()).isEqualTo("refused");
      assertThat(s.lastPoll()).as("no poll noted").isEmpty();
    }
  }

  private static long snapshotBytes(Path db, String where) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT snapshot FROM outbox_item WHERE " + where)) {
      long n = 0;
      while (rs.next()) {
        n += rs.getString(1).getBytes(StandardCharsets.UTF_8).length;
      }
      return n;
    }
  }

  @Test
  void aNewStoreHasNothingYet() {
    try (AgentStore store = AgentStore.open(dir.resolve("agent.db"), WireJson.newMapper())) {
      AgentStatus s = AgentStatusReader.read(store, NextSteps.notRunning(SCHEDULE, NOW), NOW);
      assertThat(s.lastPoll()).isEmpty();
      assertThat(s.lastExchange()).isEmpty();
      assertThat(s.lastSuccessfulSync()).isEmpty();
      assertThat(s.devices()).isEmpty();
      assertThat(s.backlog().readings()).isZero();
      assertThat(s.backlog().bytes()).isZero();
      assertThat(s.backlog().oldest()).isEmpty();
    }
  }
}
