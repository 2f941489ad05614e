package org.openrps.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.client.HttpsReceiver;
import org.openrps.client.TestTls;
import org.openrps.wire.DeviceDiagnostics;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.MeterReading;
import org.openrps.wire.Receipt;
import org.openrps.wire.Report;
import org.openrps.wire.WireJson;
import org.openrps.wire.command.Command;
import org.openrps.wire.command.CommandBatch;
import org.openrps.wire.command.CommandResult;
import org.openrps.wire.command.CommandTypes;

/**
 * The module against a scripted HTTPS server (real TLS, real sockets): enrolment naming the device,
 * the queue and its bound across restarts, commands applied at most once and never after their
 * expiry on the server's clock, and nothing sent to a server it does not trust. The module against
 * the real server and a simulated printer is tested in the cli module.
 */
class DeviceDirectTest {

  @TempDir Path dir;
  private final TestTls serverTls = TestTls.selfSigned("openrps-test-server");
  private final ObjectMapper json = WireJson.newMapper();
  private HttpsReceiver server;
  private final Instant serverNow = Instant.parse("2026-12-02T10:00:00Z");
  private final List<Command> queued = new CopyOnWriteArrayList<>();
  private final List<CommandResult> results = new CopyOnWriteArrayList<>();
  private final List<Report> reports = new CopyOnWriteArrayList<>();
  private volatile boolean serverUp = true;

  /** A printer that counts what it was asked to do. */
  static final class Host implements DeviceHost {
    final List<String> applied = new ArrayList<>();
    volatile List<DeviceDiagnostics.Fault> faults = List.of();
    long pages = 1000;

    @Override
    public DeviceSnapshot snapshot() {
      Instant now = Instant.parse("2026-12-02T10:00:00Z");
      return new DeviceSnapshot(
          new DeviceIdentity(
              "HP",
              "LaserJet M507",
              "cn-12345",
              "1.3.6.1.4.1.11.2.3.9.1",
              Optional.empty(),
              Optional.of("2.4"),
              Optional.empty(),
              now,
              Optional.of("Room 1")),
          "127.0.0.1",
          now,
          List.of(new MeterReading(MeterReading.TOTAL, pages, "1.3.6.1.2.1.43.10.2.1.4.1.1", now)),
          List.of(),
          new DeviceStatus("idle", List.of(), now));
    }

    @Override
    public DeviceDiagnostics diagnostics() {
      return new DeviceDiagnostics(
          faults,
          List.of(),
          Map.of("firmware", "2.4"),
          Map.of(),
          List.of(),
          Map.of(),
          Instant.parse("2026-12-02T10:00:00Z"));
    }

    @Override
    public synchronized Applied apply(Command command) {
      applied.add(command.id());
      return Applied.done("did " + command.type());
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = new HttpsReceiver(serverTls);
    server.answer(
        r -> {
          try {
            if (!serverUp) {
              return new HttpsReceiver.Answer(503, "{\"code\":\"down\",\"message\":\"down\"}");
            }
            if (r.path().equals("/api/v1/enrol")) {
              return new HttpsReceiver.Answer(
                  201,
                  "{\"clientId\":\"dev-1\",\"secret\":\"s3cret\",\"customer\":\"acme\",\"site\":\"hq\"}");
            }
            if (r.path().equals("/api/v1/client/commands")) {
              return new HttpsReceiver.Answer(
                  200, json.writeValueAsString(new CommandBatch(serverNow, queued, 0)));
            }
            if (r.path().endsWith("/result")) {
              results.add(json.readValue(r.body(), CommandResult.class));
              return new HttpsReceiver.Answer(200, "{}");
            }
            Report report = r.report();
            reports.add(report);
            return new HttpsReceiver.Answer(
                200,
                json.writeValueAsString(
                    new Receipt(report.reportId(), false, report.devices().size(), serverNow)));
          } catch (Exception e) {
            return new HttpsReceiver.Answer(500, "{\"code\":\"test\",\"message\":\"test\"}");
          }
        });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private DeviceDirectConfig config(Clock clock) throws Exception {
    return DeviceDirectConfig.of(
            server.url(),
            Optional.of(serverTls.writePem(dir, "server.pem")),
            Optional.of("CODE-1"),
            dir.resolve("module"))
        .withClock(clock);
  }

  private Command command(String id, String type, Map<String, String> params, Instant expires) {
    return new Command(id, type, params, Optional.empty(), serverNow.minusSeconds(60), expires);
  }

  @Test
  void theFirstContactEnrolsNamingTheDeviceAndSendsAReportWithDiagnostics() throws Exception {
    Host host = new Host();
    host.faults =
        List.of(
            new DeviceDiagnostics.Fault(
                "13.01.00", "Paper jam", "critical", serverNow, Optional.empty()));
    try (DeviceDirect module = DeviceDirect.open(config(Clock.systemUTC()), host)) {
      DeviceDirect.Contact c = module.contact(true);

      assertThat(c.failure()).isEmpty();
      assertThat(c.enrolled()).isTrue();
      assertThat(c.reportsSent()).isEqualTo(1);
      var enrol = json.readTree(server.received().get(0).body());
      assertThat(enrol.path("kind").asText()).isEqualTo("device");
      assertThat(enrol.path("device").path("make").asText()).isEqualTo("HP");
      assertThat(enrol.path("device").path("serial").asText())
          .isEqualTo(org.openrps.wire.key.DeviceKey.of("HP", "cn-12345").serial());
      Report r = reports.get(0);
      assertThat(r.source().id()).isEqualTo("dev-1");
      assertThat(r.schema()).isEqualTo(Report.SCHEMA);
      assertThat(r.devices()).hasSize(1);
      assertThat(r.devices().get(0).diagnostics().orElseThrow().faults())
          .extracting(DeviceDiagnostics.Fault::code)
          .containsExactly("13.01.00");
      assertThat(module.status().clientId()).contains("dev-1");
    }
  }

  @Test
  void aServerItDoesNotTrustGetsNothing() throws Exception {
    TestTls other = TestTls.selfSigned("someone-else");
    DeviceDirectConfig config =
        DeviceDirectConfig.of(
            server.url(),
            Optional.of(other.writePem(dir, "other.pem")),
            Optional.of("CODE-1"),
            dir.resolve("module"));
    try (DeviceDirect module = DeviceDirect.open(config, new Host())) {
      DeviceDirect.Contact c = module.contact(true);

      assertThat(c.failure()).hasValueSatisfying(f -> assertThat(f).contains("not trusted"));
      assertThat(server.requests()).isZero();
      assertThat(c.reportsQueued()).isEqualTo(1); // kept for a server it trusts
    }
  }

  @Test
  void aCommandFetchedAgainIsAppliedOnceAndItsResultSentUntilAcknowledged() throws Exception {
    Host host = new Host();
    queued.add(command("cmd-1", CommandTypes.REBOOT, Map.of(), serverNow.plusSeconds(3600)));
    try (DeviceDirect module = DeviceDirect.open(config(Clock.systemUTC()), host)) {
      module.contact(false);
      serverUp = false;
      module.contact(false); // the server is away: nothing applied, nothing lost
      serverUp = true;
      module.contact(false); // the server replays cmd-1 (its state still says delivered)
    }
    // a restart: the module remembers what it applied
    try (DeviceDirect module = DeviceDirect.open(config(Clock.systemUTC()), host)) {
      module.contact(false);
    }
    assertThat(host.applied).containsExactly("cmd-1");
    assertThat(results).extracting(CommandResult::commandId).containsOnly("cmd-1");
    assertThat(results.get(0).outcome()).isEqualTo(CommandResult.Outcome.done);
  }

  @Test
  void anExpiredCommandIsNeverAppliedWhateverTheDevicesClockSays() throws Exception {
    Host host = new Host();
    // the device's clock is a day behind: by it, the command would still be valid
    Clock behind = Clock.fixed(serverNow.minus(Duration.ofDays(1)), ZoneOffset.UTC);
    queued.add(command("cmd-old", CommandTypes.REBOOT, Map.of(), serverNow.minusSeconds(1)));
    queued.add(command("cmd-ok", CommandTypes.SELF_TEST, Map.of(), serverNow.plusSeconds(60)));
    try (DeviceDirect module = DeviceDirect.open(config(behind), host)) {
      DeviceDirect.Contact c = module.contact(false);
      assertThat(c.failure()).isEmpty();
    }
    assertThat(host.applied).containsExactly("cmd-ok");
    assertThat(results)
        .filteredOn(r -> r.commandId().equals("cmd-old"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(CommandResult.Outcome.failed);
              assertThat(r.message()).contains("expired");
            });
    // results are stamped in server time
    assertThat(results).allSatisfy(r -> assertThat(r.appliedAt()).isAfterOrEqualTo(serverNow));
  }

  @Test
  void anUnknownTypeOrAMissingParameterIsRefusedWithTheReason() throws Exception {
    Host host = new Host();
    queued.add(command("cmd-a", "defrost", Map.of(), serverNow.plusSeconds(60)));
    queued.add(command("cmd-b", CommandTypes.SET_LOCATION, Map.of(), serverNow.plusSeconds(60)));
    try (DeviceDirect module = DeviceDirect.open(config(Clock.systemUTC()), host)) {
      module.contact(false);
    }
    assertThat(host.applied).isEmpty();
    assertThat(results)
        .extracting(CommandResult::commandId, CommandResult::outcome)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("cmd-a", CommandResult.Outcome.failed),
            org.assertj.core.groups.Tuple.tuple("cmd-b", CommandResult.Outcome.failed));
    assertThat(results)
        .filteredOn(r -> r.commandId().equals("cmd-b"))
        .singleElement()
        .satisfies(r -> assertThat(r.message()).contains("location"));
  }

  @Test
  void theQueueIsBoundedKeepsTheNewestAndSurvivesARestart() throws Exception {
    Host host = new Host();
    serverUp = false;
    DeviceDirectConfig config = config(Clock.systemUTC()).withQueueSize(3);
    try (DeviceDirect module = DeviceDirect.open(config, host)) {
      for (int i = 0; i < 5; i++) {
        host.pages = 1000 + i;
        module.contact(true);
      }
      assertThat(module.status().reportsQueued()).isEqualTo(3);
      assertThat(module.status().reportsDropped()).isEqualTo(2);
    }
    serverUp = true;
    try (DeviceDirect module = DeviceDirect.open(config, host)) {
      assertThat(module.status().reportsDropped()).isEqualTo(2);
      DeviceDirect.Contact c = module.contact(false);
      assertThat(c.reportsSent()).isEqualTo(3);
      assertThat(c.reportsQueued()).isZero();
    }
    assertThat(reports)
        .extracting(r -> r.devices().get(0).totalPages().getAsLong())
        .containsExactly(1002L, 1003L, 1004L);
    assertThat(reports).allSatisfy(r -> assertThat(r.source().id()).isEqualTo("dev-1"));
  }

  @Test
  void aNewFaultIsReportedAtOnce() throws Exception {
    Host host = new Host();
    try (DeviceDirect module = DeviceDirect.open(config(Clock.systemUTC()), host)) {
      module.contact(false);
      assertThat(reports).isEmpty();
      module.checkFaults();
      assertThat(reports).isEmpty(); // nothing new
      host.faults =
          List.of(
              new DeviceDiagnostics.Fault(
                  "10.32.00", "Toner empty", "critical", serverNow, Optional.empty()));
      module.checkFaults();
      assertThat(reports).hasSize(1);
      assertThat(reports.get(0).devices().get(0).diagnostics().orElseThrow().faults())
          .extracting(DeviceDiagnostics.Fault::code)
          .containsExactly("10.32.00");
    }
  }
}
