package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.testkit.MutableClock;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.InputTray;
import org.openrps.wire.InstalledOption;
import org.openrps.wire.MeterReading;
import org.openrps.wire.Report;
import org.openrps.wire.SerialSource;
import org.openrps.wire.SnmpPosture;
import org.openrps.wire.Source;
import org.openrps.wire.SupplyReading;

/**
 * Every field the wire carries is kept and shown by the API, flagged meters are never pages, and a
 * clock that runs ahead does not win: over real TLS, on SQLite and on PostgreSQL.
 */
class EveryFieldKeptTest {

  static final String TOTAL_OID = "1.3.6.1.2.1.43.10.2.1.4.1.1";

  @Nested
  class OnSqlite extends Contract {
    @Override
    Optional<String> jdbcUrl(Path dataDir) {
      return Optional.empty();
    }
  }

  @Nested
  class OnPostgresql extends Contract {
    private String url;

    @Override
    Optional<String> jdbcUrl(Path dataDir) {
      url = Fixtures.freshPgSchema("fields");
      return Optional.of(url);
    }

    @AfterAll
    void dropSchema() {
      Fixtures.dropPgSchema(url);
    }
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class Contract {

    final Instant t0 = Instant.parse("2026-11-30T08:00:00Z");
    final MutableClock clock = MutableClock.at(t0.plus(Duration.ofDays(1)));
    ServerApp server;
    ApiClient api;
    String user;

    abstract Optional<String> jdbcUrl(Path dataDir);

    @BeforeAll
    void start() throws IOException {
      Path dir = org.openrps.testkit.Scratch.directory("openrps-fields");
      server = ServerApp.start(ServerConfig.embedded(dir, 0).withJdbcUrl(jdbcUrl(dir)), clock);
      server.putAgent("agent-1", "secret-1".toCharArray());
      server.putAgent("agent-2", "secret-2".toCharArray());
      server.putUser("viewer", "viewer-password".toCharArray());
      api = new ApiClient(server);
      HttpResponse<String> token =
          api.post(
              "/api/v1/tokens",
              ApiClient.basic("viewer", "viewer-password"),
              "{\"name\":\"fields\",\"role\":\"customer_reader\"}");
      assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
      user = ApiClient.bearer(api.json(token).path("token").asText());
    }

    @AfterAll
    void stop() {
      server.close();
    }

    HttpResponse<String> upload(String agent, Instant createdAt, DeviceSnapshot... devices) {
      Report report =
          Report.of(
              UUID.randomUUID().toString(),
              new Source(Source.Kind.agent, agent, "9.8.7"),
              createdAt,
              List.of(devices));
      return api.upload(report, ApiClient.basic(agent, "secret-" + agent.substring(6)));
    }

    static DeviceSnapshot printer(
        String serial,
        Instant t,
        List<MeterReading> meters,
        List<SupplyReading> supplies,
        List<AlertReading> alerts) {
      return new DeviceSnapshot(
          new DeviceIdentity(
              "Kyocera",
              "ECOSYS P2040dw",
              serial,
              "1.3.6.1.4.1.1347.41",
              Optional.of("00:17:c8:b9:02:de"),
              Optional.of("2RX_3000.002.503"),
              Optional.of("prn-" + serial),
              t,
              Optional.of("Floor 2, copy room")),
          "127.50.0.9",
          t,
          meters,
          supplies,
          new DeviceStatus(
              "idle", List.of("lowToner"), t, Optional.of("warning"), Optional.of(86_400L)),
          alerts,
          List.of(new InputTray(1, "Tray 1", Optional.of("A4"), 500, -3, t)),
          List.of(new InstalledOption(2, "diskStorage", "HDD 320 GB", Optional.of("running"), t)));
    }

    static SupplyReading toner(int level, Instant t) {
      return new SupplyReading(
          1,
          "TK-1162",
          "toner",
          "supplyThatIsConsumed",
          "impressions",
          7200,
          level,
          t,
          Optional.of("TK-1162"));
    }

    static MeterReading total(long value, Instant t, String... flags) {
      return new MeterReading(MeterReading.TOTAL, value, TOTAL_OID, t, List.of(flags));
    }

    JsonNode device(String serial) {
      HttpResponse<String> r = api.get("/api/v1/customers/default/devices/Kyocera/" + serial, user);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return api.json(r);
    }

    JsonNode listed(String query) {
      HttpResponse<String> r = api.get("/api/v1/devices?limit=1000" + query, user);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return api.json(r);
    }

    @Test
    void theDeviceApiShowsSuppliesMetersAlertsTraysOptionsAndTheirSources() {
      AlertReading jam =
          new AlertReading(3, "warning", "untrained", "input", "jam", "Paper jam in tray 1", t0);
      assertThat(
              upload(
                      "agent-1",
                      t0,
                      printer(
                              "F1",
                              t0,
                              List.of(
                                  total(7432, t0),
                                  MeterReading.summed(
                                      "copy",
                                      310,
                                      List.of(
                                          "1.3.6.1.4.1.1347.42.3.1.1.1.1.2",
                                          "1.3.6.1.4.1.1347.42.3.1.1.1.1.3"),
                                      t0)),
                              List.of(toner(5400, t0)),
                              List.of(jam))
                          .withSnmp(SnmpPosture.v3(Optional.of("SHA-256"), Optional.of("AES-128"))))
                  .statusCode())
          .isEqualTo(201);

      JsonNode d = device("F1");
      assertThat(d.path("identity").path("location").asText()).isEqualTo("Floor 2, copy room");
      assertThat(d.path("identity").path("firmware").asText()).isEqualTo("2RX_3000.002.503");
      assertThat(d.path("status").path("deviceStatus").asText()).isEqualTo("warning");
      assertThat(d.path("status").path("uptimeSeconds").asLong()).isEqualTo(86_400L);
      assertThat(d.path("status").path("errors").get(0).asText()).isEqualTo("lowToner");
      assertThat(d.path("total").path("pages").asLong()).isEqualTo(7432);
      assertThat(d.path("totalPages").asLong())
          .as("the v1 field keeps its meaning")
          .isEqualTo(7432);
      assertThat(d.path("printerStatus").asText()).isEqualTo("idle");
      assertThat(d.path("total").path("flagged").asBoolean()).isFalse();
      JsonNode meter = d.path("meters").get(1);
      assertThat(meter.path("name").asText()).isEqualTo("total");
      assertThat(meter.path("oids").get(0).asText()).isEqualTo(TOTAL_OID);
      assertThat(meter.path("source").asText()).isEqualTo("agent:agent-1");
      JsonNode copy = d.path("meters").get(0);
      assertThat(copy.path("name").asText()).isEqualTo("copy");
      assertThat(copy.path("oids")).hasSize(2);
      assertThat(copy.path("oids").get(1).asText()).isEqualTo("1.3.6.1.4.1.1347.42.3.1.1.1.1.3");
      assertThat(d.path("snmp").path("version").asText()).isEqualTo("v3");
      assertThat(d.path("snmp").path("security").asText()).isEqualTo("authPriv SHA-256/AES-128");
      JsonNode supply = d.path("supplies").get(0);
      assertThat(supply.path("partNumber").asText()).isEqualTo("TK-1162");
      assertThat(supply.path("level").asInt()).isEqualTo(5400);
      assertThat(supply.path("max").asInt()).isEqualTo(7200);
      assertThat(supply.path("percent").asDouble()).isEqualTo(75.0);
      assertThat(supply.path("state").asText()).isEqualTo("known");
      assertThat(d.path("alerts").get(0).path("code").asText()).isEqualTo("jam");
      assertThat(d.path("alerts").get(0).path("clearedAt").isNull()).isTrue();
      assertThat(d.path("inputs").get(0).path("name").asText()).isEqualTo("Tray 1");
      assertThat(d.path("inputs").get(0).path("currentLevel").asInt()).isEqualTo(-3);
      assertThat(d.path("options").get(0).path("type").asText()).isEqualTo("diskStorage");
      assertThat(d.path("sources").path("identity").path("kind").asText()).isEqualTo("agent");
      assertThat(d.path("sources").path("identity").path("id").asText()).isEqualTo("agent-1");
    }

    @Test
    void theNamesPeopleUseAndASerialDisagreementAreKeptAndShownAndANewerAgreementClearsTheFlag() {
      Instant t1 = t0.plus(Duration.ofHours(2));
      DeviceSnapshot plain = printer("N1", t1, List.of(total(100, t1)), List.of(), List.of());
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
              t1,
              i.location(),
              Optional.of("Kyocera"),
              Optional.of("TA Triumph-Adler"),
              List.of(
                  new SerialSource("prtGeneralSerialNumber", "N1"),
                  new SerialSource("1.3.6.1.4.1.1347.43.5.1.1.28.1", "N1-OTHER")));
      assertThat(upload("agent-1", t1, plain.withIdentity(named)).statusCode()).isEqualTo(201);
      JsonNode d = device("N1");
      assertThat(d.path("make").asText()).isEqualTo("Kyocera");
      assertThat(d.path("identity").path("manufacturer").asText()).isEqualTo("Kyocera");
      assertThat(d.path("identity").path("brand").asText()).isEqualTo("TA Triumph-Adler");
      JsonNode flag = d.path("identity").path("serialDisagreement");
      assertThat(flag).hasSize(2);
      assertThat(flag.get(0).path("source").asText()).isEqualTo("prtGeneralSerialNumber");
      assertThat(flag.get(0).path("serial").asText()).isEqualTo("N1");
      assertThat(flag.get(1).path("source").asText()).isEqualTo("1.3.6.1.4.1.1347.43.5.1.1.28.1");
      assertThat(flag.get(1).path("serial").asText()).isEqualTo("N1-OTHER");

      // read again an hour later, the sources agree: the flag goes, the names stay
      Instant t2 = t1.plus(Duration.ofHours(1));
      DeviceSnapshot agreed =
          printer("N1", t2, List.of(total(120, t2)), List.of(), List.of())
              .withIdentity(
                  new DeviceIdentity(
                      i.make(),
                      i.model(),
                      i.serial(),
                      i.sysObjectId(),
                      i.mac(),
                      i.firmware(),
                      i.sysName(),
                      t2,
                      i.location(),
                      Optional.of("Kyocera"),
                      Optional.of("TA Triumph-Adler"),
                      List.of()));
      assertThat(upload("agent-1", t2, agreed).statusCode()).isEqualTo(201);
      JsonNode after = device("N1");
      assertThat(after.path("identity").path("serialDisagreement").isNull()).isTrue();
      assertThat(after.path("identity").path("brand").asText()).isEqualTo("TA Triumph-Adler");

      // an agent still on schema 4 is read; it says nothing of names, which keep their values
      Instant t3 = t2.plus(Duration.ofHours(1));
      Report v4 =
          new Report(
              Report.SCHEMA_4,
              UUID.randomUUID().toString(),
              new Source(Source.Kind.agent, "agent-1", "0.4.0"),
              t3,
              List.of(printer("N1", t3, List.of(total(130, t3)), List.of(), List.of())));
      assertThat(api.upload(v4, ApiClient.basic("agent-1", "secret-1")).statusCode())
          .isEqualTo(201);
      JsonNode old = device("N1");
      assertThat(old.path("totalPages").asLong()).isEqualTo(130);
      assertThat(old.path("identity").path("manufacturer").asText()).isEqualTo("Kyocera");
    }

    @Test
    void aWrappedCounterIsFlaggedInTheApiTheCsvAndTheListNeverShownAsPages() {
      Instant t1 = t0.plus(Duration.ofHours(6));
      upload(
          "agent-1",
          t0,
          printer("W1", t0, List.of(total(4_294_966_616L, t0)), List.of(), List.of()));
      assertThat(
              upload(
                      "agent-1",
                      t1,
                      printer("W1", t1, List.of(total(120, t1, "wrapped")), List.of(), List.of()))
                  .statusCode())
          .isEqualTo(201);

      assertThat(device("W1").path("totalPages").isNull()).isTrue();
      JsonNode total = device("W1").path("total");
      assertThat(total.path("pages").isNull()).isTrue();
      assertThat(total.path("flagged").asBoolean()).isTrue();
      assertThat(total.path("flags").get(0).asText()).isEqualTo("wrapped");
      assertThat(total.path("reported").asLong()).isEqualTo(120);
      assertThat(total.path("trusted").asLong()).isEqualTo(4_294_966_616L);
      assertThat(total.path("note").asText()).contains("held for review", "wrapped");

      JsonNode row = findSerial(listed(""), "W1");
      assertThat(row.path("totalPages").isNull()).isTrue();
      assertThat(row.path("totalPagesFlags").get(0).asText()).isEqualTo("wrapped");

      HttpResponse<String> csv = api.get("/api/v1/devices?format=csv", user);
      String header = csv.body().lines().findFirst().orElseThrow();
      String line = csv.body().lines().filter(l -> l.contains(",W1,")).findFirst().orElseThrow();
      List<String> columns = List.of(header.split(","));
      List<String> cells = List.of(line.split(",", -1));
      assertThat(cells.get(columns.indexOf("totalPages"))).isEmpty();
      assertThat(cells.get(columns.indexOf("totalPagesFlags"))).isEqualTo("wrapped");
      assertThat(line).doesNotContain("4294966616");
    }

    @Test
    void theServerFlagsACounterLowerThanOneStoredFromAnotherSource() {
      Instant t1 = t0.plus(Duration.ofHours(1));
      upload("agent-1", t0, printer("B1", t0, List.of(total(1000, t0)), List.of(), List.of()));
      upload("agent-2", t1, printer("B1", t1, List.of(total(900, t1)), List.of(), List.of()));

      JsonNode total = device("B1").path("total");
      assertThat(total.path("pages").isNull()).isTrue();
      assertThat(total.path("flags").get(0).asText()).isEqualTo("backwards");
      assertThat(total.path("trusted").asLong()).isEqualTo(1000);
      JsonNode history =
          api.json(api.get("/api/v1/customers/default/devices/Kyocera/B1/meters", user));
      assertThat(history.get(1).path("serverFlags").get(0).asText()).isEqualTo("backwards");
      assertThat(history.get(1).path("flagged").asBoolean()).isTrue();
      assertThat(history.get(0).path("flagged").asBoolean()).isFalse();
    }

    @Test
    void aReadingFromAClockTenYearsAheadIsRefusedNamingTheFieldAndChangesNothing() {
      upload("agent-1", t0, printer("C1", t0, List.of(total(500, t0)), List.of(), List.of()));
      Instant ahead = clock.instant().plus(Duration.ofDays(3653));
      HttpResponse<String> r =
          upload(
              "agent-1",
              clock.instant(),
              printer("C1", ahead, List.of(total(600, ahead)), List.of(), List.of()));

      assertThat(r.statusCode()).isEqualTo(422);
      JsonNode error = api.json(r);
      assertThat(error.path("code").asText()).isEqualTo("report.clock_ahead");
      assertThat(error.path("message").asText()).startsWith("/devices/0/seenAt");
      JsonNode d = device("C1");
      assertThat(d.path("total").path("pages").asLong()).isEqualTo(500);
      assertThat(d.path("lastSeen").asText()).isEqualTo(t0.toString());
    }

    @Test
    void aReadingFiveMinutesAheadIsWithinTheSkewAndAYearOutsideTheCenturyIsRefused() {
      Instant soon = clock.instant().plus(Duration.ofMinutes(5));
      assertThat(
              upload(
                      "agent-1",
                      clock.instant(),
                      printer("C2", soon, List.of(total(1, soon)), List.of(), List.of()))
                  .statusCode())
          .isEqualTo(201);
      String body =
          "{\"schema\":\"openrps.report/1\",\"reportId\":\"far\",\"source\":{\"kind\":\"agent\","
              + "\"id\":\"agent-1\",\"version\":\"1\"},\"createdAt\":\"+999999999-12-31T23:59:59Z\","
              + "\"devices\":[]}";
      HttpResponse<String> r =
          api.send("POST", "/api/v1/reports", ApiClient.basic("agent-1", "secret-1"), body);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
      assertThat(api.json(r).path("code").asText())
          .isIn("report.time_out_of_range", "report.invalid");
    }

    @Test
    void aReportOfSchemaOneFromAnOlderAgentIsStillStored() {
      String body =
          "{\"schema\":\"openrps.report/1\",\"reportId\":\"old-1\",\"source\":{\"kind\":\"agent\","
              + "\"id\":\"agent-1\",\"version\":\"0.1.0\"},\"createdAt\":\"2026-11-30T08:00:00Z\","
              + "\"devices\":[{\"identity\":{\"make\":\"Kyocera\",\"model\":\"P2040\",\"serial\":\"OLD1\","
              + "\"sysObjectId\":\"1.3.6.1.4.1.1347.41\",\"readAt\":\"2026-11-30T08:00:00Z\"},"
              + "\"address\":\"127.50.0.3\",\"seenAt\":\"2026-11-30T08:00:00Z\",\"counters\":[{\"name\":"
              + "\"total\",\"value\":42,\"oid\":\"1.3.6.1.2.1.43.10.2.1.4.1.1\",\"readAt\":"
              + "\"2026-11-30T08:00:00Z\"}],\"supplies\":[],\"status\":{\"printerStatus\":\"idle\","
              + "\"errors\":[],\"readAt\":\"2026-11-30T08:00:00Z\"}}]}";
      HttpResponse<String> r =
          api.send("POST", "/api/v1/reports", ApiClient.basic("agent-1", "secret-1"), body);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      JsonNode d = device("OLD1");
      assertThat(d.path("total").path("pages").asLong()).isEqualTo(42);
      assertThat(d.path("meters").get(0).path("oids").get(0).asText()).isEqualTo(TOTAL_OID);
      assertThat(d.path("snmp").path("version").isNull()).isTrue();
    }

    @Test
    void aSerialIsFiledUnderTheOneDeviceKeyAndAPlaceholderSerialIsRefused() {
      assertThat(
              upload(
                      "agent-1",
                      t0,
                      printer(" N1\u0000 ", t0, List.of(total(9, t0)), List.of(), List.of()))
                  .statusCode())
          .isEqualTo(201);
      assertThat(device("N1").path("serial").asText()).isEqualTo("N1");

      HttpResponse<String> r =
          upload("agent-1", t0, printer("unknown", t0, List.of(), List.of(), List.of()));
      assertThat(r.statusCode()).isEqualTo(422);
      assertThat(api.json(r).path("message").asText()).startsWith("/devices/0/identity/serial");
    }

    @Test
    void anAlertGetsAClearedTimeWhenItDisappears() {
      Instant t1 = t0.plus(Duration.ofMinutes(30));
      AlertReading cover =
          new AlertReading(1, "warning", "untrained", "cover", "coverOpen", "Close the cover", t0);
      upload("agent-1", t0, printer("A1", t0, List.of(), List.of(), List.of(cover)));
      upload("agent-1", t1, printer("A1", t1, List.of(), List.of(), List.of()));

      JsonNode all = api.json(api.get("/api/v1/customers/default/devices/Kyocera/A1/alerts", user));
      assertThat(all).hasSize(1);
      assertThat(all.get(0).path("code").asText()).isEqualTo("coverOpen");
      assertThat(all.get(0).path("firstSeenAt").asText()).isEqualTo(t0.toString());
      assertThat(all.get(0).path("clearedAt").asText()).isEqualTo(t1.toString());
      JsonNode open =
          api.json(api.get("/api/v1/customers/default/devices/Kyocera/A1/alerts?open=true", user));
      assertThat(open).isEmpty();
      assertThat(device("A1").path("alerts")).isEmpty();
    }

    @Test
    void theDeviceListFiltersByMakeStatusLowSupplyAndNotSeenSince() {
      Instant old = t0.minus(Duration.ofDays(20));
      upload("agent-1", old, printer("L1", old, List.of(), List.of(toner(300, old)), List.of()));
      upload("agent-1", t0, printer("L2", t0, List.of(), List.of(toner(7000, t0)), List.of()));

      assertThat(serials(listed("&lowSupply=10"))).contains("L1").doesNotContain("L2");
      assertThat(serials(listed("&notSeenSince=" + t0.minus(Duration.ofDays(10)))))
          .contains("L1")
          .doesNotContain("L2");
      assertThat(serials(listed("&make=Kyocera&status=idle"))).contains("L1", "L2");
      assertThat(serials(listed("&make=HP"))).doesNotContain("L1", "L2");
      assertThat(api.get("/api/v1/devices?lowSupply=abc", user).statusCode()).isEqualTo(400);
    }

    @Test
    void supplyLevelHistoryIsKeptPerPosition() {
      Instant t1 = t0.plus(Duration.ofDays(1));
      upload("agent-1", t0, printer("S1", t0, List.of(), List.of(toner(7000, t0)), List.of()));
      upload("agent-1", t1, printer("S1", t1, List.of(), List.of(toner(6500, t1)), List.of()));

      JsonNode history =
          api.json(
              api.get(
                  "/api/v1/customers/default/devices/Kyocera/S1/supplies/history?index=1", user));
      assertThat(history).hasSize(2);
      assertThat(history.get(0).path("level").asInt()).isEqualTo(7000);
      assertThat(history.get(1).path("level").asInt()).isEqualTo(6500);
      assertThat(history.get(1).path("partNumber").asText()).isEqualTo("TK-1162");
      HttpResponse<String> csv =
          api.get("/api/v1/customers/default/devices/Kyocera/S1/supplies/history?format=csv", user);
      assertThat(csv.body().lines().count()).isEqualTo(3);
    }

    @Test
    void agentsShowTheirLastContactVersionAndDevicesReported() {
      upload(
          "agent-2",
          t0,
          printer("G1", t0, List.of(), List.of(), List.of()),
          printer("G2", t0, List.of(), List.of(), List.of()));
      JsonNode agent = api.json(api.get("/api/v1/agents/agent-2", user));
      assertThat(agent.path("lastContact").asText()).isEqualTo(clock.instant().toString());
      assertThat(agent.path("version").asText()).isEqualTo("9.8.7");
      assertThat(agent.path("devicesReported").asInt()).isEqualTo(2);
    }

    static JsonNode findSerial(JsonNode list, String serial) {
      for (JsonNode d : list) {
        if (d.path("serial").asText().equals(serial)) {
          return d;
        }
      }
      throw new AssertionError("no device " + serial + " in " + list);
    }

    static List<String> serials(JsonNode list) {
      List<String> out = new ArrayList<>();
      list.forEach(d -> out.add(d.path("serial").asText()));
      return out;
    }
  }
}
