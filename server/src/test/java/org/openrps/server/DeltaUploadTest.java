package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.testkit.MutableClock;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceDelta;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.InputTray;
import org.openrps.wire.InstalledOption;
import org.openrps.wire.MeterReading;
import org.openrps.wire.Report;
import org.openrps.wire.SnmpPosture;
import org.openrps.wire.Source;
import org.openrps.wire.SupplyReading;

/**
 * Deltas (schema openrps.report/4, ADR 0010): the server rebuilds the full snapshot from the base
 * it holds for the device from that agent, and stores exactly what the full snapshot would have
 * stored; an unknown base gets 409 {@code delta.base.unknown} and stores nothing; the same report
 * id sent again with full snapshots is stored once. Over real TLS, on SQLite and PostgreSQL.
 */
class DeltaUploadTest {

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
      url = Fixtures.freshPgSchema("deltas");
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
    final Instant t1 = t0.plus(Duration.ofHours(2)).plusMillis(123);
    final MutableClock clock = MutableClock.at(t0.plus(Duration.ofDays(1)));
    ServerApp server;
    ApiClient api;
    String user;

    abstract Optional<String> jdbcUrl(Path dataDir);

    @BeforeAll
    void start() throws IOException {
      Path dir = org.openrps.testkit.Scratch.directory("openrps-deltas");
      server = ServerApp.start(ServerConfig.embedded(dir, 0).withJdbcUrl(jdbcUrl(dir)), clock);
      server.putAgent("agent-1", "secret-1".toCharArray());
      server.putAgent("agent-2", "secret-2".toCharArray());
      server.putUser("viewer", "viewer-password".toCharArray());
      api = new ApiClient(server);
      HttpResponse<String> token =
          api.post(
              "/api/v1/tokens",
              ApiClient.basic("viewer", "viewer-password"),
              "{\"name\":\"deltas\",\"role\":\"customer_reader\"}");
      assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
      user = ApiClient.bearer(api.json(token).path("token").asText());
    }

    @AfterAll
    void stop() {
      server.close();
    }

    static DeviceSnapshot printer(String serial, Instant t, long pages, List<AlertReading> al) {
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
          List.of(
              new MeterReading(MeterReading.TOTAL, pages, "1.3.6.1.2.1.43.10.2.1.4.1.1", t),
              new MeterReading("mono", pages, "1.3.6.1.4.1.1347.42.3.1.1.1.1.1", t)),
          List.of(
              new SupplyReading(
                  1,
                  "TK-1162",
                  "toner",
                  "supplyThatIsConsumed",
                  "impressions",
                  7200,
                  3000,
                  t,
                  Optional.of("TK-1162"))),
          new DeviceStatus("idle", List.of(), t, Optional.of("running"), Optional.of(86_400L)),
          al,
          List.of(new InputTray(1, "Tray 1", Optional.of("A4"), 500, -3, t)),
          List.of(new InstalledOption(2, "diskStorage", "HDD 320 GB", Optional.of("running"), t)),
          Optional.of(SnmpPosture.community(SnmpPosture.V2C)));
    }

    static AlertReading jam(Instant t) {
      return new AlertReading(3, "warning", "untrained", "input", "jam", "Paper jam", t);
    }

    Report report(String id, String agent, List<DeviceSnapshot> full, List<DeviceDelta> deltas) {
      return new Report(
          Report.SCHEMA_4,
          id,
          new Source(Source.Kind.agent, agent, "9.8.7"),
          t1,
          full,
          Optional.empty(),
          deltas);
    }

    HttpResponse<String> upload(Report report) {
      String agent = report.source().id();
      return api.upload(report, ApiClient.basic(agent, "secret-" + agent.substring(6)));
    }

    /** What the API shows of a device: detail, readings, meter and supply history, alerts. */
    String shown(String serial) {
      StringBuilder all = new StringBuilder();
      String base = "/api/v1/customers/default/devices/Kyocera/" + serial;
      for (String path : List.of("", "/readings", "/meters", "/supplies/history", "/alerts")) {
        HttpResponse<String> r = api.get(base + path, user);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        all.append(path).append(": ").append(r.body()).append('\n');
      }
      return all.toString();
    }

    @Test
    void aDeltaStoresExactlyWhatItsFullSnapshotWouldHave() {
      // FULL gets full snapshots, DELTA the same readings with the second as a delta.
      DeviceSnapshot fullBefore = printer("FULL", t0, 1000, List.of(jam(t0)));
      DeviceSnapshot fullNow = printer("FULL", t1, 1042, List.of());
      DeviceSnapshot deltaBefore = printer("DELTA", t0, 1000, List.of(jam(t0)));
      DeviceSnapshot deltaNow = printer("DELTA", t1, 1042, List.of());
      DeviceDelta delta = DeviceDelta.between(deltaBefore, deltaNow, false).orElseThrow();
      assertThat(delta.identity()).isEmpty();
      assertThat(delta.inputs()).isEmpty();
      assertThat(delta.alerts()).contains(List.of());

      assertThat(upload(report("f-1", "agent-1", List.of(fullBefore), List.of())).statusCode())
          .isEqualTo(201);
      assertThat(upload(report("f-2", "agent-1", List.of(fullNow), List.of())).statusCode())
          .isEqualTo(201);
      assertThat(upload(report("d-1", "agent-1", List.of(deltaBefore), List.of())).statusCode())
          .isEqualTo(201);
      HttpResponse<String> sent = upload(report("d-2", "agent-1", List.of(), List.of(delta)));
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
      assertThat(api.json(sent).path("devices").asInt()).isEqualTo(1);

      String viaFull = shown("FULL").replace("f-1", "r-1").replace("f-2", "r-2");
      String viaDelta =
          shown("DELTA").replace("DELTA", "FULL").replace("d-1", "r-1").replace("d-2", "r-2");
      assertThat(viaFull).contains("1042").contains("HDD 320 GB").contains("Floor 2, copy room");
      assertThat(viaDelta).isEqualTo(viaFull);
    }

    @Test
    void anUnknownBaseIsAnsweredWithItsCodeStoresNothingAndTheFullResendIsStoredOnce() {
      DeviceSnapshot before = printer("MISS", t0, 500, List.of());
      DeviceSnapshot now = printer("MISS", t1, 510, List.of());
      DeviceDelta delta = DeviceDelta.between(before, now, false).orElseThrow();
      // The base was never stored (a server restored from a backup, say).
      HttpResponse<String> miss = upload(report("m-1", "agent-1", List.of(), List.of(delta)));
      assertThat(miss.statusCode()).as(miss.body()).isEqualTo(409);
      assertThat(api.json(miss).path("code").asText()).isEqualTo("delta.base.unknown");
      assertThat(api.get("/api/v1/customers/default/devices/Kyocera/MISS", user).statusCode())
          .isEqualTo(404);

      HttpResponse<String> full = upload(report("m-1", "agent-1", List.of(now), List.of()));
      assertThat(full.statusCode()).as(full.body()).isEqualTo(201);
      // The first delta's upload again (a lost answer): a duplicate, whatever its base.
      HttpResponse<String> again = upload(report("m-1", "agent-1", List.of(), List.of(delta)));
      assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
      assertThat(api.json(again).path("duplicate").asBoolean()).isTrue();
      HttpResponse<String> readings =
          api.get("/api/v1/customers/default/devices/Kyocera/MISS/readings", user);
      assertThat(api.json(readings).size()).as(readings.body()).isEqualTo(1);
    }

    @Test
    void aBaseIsTheSendersOwnAndNamedByItsTime() {
      DeviceSnapshot before = printer("MOVED", t0, 700, List.of());
      DeviceSnapshot now = printer("MOVED", t1, 710, List.of());
      assertThat(upload(report("o-1", "agent-1", List.of(before), List.of())).statusCode())
          .isEqualTo(201);
      DeviceDelta delta = DeviceDelta.between(before, now, false).orElseThrow();
      // Another agent (the device moved) holds no base of its own for it.
      HttpResponse<String> other = upload(report("o-2", "agent-2", List.of(), List.of(delta)));
      assertThat(other.statusCode()).as(other.body()).isEqualTo(409);
      // A base named by another time than the one the server holds is unknown too.
      DeviceDelta stale =
          DeviceDelta.between(printer("MOVED", t0.minusSeconds(7200), 690, List.of()), now, false)
              .orElseThrow();
      HttpResponse<String> old = upload(report("o-3", "agent-1", List.of(), List.of(stale)));
      assertThat(old.statusCode()).as(old.body()).isEqualTo(409);
      HttpResponse<String> good = upload(report("o-4", "agent-1", List.of(), List.of(delta)));
      assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
      assertThat(shown("MOVED")).contains("710");
    }
  }
}
