package org.openrps.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class DeviceDeltaTest {

  private final ObjectMapper mapper = WireJson.newMapper();
  private final Instant t0 = Instant.parse("2026-11-28T08:00:00Z");
  private final Instant t1 = Instant.parse("2026-11-28T10:00:00.250Z");

  private DeviceSnapshot snapshot(Instant at, long pages, int toner, List<AlertReading> alerts) {
    DeviceIdentity id =
        new DeviceIdentity(
            "HP",
            "LaserJet M507",
            "PHBGB12345",
            "1.3.6.1.4.1.11.2.3.9.1",
            Optional.of("00:1b:78:00:00:01"),
            Optional.of("2409.1"),
            Optional.of("prn-1"),
            at,
            Optional.of("Floor 2"));
    return new DeviceSnapshot(
        id,
        "127.50.0.1",
        at,
        List.of(
            new MeterReading(MeterReading.TOTAL, pages, "1.3.6.1.2.1.43.10.2.1.4.1.1", at),
            MeterReading.summed(
                "mono", pages - 10, List.of("1.3.6.1.4.1.11.1", "1.3.6.1.4.1.11.2"), at)),
        List.of(
            new SupplyReading(
                1,
                "Black Toner",
                "toner",
                "supplyThatIsConsumed",
                "percent",
                100,
                toner,
                at,
                Optional.of("CF287A"))),
        new DeviceStatus("idle", List.of(), at, Optional.of("running"), Optional.of(1000L)),
        alerts,
        List.of(new InputTray(1, "Tray 1", Optional.of("A4"), 500, 250, at)),
        List.of(new InstalledOption(2, "diskStorage", "HDD", Optional.of("running"), at)),
        Optional.of(SnmpPosture.community(SnmpPosture.V2C)));
  }

  private AlertReading jam(Instant at) {
    return new AlertReading(1, "critical", "untrained", "input", "jam", "Jam in tray 1", at);
  }

  @Test
  void anUnchangedDeviceTravelsAsItsKeyAndTimesAndRebuildsExactly() throws Exception {
    DeviceSnapshot base = snapshot(t0, 1000, 80, List.of());
    DeviceSnapshot now = snapshot(t1, 1000, 80, List.of());
    DeviceDelta delta = DeviceDelta.between(base, now, false).orElseThrow();
    assertThat(delta.partsSent()).isEmpty();
    assertThat(delta.readAt()).isEmpty(); // every part read at seenAt
    assertThat(delta.identity()).isEmpty();
    assertThat(delta.counters()).isEmpty();
    assertThat(delta.applyTo(base)).isEqualTo(now);
    String json = mapper.writeValueAsString(delta);
    assertThat(json).doesNotContain("identity").doesNotContain("counters").doesNotContain("inputs");
  }

  @Test
  void changedMetersAndSuppliesTravelWholeAndAClearedAlertTableAsEmpty() {
    DeviceSnapshot base = snapshot(t0, 1000, 80, List.of(jam(t0)));
    DeviceSnapshot now = snapshot(t1, 1042, 79, List.of());
    DeviceDelta delta = DeviceDelta.between(base, now, false).orElseThrow();
    assertThat(delta.counters()).contains(now.counters());
    assertThat(delta.supplies()).contains(now.supplies());
    assertThat(delta.alerts()).contains(List.of());
    assertThat(delta.identity()).isEmpty();
    assertThat(delta.inputs()).isEmpty();
    assertThat(delta.applyTo(base)).isEqualTo(now);
  }

  @Test
  void metersAlwaysSentWhenAsked() {
    DeviceSnapshot base = snapshot(t0, 1000, 80, List.of());
    DeviceSnapshot now = snapshot(t1, 1000, 80, List.of());
    DeviceDelta delta = DeviceDelta.between(base, now, true).orElseThrow();
    assertThat(delta.counters()).contains(now.counters());
    assertThat(delta.applyTo(base)).isEqualTo(now);
  }

  @Test
  void aPartReadAtItsOwnTimeCarriesThatTime() {
    DeviceSnapshot base = snapshot(t0, 1000, 80, List.of());
    Instant trays = t1.plusMillis(37);
    DeviceSnapshot same = snapshot(t1, 1000, 80, List.of());
    DeviceSnapshot now =
        new DeviceSnapshot(
            same.identity(),
            same.address(),
            same.seenAt(),
            same.counters(),
            same.supplies(),
            same.status(),
            same.alerts(),
            List.of(new InputTray(1, "Tray 1", Optional.of("A4"), 500, 250, trays)),
            same.options(),
            same.snmp());
    DeviceDelta delta = DeviceDelta.between(base, now, false).orElseThrow();
    assertThat(delta.inputs()).isEmpty();
    assertThat(delta.readAt()).containsEntry(DeviceDelta.INPUTS, trays);
    assertThat(delta.applyTo(base)).isEqualTo(now);
  }

  @Test
  void metersReadAtSeveralTimesTravelWhole() {
    DeviceSnapshot base = snapshot(t0, 1000, 80, List.of());
    DeviceSnapshot same = snapshot(t1, 1000, 80, List.of());
    List<MeterReading> mixed =
        List.of(same.counters().get(0), withTime(same.counters().get(1), t1.plusMillis(5)));
    DeviceSnapshot now = same.withCounters(mixed);
    DeviceDelta delta = DeviceDelta.between(base, now, false).orElseThrow();
    assertThat(delta.counters()).contains(mixed);
    assertThat(delta.applyTo(base)).isEqualTo(now);
  }

  @Test
  void anSnmpPostureNowUnknownCannotBeSaidByADelta() {
    DeviceSnapshot base = snapshot(t0, 1000, 80, List.of());
    DeviceSnapshot s = snapshot(t1, 1000, 80, List.of());
    DeviceSnapshot now =
        new DeviceSnapshot(
            s.identity(),
            s.address(),
            s.seenAt(),
            s.counters(),
            s.supplies(),
            s.status(),
            s.alerts(),
            s.inputs(),
            s.options(),
            Optional.empty());
    assertThat(DeviceDelta.between(base, now, false)).isEmpty();
  }

  @Test
  void aDeltaAppliesOnlyToItsOwnBase() {
    DeviceSnapshot base = snapshot(t0, 1000, 80, List.of());
    DeviceDelta delta =
        DeviceDelta.between(base, snapshot(t1, 1001, 80, List.of()), false).orElseThrow();
    assertThatThrownBy(() -> delta.applyTo(snapshot(t0.plusSeconds(1), 1000, 80, List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2026-11-28T08:00:00Z");
  }

  @Test
  void aVersion4ReportWithDeltasSurvivesTheRoundTripAndMeetsItsSchema() throws Exception {
    DeviceSnapshot base = snapshot(t0, 1000, 80, List.of(jam(t0)));
    DeviceDelta delta =
        DeviceDelta.between(base, snapshot(t1, 1042, 80, List.of()), false).orElseThrow();
    Report report =
        new Report(
            Report.SCHEMA_4,
            "r-4",
            new Source(Source.Kind.agent, "agent-1", "0.4.0"),
            t1,
            List.of(),
            Optional.of(SiteFacts.unknown(t1, "0.4.0")),
            List.of(delta));
    String json = mapper.writeValueAsString(report);
    assertThat(json).contains("\"deltas\":[{\"make\":\"HP\"").contains("\"alerts\":[]");
    assertThat(mapper.readValue(json, Report.class)).isEqualTo(report);
    byte[] gz = WireJson.gzip(mapper, report);
    assertThat(mapper.readValue(new GZIPInputStream(new ByteArrayInputStream(gz)), Report.class))
        .isEqualTo(report);
    assertThat(validate(json)).isEmpty();
    assertThat(report.snapshotCount()).isEqualTo(1);
    // Deltas are version 4 only; a delta names its base; its times are known parts only.
    assertThat(validate(json.replace("openrps.report/4", "openrps.report/3"))).isNotEmpty();
    assertThat(validate(json.replace("\"base\":", "\"bass\":"))).isNotEmpty();
    String timed =
        json.replace(
            "\"seenAt\":\"2026-11-28T10:00:00.250Z\",",
            "\"seenAt\":\"2026-11-28T10:00:00.250Z\",\"readAt\":{\"inputs\":\"2026-11-28T10:00:00.300Z\"},");
    assertThat(timed).isNotEqualTo(json);
    assertThat(validate(timed)).isEmpty();
    assertThat(validate(timed.replace("\"inputs\":\"2026", "\"trays\":\"2026"))).isNotEmpty();
    assertThatThrownBy(
            () ->
                new Report(
                    Report.SCHEMA_3,
                    "r",
                    report.source(),
                    t1,
                    List.of(),
                    Optional.empty(),
                    List.of(delta)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openrps.report/4");
  }

  @Test
  void aDeltaCarriesTheNamesAndSerialFlagOfVersion5AndKeepsThemWhenLeftOut() throws Exception {
    DeviceSnapshot plain = snapshot(t0, 1000, 80, List.of());
    DeviceIdentity i = plain.identity();
    DeviceIdentity named =
        new DeviceIdentity(
            i.make(),
            i.model(),
            i.serial(),
            i.sysObjectId(),
            i.mac(),
            i.firmware(),
            i.sysName(),
            t0,
            i.location(),
            Optional.of("HP"),
            Optional.of("HP"),
            List.of(
                new SerialSource("prtGeneralSerialNumber", "PHBGB12345"),
                new SerialSource("1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3.0", "PHBGB99999")));
    DeviceSnapshot base = plain.withIdentity(named);
    // the flag appears: the identity is sent, whole
    DeviceDelta appeared = DeviceDelta.between(plain, base, false).orElseThrow();
    assertThat(appeared.identity()).hasValue(named);
    // read again, the same: the identity is left out and rebuilt with its flag at the new time
    DeviceSnapshot again = snapshot(t1, 1042, 80, List.of());
    DeviceSnapshot againNamed = again.withIdentity(named.withReadAt(t1));
    DeviceDelta same = DeviceDelta.between(base, againNamed, false).orElseThrow();
    assertThat(same.identity()).isEmpty();
    assertThat(same.applyTo(base)).isEqualTo(againNamed);
    Report report =
        new Report(
            Report.SCHEMA_5,
            "r-5",
            new Source(Source.Kind.agent, "agent-1", "0.5.0"),
            t1,
            List.of(),
            Optional.empty(),
            List.of(appeared));
    String json = mapper.writeValueAsString(report);
    assertThat(json).contains("\"serialDisagreement\":[");
    assertThat(mapper.readValue(json, Report.class)).isEqualTo(report);
    assertThat(validate(json)).isEmpty();
    assertThat(validate(json.replace("openrps.report/5", "openrps.report/4"))).isNotEmpty();
    assertThatThrownBy(
            () ->
                new Report(
                    Report.SCHEMA_4,
                    "r",
                    report.source(),
                    t1,
                    List.of(),
                    Optional.empty(),
                    List.of(appeared)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openrps.report/5");
  }

  private static MeterReading withTime(MeterReading m, Instant at) {
    return new MeterReading(m.name(), m.value(), m.oid(), at, m.flags(), m.oids());
  }

  private List<com.networknt.schema.Error> validate(String json) throws Exception {
    try (var in = WireJson.reportSchema()) {
      com.networknt.schema.Schema schema =
          com.networknt.schema.SchemaRegistry.withDefaultDialect(
                  com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
              .getSchema(in);
      return schema.validate(mapper.readTree(json));
    }
  }
}
