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

  private static Report asVersion3(Report r) {
    return new Report(Report.SCHEMA_3, r.reportId(), r.source(), r.createdAt(), r.devices());
  }

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
    assertThat(json).contains("\"schema\":\"openrps.report/7\"").doesNotContain("\"site\"");
    assertThat(json).doesNotContain("manufacturer").doesNotContain("serialDisagreement");
    assertThat(json).doesNotContain("\"deltas\"");
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
  void everySchemaIsPublishedInTheJar() throws Exception {
    for (String version : Report.SCHEMAS) {
      try (var in = WireJson.reportSchema(version)) {
        assertThat(mapper.readTree(in).path("properties").path("schema").path("const").asText())
            .isEqualTo(version);
      }
    }
    assertThat(Report.SCHEMAS)
        .containsExactlyInAnyOrder(
            "openrps.report/1",
            "openrps.report/2",
            "openrps.report/3",
            "openrps.report/4",
            "openrps.report/5",
            "openrps.report/6",
            "openrps.report/7");
  }

  private Report version6() {
    DeviceSnapshot d = sample().devices().get(0);
    DeviceDiagnostics diagnostics =
        new DeviceDiagnostics(
            List.of(
                new DeviceDiagnostics.Fault(
                    "13.20.00", "Jam in the fuser area", "critical", t, Optional.empty())),
            List.of(
                new DeviceDiagnostics.Fault(
                    "10.00.33",
                    "Toner cartridge low",
                    "warning",
                    t.minusSeconds(7200),
                    Optional.of(t.minusSeconds(3600)))),
            java.util.Map.of("firmware", "2.4.1", "engine", "E7.0"),
            java.util.Map.of("location", "Room 12"),
            List.of(
                new DeviceDiagnostics.PartCounter(
                    "fuser", 41_200, java.util.OptionalLong.of(150_000), 1, Optional.of(t))),
            java.util.Map.of("jamsPer1000Pages", 0.4),
            t);
    return new Report(
        Report.SCHEMA_6, "r-6", sample().source(), t, List.of(d.withDiagnostics(diagnostics)));
  }

  @Test
  void version6CarriesADeviceDirectModulesDiagnostics() throws Exception {
    Report report = version6();
    String json = mapper.writeValueAsString(report);
    assertThat(json).contains("\"schema\":\"openrps.report/6\"").contains("\"13.20.00\"");
    assertThat(mapper.readValue(json, Report.class)).isEqualTo(report);
    assertThat(validate(json)).isEmpty();
    // diagnostics are not part of version 5, neither in the schema nor in the record
    assertThat(validate(json.replace("openrps.report/6", "openrps.report/5"))).isNotEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new Report(
                    Report.SCHEMA_5,
                    report.reportId(),
                    report.source(),
                    report.createdAt(),
                    report.devices()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openrps.report/6");
    // a severity the schema does not name is refused
    assertThat(validate(json.replace("\"critical\"", "\"dire\""))).isNotEmpty();
  }

  /** A version-1 report as an agent before schema 2 sent it: no oids, no snmp. */
  private static final String REPORT_1 =
      """
      {"schema":"openrps.report/1","reportId":"r-old",
       "source":{"kind":"agent","id":"agent-1","version":"0.0.9"},
       "createdAt":"2026-11-28T08:00:00Z",
       "devices":[{"identity":{"make":"HP","model":"LaserJet M507","serial":"PHBGB12345",
          "sysObjectId":"1.3.6.1.4.1.11.2.3.9.1","readAt":"2026-11-28T08:00:00Z"},
        "address":"127.50.0.1","seenAt":"2026-11-28T08:00:00Z",
        "counters":[{"name":"total","value":1234,"oid":"1.3.6.1.2.1.43.10.2.1.4.1.1",
          "readAt":"2026-11-28T08:00:00Z"}],
        "supplies":[],
        "status":{"printerStatus":"idle","errors":[],"readAt":"2026-11-28T08:00:00Z"}}]}
      """;

  private Report version2() {
    DeviceSnapshot d = sample().devices().get(0);
    MeterReading summed =
        MeterReading.summed(
            "color",
            900,
            List.of("1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.7.0", "1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.8.0"),
            t);
    return new Report(
        Report.SCHEMA_2,
        "r-new",
        sample().source(),
        t,
        List.of(
            d.withCounters(List.of(d.counters().get(0), summed))
                .withSnmp(SnmpPosture.v3(Optional.of("SHA-256"), Optional.of("AES-128")))));
  }

  private SiteFacts site() {
    return new SiteFacts(
        t,
        "0.3.0",
        Optional.of("print-server.example.com"),
        Optional.of("Head office, floor 2"),
        Optional.of("10.1.2.3"),
        Optional.of("Linux"),
        Optional.of("6.1.0-18-amd64"),
        Optional.of("amd64"),
        Optional.of(64),
        Optional.of("AMD EPYC 7B13"),
        Optional.of(2),
        Optional.of(8_327_000_000L),
        Optional.of(1_200_000_000L),
        Optional.of(100_000_000_000L),
        Optional.of(42_000_000_000L),
        Optional.of("Europe/Paris"),
        Optional.of(1_048_576L),
        Optional.of(65_536L),
        Optional.of(12),
        Optional.of(10),
        Optional.of(2),
        Optional.of("10 profiles sha256:0123456789ab"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The site of {@link #site()} with a schedule and a backlog (schema 7). */
  private SiteFacts siteWithSyncAndBacklog() {
    SiteFacts f = site();
    return f.withSync(
        Optional.of("02:00"),
        Optional.of("Europe/Paris"),
        Optional.of(7200),
        Optional.of(Instant.parse("2026-11-29T01:00:00Z")),
        Optional.of(1234L),
        Optional.of(2_200_000L),
        Optional.of(t.minus(java.time.Duration.ofHours(76))));
  }

  @Test
  void version7CarriesTheAgentsSyncScheduleAndBacklogInItsSite() throws Exception {
    Report report = sample().withSite(siteWithSyncAndBacklog());
    String json = mapper.writeValueAsString(report);
    assertThat(json)
        .contains("\"schema\":\"openrps.report/7\"")
        .contains("\"syncAt\":\"02:00\",\"syncTimeZone\":\"Europe/Paris\"")
        .contains("\"pollEverySeconds\":7200,\"nextSyncAt\":\"2026-11-29T01:00:00Z\"")
        .contains("\"backlogReadings\":1234,\"backlogBytes\":2200000")
        .contains("\"backlogOldest\":\"2026-11-25T04:00:00Z\"");
    assertThat(mapper.readValue(json, Report.class)).isEqualTo(report);
    assertThat(validate(json)).isEmpty();
    // not part of version 6, neither in the schema nor in the record
    assertThat(validate(json.replace("openrps.report/7", "openrps.report/6"))).isNotEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new Report(
                    Report.SCHEMA_6,
                    report.reportId(),
                    report.source(),
                    report.createdAt(),
                    report.devices(),
                    report.site()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openrps.report/7");
    // the facts of version 6 alone still go in a version-6 report
    assertThat(
            new Report(
                    Report.SCHEMA_6,
                    "r-6",
                    report.source(),
                    report.createdAt(),
                    report.devices(),
                    Optional.of(site()))
                .site())
        .hasValue(site());
    // a figure out of range is refused by the schema and by the record
    assertThat(validate(json.replace("\"backlogReadings\":1234", "\"backlogReadings\":-1")))
        .isNotEmpty();
    assertThat(validate(json.replace("\"syncAt\":\"02:00\"", "\"syncAt\":\"2 am\""))).isNotEmpty();
    assertThat(validate(json.replace("\"pollEverySeconds\":7200", "\"pollEverySeconds\":0")))
        .isNotEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> mapper.readValue(json.replace("\"02:00\"", "\"25:00\""), Report.class))
        .hasMessageContaining("syncAt");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                mapper.readValue(
                    json.replace("\"backlogBytes\":2200000", "\"backlogBytes\":-5"), Report.class))
        .hasMessageContaining("backlogBytes");
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

  @Test
  void aVersion1ReportIsReadWithEachMeterFromItsOneOid() throws Exception {
    Report old = mapper.readValue(REPORT_1, Report.class);
    assertThat(old.schema()).isEqualTo(Report.SCHEMA_1);
    MeterReading total = old.devices().get(0).counters().get(0);
    assertThat(total.oids()).containsExactly("1.3.6.1.2.1.43.10.2.1.4.1.1");
    assertThat(old.devices().get(0).snmp()).isEmpty();
  }

  @Test
  void aVersion2ReportCarriesEverySummedOidAndTheSnmpPosture() throws Exception {
    Report report = version2();
    String json = mapper.writeValueAsString(report);
    assertThat(json)
        .contains("\"schema\":\"openrps.report/2\"")
        .contains(
            "\"oid\":\"1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.7.0\","
                + "\"readAt\":\"2026-11-28T08:00:00Z\","
                + "\"oids\":[\"1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.7.0\",\"1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.8.0\"]")
        .contains("\"snmp\":{\"version\":\"v3\",\"security\":\"authPriv SHA-256/AES-128\"}");
    assertThat(mapper.readValue(json, Report.class)).isEqualTo(report);
  }

  @Test
  void theReceiversSchemaAcceptsEveryVersionEachByItsOwnRules() throws Exception {
    assertThat(validate(REPORT_1)).isEmpty();
    assertThat(validate(mapper.writeValueAsString(version2()))).isEmpty();
    assertThat(validate(mapper.writeValueAsString(sample()))).isEmpty();
    // Version 2 needs oids; version 1 knows no snmp.
    assertThat(validate(REPORT_1.replace("openrps.report/1", "openrps.report/2"))).isNotEmpty();
    String v1WithSnmp =
        REPORT_1.replace(
            "\"address\":",
            "\"snmp\":{\"version\":\"v2c\",\"security\":\"community\"},\"address\":");
    assertThat(validate(v1WithSnmp)).isNotEmpty();
    assertThat(validate(v1WithSnmp.replace("openrps.report/1", "openrps.report/2")))
        .isNotEmpty(); // still no oids
    assertThat(validate(REPORT_1.replace("openrps.report/1", "openrps.report/3"))).isNotEmpty();
    assertThat(validate(REPORT_1.replace("openrps.report/1", "openrps.report/4"))).isNotEmpty();
  }

  /** A version-5 identity: an OEM brand, a renamed maker, two serial sources that disagree. */
  private Report version5() {
    DeviceSnapshot d = sample().devices().get(0);
    DeviceIdentity named =
        new DeviceIdentity(
            "Fuji Xerox",
            "ApeosPort C3070",
            "321456",
            "1.3.6.1.4.1.297.1.11.93.1.28.3.1",
            Optional.empty(),
            Optional.of("1.2.3"),
            Optional.empty(),
            t,
            Optional.empty(),
            Optional.of("FUJIFILM Business Innovation"),
            Optional.of("Fuji Xerox"),
            List.of(
                new SerialSource("prtGeneralSerialNumber", "321456"),
                new SerialSource("1.3.6.1.4.1.253.8.53.3.2.1.3.1", "654123")));
    return new Report(Report.SCHEMA_5, "r-5", sample().source(), t, List.of(d.withIdentity(named)));
  }

  @Test
  void aVersion5IdentityCarriesManufacturerBrandAndASerialDisagreement() throws Exception {
    Report report = version5();
    String json = mapper.writeValueAsString(report);
    assertThat(json)
        .contains("\"make\":\"Fuji Xerox\"")
        .contains("\"manufacturer\":\"FUJIFILM Business Innovation\"")
        .contains("\"brand\":\"Fuji Xerox\"")
        .contains(
            "\"serialDisagreement\":[{\"source\":\"prtGeneralSerialNumber\",\"serial\":\"321456\"},"
                + "{\"source\":\"1.3.6.1.4.1.253.8.53.3.2.1.3.1\",\"serial\":\"654123\"}]");
    assertThat(mapper.readValue(json, Report.class)).isEqualTo(report);
    assertThat(validate(json)).isEmpty();
    // the device key is made of make and serial only: the names of version 5 do not change it
    assertThat(org.openrps.wire.key.DeviceKey.of(report.devices().get(0).identity()))
        .hasValue(new org.openrps.wire.key.DeviceKey("Fuji Xerox", "321456"));
  }

  @Test
  void theNamesOfVersion5AreRefusedInOlderVersions() throws Exception {
    String json = mapper.writeValueAsString(version5());
    assertThat(validate(json.replace("openrps.report/5", "openrps.report/4"))).isNotEmpty();
    String oneSource =
        json.replace(",{\"source\":\"1.3.6.1.4.1.253.8.53.3.2.1.3.1\",\"serial\":\"654123\"}", "");
    assertThat(validate(oneSource)).isNotEmpty();
    Report r = version5();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Report(Report.SCHEMA_4, r.reportId(), r.source(), r.createdAt(), r.devices()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openrps.report/5");
    DeviceIdentity id = r.devices().get(0).identity();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new DeviceIdentity(
                    id.make(),
                    id.model(),
                    "654123",
                    id.sysObjectId(),
                    id.mac(),
                    id.firmware(),
                    id.sysName(),
                    t,
                    id.location(),
                    id.manufacturer(),
                    id.brand(),
                    id.serialDisagreement()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("first");
  }

  @Test
  void aVersion4ReportIsStillRead() throws Exception {
    Report v4 = new Report(Report.SCHEMA_4, "r-4", sample().source(), t, sample().devices());
    String json = mapper.writeValueAsString(v4);
    assertThat(validate(json)).isEmpty();
    Report back = mapper.readValue(json, Report.class);
    assertThat(back.schema()).isEqualTo(Report.SCHEMA_4);
    assertThat(back.devices().get(0).identity().brand()).isEmpty();
    assertThat(back.devices().get(0).identity().serialDisagreement()).isEmpty();
  }

  @Test
  void aVersion3ReportCarriesTheSiteFactsAndSurvivesTheRoundTrip() throws Exception {
    Report report = asVersion3(sample()).withSite(site());
    String json = mapper.writeValueAsString(report);
    assertThat(json)
        .contains("\"schema\":\"openrps.report/3\"")
        .contains(
            "\"site\":{\"collectedAt\":\"2026-11-28T08:00:00Z\",\"agentVersion\":\"0.3.0\","
                + "\"hostName\":\"print-server.example.com\"")
        .contains("\"osBits\":64")
        .contains("\"memoryBytes\":8327000000")
        .contains("\"timeZone\":\"Europe/Paris\"");
    assertThat(mapper.readValue(json, Report.class)).isEqualTo(report);
    assertThat(validate(json)).isEmpty();
    byte[] gz = WireJson.gzip(mapper, report);
    assertThat(mapper.readValue(new GZIPInputStream(new ByteArrayInputStream(gz)), Report.class))
        .isEqualTo(report);
  }

  @Test
  void siteFactsThatCouldNotBeReadAreLeftOutAndStayAbsent() throws Exception {
    Report report = sample().withSite(SiteFacts.unknown(t, "0.3.0"));
    String json = mapper.writeValueAsString(report);
    assertThat(json)
        .contains("\"site\":{\"collectedAt\":\"2026-11-28T08:00:00Z\",\"agentVersion\":\"0.3.0\"}");
    Report back = mapper.readValue(json, Report.class);
    assertThat(back).isEqualTo(report);
    assertThat(back.site().orElseThrow().memoryBytes()).isEmpty();
    assertThat(validate(json)).isEmpty();
  }

  @Test
  void theSiteIsVersion3Only() throws Exception {
    String v3 = mapper.writeValueAsString(asVersion3(sample()).withSite(site()));
    // Version 2 knows no site; an unknown fact inside it is refused; a Device Direct report has
    // none and stays valid.
    assertThat(validate(v3.replace("openrps.report/3", "openrps.report/2"))).isNotEmpty();
    assertThat(validate(v3.replace("\"osBits\":64", "\"osBits\":48"))).isNotEmpty();
    assertThat(validate(v3.replace("\"osBits\":64", "\"osBits\":64,\"user\":\"bob\"")))
        .isNotEmpty();
    assertThat(validate(v3.replace("\"memoryBytes\":8327000000", "\"memoryBytes\":-1")))
        .isNotEmpty();
    assertThat(validate(mapper.writeValueAsString(sample()))).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new Report(
                    Report.SCHEMA_2, "r", sample().source(), t, List.of(), Optional.of(site())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openrps.report/3");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                mapper.readValue(
                    v3.replace("\"osBits\":64", "\"osBits\":64,\"user\":\"bob\""), Report.class))
        .hasMessageContaining("user");
  }

  @Test
  void theSnmpPostureNeverHoldsACommunityOrPassphrase() throws Exception {
    assertThat(SnmpPosture.community("v2c").security()).isEqualTo("community");
    assertThat(SnmpPosture.v3(Optional.of("SHA-256"), Optional.empty()).security())
        .isEqualTo("authNoPriv SHA-256");
    assertThat(SnmpPosture.v3(Optional.empty(), Optional.empty()).security())
        .isEqualTo("noAuthNoPriv");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SnmpPosture("v2c", "public"))
        .isInstanceOf(IllegalArgumentException.class);
    String json =
        mapper
            .writeValueAsString(version2())
            .replace("authPriv SHA-256/AES-128", "authPriv my secret phrase");
    assertThat(validate(json)).isNotEmpty();
  }

  @Test
  void aMeterOidIsTheFirstOfItsOids() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new MeterReading("mono", 1, "1.3.6.1.2", t, List.of(), List.of("1.3.6.1.3")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("first");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Report("openrps.report/9", "r", sample().source(), t, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openrps.report/9");
  }
}
