package org.openrps.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.poll.PollSettings;
import org.openrps.agent.poll.PolledDevice;
import org.openrps.agent.poll.Poller;
import org.openrps.agent.poll.ScanResult;
import org.openrps.agent.target.TargetList;
import org.openrps.snmp.MibView;
import org.openrps.snmp.Oid;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpResponder;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.MeterReading;
import org.openrps.wire.WireJson;

/**
 * Meter integrity and retention, driven by a hand-made printer over loopback SNMP (127.62.2.x)
 * whose counter and serial the test sets, polled at instants the test chooses.
 */
class MeterIntegrityTest {

  private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");
  private static final Oid LIFE = StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1);

  private static final AtomicLong counter = new AtomicLong();
  private static final AtomicReference<String> serial = new AtomicReference<>("SER-A");
  private static SnmpResponder responder;
  private static SnmpClient client;
  private static int port;

  @TempDir Path dir;
  private final AtomicInteger ids = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    responder = SnmpResponder.start("meter-integrity-test", 1);
    port =
        responder
            .bind(
                new InetSocketAddress(InetAddress.getByName("127.62.2.1"), 0),
                "public",
                livePrinter())
            .getPort();
    client = Snmp.openClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    responder.close();
  }

  /** A printer whose life count and serial are read from the test's variables on each request. */
  private static MibView livePrinter() {
    Map<Oid, SnmpValue> fixed = new HashMap<>();
    fixed.put(StandardMib.SYS_DESCR, SnmpValue.OctetString.of("Test printer"));
    fixed.put(StandardMib.SYS_OBJECT_ID, new SnmpValue.ObjectId(Oid.of("1.3.6.1.4.1.99999.1")));
    fixed.put(
        StandardMib.HR_DEVICE_TYPE.append(1),
        new SnmpValue.ObjectId(StandardMib.HR_DEVICE_PRINTER));
    fixed.put(StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1), SnmpValue.OctetString.of("x"));
    fixed.put(LIFE, new SnmpValue.Counter32(0));
    MibView shape = MibView.of(fixed);
    return new MibView() {
      private SnmpValue live(Oid oid, SnmpValue v) {
        if (oid.equals(LIFE)) {
          return new SnmpValue.Counter32(counter.get());
        }
        if (oid.equals(StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1))) {
          return SnmpValue.OctetString.of(serial.get());
        }
        return v;
      }

      @Override
      public Optional<SnmpValue> get(Oid oid) {
        return shape.get(oid).map(v -> live(oid, v));
      }

      @Override
      public Optional<VarBind> next(Oid oid) {
        return shape.next(oid).map(vb -> new VarBind(vb.oid(), live(vb.oid(), vb.value())));
      }
    };
  }

  private AgentStore open() {
    return AgentStore.open(
        dir.resolve("agent.db"), WireJson.newMapper(), () -> "report-" + ids.incrementAndGet());
  }

  /** One poll of the printer at {@code at}, stored. */
  private DeviceSnapshot pollAndStore(AgentStore store, Instant at) throws Exception {
    Clock clock = Clock.fixed(at, ZoneOffset.UTC);
    PollSettings settings = new PollSettings(port, "public", Duration.ofMillis(300), 0, 4);
    ScanResult result;
    try (Poller poller = new Poller(client, settings, clock)) {
      result = poller.scan(TargetList.of("127.62.2.1"));
    }
    List<PolledDevice> printers = result.printers();
    assertThat(printers).hasSize(1);
    store.record(printers, at);
    return printers.get(0).snapshot();
  }

  private List<MeterReading> history(AgentStore store, String serialNumber) {
    long id =
        store.devices().stream()
            .filter(d -> d.serial().equals(Optional.of(serialNumber)))
            .findFirst()
            .orElseThrow()
            .id();
    return store.meterHistory(id);
  }

  @Test
  void aCounter32WrapAndACounterGoingBackwardsAreFlaggedNeverTurnedIntoPages() throws Exception {
    serial.set("SER-A");
    try (AgentStore store = open()) {
      counter.set(4_294_967_000L);
      pollAndStore(store, T0);
      counter.set(200); // 496 pages later, past 2^32
      pollAndStore(store, T0.plus(Duration.ofDays(1)));
      counter.set(300);
      pollAndStore(store, T0.plus(Duration.ofDays(2)));
      counter.set(250); // a reset, a board swap, a roll-back: not a wrap
      pollAndStore(store, T0.plus(Duration.ofDays(3)));

      assertThat(history(store, "SER-A"))
          .extracting(MeterReading::value, MeterReading::flags, MeterReading::oid)
          .containsExactly(
              tuple(4_294_967_000L, List.of(), "1.3.6.1.2.1.43.10.2.1.4.1.1"),
              tuple(200L, List.of(MeterReading.WRAPPED), "1.3.6.1.2.1.43.10.2.1.4.1.1"),
              tuple(300L, List.of(), "1.3.6.1.2.1.43.10.2.1.4.1.1"),
              tuple(250L, List.of(MeterReading.BACKWARDS), "1.3.6.1.2.1.43.10.2.1.4.1.1"));
      // what the server will get carries the same flags, one reading per report (ADR 0008)
      List<DeviceSnapshot> outbox = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        var report = store.nextReport(T0.plus(Duration.ofDays(3)), 100);
        outbox.addAll(report.devices());
        store.acknowledged(
            new org.openrps.wire.Receipt(report.reportId(), false, 1, T0),
            AgentStoreTest.attempt(report.reportId(), T0.plus(Duration.ofDays(3)), 200));
      }
      assertThat(outbox)
          .extracting(d -> d.counters().get(0).flags())
          .containsExactly(
              List.of(), List.of(MeterReading.WRAPPED), List.of(), List.of(MeterReading.BACKWARDS));
    }
  }

  @Test
  void aNewSerialAtTheSameAddressIsFlaggedAsADeviceReplacement() throws Exception {
    try (AgentStore store = open()) {
      serial.set("SER-OLD");
      counter.set(90_000);
      pollAndStore(store, T0);
      serial.set("SER-NEW");
      counter.set(12);
      pollAndStore(store, T0.plus(Duration.ofDays(1)));
      counter.set(40);
      pollAndStore(store, T0.plus(Duration.ofDays(2)));

      assertThat(history(store, "SER-NEW"))
          .extracting(MeterReading::value, MeterReading::flags)
          .containsExactly(
              tuple(12L, List.of(MeterReading.DEVICE_REPLACED)), tuple(40L, List.of()));
      assertThat(history(store, "SER-OLD"))
          .extracting(MeterReading::flags)
          .containsExactly(List.of());

      // the old device coming back to its address is a known device, not a replacement
      serial.set("SER-OLD");
      counter.set(90_100);
      pollAndStore(store, T0.plus(Duration.ofDays(3)));
      assertThat(history(store, "SER-OLD"))
          .extracting(MeterReading::flags)
          .containsExactly(List.of(), List.of());
    }
  }

  @Test
  void retentionDropsOldReadingsButKeepsTheOutboxAndEachDevicesLatest() throws Exception {
    serial.set("SER-R");
    try (AgentStore store = open()) {
      for (int day = 0; day < 5; day++) {
        counter.set(1000 + day);
        pollAndStore(store, T0.plus(Duration.ofDays(day)));
      }
      // the server acknowledges the first four days, a report each; day 4 stays queued
      for (int day = 0; day < 4; day++) {
        var report = store.nextReport(T0.plus(Duration.ofDays(4)), 4);
        store.acknowledged(
            new org.openrps.wire.Receipt(report.reportId(), false, 1, T0.plus(Duration.ofDays(4))),
            AgentStoreTest.attempt(report.reportId(), T0.plus(Duration.ofDays(4)), 200));
      }

      assertThat(store.uploadCount()).isEqualTo(4);
      // the clock moves on: 30 days kept, 40 days later everything acknowledged is old
      int removed = store.prune(T0.plus(Duration.ofDays(40)), new RetentionPolicy(30));

      assertThat(store.uploadCount()).as("the upload log goes with the readings").isZero();
      assertThat(removed).isEqualTo(4);
      assertThat(history(store, "SER-R")).extracting(MeterReading::value).containsExactly(1004L);
      assertThat(store.pendingCount()).isEqualTo(1);
      assertThat(store.devices()).hasSize(1);

      // a second sweep soon after finds nothing more to remove
      assertThat(store.prune(T0.plus(Duration.ofDays(41)), new RetentionPolicy(30))).isZero();
    }
  }

  @Test
  void retentionIsConfiguredInWholeDaysWithinLimits() {
    assertThat(RetentionPolicy.DEFAULT.days()).isEqualTo(400);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RetentionPolicy(0))
        .hasMessageContaining("1 to 3650");
  }
}
