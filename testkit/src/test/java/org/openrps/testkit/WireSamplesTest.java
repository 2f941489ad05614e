package org.openrps.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.MeterReading;
import org.openrps.wire.Report;
import org.openrps.wire.Source;
import org.openrps.wire.SupplyReading;
import org.openrps.wire.WireJson;

class WireSamplesTest {

  private static final Instant T = Instant.parse("2026-02-01T10:00:00Z");

  @Test
  void deviceIsAPrinterWithPagesTonerAndStatusAllReadAtTheGivenInstant() {
    DeviceSnapshot d = WireSamples.device("HP", "CN0001", 1234, 17, T);

    assertThat(d.identity().make()).isEqualTo("HP");
    assertThat(d.identity().serial()).isEqualTo("CN0001");
    assertThat(d.identity().model()).isEqualTo("HP Model 1");
    assertThat(d.identity().sysName()).contains("prn-CN0001");
    assertThat(d.address()).isEqualTo("127.50.0.1");
    assertThat(d.counters())
        .containsExactly(new MeterReading(MeterReading.TOTAL, 1234, SnapshotBuilder.TOTAL_OID, T));
    assertThat(d.supplies()).extracting(SupplyReading::level).containsExactly(17, 5, -3);
    assertThat(d.status().printerStatus()).isEqualTo("idle");
    assertThat(d.status().errors()).containsExactly("lowToner");
    assertThat(d.seenAt()).isEqualTo(T);
  }

  @Test
  void reportOfCountHasThatManyHpPrintersWithNumberedSerials() {
    Report r = WireSamples.report("r-1", "agent-1", T, 3);

    assertThat(r.schema()).isEqualTo(Report.SCHEMA);
    assertThat(r.source()).isEqualTo(new Source(Source.Kind.agent, "agent-1", "0.1.0"));
    assertThat(r.devices())
        .extracting(d -> d.identity().serial())
        .containsExactly("S0000", "S0001", "S0002");
    assertThat(r.devices())
        .extracting(d -> d.counters().get(0).value())
        .containsExactly(1000L, 1001L, 1002L);
  }

  @Test
  void reportOfSnapshotsKeepsThemInOrder() {
    DeviceSnapshot a = WireSamples.device("HP", "A", 1, 50, T);
    DeviceSnapshot b = WireSamples.device("Brother", "B", 2, 60, T);

    Report r = WireSamples.report("r-2", "agent-1", T, a, b);

    assertThat(r.devices()).containsExactly(a, b);
    assertThat(r.createdAt()).isEqualTo(T);
  }

  @Test
  void deviceSourceIsADeviceDirectSender() {
    Report r =
        WireSamples.report(
            "r-3",
            WireSamples.deviceSource("dev-9"),
            T,
            java.util.List.of(WireSamples.device("HP", "X", 1, 1, T)));

    assertThat(r.source().kind()).isEqualTo(Source.Kind.device);
    assertThat(r.source().id()).isEqualTo("dev-9");
  }

  @Test
  void sampleReportsSurviveTheWireJsonRoundTrip() throws Exception {
    ObjectMapper mapper = WireJson.newMapper();
    Report r = WireSamples.report("r-4", "agent-1", T, 5);

    Report back = mapper.readValue(mapper.writeValueAsBytes(r), Report.class);

    assertThat(back).isEqualTo(r);
  }

  @Test
  void builderDefaultsAreTheSampleDevice() {
    DeviceSnapshot built =
        SnapshotBuilder.printer("HP", "CN0001").at(T).pages(1234).tonerLevel(17).build();

    assertThat(built).isEqualTo(WireSamples.device("HP", "CN0001", 1234, 17, T));
  }

  @Test
  void builderSetsEveryFigureTheTestIsAbout() {
    DeviceSnapshot d =
        SnapshotBuilder.printer("Kyocera", "K-1")
            .model("ECOSYS P3145dn")
            .sysObjectId("1.3.6.1.4.1.1347.41")
            .mac(Optional.empty())
            .address("127.60.0.9")
            .at(T)
            .pages(52_000)
            .meter("mono", 50_000, "1.3.6.1.4.1.1347.42.3.1.1.1.1.1")
            .supply("TK-3160", "toner", 100, 7)
            .status("printing", "lowToner", "jammed")
            .build();

    assertThat(d.identity().model()).isEqualTo("ECOSYS P3145dn");
    assertThat(d.identity().sysObjectId()).isEqualTo("1.3.6.1.4.1.1347.41");
    assertThat(d.identity().mac()).isEmpty();
    assertThat(d.address()).isEqualTo("127.60.0.9");
    assertThat(d.counters()).extracting(MeterReading::name).containsExactly("total", "mono");
    assertThat(d.supplies())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.index()).isEqualTo(1);
              assertThat(s.description()).isEqualTo("TK-3160");
              assertThat(s.level()).isEqualTo(7);
              assertThat(s.readAt()).isEqualTo(T);
            });
    assertThat(d.status().printerStatus()).isEqualTo("printing");
    assertThat(d.status().errors()).containsExactly("lowToner", "jammed");
  }

  @Test
  void builderWithoutSuppliesReportsNone() {
    assertThat(SnapshotBuilder.printer("HP", "N").noSupplies().build().supplies()).isEmpty();
  }

  @Test
  void builderWithoutInstantReadsAtTheDefaultInstant() {
    DeviceSnapshot d = SnapshotBuilder.printer("HP", "D").build();

    assertThat(d.seenAt()).isEqualTo(SnapshotBuilder.DEFAULT_AT);
    assertThat(d.counters().get(0).readAt()).isEqualTo(SnapshotBuilder.DEFAULT_AT);
  }
}
