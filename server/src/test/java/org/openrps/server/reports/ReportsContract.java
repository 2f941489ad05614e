package org.openrps.server.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.server.accounts.CustomerRepository;
import org.openrps.server.http.ApiException;
import org.openrps.server.incidents.IncidentRepository;
import org.openrps.server.ingest.ReportRepository;
import org.openrps.server.store.Database;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.Sql;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.RfcCsv;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.testkit.WireSamples;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.SiteFacts;
import org.openrps.wire.WireJson;

/**
 * The reports on stored data, run once per SQL engine: the inventory names each device's lowest
 * supply and holds a flagged count, sync health counts what each agent sent, the registry narrows
 * the scope and takes one more report as one more entry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportsContract {

  static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  private Database database;
  private ReportRepository uploads;
  private Reports reports;
  private final MutableClock clock = MutableClock.at(NOW);
  private String url;

  abstract String freshDatabaseUrl();

  abstract void dropDatabase(String url);

  @BeforeAll
  void open() {
    url = freshDatabaseUrl();
    database = Database.open(url);
    uploads = new ReportRepository(database, WireJson.newMapper());
    reports = Reports.standard(database, clock);
  }

  @AfterAll
  void close() {
    database.close();
    dropDatabase(url);
  }

  private TenantId customer(String id, String name) {
    database
        .jdbi()
        .useHandle(
            h -> {
              h.execute("INSERT INTO tenants (id, name) VALUES (?, ?)", id, name);
              h.execute("INSERT INTO sites (tenant_id, id, name) VALUES (?, 'main', 'Main')", id);
            });
    return TenantId.of(id);
  }

  private void agent(TenantId tenant, String id, String kind) {
    database
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO agents (id, tenant_id, site_id, secret_hash, updated_at, kind)"
                            + " VALUES (:id, :t, 'main', 'x', :at, :kind)")
                    .bind("id", id)
                    .bind("t", tenant.value())
                    .bind("kind", kind)
                    .bind("at", Sql.time(NOW.minus(Duration.ofDays(30))))
                    .execute());
  }

  private void upload(
      TenantId tenant,
      String agent,
      String id,
      Instant made,
      Instant received,
      DeviceSnapshot... d) {
    uploads.store(tenant, SiteId.of("main"), WireSamples.report(id, agent, made, d), received);
  }

  /** A snapshot with a firmware version and a brand (the names of schema /5). */
  static DeviceSnapshot named(DeviceSnapshot s, String firmware, String brand) {
    DeviceIdentity i = s.identity();
    return new DeviceSnapshot(
        new DeviceIdentity(
            i.make(),
            i.model(),
            i.serial(),
            i.sysObjectId(),
            i.mac(),
            Optional.of(firmware),
            i.sysName(),
            i.readAt(),
            i.location(),
            i.manufacturer(),
            Optional.of(brand),
            i.serialDisagreement()),
        s.address(),
        s.seenAt(),
        s.counters(),
        s.supplies(),
        s.status(),
        s.alerts(),
        s.inputs(),
        s.options(),
        s.snmp());
  }

  private static List<List<String>> csv(Report r) {
    return RfcCsv.parse(ReportFormat.csv.render(r));
  }

  private static List<String> row(List<List<String>> csv, String serial) {
    int at = csv.get(0).indexOf("serial");
    return csv.stream().filter(r -> r.get(at).equals(serial)).findFirst().orElseThrow();
  }

  private static String cell(List<List<String>> csv, List<String> row, String column) {
    return row.get(csv.get(0).indexOf(column));
  }

  @Test
  void theInventoryNamesTheLowestConsumedSupplyAndHoldsAFlaggedCountWithoutANumber() {
    TenantId t = customer("inv", "Inventory & Co");
    TenantId other = customer("inv-other", "Other");
    agent(t, "inv-agent", "agent");
    agent(other, "inv-other-agent", "agent");
    Instant t0 = NOW.minus(Duration.ofHours(5));
    upload(
        t,
        "inv-agent",
        "inv-1",
        t0,
        t0.plusSeconds(60),
        named(
            SnapshotBuilder.printer("Kyocera", "LOW-1")
                .model("<script>alert(1)</script>")
                .address("127.50.0.7")
                .pages(1_234_567)
                .supply("Black Toner", "toner", 100, 40)
                .supply("Cyan Toner", "toner", 100, 12)
                .at(t0)
                .build(),
            "2R7_2000.004.102",
            "Triumph-Adler"),
        SnapshotBuilder.printer("HP", "NONE-1").noSupplies().pages(10).at(t0).build(),
        SnapshotBuilder.printer("HP", "FLAG-1").pages(5000).at(t0).build());
    Instant t1 = t0.plus(Duration.ofHours(1));
    upload(
        t,
        "inv-agent",
        "inv-2",
        t1,
        t1.plusSeconds(60),
        SnapshotBuilder.printer("HP", "FLAG-1").pages(200).at(t1).build());
    upload(
        other,
        "inv-other-agent",
        "inv-o1",
        t0,
        t0.plusSeconds(60),
        SnapshotBuilder.printer("HP", "OTHER-1").at(t0).build());

    Report mine = reports.make("inventory", Scope.customer(t), Optional.empty(), Map.of());
    assertThat(mine.scope()).isEqualTo("Inventory & Co (inv)");
    assertThat(mine.columns()).extracting(Column::key).doesNotContain("customer");
    List<List<String>> rows = csv(mine);
    assertThat(rows).hasSize(4);
    List<String> low = row(rows, "LOW-1");
    assertThat(cell(rows, low, "lowestSupply")).isEqualTo("Cyan Toner");
    assertThat(cell(rows, low, "lowestSupplyPercent")).isEqualTo("12");
    assertThat(cell(rows, low, "totalPages")).isEqualTo("1234567");
    assertThat(cell(rows, low, "model")).isEqualTo("<script>alert(1)</script>");
    assertThat(cell(rows, low, "brand")).isEqualTo("Triumph-Adler");
    assertThat(cell(rows, low, "firmware")).isEqualTo("2R7_2000.004.102");
    assertThat(cell(rows, low, "address")).isEqualTo("127.50.0.7");
    assertThat(cell(rows, low, "host")).isEqualTo("prn-LOW-1");
    assertThat(cell(rows, low, "site")).isEqualTo("main");
    assertThat(cell(rows, low, "lastSeen")).isEqualTo(t0.toString());
    assertThat(cell(rows, low, "status")).isEqualTo("idle (lowToner)");
    List<String> none = row(rows, "NONE-1");
    assertThat(cell(rows, none, "lowestSupply")).isEmpty();
    assertThat(cell(rows, none, "lowestSupplyPercent")).isEmpty();
    List<String> flagged = row(rows, "FLAG-1");
    assertThat(cell(rows, flagged, "totalPages")).isEmpty(); // held: never 200 as pages
    assertThat(cell(rows, flagged, "totalPagesFlags")).isEqualTo("backwards");
    assertThat(cell(rows, flagged, "lowestSupply")).isEqualTo("Black Toner"); // waste is left out
    String html = ReportFormat.html.render(mine);
    assertThat(html)
        .contains("1,234,567", "held for review", "&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("1 total page count is flagged")
        .doesNotContain("<script");

    Report all = reports.make("inventory", Scope.provider(), Optional.empty(), Map.of());
    assertThat(all.scope()).isEqualTo("All customers");
    List<List<String>> allRows = csv(all);
    assertThat(allRows.get(0).get(0)).isEqualTo("customer");
    assertThat(cell(allRows, row(allRows, "OTHER-1"), "customer")).isEqualTo("inv-other");
    assertThat(cell(allRows, row(allRows, "LOW-1"), "customer")).isEqualTo("inv");

    Report narrowed = reports.make("inventory", Scope.provider(), Optional.of(other), Map.of());
    assertThat(csv(narrowed))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r).doesNotContain("LOW-1", "customer"));
    assertThatThrownBy(
            () -> reports.make("inventory", Scope.customer(other), Optional.of(t), Map.of()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void syncHealthTellsPerAgentItsContactWhatItSentInTheLastDayAndTheAgeOfItsNewestReading() {
    TenantId t = customer("sync", "Sync");
    agent(t, "sync-ok", "agent");
    agent(t, "sync-late", "agent");
    agent(t, "sync-never", "agent");
    agent(t, "sync-revoked", "agent");
    agent(t, "sync-dd", "device");
    Instant fresh = NOW.minus(Duration.ofHours(2));
    Instant old = NOW.minus(Duration.ofDays(2));
    // an agent catching up: a report made two days ago and one of now, both received lately
    upload(
        t,
        "sync-ok",
        "s1",
        old,
        NOW.minus(Duration.ofHours(3)),
        SnapshotBuilder.printer("HP", "S-STALE").at(old).build(),
        SnapshotBuilder.printer("HP", "S-FRESH").at(old).build());
    // its site information of that report: 40 readings still waiting, the oldest two days old
    SiteFacts site = SiteFacts.unknown(fresh, WireSamples.VERSION);
    uploads.store(
        t,
        SiteId.of("main"),
        WireSamples.report(
                "s2", "sync-ok", fresh, SnapshotBuilder.printer("HP", "S-FRESH").at(fresh).build())
            .withSite(
                new SiteFacts(
                    site.collectedAt(),
                    site.agentVersion(),
                    site.hostName(),
                    site.siteName(),
                    site.agentAddress(),
                    site.osName(),
                    site.osVersion(),
                    site.osArch(),
                    site.osBits(),
                    site.processor(),
                    site.processors(),
                    site.memoryBytes(),
                    site.memoryFreeBytes(),
                    site.diskBytes(),
                    site.diskFreeBytes(),
                    site.timeZone(),
                    site.databaseBytes(),
                    site.discoveryDataBytes(),
                    site.devicesDiscovered(),
                    site.printersManaged(),
                    site.printersOutOfScope(),
                    site.discoveryRulesVersion(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(40L),
                    Optional.of(40_000L),
                    Optional.of(old))),
        NOW.minus(Duration.ofHours(1)));
    Instant lateAt = NOW.minus(Duration.ofHours(30));
    upload(
        t,
        "sync-late",
        "s3",
        lateAt,
        lateAt,
        SnapshotBuilder.printer("HP", "L-1").at(lateAt).build());
    upload(t, "sync-revoked", "s4", old, old, SnapshotBuilder.printer("HP", "R-1").at(old).build());
    database
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate("UPDATE agents SET revoked_at = :at WHERE id = 'sync-revoked'")
                    .bind("at", Sql.time(old))
                    .execute());
    upload(
        t,
        "sync-dd",
        "s5",
        NOW.minus(Duration.ofHours(80)),
        NOW.minus(Duration.ofHours(80)),
        SnapshotBuilder.printer("HP", "DD-1").at(NOW.minus(Duration.ofHours(80))).build());

    List<List<String>> rows =
        csv(reports.make("sync-health", Scope.customer(t), Optional.empty(), Map.of()));
    List<String> header = rows.get(0);
    assertThat(header)
        .containsExactly(
            "site",
            "agent",
            "kind",
            "version",
            "host",
            "state",
            "lastContact",
            "lastContactAge",
            "devicesLastReport",
            "printersManaged",
            "devicesReporting",
            "devicesNotSeenLastDay",
            "newestReading",
            "newestReadingAge",
            "reportsLastDay",
            "snapshotsLastDay",
            "backlog",
            "backlogOldest");
    assertThat(rows.subList(1, rows.size()))
        .extracting(r -> r.get(1) + " " + r.get(2) + " " + r.get(5))
        .containsExactly(
            "sync-dd device silent",
            "sync-late agent late",
            "sync-never agent never reported",
            "sync-ok agent ok",
            "sync-revoked agent revoked");
    List<String> ok = rows.get(4);
    assertThat(ok.get(header.indexOf("lastContact")))
        .isEqualTo(NOW.minus(Duration.ofHours(1)).toString());
    assertThat(ok.get(header.indexOf("lastContactAge"))).isEqualTo("PT1H");
    assertThat(ok.get(header.indexOf("devicesLastReport"))).isEqualTo("1");
    assertThat(ok.get(header.indexOf("devicesReporting"))).isEqualTo("2");
    assertThat(ok.get(header.indexOf("devicesNotSeenLastDay"))).isEqualTo("1");
    assertThat(ok.get(header.indexOf("newestReading"))).isEqualTo(fresh.toString());
    assertThat(ok.get(header.indexOf("newestReadingAge"))).isEqualTo("PT2H");
    assertThat(ok.get(header.indexOf("reportsLastDay"))).isEqualTo("2");
    assertThat(ok.get(header.indexOf("snapshotsLastDay"))).isEqualTo("3");
    assertThat(ok.get(header.indexOf("version"))).isEqualTo(WireSamples.VERSION);
    assertThat(ok.get(header.indexOf("backlog"))).isEqualTo("40");
    assertThat(ok.get(header.indexOf("backlogOldest"))).isEqualTo(old.toString());
    List<String> late = rows.get(2);
    assertThat(late.get(header.indexOf("reportsLastDay"))).isEqualTo("0");
    assertThat(late.get(header.indexOf("devicesReporting"))).isEqualTo("1");
    List<String> never = rows.get(3);
    assertThat(never.get(header.indexOf("lastContact"))).isEmpty();
    assertThat(never.get(header.indexOf("devicesLastReport"))).isEmpty();
    assertThat(never.get(header.indexOf("devicesReporting"))).isEqualTo("0");
    assertThat(never.get(header.indexOf("newestReading"))).isEmpty();
    assertThat(late.get(header.indexOf("backlog"))).as("no site information").isEmpty();

    String html =
        ReportFormat.html.render(
            reports.make("sync-health", Scope.customer(t), Optional.empty(), Map.of()));
    assertThat(html).contains("outbox backlog", "1 h 0 min", "3 d 8 h", "4 not ok");
  }

  @Test
  void incidentsShowOpenOnesFirstThenRecentlyClosedWithTheirCustomerForTheProvider() {
    TenantId t = customer("incr", "Incidents");
    agent(t, "incr-agent", "agent");
    Instant t0 = NOW.minus(Duration.ofHours(3));
    upload(
        t,
        "incr-agent",
        "i1",
        t0,
        t0,
        SnapshotBuilder.printer("HP", "J-1").status("idle", "jammed").at(t0).build());
    IncidentRepository incidents = new IncidentRepository(database);
    incidents.apply(t0.plusSeconds(60), Duration.ofMinutes(15));

    Report r = reports.make("incidents", Scope.provider(), Optional.of(t), Map.of());
    List<List<String>> rows = csv(r);
    assertThat(rows.get(0))
        .containsExactly(
            "state",
            "severity",
            "make",
            "serial",
            "code",
            "kind",
            "description",
            "openedAt",
            "lastSeenAt",
            "closedAt",
            "returned");
    assertThat(rows.subList(1, rows.size()))
        .extracting(x -> x.get(0) + " " + x.get(1) + " " + x.get(3) + " " + x.get(4))
        .containsExactly("open critical J-1 error:jammed");
    assertThat(rows.get(1).get(7)).isEqualTo(t0.toString());
    assertThat(rows.get(1).get(9)).isEmpty();
    List<List<String>> all =
        csv(reports.make("incidents", Scope.provider(), Optional.empty(), Map.of()));
    assertThat(all.get(0).get(0)).isEqualTo("customer");
    assertThat(all).anySatisfy(x -> assertThat(x).startsWith("incr", "open"));
  }

  @Test
  void theRegistryRefusesWhatAReportDoesNotTakeAndOneMoreReportIsOneMoreEntry() {
    TenantId t = customer("reg", "Registry");
    assertThatThrownBy(() -> reports.make("nothing", Scope.provider(), Optional.empty(), Map.of()))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.getMessage())
                  .contains("no such report nothing")
                  .contains("inventory, meter-reads, missed-reads, orders, incidents, sync-health");
            });
    assertThatThrownBy(
            () ->
                reports.make(
                    "inventory", Scope.provider(), Optional.empty(), Map.of("period", "x")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.getMessage()).contains("takes no parameter period"));
    assertThatThrownBy(
            () -> reports.make("meter-reads", Scope.provider(), Optional.empty(), Map.of()))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains("about one customer");
            });
    assertThatThrownBy(
            () -> reports.make("meter-reads", Scope.customer(t), Optional.empty(), Map.of()))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.getMessage()).isEqualTo("no such closed period of reg"));

    // the real orders report is in the registry, scoped like the others
    assertThat(reports.all()).extracting(ReportDefinition::name).contains("orders");
    assertThat(csv(reports.make("orders", Scope.customer(t), Optional.empty(), Map.of())).get(0))
        .contains("partNumber", "shipToSite", "reason");

    List<ReportRequest> seen = new ArrayList<>();
    ReportDefinition extra =
        new ReportDefinition() {
          @Override
          public String name() {
            return "extra";
          }

          @Override
          public String title() {
            return "Supply orders";
          }

          @Override
          public String description() {
            return "test";
          }

          @Override
          public Report make(ReportRequest request) {
            seen.add(request);
            return request.report(
                this,
                title(),
                List.of(),
                request.columns(List.of(Column.of("part", "Part"))),
                List.of(request.row(t, List.of(Cell.text("TK-5240K")))));
          }
        };
    List<ReportDefinition> entries = new ArrayList<>(reports.all());
    entries.add(extra);
    Reports more = new Reports(entries, new CustomerRepository(database), clock);
    assertThat(more.all()).extracting(ReportDefinition::name).endsWith("extra");
    Report mine = more.make("extra", Scope.customer(t), Optional.empty(), Map.of());
    assertThat(seen.get(0).scope()).isEqualTo(Scope.customer(t));
    assertThat(mine.fileStem()).isEqualTo("extra-reg-2026-12-02");
    assertThat(csv(mine)).containsExactly(List.of("part"), List.of("TK-5240K"));
    assertThat(csv(more.make("extra", Scope.provider(), Optional.empty(), Map.of())))
        .containsExactly(List.of("customer", "part"), List.of("reg", "TK-5240K"));
    assertThat(seen.get(1).scope()).isEqualTo(Scope.provider());
  }
}
