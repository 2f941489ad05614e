package org.openrps.server.asr;

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
import org.openrps.wire.WireJson;

/**
 * Orders from stored supply histories, run once per SQL engine: raised once when the pessimistic
 * days to empty fall under lead plus margin, closed when the new cartridge is seen, a miss when a
 * cartridge runs empty with no order, and nothing twice when the job runs again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AsrContract {

  private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");

  private Database database;
  private ReportRepository reports;
  private Asr asr;
  private String url;
  private int report;

  abstract String freshDatabaseUrl();

  abstract void dropDatabase(String url);

  @BeforeAll
  void open() {
    url = freshDatabaseUrl();
    database = Database.open(url);
    reports = new ReportRepository(database, WireJson.newMapper());
    asr = new Asr(new AsrRepository(database));
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

  private void level(TenantId tenant, String serial, Instant at, int black) {
    reports.store(
        tenant,
        SiteId.DEFAULT,
        WireSamples.report(
            "r-" + tenant.value() + "-" + (report++),
            "agent-1",
            at,
            SnapshotBuilder.printer("HP", serial)
                .pages(1000)
                .at(at)
                .supply("Black Cartridge HP 89A CF289A", "tonerCartridge", 100, black)
                .build()),
        at.plusSeconds(1));
  }

  /** A supply that only says "some remaining" (-3), with its low or empty alert if any. */
  private void someRemaining(TenantId tenant, String serial, Instant at, String alertCode) {
    org.openrps.wire.DeviceSnapshot s =
        SnapshotBuilder.printer("Ricoh", serial)
            .pages(1000)
            .at(at)
            .supply("Toner Black IM C3500", "toner", 100, -3)
            .build();
    List<org.openrps.wire.AlertReading> alerts =
        alertCode == null
            ? List.of()
            : List.of(
                new org.openrps.wire.AlertReading(
                    1,
                    "warning",
                    "untrained",
                    "markerSupplies",
                    alertCode,
                    "Toner Black IM C3500 " + (alertCode.endsWith("AlmostEmpty") ? "low" : "empty"),
                    at));
    reports.store(
        tenant,
        SiteId.DEFAULT,
        WireSamples.report(
            "r-" + tenant.value() + "-" + (report++),
            "agent-1",
            at,
            new org.openrps.wire.DeviceSnapshot(
                s.identity(),
                s.address(),
                s.seenAt(),
                s.counters(),
                s.supplies(),
                s.status(),
                alerts,
                s.inputs(),
                s.options())),
        at.plusSeconds(1));
  }

  @Test
  void aSupplyWithoutALevelIsOrderedOnItsLowAlertAndClosedWhenTheAlertClears() {
    TenantId tenant = tenant("asr-some");
    someRemaining(tenant, "R1", T0, null);
    assertThat(asr.run(T0.plusSeconds(60)).raised()).isZero();
    Instant low = T0.plus(Duration.ofDays(3));
    someRemaining(tenant, "R1", low, "markerTonerAlmostEmpty");
    Asr.Outcome o = asr.run(low.plusSeconds(60));
    assertThat(o.raised()).isEqualTo(1);
    assertThat(orders(tenant))
        .singleElement()
        .satisfies(x -> assertThat(x.reason()).isEqualTo("lowAlert"));
    Instant back = low.plus(Duration.ofDays(2));
    someRemaining(tenant, "R1", back, null); // new cartridge: the alert cleared
    Asr.Outcome after = asr.run(back.plusSeconds(60));
    assertThat(after.closed()).isEqualTo(1);
    assertThat(after.misses()).isZero();
    assertThat(orders(tenant))
        .singleElement()
        .satisfies(x -> assertThat(x.state()).isEqualTo("closed"));

    // an empty alert with no order before it is a miss
    TenantId other = tenant("asr-some-miss");
    someRemaining(other, "R2", T0, "markerTonerEmpty");
    assertThat(asr.run(T0.plusSeconds(60)).misses()).isEqualTo(1);
  }

  private List<AsrRepository.Order> orders(TenantId tenant) {
    return asr.repository().list(Scope.customer(tenant), Optional.empty(), 100);
  }

  @Test
  void anOrderIsRaisedOnceBeforeEmptyAndClosesWhenTheNewCartridgeIsSeen() {
    TenantId tenant = tenant("asr-order");
    // 4 % a day from 40 %: 10 days left at first, under 5 days (lead 3 + margin 2) on day 6
    Instant t = T0;
    for (int day = 0; day <= 7; day++) {
      t = T0.plus(Duration.ofDays(day));
      level(tenant, "S1", t, 40 - 4 * day);
      Asr.Outcome o = asr.run(t.plusSeconds(60));
      if (day < 6) {
        assertThat(o.raised()).as("day %d", day).isZero();
      }
    }
    assertThat(orders(tenant))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.state()).isEqualTo("open");
              assertThat(o.reason()).isEqualTo("forecast");
              assertThat(o.raisedAt()).isEqualTo(T0.plus(Duration.ofDays(6)).plusSeconds(60));
              assertThat(o.daysLow().get()).isLessThan(5.0);
              assertThat(o.site()).isEqualTo("default");
              assertThat(o.description()).contains("CF289A");
            });
    assertThat(asr.run(t.plusSeconds(120)).raised()).isZero(); // again: nothing new

    Instant replaced = T0.plus(Duration.ofDays(8));
    level(tenant, "S1", replaced, 100);
    Asr.Outcome after = asr.run(replaced.plusSeconds(60));
    assertThat(after.closed()).isEqualTo(1);
    assertThat(after.misses()).isZero();
    assertThat(orders(tenant))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.state()).isEqualTo("closed");
              assertThat(o.closedAt()).hasValue(replaced);
              assertThat(o.closedBecause().get()).contains("replacement seen");
            });
    assertThat(asr.repository().misses(Scope.customer(tenant), 10)).isEmpty();
  }

  @Test
  void aCartridgeThatRunsEmptyWithoutAnOrderIsOneMiss() {
    TenantId tenant = tenant("asr-miss");
    asr.repository()
        .putSettings(tenant, new AsrSettings(false, 3, 2, 15), "test", T0); // ordering off
    level(tenant, "M1", T0, 10);
    level(tenant, "M1", T0.plus(Duration.ofDays(1)), 0);
    assertThat(asr.run(T0.plus(Duration.ofDays(1)).plusSeconds(60)).raised()).isZero();
    asr.repository().putSettings(tenant, AsrSettings.DEFAULTS, "test", T0);

    Asr.Outcome o = asr.run(T0.plus(Duration.ofDays(1)).plusSeconds(120));
    assertThat(o.misses()).isEqualTo(1);
    assertThat(o.raised()).isEqualTo(1); // still needed: ordered late, and the miss counted
    assertThat(asr.run(T0.plus(Duration.ofDays(1)).plusSeconds(180)).misses()).isZero();
    assertThat(asr.repository().misses(Scope.customer(tenant), 10))
        .singleElement()
        .satisfies(m -> assertThat(m.emptyAt()).isEqualTo(T0.plus(Duration.ofDays(1))));
    assertThat(asr.repository().misses(Scope.customer(TenantId.of("asr-order")), 10)).isEmpty();
  }
}
