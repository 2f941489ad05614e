package org.openrps.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrps.agent.target.TargetList;
import org.openrps.snmp.AgentSecurity;
import org.openrps.snmp.AuthProtocol;
import org.openrps.snmp.MibView;
import org.openrps.snmp.Oid;
import org.openrps.snmp.Passphrase;
import org.openrps.snmp.PrivProtocol;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpResponder;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.UsmUser;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.MeterReading;
import org.openrps.wire.SnmpPosture;
import org.openrps.wire.SupplyReading;

/**
 * Hand-made devices shaped like real walks (127.62.1.x): printers without Host Resources MIB,
 * partial supply tables, vendor meters and serials from the make's profile, alerts and trays,
 * credential sets.
 */
class VendorPollTest {

  private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);
  private static final Oid SUPPLY = StandardMib.PRT_MARKER_SUPPLIES_TABLE;
  private static final Oid RICOH_COUNTERS = Oid.of("1.3.6.1.4.1.367.3.2.1.2.19.5.1");

  private static final UsmUser V3_USER =
      UsmUser.authPriv(
          "fleet",
          AuthProtocol.SHA256,
          Passphrase.of("auth-pass-123"),
          PrivProtocol.AES256,
          Passphrase.of("priv-pass-123"));

  private static SnmpResponder responder;
  private static SnmpClient client;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    responder = SnmpResponder.start("vendor-poll-test", 1);
    port = responder.bind(at("127.62.1.1", 0), "public", xeroxWithoutHostResources()).getPort();
    responder.bind(at("127.62.1.2", port), "public", ricohWithEngineCounters());
    responder.bind(at("127.62.1.3", port), "public", hp("00CNBRS373G7", null));
    responder.bind(at("127.62.1.4", port), "public", hp(null, "CNBRS373G7"));
    responder.bind(at("127.62.1.5", port), "site-b", hp("CNB0000005", null));
    responder.bind(at("127.62.1.7", port), "public", canonLbpWithNamedCounters());
    responder.bind(
        at("127.62.1.6", port),
        new AgentSecurity(Optional.empty(), List.of(V3_USER), "", 1),
        hp("CNB0000006", null));
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

  /** Like the AltaLink walk: no hrDeviceTable, no prtGeneralSerialNumber, supplies cols 6/8/9. */
  private static MibView xeroxWithoutHostResources() {
    Map<Oid, SnmpValue> m = new HashMap<>();
    m.put(StandardMib.SYS_DESCR, str("Xerox AltaLink C8045; SS 100.002.057.09608"));
    m.put(
        StandardMib.SYS_OBJECT_ID,
        new SnmpValue.ObjectId(Oid.of("1.3.6.1.4.1.253.8.62.1.35.2.3.1.1")));
    m.put(StandardMib.SYS_UP_TIME, new SnmpValue.TimeTicks(4_280_423));
    m.put(StandardMib.SYS_LOCATION, str("Floor 2"));
    m.put(SUPPLY.append(6, 1, 1), str("Black Toner, PN 006R01509;SN48178080E0000481"));
    m.put(SUPPLY.append(8, 1, 1), integer(5300));
    m.put(SUPPLY.append(9, 1, 1), integer(1060));
    m.put(SUPPLY.append(6, 1, 2), str("Fuser, PN unknown;SNunknown"));
    m.put(SUPPLY.append(8, 1, 2), integer(-2));
    m.put(SUPPLY.append(9, 1, 2), integer(-3));
    // xcmHrDevInfoSerialNumber and the xcmHrDevDetail counters of the make's profile
    m.put(Oid.of("1.3.6.1.4.1.253.8.53.3.2.1.3.1"), str("3TB123456"));
    m.put(Oid.of("1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.1"), integer(150_000));
    m.put(Oid.of("1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.33"), integer(40_000));
    m.put(Oid.of("1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.34"), str("110,000")); // garbled
    // alerts: a jam (critical) and toner almost empty (warning)
    Oid alert = Oid.of("1.3.6.1.2.1.43.18.1.1");
    m.put(alert.append(2, 1, 1), integer(3));
    m.put(alert.append(3, 1, 1), integer(3));
    m.put(alert.append(4, 1, 1), integer(13));
    m.put(alert.append(7, 1, 1), integer(8));
    m.put(alert.append(8, 1, 1), str("Paper jam in area 2"));
    m.put(alert.append(2, 1, 2), integer(4));
    m.put(alert.append(3, 1, 2), integer(4));
    m.put(alert.append(4, 1, 2), integer(11));
    m.put(alert.append(7, 1, 2), integer(1104));
    m.put(alert.append(8, 1, 2), str("Black toner low"));
    // input trays: name (13), media (12), max (9), level (10)
    Oid input = Oid.of("1.3.6.1.2.1.43.8.2.1");
    m.put(input.append(9, 1, 1), integer(520));
    m.put(input.append(10, 1, 1), integer(-3));
    m.put(input.append(12, 1, 1), str("A4"));
    m.put(input.append(13, 1, 1), str("Tray 1"));
    return MibView.of(m);
  }

  /** A Ricoh whose engine counters sit in a table chosen by type; a printer by hrDeviceType. */
  private static MibView ricohWithEngineCounters() {
    Map<Oid, SnmpValue> m = new HashMap<>();
    m.put(StandardMib.SYS_DESCR, str("RICOH Aficio MP C3002 2.20"));
    m.put(StandardMib.SYS_OBJECT_ID, new SnmpValue.ObjectId(Oid.of("1.3.6.1.4.1.367.1.1")));
    m.put(
        StandardMib.HR_DEVICE_TYPE.append(1),
        new SnmpValue.ObjectId(StandardMib.HR_DEVICE_PRINTER));
    m.put(StandardMib.HR_DEVICE_DESCR.append(1), str("RICOH Aficio MP C3002"));
    m.put(StandardMib.HR_DEVICE_STATUS.append(1), integer(3));
    m.put(StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1), str("W492KB03439"));
    m.put(StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1), new SnmpValue.Counter32(271_871));
    // an installed hard disk and fax modem
    m.put(
        StandardMib.HR_DEVICE_TYPE.append(2),
        new SnmpValue.ObjectId(Oid.of("1.3.6.1.2.1.25.3.1.6")));
    m.put(StandardMib.HR_DEVICE_DESCR.append(2), str("HDD 320GB"));
    m.put(StandardMib.HR_DEVICE_STATUS.append(2), integer(2));
    m.put(
        StandardMib.HR_DEVICE_TYPE.append(3),
        new SnmpValue.ObjectId(Oid.of("1.3.6.1.2.1.25.3.1.14")));
    m.put(StandardMib.HR_DEVICE_DESCR.append(3), str("Fax Unit Type M19"));
    int[][] rows = {{1, 10, 271_871}, {2, 400, 150_000}, {3, 402, 1_000}, {4, 403, 20_000}};
    for (int[] r : rows) {
      m.put(RICOH_COUNTERS.append(2, r[0]), integer(r[1]));
      m.put(RICOH_COUNTERS.append(9, r[0]), integer(r[2]));
    }
    return MibView.of(m);
  }

  /** A Canon LBP: counters in table C, rows found by their (NUL-terminated) names. */
  private static MibView canonLbpWithNamedCounters() {
    Map<Oid, SnmpValue> m = new HashMap<>();
    m.put(StandardMib.SYS_DESCR, str("Canon LBP664C /P"));
    m.put(StandardMib.SYS_OBJECT_ID, new SnmpValue.ObjectId(Oid.of("1.3.6.1.4.1.1602.4.10")));
    m.put(
        StandardMib.HR_DEVICE_TYPE.append(1),
        new SnmpValue.ObjectId(StandardMib.HR_DEVICE_PRINTER));
    m.put(StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1), str("ZHQ15371"));
    Oid names = Oid.of("1.3.6.1.4.1.1602.1.11.2.1.1.2");
    Oid values = Oid.of("1.3.6.1.4.1.1602.1.11.2.1.1.3");
    String[] rows = {
      "Print (Total 1)", "Total (Full Color + Single Color/Small)", "Total 1", "Total (Black/Small)"
    };
    long[] counts = {900, 300, 1000, 700};
    for (int i = 0; i < rows.length; i++) {
      m.put(
          names.append(i + 1),
          new SnmpValue.OctetString((rows[i] + "\0").getBytes(StandardCharsets.US_ASCII)));
      m.put(values.append(i + 1), new SnmpValue.Counter32(counts[i]));
    }
    return MibView.of(m);
  }

  /** An HP whose serial comes through prtGeneralSerialNumber or HP's own OID. */
  private static MibView hp(String prtSerial, String hpSerial) {
    Map<Oid, SnmpValue> m = new HashMap<>();
    m.put(
        StandardMib.SYS_DESCR,
        str("HP ETHERNET MULTI-ENVIRONMENT,SN:CNBRS373G7,FN:1G11F33,SVCID:26267,PID:HP LaserJet"));
    m.put(StandardMib.SYS_OBJECT_ID, new SnmpValue.ObjectId(Oid.of("1.3.6.1.4.1.11.2.3.9.1")));
    m.put(
        StandardMib.HR_DEVICE_TYPE.append(1),
        new SnmpValue.ObjectId(StandardMib.HR_DEVICE_PRINTER));
    m.put(StandardMib.HR_DEVICE_DESCR.append(1), str("HP LaserJet P2055dn"));
    if (prtSerial != null) {
      m.put(
          StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1),
          new SnmpValue.OctetString((prtSerial + "\0").getBytes(StandardCharsets.US_ASCII)));
    }
    if (hpSerial != null) {
      m.put(Oid.of("1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3.0"), str(hpSerial));
    }
    m.put(StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1), new SnmpValue.Counter32(12_345));
    m.put(Oid.of("1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.6.0"), new SnmpValue.Counter32(12_000));
    return MibView.of(m);
  }

  private ScanResult scan(PollSettings settings, String targets) throws Exception {
    try (Poller poller = new Poller(client, settings, CLOCK)) {
      return poller.scan(TargetList.of(targets));
    }
  }

  private ScanResult scan(String targets) throws Exception {
    return scan(new PollSettings(port, "public", Duration.ofMillis(300), 0, 8), targets);
  }

  @Test
  void aPrinterWithoutHostResourcesIsFoundByItsPrinterMibAndReadWithItsProfile() throws Exception {
    ScanResult result = scan("127.62.1.1");

    assertThat(result.printers()).hasSize(1);
    PolledDevice device = result.printers().get(0);
    DeviceSnapshot s = device.snapshot();
    assertThat(s.identity().make()).isEqualTo("Xerox");
    assertThat(s.identity().serial()).isEqualTo("3TB123456");
    assertThat(s.identity().location()).contains("Floor 2");
    assertThat(s.status().uptimeSeconds()).contains(42_804L);
    assertThat(s.supplies())
        .extracting(
            SupplyReading::description,
            SupplyReading::supplyClass,
            SupplyReading::unit,
            SupplyReading::maxCapacity,
            SupplyReading::level,
            SupplyReading::partNumber)
        .containsExactly(
            tuple(
                "Black Toner, PN 006R01509;SN48178080E0000481",
                "unknown",
                "unknown",
                5300,
                1060,
                Optional.of("006R01509")),
            tuple("Fuser, PN unknown;SNunknown", "unknown", "unknown", -2, -3, Optional.empty()));
    assertThat(s.supplies().get(0).percent()).hasValue(20.0);
    assertThat(s.supplies().get(1).percent()).isEmpty();
    // vendor meters with their OIDs; the garbled mono counter is never a number
    assertThat(s.counters())
        .extracting(MeterReading::name, MeterReading::value, MeterReading::oid)
        .containsExactly(
            tuple("colour", 40_000L, "1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.33"),
            tuple("pages", 150_000L, "1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.1"));
    assertThat(device.failures())
        .extracting(ReadFailure::what)
        .contains(
            "Xerox meter mono 1.3.6.1.4.1.253.8.53.13.2.1.6.1.20.34", "prtMarkerSuppliesTable");
    assertThat(s.alerts())
        .extracting(a -> a.severity(), a -> a.trainingLevel(), a -> a.group(), a -> a.code())
        .containsExactly(
            tuple("critical", "untrained", "mediaPath", "jam"),
            tuple("warning", "trained", "markerSupplies", "markerTonerAlmostEmpty"));
    assertThat(s.alerts().get(0).description()).isEqualTo("Paper jam in area 2");
    assertThat(s.inputs())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.name()).isEqualTo("Tray 1");
              assertThat(t.mediaName()).contains("A4");
              assertThat(t.maxCapacity()).isEqualTo(520);
              assertThat(t.currentLevel()).isEqualTo(-3);
            });
    assertThat(device.access()).contains(new SnmpAccess("v2c", "community", "community"));
    assertThat(s.snmp()).contains(SnmpPosture.community("v2c"));
  }

  @Test
  void tableMetersAreReadFromTheRowOfTheirTypeAndSumsAdded() throws Exception {
    ScanResult result = scan("127.62.1.2");

    DeviceSnapshot s = result.printers().get(0).snapshot();
    assertThat(s.identity().make()).isEqualTo("Ricoh");
    assertThat(s.status().deviceStatus()).contains("warning");
    assertThat(s.options())
        .extracting(o -> o.type(), o -> o.description(), o -> o.status())
        .containsExactly(
            tuple("diskStorage", "HDD 320GB", Optional.of("running")),
            tuple("modem", "Fax Unit Type M19", Optional.empty()));
    assertThat(s.counters())
        .extracting(MeterReading::name, MeterReading::value, MeterReading::oid)
        .containsExactly(
            tuple("total", 271_871L, "1.3.6.1.2.1.43.10.2.1.4.1.1"),
            tuple("pages", 271_871L, "1.3.6.1.4.1.367.3.2.1.2.19.5.1.9.1"),
            tuple("print", 150_000L, "1.3.6.1.4.1.367.3.2.1.2.19.5.1.9.2"),
            tuple("print.colour", 21_000L, "1.3.6.1.4.1.367.3.2.1.2.19.5.1.9.3"));
    // A sum names every OID it added, the first being oid (for readers of report schema 1).
    assertThat(s.counters())
        .extracting(MeterReading::name, m -> m.oids().size(), m -> m.oids().get(0).equals(m.oid()))
        .containsExactly(
            tuple("total", 1, true),
            tuple("pages", 1, true),
            tuple("print", 1, true),
            tuple("print.colour", 2, true));
    assertThat(s.counters().get(3).oids().get(1))
        .startsWith("1.3.6.1.4.1.367.3.2.1.2.19.5.1.9.")
        .isNotEqualTo(s.counters().get(3).oid());
  }

  @Test
  void namedTableRowsAreFoundByNameWhateverTheirIndex() throws Exception {
    DeviceSnapshot s = scan("127.62.1.7").printers().get(0).snapshot();
    assertThat(s.counters())
        .extracting(MeterReading::name, MeterReading::value, MeterReading::oid)
        .containsExactly(
            tuple("colour", 300L, "1.3.6.1.4.1.1602.1.11.2.1.1.3.2"),
            tuple("colour.small", 300L, "1.3.6.1.4.1.1602.1.11.2.1.1.3.2"),
            tuple("mono", 700L, "1.3.6.1.4.1.1602.1.11.2.1.1.3.4"),
            tuple("mono.small", 700L, "1.3.6.1.4.1.1602.1.11.2.1.1.3.4"),
            tuple("pages", 1000L, "1.3.6.1.4.1.1602.1.11.2.1.1.3.3"),
            tuple("print", 900L, "1.3.6.1.4.1.1602.1.11.2.1.1.3.1"));
  }

  @Test
  void hpLeading00SerialGivesTheSameSerialThroughEitherOid() throws Exception {
    ScanResult result = scan("127.62.1.3-127.62.1.4");

    assertThat(result.printers())
        .extracting(p -> p.snapshot().identity().serial())
        .containsExactly("CNBRS373G7", "CNBRS373G7");
    assertThat(result.printers().get(0).snapshot().counters())
        .extracting(MeterReading::name)
        .containsExactly("total", "mono");
  }

  @Test
  void credentialSetsAreTriedInOrderWithinTheirScopeAndTheWorkingOneIsRemembered()
      throws Exception {
    PollSettings settings =
        new PollSettings(
            port,
            List.of(
                CredentialSet.everywhere("default", SnmpCredentials.Community.v2c("public")),
                new CredentialSet(
                    "site B",
                    SnmpCredentials.Community.v2c("site-b"),
                    Optional.of(TargetList.of("127.62.1.5"))),
                new CredentialSet(
                    "elsewhere",
                    SnmpCredentials.Community.v2c("site-b"),
                    Optional.of(TargetList.of("127.62.9.0/24")))),
            Duration.ofMillis(200),
            0,
            8,
            false,
            0);
    try (Poller poller = new Poller(client, settings, CLOCK)) {
      ScanResult first = poller.scan(TargetList.of("127.62.1.4-127.62.1.5"));
      assertThat(first.printers())
          .extracting(p -> p.snapshot().address(), p -> p.access().orElseThrow().credentialSet())
          .containsExactly(tuple("127.62.1.4", "default"), tuple("127.62.1.5", "site B"));

      ScanResult again = poller.scan(TargetList.of("127.62.1.5"));
      assertThat(again.printers().get(0).access())
          .map(SnmpAccess::credentialSet)
          .contains("site B");
    }
  }

  @Test
  void aWrongV3SetFailsFastAndTheNextSetIsTriedAndRecordedAsThePosture() throws Exception {
    UsmUser wrong =
        UsmUser.authPriv(
            "fleet",
            AuthProtocol.SHA256,
            Passphrase.of("not-the-pass"),
            PrivProtocol.AES256,
            Passphrase.of("priv-pass-123"));
    PollSettings settings =
        new PollSettings(
            port,
            List.of(
                CredentialSet.everywhere("v3 old", SnmpCredentials.Usm.of(wrong)),
                CredentialSet.everywhere("v3", SnmpCredentials.Usm.of(V3_USER)),
                CredentialSet.everywhere("v2c", SnmpCredentials.Community.v2c("public"))),
            Duration.ofMillis(300),
            0,
            8,
            false,
            0,
            true);

    ScanResult result = scan(settings, "127.62.1.6, 127.62.1.4");

    assertThat(result.printers())
        .extracting(p -> p.snapshot().address(), p -> p.access().orElseThrow())
        .containsExactly(
            tuple("127.62.1.6", new SnmpAccess("v3", "sha256/aes256", "v3")),
            tuple("127.62.1.4", new SnmpAccess("v2c", "community", "v2c")));
    assertThat(result.printers())
        .extracting(p -> p.snapshot().snmp().orElseThrow().security())
        .containsExactly("authPriv SHA-256/AES-256", "community");
    assertThat(result.printers().get(0).snapshot().identity().serial()).isEqualTo("CNB0000006");
  }

  @Test
  void fipsModeRefusesMd5AndDes() {
    UsmUser md5 =
        UsmUser.authPriv(
            "old",
            AuthProtocol.MD5,
            Passphrase.of("auth-pass-123"),
            PrivProtocol.DES,
            Passphrase.of("priv-pass-123"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new PollSettings(
                    161,
                    List.of(CredentialSet.everywhere("legacy", SnmpCredentials.Usm.of(md5))),
                    Duration.ofSeconds(1),
                    0,
                    8,
                    false,
                    0,
                    true))
        .hasMessageContaining("legacy")
        .hasMessageContaining("FIPS");
  }
}
