package org.openrps.server.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.server.ingest.ReportRepository;
import org.openrps.server.store.Database;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.testkit.WireSamples;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.WireJson;

/**
 * Incidents from stored reports, run once per SQL engine: opened once, updated while the condition
 * lasts, closed when it has stayed away for the hold-down, one incident through flapping.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IncidentsContract {

  private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
  private static final Duration HOLD_DOWN = Duration.ofMinutes(15);

  private Database database;
  private ReportRepository reports;
  private IncidentRepository incidents;
  private String url;

  abstract String freshDatabaseUrl();

  abstract void dropDatabase(String url);

  @BeforeAll
  void open() {
    url = freshDatabaseUrl();
    database = Database.open(url);
    reports = new ReportRepository(database, WireJson.newMapper());
    incidents = new IncidentRepository(database);
  }

  @AfterAll
  void close() {
    database.close();
    dropDatabase(url);
  }

  private TenantId tenant(String name) {
    database
        .jdbi()
        .useHandle(
            h -> {
              h.execute("INSERT INTO tenants (id, name) VALUES (?, ?)", name, name);
              h.execute("INSERT INTO sites (tenant_id, id, name) VALUES (?, 'default', 'd')", name);
            });
    return TenantId.of(name);
  }

  private static DeviceSnapshot printer(
      String serial, Instant at, List<AlertReading> alerts, String... errors) {
    DeviceSnapshot s =
        SnapshotBuilder.printer("HP", serial).pages(1000).at(at).status("idle", errors).build();
    return new DeviceSnapshot(
        s.identity(),
        s.address(),
        s.seenAt(),
        s.counters(),
        s.supplies(),
        s.status(),
        alerts,
        s.inputs(),
        s.options());
  }

  private void store(TenantId tenant, String id, Instant at, DeviceSnapshot... devices) {
    reports.store(
        tenant, SiteId.DEFAULT, WireSamples.report(id, "agent-1", at, devices), at.plusSeconds(1));
  }

  private List<IncidentRepository.Incident> of(TenantId tenant, boolean openOnly) {
    return incidents.list(Scope.customer(tenant), openOnly, 100);
  }

  @Test
  void aConditionOpensOneIncidentThatClosesAfterTheHoldDownAndFlappingStaysOne() {
    TenantId tenant = tenant("flap");
    AlertReading jam =
        new AlertReading(1, "critical", "trained", "mediaPath", "jam", "Paper jam in tray 2", T0);
    store(
        tenant,
        "r1",
        T0,
        printer("S1", T0, List.of(jam), "jammed"),
        printer("S2", T0, List.of(), "lowToner"));

    IncidentRepository.Changes first = incidents.apply(T0.plus(Duration.ofMinutes(1)), HOLD_DOWN);
    assertThat(first.opened()).isEqualTo(3);
    assertThat(incidents.apply(T0.plus(Duration.ofMinutes(2)), HOLD_DOWN).opened()).isZero();
    assertThat(of(tenant, true))
        .extracting(
            IncidentRepository.Incident::serial,
            IncidentRepository.Incident::code,
            IncidentRepository.Incident::severity)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("S1", "alert:jam", "critical"),
            org.assertj.core.groups.Tuple.tuple("S1", "error:jammed", "critical"),
            org.assertj.core.groups.Tuple.tuple("S2", "error:lowToner", "warning"));
    assertThat(of(tenant, true))
        .filteredOn(i -> i.code().equals("alert:jam"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.openedAt()).isEqualTo(T0); // when the device first showed it
              assertThat(i.description()).contains("Paper jam in tray 2", "trained");
            });

    // the jam clears: absent, but held down
    Instant t10 = T0.plus(Duration.ofMinutes(10));
    store(
        tenant,
        "r2",
        t10,
        printer("S1", t10, List.of()),
        printer("S2", t10, List.of(), "lowToner"));
    assertThat(incidents.apply(t10.plus(Duration.ofMinutes(1)), HOLD_DOWN).absent()).isEqualTo(2);
    assertThat(incidents.apply(t10.plus(Duration.ofMinutes(9)), HOLD_DOWN).closed()).isZero();
    assertThat(of(tenant, true)).hasSize(3);

    // back within the hold-down: the same incident, counted as returned
    Instant t22 = T0.plus(Duration.ofMinutes(22));
    store(
        tenant,
        "r3",
        t22,
        printer("S1", t22, List.of(), "jammed"),
        printer("S2", t22, List.of(), "lowToner"));
    IncidentRepository.Changes back = incidents.apply(t22.plus(Duration.ofMinutes(1)), HOLD_DOWN);
    assertThat(back.opened()).isZero();

    // gone for good: closed at the time it went, once the hold-down has passed
    Instant t30 = T0.plus(Duration.ofMinutes(30));
    store(tenant, "r4", t30, printer("S1", t30, List.of()), printer("S2", t30, List.of()));
    Instant gone = t30.plus(Duration.ofMinutes(1));
    // the alert, gone since t11, closes now; the jam and the low toner go absent
    IncidentRepository.Changes atGone = incidents.apply(gone, HOLD_DOWN);
    assertThat(atGone.closed()).isEqualTo(1);
    assertThat(atGone.absent()).as(of(tenant, false).toString()).isEqualTo(2);
    assertThat(incidents.apply(gone.plus(HOLD_DOWN).minusSeconds(1), HOLD_DOWN).closed()).isZero();
    assertThat(incidents.apply(gone.plus(HOLD_DOWN), HOLD_DOWN).closed()).isEqualTo(2);

    assertThat(of(tenant, true)).isEmpty();
    List<IncidentRepository.Incident> all = of(tenant, false);
    assertThat(all)
        .filteredOn(i -> i.code().equals("error:jammed"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.returned()).isEqualTo(1);
              assertThat(i.closedAt()).hasValue(gone);
            });
    assertThat(all)
        .filteredOn(i -> i.code().equals("alert:jam"))
        .singleElement()
        .satisfies(i -> assertThat(i.closedAt()).hasValue(t10.plus(Duration.ofMinutes(1))));
    assertThat(all)
        .filteredOn(i -> i.code().equals("error:lowToner"))
        .singleElement()
        .satisfies(i -> assertThat(i.closedAt()).isPresent());
    // a new jam after the close is a new incident
    Instant t60 = T0.plus(Duration.ofMinutes(60));
    store(tenant, "r5", t60, printer("S1", t60, List.of(), "jammed"));
    assertThat(incidents.apply(t60.plusSeconds(30), HOLD_DOWN).opened()).isEqualTo(1);
    assertThat(of(tenant, false)).filteredOn(i -> i.code().equals("error:jammed")).hasSize(2);
  }

  @Test
  void aCustomerSeesOnlyItsOwnIncidents() {
    TenantId a = tenant("inc-a");
    TenantId b = tenant("inc-b");
    store(a, "a1", T0, printer("A1", T0, List.of(), "doorOpen"));
    store(b, "b1", T0, printer("B1", T0, List.of(), "noToner"));
    incidents.apply(T0.plusSeconds(60), HOLD_DOWN);

    assertThat(of(a, true)).extracting(IncidentRepository.Incident::serial).containsExactly("A1");
    assertThat(of(b, true))
        .extracting(IncidentRepository.Incident::code)
        .containsExactly("error:noToner");
    assertThat(incidents.list(Scope.provider(), true, 1000))
        .extracting(IncidentRepository.Incident::serial)
        .contains("A1", "B1");
    assertThat(of(a, true).get(0).closedAt()).isEqualTo(Optional.empty());
  }

  @Test
  void anAgentSilentForTheThresholdIsOneIncidentThatClosesWhenItCallsInAgain() {
    TenantId tenant = tenant("silent-agent");
    Instant t = Instant.parse("2027-03-01T08:00:00Z");
    agent(tenant, "quiet-1", "agent", t);
    IncidentRules rules = new IncidentRules(HOLD_DOWN, Duration.ofHours(72), Duration.ofHours(48));
    incidents.apply(t.plus(Duration.ofHours(47)), rules);
    assertThat(agentIncidents(tenant)).isEmpty();

    IncidentRepository.Changes silent = incidents.apply(t.plus(Duration.ofHours(49)), rules);
    assertThat(silent.notices())
        .filteredOn(n -> n.serial().equals("quiet-1"))
        .singleElement()
        .satisfies(n -> assertThat(n.opened()).isTrue());
    incidents.apply(t.plus(Duration.ofHours(50)), rules);
    assertThat(agentIncidents(tenant))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.code()).isEqualTo(IncidentRepository.AGENT_SILENT);
              assertThat(i.openedAt()).isEqualTo(t.plus(Duration.ofHours(48)));
              assertThat(i.closedAt()).isEmpty();
            });
    // a device the silent agent reported is not an incident of its own as well
    assertThat(of(tenant, true)).isEmpty();

    Instant back = t.plus(Duration.ofHours(60));
    contact("quiet-1", back);
    IncidentRepository.Changes resumed = incidents.apply(back.plusSeconds(60), rules);
    assertThat(resumed.notices())
        .filteredOn(n -> n.serial().equals("quiet-1"))
        .singleElement()
        .satisfies(n -> assertThat(n.opened()).isFalse());
    assertThat(agentIncidents(tenant))
        .singleElement()
        .satisfies(i -> assertThat(i.closedAt()).hasValue(back));
    assertThat(incidents.agentIncidents(Scope.customer(TenantId.of("inc-a")), false, 100))
        .isEmpty();
  }

  private List<IncidentRepository.AgentIncident> agentIncidents(TenantId tenant) {
    return incidents.agentIncidents(Scope.customer(tenant), false, 100);
  }

  @Test
  void openAndRecentListsOpenIncidentsFirstThenThoseClosedSinceTheInstantAndNoOlderOnes() {
    TenantId t = tenant("inc-recent");
    store(t, "o1", T0, printer("OLD", T0, List.of(), "doorOpen"), printer("NEW", T0, List.of()));
    incidents.apply(T0.plusSeconds(60), HOLD_DOWN);
    Instant t1 = T0.plus(Duration.ofHours(1));
    store(t, "o2", t1, printer("OLD", t1, List.of()), printer("NEW", t1, List.of(), "jammed"));
    incidents.apply(t1.plusSeconds(60), HOLD_DOWN); // the door: absent; the jam: opened
    incidents.apply(t1.plusSeconds(60).plus(HOLD_DOWN), HOLD_DOWN); // the door: closed
    Instant t2 = T0.plus(Duration.ofHours(2));
    store(
        t,
        "o3",
        t2,
        printer("OLD", t2, List.of(), "noToner"),
        printer("NEW", t2, List.of(), "jammed"));
    incidents.apply(t2.plusSeconds(60), HOLD_DOWN);

    List<IncidentRepository.Incident> recent = incidents.openAndRecent(Scope.customer(t), T0, 100);
    assertThat(recent)
        .extracting(i -> i.serial() + " " + i.code() + " " + i.closedAt().isPresent())
        .containsExactly(
            "OLD error:noToner false", "NEW error:jammed false", "OLD error:doorOpen true");
    // closed before the instant: left out; open ones stay whatever their age
    assertThat(incidents.openAndRecent(Scope.customer(t), t2, 100))
        .extracting(IncidentRepository.Incident::code)
        .containsExactly("error:noToner", "error:jammed");
    assertThat(incidents.openAndRecent(Scope.customer(t), T0, 1)).hasSize(1);
    assertThat(incidents.openAndRecent(Scope.customer(TenantId.of("inc-nobody")), T0, 100))
        .isEmpty();
  }

  private void agent(TenantId tenant, String id, String kind, Instant lastContact) {
    database
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO agents (id, tenant_id, site_id, secret_hash, updated_at, kind,"
                            + " last_contact_at) VALUES (:id, :t, 'default', 'x', :at, :kind, :at)")
                    .bind("id", id)
                    .bind("t", tenant.value())
                    .bind("kind", kind)
                    .bind("at", org.openrps.server.store.Sql.time(lastContact))
                    .execute());
  }

  private void contact(String id, Instant at) {
    database
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate("UPDATE agents SET last_contact_at = :at WHERE id = :id")
                    .bind("id", id)
                    .bind("at", org.openrps.server.store.Sql.time(at))
                    .execute());
  }

  private void storeFrom(
      TenantId tenant, String agent, String id, Instant at, DeviceSnapshot... d) {
    reports.store(tenant, SiteId.DEFAULT, WireSamples.report(id, agent, at, d), at.plusSeconds(1));
  }

  @Test
  void aDeviceItsAgentNoLongerHearsIsAnIncidentButANightOrAWeekendOffIsNot() {
    Duration loss = Duration.ofHours(72);
    TenantId tenant = tenant("loss");
    agent(tenant, "agent-loss", "agent", T0);
    storeFrom(
        tenant,
        "agent-loss",
        "l1",
        T0,
        printer("L1", T0, List.of()),
        printer("L2", T0, List.of()),
        printer("WEEKEND", T0, List.of()));
    // a silent agent: its devices are not "lost by their agent"
    TenantId quiet = tenant("loss-quiet");
    agent(quiet, "agent-quiet", "agent", T0);
    storeFrom(quiet, "agent-quiet", "q1", T0, printer("Q1", T0, List.of()));
    // a Device Direct device that stopped reporting itself
    agent(tenant, "dd-1", "device", T0);
    storeFrom(tenant, "dd-1", "d1", T0, printer("DD1", T0, List.of()));

    // 62 h later (Friday evening to Monday morning) the weekend printer is back
    Instant monday = T0.plus(Duration.ofHours(62));
    contact("agent-loss", monday);
    storeFrom(
        tenant,
        "agent-loss",
        "l2",
        monday,
        printer("L2", monday, List.of()),
        printer("WEEKEND", monday, List.of()));
    assertThat(incidents.apply(monday.plusSeconds(60), HOLD_DOWN, loss).opened()).isZero();

    Instant day4 = T0.plus(Duration.ofDays(4));
    contact("agent-loss", day4);
    storeFrom(
        tenant,
        "agent-loss",
        "l3",
        day4,
        printer("L2", day4, List.of()),
        printer("WEEKEND", day4, List.of()));
    incidents.apply(day4.plusSeconds(60), HOLD_DOWN, loss);
    assertThat(of(tenant, true))
        .extracting(IncidentRepository.Incident::serial, IncidentRepository.Incident::openedAt)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("L1", T0.plus(loss)),
            org.assertj.core.groups.Tuple.tuple("DD1", T0.plus(loss)));
    assertThat(of(tenant, true))
        .allSatisfy(
            i -> {
              assertThat(i.code()).isEqualTo("communication:lost");
              assertThat(i.kind()).isEqualTo("communication");
            });
    assertThat(of(quiet, true)).isEmpty();

    // L1 is heard again: the incident closes after the hold-down, at the time it went
    Instant day5 = T0.plus(Duration.ofDays(5));
    contact("agent-loss", day5);
    storeFrom(tenant, "agent-loss", "l4", day5, printer("L1", day5, List.of()));
    incidents.apply(day5.plusSeconds(60), HOLD_DOWN, loss);
    incidents.apply(day5.plusSeconds(60).plus(HOLD_DOWN), HOLD_DOWN, loss);
    assertThat(of(tenant, false))
        .filteredOn(i -> i.serial().equals("L1"))
        .singleElement()
        .satisfies(i -> assertThat(i.closedAt()).hasValue(day5.plusSeconds(60)));
  }
}
