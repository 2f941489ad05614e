package org.openrps.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.server.amr.Amr;
import org.openrps.server.amr.AmrRepository;
import org.openrps.server.amr.BillingSchedule;
import org.openrps.server.amr.MeterRead;
import org.openrps.server.fleet.DeviceDiagnosticsView;
import org.openrps.server.fleet.DeviceRepository;
import org.openrps.server.fleet.DeviceState;
import org.openrps.server.fleet.FieldSources;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.meters.CurrentMeter;
import org.openrps.server.meters.MeterRepository;
import org.openrps.server.meters.ServerMeterCheck;
import org.openrps.server.store.Database;
import org.openrps.server.store.DeviceKey;
import org.openrps.server.store.Role;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.testkit.WireSamples;
import org.openrps.wire.DeviceDiagnostics;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.Source;
import org.openrps.wire.WireJson;

/**
 * One printer seen by an agent (SNMP) and by its own Device Direct module, stored through the
 * ingest path, once per SQL engine (ADR 0020): one device whose groups each keep the newest value
 * with its source, an older report that rolls no group back, meters of the two paths that disagree
 * flagged (and held by AMR) and ones that agree left alone, and the module's faults kept once each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoPathsContract {

  private static final Instant T0 = Instant.parse("2026-10-20T08:00:00Z");
  private static final Source AGENT = WireSamples.agentSource("agt-1");
  private static final Source MODULE = WireSamples.deviceSource("dev-1");
  private static final UserPrincipal PROVIDER =
      new UserPrincipal("pat.provider", TenantId.DEFAULT, Role.provider_admin);

  private Database database;
  private ReportRepository reports;
  private DeviceRepository devices;
  private MeterRepository meters;
  private String url;
  private int reportNumber;

  abstract String freshDatabaseUrl();

  abstract void dropDatabase(String url);

  @BeforeAll
  void open() {
    url = freshDatabaseUrl();
    database = Database.open(url);
    reports = new ReportRepository(database, WireJson.newMapper());
    devices = new DeviceRepository(database);
    meters = new MeterRepository(database);
  }

  @AfterAll
  void close() {
    database.close();
    dropDatabase(url);
  }

  private TenantId customer(String name) {
    database
        .jdbi()
        .useHandle(
            h -> {
              h.execute("INSERT INTO tenants (id, name) VALUES (?, ?)", name, name);
              h.execute("INSERT INTO sites (tenant_id, id, name) VALUES (?, 'default', 'd')", name);
            });
    return TenantId.of(name);
  }

  private void store(TenantId tenant, Source source, DeviceSnapshot d) {
    String id = tenant.value() + "-r" + (++reportNumber);
    reports.store(
        tenant,
        SiteId.DEFAULT,
        WireSamples.report(id, source, d.seenAt(), List.of(d)),
        d.seenAt().plusSeconds(5));
  }

  private static SnapshotBuilder printer(String serial, Instant at, long pages) {
    return SnapshotBuilder.printer("HP", serial).pages(pages).at(at);
  }

  /** The snapshot with another firmware and location in its identity. */
  private static DeviceSnapshot named(DeviceSnapshot d, String firmware, String location) {
    DeviceIdentity i = d.identity();
    return d.withIdentity(
        new DeviceIdentity(
            i.make(),
            i.model(),
            i.serial(),
            i.sysObjectId(),
            i.mac(),
            Optional.of(firmware),
            i.sysName(),
            i.readAt(),
            Optional.of(location)));
  }

  private static DeviceDiagnostics.Fault fault(String code, Instant raised, Instant cleared) {
    return new DeviceDiagnostics.Fault(
        code, "Fuser error " + code, "critical", raised, Optional.ofNullable(cleared));
  }

  private static DeviceDiagnostics diagnostics(
      Instant at, List<DeviceDiagnostics.Fault> active, List<DeviceDiagnostics.Fault> history) {
    return new DeviceDiagnostics(
        active,
        history,
        Map.of("firmware", "2.4.1", "engine", "E7"),
        Map.of("sleepMinutes", "15"),
        List.of(
            new DeviceDiagnostics.PartCounter(
                "fuser", 41_000, OptionalLong.of(150_000), 1, Optional.empty())),
        Map.of("jamsPer1000Pages", 0.4),
        at);
  }

  private DeviceRepository.Groups groups(TenantId t, String serial) {
    return devices.groups(Scope.customer(t), new DeviceKey(t, "HP", serial)).orElseThrow();
  }

  private CurrentMeter total(TenantId t, String serial) {
    return meters.current(Scope.customer(t), new DeviceKey(t, "HP", serial)).stream()
        .filter(m -> m.name().equals("total"))
        .findFirst()
        .orElseThrow();
  }

  private long deviceRows(TenantId t) {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM devices WHERE tenant_id = :t")
                    .bind("t", t.value())
                    .mapTo(Long.class)
                    .one());
  }

  @Test
  void aPrinterReportedByAnAgentAndByItselfIsOneDeviceWhoseGroupsNameTheirSources() {
    TenantId t = customer("two-one");
    Instant t1 = T0;
    Instant t2 = T0.plus(Duration.ofHours(1));
    Instant t3 = T0.plus(Duration.ofHours(2));
    store(t, AGENT, named(printer("P1", t1, 1000).build(), "1.0", "Hall"));
    store(
        t,
        MODULE,
        named(printer("P1", t2, 1100).build(), "2.4.1", "Floor 2")
            .withDiagnostics(
                diagnostics(t2, List.of(fault("SC542", t2.minusSeconds(600), null)), List.of())));

    assertThat(deviceRows(t)).isEqualTo(1);
    DeviceState afterModule =
        devices.find(Scope.customer(t), new DeviceKey(t, "HP", "P1")).orElseThrow();
    assertThat(afterModule.details().firmware()).hasValue("2.4.1");
    assertThat(afterModule.details().location()).hasValue("Floor 2");
    FieldSources s = groups(t, "P1").sources();
    assertThat(s.identity()).isEqualTo(new FieldSources.Source("device", "dev-1", t2));
    assertThat(s.meters()).isEqualTo(new FieldSources.Source("device", "dev-1", t2));
    assertThat(s.diagnostics()).isEqualTo(new FieldSources.Source("device", "dev-1", t2));

    // the agent polls again later: it sends no diagnostics, and takes the other groups
    store(t, AGENT, named(printer("P1", t3, 1150).build(), "2.4.1", "Floor 2 east"));

    assertThat(deviceRows(t)).isEqualTo(1);
    DeviceRepository.Groups g = groups(t, "P1");
    assertThat(g.sources().identity()).isEqualTo(new FieldSources.Source("agent", "agt-1", t3));
    assertThat(g.sources().status()).isEqualTo(new FieldSources.Source("agent", "agt-1", t3));
    assertThat(g.sources().meters()).isEqualTo(new FieldSources.Source("agent", "agt-1", t3));
    assertThat(g.sources().supplies()).isEqualTo(new FieldSources.Source("agent", "agt-1", t3));
    assertThat(g.sources().address()).isEqualTo(new FieldSources.Source("agent", "agt-1", t3));
    assertThat(g.sources().diagnostics())
        .as("the agent's report keeps the module's diagnostics")
        .isEqualTo(new FieldSources.Source("device", "dev-1", t2));
    assertThat(g.diagnosticsJson()).hasValueSatisfying(j -> assertThat(j).contains("SC542"));
    assertThat(
            devices.find(Scope.customer(t), new DeviceKey(t, "HP", "P1")).orElseThrow().details())
        .satisfies(x -> assertThat(x.location()).hasValue("Floor 2 east"));
    assertThat(total(t, "P1").value()).isEqualTo(1150);
    assertThat(total(t, "P1").serverFlags()).isEmpty();
  }

  @Test
  void aReportOlderThanWhatIsHeldForAGroupLeavesThatGroupAlone() {
    TenantId t = customer("two-late");
    Instant t1 = T0;
    Instant t2 = T0.plus(Duration.ofHours(1));
    Instant t3 = T0.plus(Duration.ofHours(2));
    DeviceSnapshot fromModule =
        named(printer("L1", t2, 2000).status("printing").build(), "2.4.1", "Floor 2")
            .withDiagnostics(diagnostics(t2, List.of(), List.of()));
    store(t, MODULE, fromModule);
    // set aside by the agent and sent late: identity read at t3, status and meters at t1
    DeviceSnapshot late = named(printer("L1", t1, 1900).build(), "1.0", "Hall");
    late =
        new DeviceSnapshot(
                late.identity().withReadAt(t3),
                late.address(),
                t1,
                late.counters(),
                late.supplies(),
                new DeviceStatus("idle", List.of("lowToner"), t1))
            .withCounters(late.counters());
    store(t, AGENT, late);

    DeviceState d = devices.find(Scope.customer(t), new DeviceKey(t, "HP", "L1")).orElseThrow();
    FieldSources s = groups(t, "L1").sources();
    assertThat(d.details().location()).as("the newer identity is the agent's").hasValue("Hall");
    assertThat(s.identity()).isEqualTo(new FieldSources.Source("agent", "agt-1", t3));
    assertThat(d.printerStatus()).as("the older status does not roll back").isEqualTo("printing");
    assertThat(s.status()).isEqualTo(new FieldSources.Source("device", "dev-1", t2));
    assertThat(s.meters()).isEqualTo(new FieldSources.Source("device", "dev-1", t2));
    assertThat(total(t, "L1").value()).isEqualTo(2000);
    assertThat(total(t, "L1").source()).isEqualTo("device:dev-1");
    assertThat(d.totalPages()).hasValue(2000);
    assertThat(s.supplies()).isEqualTo(new FieldSources.Source("device", "dev-1", t2));
    assertThat(s.address()).isEqualTo(new FieldSources.Source("device", "dev-1", t2));
    assertThat(s.diagnostics()).isEqualTo(new FieldSources.Source("device", "dev-1", t2));
    // the late reading is history, and not flagged against the newer one
    assertThat(meters.meterHistory(Scope.customer(t), new DeviceKey(t, "HP", "L1")))
        .extracting(m -> m.value())
        .containsExactlyInAnyOrder(2000L, 1900L);
  }

  @Test
  void aModulesMeterBelowTheAgentsEarlierReadingIsFlaggedAndAmrHoldsIt() {
    TenantId t = customer("two-below");
    Amr amr = new Amr(new AmrRepository(database), MutableClock.at(T0));
    amr.setSchedule(
        PROVIDER,
        t,
        BillingSchedule.monthly(ZoneOffset.UTC, Instant.parse("2026-10-15T00:00:00Z")));
    store(t, AGENT, printer("B1", T0, 10_000).build());
    store(t, MODULE, printer("B1", T0.plus(Duration.ofDays(5)), 9_000).build());

    CurrentMeter total = total(t, "B1");
    assertThat(total.value()).as("the value read, never an average").isEqualTo(9_000);
    assertThat(total.serverFlags()).containsExactly(ServerMeterCheck.SOURCES_DISAGREE);
    assertThat(total.source()).isEqualTo("device:dev-1");
    assertThat(total.trustedValue()).hasValue(10_000);
    DeviceState d = devices.find(Scope.customer(t), new DeviceKey(t, "HP", "B1")).orElseThrow();
    assertThat(d.totalPages()).as("a flagged total is no page count").isEmpty();
    assertThat(d.total().flags()).contains(ServerMeterCheck.SOURCES_DISAGREE);

    amr.closeDue(Instant.parse("2026-11-02T00:00:00Z"), "node-a");
    MeterRead read =
        amr.reads(Scope.customer(t), t, "2026-11-01").stream()
            .filter(r -> r.meter().equals("total"))
            .findFirst()
            .orElseThrow();
    assertThat(read.status()).isEqualTo(MeterRead.Status.held);
    assertThat(read.value()).isEmpty();
    assertThat(read.flags()).contains(ServerMeterCheck.SOURCES_DISAGREE);
    assertThat(read.rawValue()).hasValue(9_000);
    assertThat(read.trustedValue()).hasValue(10_000);
  }

  @Test
  void aModulesMeterFarAboveWhatThePrinterCouldPrintSinceTheAgentsReadingIsFlagged() {
    TenantId t = customer("two-above");
    store(t, AGENT, printer("A1", T0, 10_000).build());
    long mostInAnHour = 60 * ServerMeterCheck.MAX_PAGES_PER_MINUTE + ServerMeterCheck.SLACK_PAGES;
    store(
        t, MODULE, printer("A1", T0.plus(Duration.ofHours(1)), 10_000 + mostInAnHour + 1).build());

    assertThat(total(t, "A1").serverFlags()).containsExactly(ServerMeterCheck.SOURCES_DISAGREE);
  }

  @Test
  void metersOfTheTwoPathsThatFitTogetherAreNotFlaggedAndAreBilled() {
    TenantId t = customer("two-agree");
    Amr amr = new Amr(new AmrRepository(database), MutableClock.at(T0));
    amr.setSchedule(
        PROVIDER,
        t,
        BillingSchedule.monthly(ZoneOffset.UTC, Instant.parse("2026-10-15T00:00:00Z")));
    long mostInAnHour = 60 * ServerMeterCheck.MAX_PAGES_PER_MINUTE + ServerMeterCheck.SLACK_PAGES;
    store(t, AGENT, printer("G1", T0, 10_000).build());
    store(t, MODULE, printer("G1", T0.plus(Duration.ofHours(1)), 10_000 + mostInAnHour).build());
    Instant oct31 = Instant.parse("2026-10-31T22:00:00Z");
    store(t, AGENT, printer("G1", oct31, 30_000).build());
    store(t, MODULE, printer("G1", oct31.plusSeconds(60), 30_000).build());

    assertThat(meters.meterHistory(Scope.customer(t), new DeviceKey(t, "HP", "G1")))
        .hasSize(4)
        .allSatisfy(m -> assertThat(m.flags()).isEmpty());
    assertThat(total(t, "G1").serverFlags()).isEmpty();
    assertThat(total(t, "G1").source()).isEqualTo("device:dev-1");

    amr.closeDue(Instant.parse("2026-11-02T00:00:00Z"), "node-a");
    MeterRead read =
        amr.reads(Scope.customer(t), t, "2026-11-01").stream()
            .filter(r -> r.meter().equals("total"))
            .findFirst()
            .orElseThrow();
    assertThat(read.status()).isEqualTo(MeterRead.Status.actual);
    assertThat(read.value()).hasValue(30_000);
  }

  @Test
  void eachFaultIsKeptOnceWithItsClearingTimeAndALateReportDoesNotReopenIt() {
    TenantId t = customer("two-faults");
    Instant t1 = T0;
    Instant t2 = T0.plus(Duration.ofHours(1));
    Instant raised = T0.minusSeconds(600);
    Instant cleared = T0.plusSeconds(1200);
    DeviceDiagnostics.Fault active = fault("SC542", raised, null);
    store(
        t,
        MODULE,
        printer("F1", t1, 100)
            .build()
            .withDiagnostics(diagnostics(t1, List.of(active), List.of())));
    store(
        t,
        MODULE,
        printer("F1", t2, 200)
            .build()
            .withDiagnostics(
                diagnostics(
                    t2,
                    List.of(fault("13.20.00", t2.minusSeconds(60), null)),
                    List.of(fault("SC542", raised, cleared)))));
    // a report of t1 that arrives again, later (another id): the fault was active then
    store(
        t,
        MODULE,
        printer("F1", t1, 100)
            .build()
            .withDiagnostics(diagnostics(t1, List.of(active), List.of())));

    List<DeviceDiagnosticsView.Fault> faults =
        devices.faults(Scope.customer(t), new DeviceKey(t, "HP", "F1"), 100);
    assertThat(faults)
        .extracting(DeviceDiagnosticsView.Fault::code)
        .containsExactly("13.20.00", "SC542");
    assertThat(faults.get(0).clearedAt()).isNull();
    assertThat(faults.get(1).clearedAt()).isEqualTo(cleared);
    assertThat(faults.get(1).raisedAt()).isEqualTo(raised);
    assertThat(faults).allSatisfy(f -> assertThat(f.source()).isEqualTo("device:dev-1"));
    DeviceRepository.Groups g = groups(t, "F1");
    assertThat(g.sources().diagnostics()).isEqualTo(new FieldSources.Source("device", "dev-1", t2));
    assertThat(g.diagnosticsJson()).hasValueSatisfying(j -> assertThat(j).contains("13.20.00"));
    assertThat(
            devices.faults(Scope.customer(customer("two-other")), new DeviceKey(t, "HP", "F1"), 9))
        .as("another customer's scope sees none")
        .isEmpty();
    assertThat(devices.delete(Scope.customer(t), new DeviceKey(t, "HP", "F1"))).isTrue();
    assertThat(devices.faults(Scope.customer(t), new DeviceKey(t, "HP", "F1"), 9)).isEmpty();
  }
}
