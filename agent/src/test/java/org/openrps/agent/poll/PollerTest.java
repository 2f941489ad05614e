package org.openrps.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrps.agent.target.TargetList;
import org.openrps.snmp.MibView;
import org.openrps.snmp.Oid;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpResponder;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.MeterReading;

/**
 * Hand-made SNMP devices over real loopback UDP (127.61.1.x): the cases a fleet of well-behaved
 * simulated printers does not show.
 */
class PollerTest {

  private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);
  private static final Oid LIFE = StandardMib.PRT_MARKER_LIFE_COUNT;
  private static final Oid SUPPLY = StandardMib.PRT_MARKER_SUPPLIES_TABLE;

  private static SnmpResponder responder;
  private static SnmpClient client;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    responder = SnmpResponder.start("poller-test", 1);
    port = responder.bind(at("127.61.1.1", 0), "public", messyPrinter()).getPort();
    responder.bind(at("127.61.1.2", port), "public", aSwitch());
    responder.bind(at("127.61.1.3", port), "public", printerAtIndex(3));
    responder.bind(at("127.61.1.4", port), "other-community", printerAtIndex(1));
    responder.bind(at("127.61.1.5", port), "public", failingSupplies(printerAtIndex(1)));
    client = Snmp.openClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    responder.close();
  }

  private static InetSocketAddress at(String ip, int port) throws Exception {
    return new InetSocketAddress(InetAddress.getByName(ip), port);
  }

  private static SnmpValue str(String s) {
    return SnmpValue.OctetString.of(s);
  }

  private static SnmpValue integer(int v) {
    return new SnmpValue.Integer32(v);
  }

  /** A printer whose values are partly garbled or missing. */
  private static MibView messyPrinter() {
    Map<Oid, SnmpValue> m = new HashMap<>();
    m.put(StandardMib.SYS_DESCR, str("Kyocera ECOSYS P3155dn"));
    m.put(StandardMib.SYS_OBJECT_ID, new SnmpValue.ObjectId(Oid.of("1.3.6.1.4.1.1347.41")));
    m.put(StandardMib.SYS_NAME, str("kyo-1"));
    m.put(StandardMib.SYS_UP_TIME, new SnmpValue.TimeTicks(1234));
    m.put(StandardMib.IF_PHYS_ADDRESS.append(1), new SnmpValue.OctetString(new byte[0]));
    m.put(
        StandardMib.IF_PHYS_ADDRESS.append(2),
        new SnmpValue.OctetString(new byte[] {0x00, 0x17, (byte) 0xC8, 0x0A, (byte) 0xBC, 0x01}));
    m.put(
        StandardMib.HR_DEVICE_TYPE.append(1),
        new SnmpValue.ObjectId(StandardMib.HR_DEVICE_PRINTER));
    // no hrDeviceDescr: the model falls back to sysDescr
    m.put(StandardMib.HR_PRINTER_STATUS.append(1), integer(4));
    m.put(
        StandardMib.HR_PRINTER_DETECTED_ERROR_STATE.append(1),
        new SnmpValue.OctetString(new byte[] {0x20, 0}));
    m.put(
        StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1),
        new SnmpValue.OctetString(
            "  VCF1234567\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    m.put(LIFE.append(1, 1), new SnmpValue.Counter32(98_765));
    m.put(LIFE.append(1, 2), new SnmpValue.Counter32(4_321));
    m.put(LIFE.append(1, 3), str("12,345 pages"));
    // row 1: fine; row 2: level -7 (not an RFC 3805 value); row 3: level is text
    supplyRow(m, 1, 3, 3, "TK-3160", 19, 100, 37);
    supplyRow(m, 2, 3, 9, "Drum", 19, 100, -7);
    supplyRow(m, 3, 3, 4, "Waste toner box", 19, 100, 0);
    m.put(SUPPLY.append(9, 1, 3), str("almost full"));
    return MibView.of(m);
  }

  private static void supplyRow(
      Map<Oid, SnmpValue> m,
      int row,
      int cls,
      int type,
      String descr,
      int unit,
      int max,
      int level) {
    m.put(SUPPLY.append(4, 1, row), integer(cls));
    m.put(SUPPLY.append(5, 1, row), integer(type));
    m.put(SUPPLY.append(6, 1, row), str(descr));
    m.put(SUPPLY.append(7, 1, row), integer(unit));
    m.put(SUPPLY.append(8, 1, row), integer(max));
    m.put(SUPPLY.append(9, 1, row), integer(level));
  }

  /** A managed switch: SNMP, but no printer. */
  private static MibView aSwitch() {
    Map<Oid, SnmpValue> m = new HashMap<>();
    m.put(StandardMib.SYS_DESCR, str("ProCurve J9773A Switch 2530-24G-PoEP"));
    m.put(StandardMib.SYS_OBJECT_ID, new SnmpValue.ObjectId(Oid.of("1.3.6.1.4.1.11.2.3.7.11.154")));
    m.put(StandardMib.SYS_NAME, str("sw-1"));
    m.put(StandardMib.SYS_UP_TIME, new SnmpValue.TimeTicks(99));
    m.put(
        StandardMib.HR_DEVICE_TYPE.append(1),
        new SnmpValue.ObjectId(Oid.of("1.3.6.1.2.1.25.3.1.3")));
    return MibView.of(m);
  }

  /** A clean printer whose printer device has hrDeviceIndex {@code index}. */
  private static MibView printerAtIndex(int index) {
    Map<Oid, SnmpValue> m = new HashMap<>();
    m.put(StandardMib.SYS_DESCR, str("Brother NC-8300h, Firmware Ver.1.14"));
    m.put(StandardMib.SYS_OBJECT_ID, new SnmpValue.ObjectId(Oid.of("1.3.6.1.4.1.2435.2.3.9.1")));
    m.put(StandardMib.SYS_NAME, str("brn-3"));
    m.put(StandardMib.SYS_UP_TIME, new SnmpValue.TimeTicks(5));
    if (index != 1) {
      m.put(
          StandardMib.HR_DEVICE_TYPE.append(1),
          new SnmpValue.ObjectId(Oid.of("1.3.6.1.2.1.25.3.1.4")));
    }
    m.put(
        StandardMib.HR_DEVICE_TYPE.append(index),
        new SnmpValue.ObjectId(StandardMib.HR_DEVICE_PRINTER));
    m.put(StandardMib.HR_DEVICE_DESCR.append(index), str("Brother HL-L6400DW series"));
    m.put(StandardMib.HR_PRINTER_STATUS.append(index), integer(3));
    m.put(
        StandardMib.HR_PRINTER_DETECTED_ERROR_STATE.append(index),
        new SnmpValue.OctetString(new byte[] {0}));
    m.put(StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(index), str("E78123A4N123456"));
    m.put(LIFE.append(index, 1), new SnmpValue.Counter32(5_000));
    m.put(SUPPLY.append(4, index, 1), integer(3));
    m.put(SUPPLY.append(5, index, 1), integer(3));
    m.put(SUPPLY.append(6, index, 1), str("Black Toner Cartridge"));
    m.put(SUPPLY.append(7, index, 1), integer(99));
    m.put(SUPPLY.append(8, index, 1), integer(-2));
    m.put(SUPPLY.append(9, index, 1), integer(-3));
    return MibView.of(m);
  }

  /**
   * A printer whose agent fails (genErr) when asked inside the supplies level column. A run of
   * other variables after the life count keeps GETBULKs of earlier walks from reaching it.
   */
  private static MibView failingSupplies(MibView printer) {
    Map<Oid, SnmpValue> filler = new HashMap<>();
    for (int i = 1; i <= 60; i++) {
      filler.put(Oid.of("1.3.6.1.2.1.43.10.2.1.5.1").append(i), new SnmpValue.Counter32(i));
    }
    MibView extra = MibView.of(filler);
    Oid level = StandardMib.PRT_MARKER_SUPPLIES_LEVEL;
    return new MibView() {
      @Override
      public java.util.Optional<SnmpValue> get(Oid oid) {
        return printer.get(oid).or(() -> extra.get(oid));
      }

      @Override
      public java.util.Optional<org.openrps.snmp.VarBind> next(Oid oid) {
        if (oid.startsWith(level)) {
          throw new IllegalStateException("agent bug in the supplies table");
        }
        var a = printer.next(oid);
        var b = extra.next(oid);
        if (a.isEmpty()) {
          return b;
        }
        if (b.isEmpty()) {
          return a;
        }
        return a.get().oid().compareTo(b.get().oid()) <= 0 ? a : b;
      }
    };
  }

  private ScanResult scan(String targets) throws Exception {
    PollSettings settings = new PollSettings(port, "public", Duration.ofMillis(300), 1, 8);
    try (Poller poller = new Poller(client, settings, CLOCK)) {
      return poller.scan(TargetList.of(targets));
    }
  }

  @Test
  void partialPrinterIsKeptWithWhatItGaveAndGarbledValuesAreNeverNumbers() throws Exception {
    ScanResult result = scan("127.61.1.1");

    assertThat(result.printers()).hasSize(1);
    PolledDevice device = result.printers().get(0);
    DeviceSnapshot s = device.snapshot();
    assertThat(s.identity().make()).isEqualTo("Kyocera");
    assertThat(s.identity().model()).isEqualTo("Kyocera ECOSYS P3155dn");
    assertThat(s.identity().serial()).isEqualTo("VCF1234567");
    assertThat(s.identity().mac()).contains("00:17:c8:0a:bc:01");
    assertThat(s.identity().sysName()).contains("kyo-1");
    assertThat(s.address()).isEqualTo("127.61.1.1");
    assertThat(s.counters())
        .extracting(MeterReading::name, MeterReading::value, MeterReading::oid)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("total", 98_765L, "1.3.6.1.2.1.43.10.2.1.4.1.1"),
            org.assertj.core.groups.Tuple.tuple(
                "total.marker2", 4_321L, "1.3.6.1.2.1.43.10.2.1.4.1.2"));
    assertThat(s.totalPages()).hasValue(98_765);
    assertThat(s.supplies())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.description()).isEqualTo("TK-3160");
              assertThat(r.type()).isEqualTo("toner");
              assertThat(r.supplyClass()).isEqualTo("supplyThatIsConsumed");
              assertThat(r.unit()).isEqualTo("percent");
              assertThat(r.level()).isEqualTo(37);
              assertThat(r.readAt()).isEqualTo(T);
            });
    assertThat(s.status().printerStatus()).isEqualTo("printing");
    assertThat(s.status().errors()).containsExactly("lowToner");
    assertThat(device.partial()).isTrue();
    assertThat(device.failures())
        .extracting(ReadFailure::what)
        .containsExactlyInAnyOrder(
            "prtMarkerLifeCount 1.3.6.1.2.1.43.10.2.1.4.1.3",
            "prtMarkerSuppliesTable row 1.2",
            "prtMarkerSuppliesTable row 1.3");
    assertThat(device.failures().get(0).reason()).contains("OctetString");
  }

  @Test
  void nonPrinterIsOutOfScopeAndSilentAddressesAreUnreachable() throws Exception {
    ScanResult result = scan("127.61.1.2, 127.61.1.200, 127.61.1.4");

    assertThat(result.addressesScanned()).isEqualTo(3);
    assertThat(result.printers()).isEmpty();
    assertThat(result.outOfScope()).containsExactly("127.61.1.2");
    // nothing listens on .200; .4 answers only another community, i.e. not at all
    assertThat(result.unreachable())
        .extracting(Unreachable::address)
        .containsExactly("127.61.1.200", "127.61.1.4");
    // silence, whether nothing listens or the community is wrong: SNMP cannot tell them apart
    assertThat(result.unreachable().get(0).reason())
        .isEqualTo("no answer (wrong community or not SNMP)");
    assertThat(result.unreachable().get(1).reason())
        .isEqualTo("no answer (wrong community or not SNMP)");
    assertThat(result.unreachable().get(0).kind()).contains(AttemptFailure.Kind.noAnswer);
    assertThat(result.unreachable().get(0).attempts())
        .extracting(AttemptFailure::detail)
        .allMatch(d -> d.contains("did not answer within"));
  }

  @Test
  void printerIsFoundByWhatItAnswersEvenAtAnotherDeviceIndex() throws Exception {
    ScanResult result = scan("127.61.1.3");

    assertThat(result.printers())
        .singleElement()
        .satisfies(
            p -> {
              DeviceSnapshot s = p.snapshot();
              assertThat(p.failures()).isEmpty();
              assertThat(s.identity().make()).isEqualTo("Brother");
              assertThat(s.identity().model()).isEqualTo("Brother HL-L6400DW series");
              assertThat(s.identity().serial()).isEqualTo("E78123A4N123456");
              assertThat(s.identity().mac()).isEmpty();
              assertThat(s.totalPages()).hasValue(5_000);
              assertThat(s.status().printerStatus()).isEqualTo("idle");
              assertThat(s.supplies())
                  .singleElement()
                  .satisfies(
                      r -> {
                        assertThat(r.levelState())
                            .isEqualTo(org.openrps.wire.SupplyReading.LevelState.someRemaining);
                        assertThat(r.percent()).isEmpty();
                        assertThat(r.unit()).isEqualTo("other(99)");
                      });
            });
  }

  @Test
  void tableThatFailsIsRecordedAndTheDeviceKeptWithTheRest() throws Exception {
    ScanResult result = scan("127.61.1.5");

    assertThat(result.printers())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.snapshot().identity().serial()).isEqualTo("E78123A4N123456");
              assertThat(p.snapshot().totalPages()).hasValue(5_000);
              assertThat(p.snapshot().status().printerStatus()).isEqualTo("idle");
              assertThat(p.snapshot().supplies()).isEmpty();
              assertThat(p.failures())
                  .singleElement()
                  .satisfies(
                      f -> {
                        assertThat(f.what()).isEqualTo("prtMarkerSuppliesTable");
                        assertThat(f.reason()).startsWith("errorStatus");
                      });
            });
  }
}
