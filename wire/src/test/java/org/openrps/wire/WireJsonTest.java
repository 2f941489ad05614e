package org.openrps.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class WireJsonTest {

  private final ObjectMapper mapper = WireJson.newMapper();
  private final Instant t = Instant.parse("2026-11-28T08:00:00Z");

  private Report sample() {
    DeviceIdentity id =
        new DeviceIdentity(
            "HP",
            "LaserJet M507",
            "PHBGB12345",
            "1.3.6.1.4.1.11.2.3.9.1",
            Optional.of("00:1b:78:00:00:01"),
            Optional.empty(),
            Optional.of("prn-1"),
            t);
    DeviceSnapshot d =
        new DeviceSnapshot(
            id,
            "127.50.0.1",
            t,
            List.of(new MeterReading(MeterReading.TOTAL, 1234, "1.3.6.1.2.1.43.10.2.1.4.1.1", t)),
            List.of(
                new SupplyReading(
                    1, "Black Toner", "toner", "supplyThatIsConsumed", "percent", 100, -3, t)),
            new DeviceStatus("idle", List.of("lowToner"), t));
    return Report.of("r-1", new Source(Source.Kind.agent, "agent-1", "0.1.0"), t, List.of(d));
  }

  @Test
  void reportSurvivesGzipRoundTrip() throws Exception {
    Report report = sample();
    byte[] gz = WireJson.gzip(mapper, report);
    Report back = mapper.readValue(new GZIPInputStream(new ByteArrayInputStream(gz)), Report.class);
    assertThat(back).isEqualTo(report);
  }

  @Test
  void absentOptionalFieldsAreLeftOutOfTheJson() throws Exception {
    String json = mapper.writeValueAsString(sample());
    assertThat(json).contains("\"mac\":\"00:1b:78:00:00:01\"").doesNotContain("firmware");
    assertThat(json).contains("\"schema\":\"openrps.report/1\"");
  }

  @Test
  void specialSupplyLevelsAreNeverPercentages() {
    SupplyReading someLeft =
        new SupplyReading(1, "Black", "toner", "supplyThatIsConsumed", "percent", 100, -3, t);
    SupplyReading unknownMax =
        new SupplyReading(2, "Cyan", "toner", "supplyThatIsConsumed", "percent", -2, 40, t);
    SupplyReading real =
        new SupplyReading(3, "Drum", "opc", "supplyThatIsConsumed", "impressions", 20000, 5000, t);
    assertThat(someLeft.levelState()).isEqualTo(SupplyReading.LevelState.someRemaining);
    assertThat(someLeft.percent()).isEmpty();
    assertThat(unknownMax.percent()).isEmpty();
    assertThat(real.percent()).hasValue(25.0);
  }

  @Test
  void optionalCollectionFieldsRoundTripAndAreLeftOutWhenEmpty() throws Exception {
    Report plain = sample();
    String json = mapper.writeValueAsString(plain);
    assertThat(json)
        .doesNotContain("\"flags\"")
        .doesNotContain("\"alerts\"")
        .doesNotContain("\"inputs\"")
        .doesNotContain("\"options\"")
        .doesNotContain("partNumber");

    DeviceSnapshot d = plain.devices().get(0);
    DeviceSnapshot full =
        new DeviceSnapshot(
            d.identity(),
            d.address(),
            d.seenAt(),
            List.of(d.counters().get(0).withFlags(List.of(MeterReading.WRAPPED))),
            List.of(
                new SupplyReading(
                    1,
                    "Black Toner, PN 006R01509",
                    "toner",
                    "supplyThatIsConsumed",
                    "percent",
                    100,
                    40,
                    t,
                    Optional.of("006R01509"))),
            new DeviceStatus("idle", List.of(), t, Optional.of("running"), Optional.of(42L)),
            List.of(
                new AlertReading(
                    3, "warning", "trained", "input", "inputMediaSupplyEmpty", "Tray 2 empty", t)),
            List.of(new InputTray(2, "Tray 2", Optional.of("A4"), 500, -3, t)),
            List.of(
                new InstalledOption(3, "diskStorage", "HDD 320 GB", Optional.of("running"), t)));
    Report report = Report.of("r-2", plain.source(), t, List.of(full));
    String text = mapper.writeValueAsString(report);
    assertThat(text).contains("\"flags\":[\"wrapped\"]").contains("\"partNumber\":\"006R01509\"");
    assertThat(mapper.readValue(text, Report.class)).isEqualTo(report);
  }

  @Test
  void anUnknownMeterFlagIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new MeterReading("total", 1, "1.3.6.1", t, List.of("corrected")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("corrected");
  }

  @Test
  void schemaIsPublishedInTheJar() throws Exception {
    try (var in = WireJson.reportSchema()) {
      assertThat(mapper.readTree(in).path("properties").path("schema").path("const").asText())
          .isEqualTo(Report.SCHEMA);
    }
  }
}
