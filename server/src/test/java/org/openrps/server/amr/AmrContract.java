package org.openrps.server.amr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.ingest.ReportRepository;
import org.openrps.server.jobs.JobLeaseRepository;
import org.openrps.server.jobs.JobScheduler;
import org.openrps.server.store.Database;
import org.openrps.server.store.Role;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.RfcCsv;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.testkit.WireSamples;
import org.openrps.wire.WireJson;

/**
 * AMR from reports stored through the ingest path, run once per SQL engine on an injected clock: a
 * period closed from real readings, estimates with their method, a wrapped counter held and
 * accepted with its audit, a correction after the close as an adjustment in the next period,
 * catch-up in order, one close however many nodes try, the missed-read list, and the CSV read back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AmrContract {

  private static final Instant OCT_10 = Instant.parse("2026-10-10T00:00:00Z");
  private static final Instant OCT_15 = Instant.parse("2026-10-15T00:00:00Z");
  private static final Instant OCT_20 = Instant.parse("2026-10-20T00:00:00Z");
  private static final Instant OCT_30 = Instant.parse("2026-10-30T10:00:00Z");
  private static final Instant OCT_31 = Instant.parse("2026-10-31T22:00:00Z");
  private static final Instant NOV_1 = Instant.parse("2026-11-01T00:00:00Z");

  private static final UserPrincipal PROVIDER =
      new UserPrincipal("pat.provider", TenantId.DEFAULT, Role.provider_admin);

  private Database database;
  private ReportRepository reports;
  private AmrRepository repository;
  private MutableClock clock;
  private Amr amr;
  private String url;
  private int reportNumber;

  abstract String freshDatabaseUrl();

  abstract void dropDatabase(String url);

  @BeforeAll
  void open() {
    url = freshDatabaseUrl();
    database = Database.open(url);
    reports = new ReportRepository(database, WireJson.newMapper());
    repository = new AmrRepository(database);
    clock = MutableClock.at(OCT_10);
    amr = new Amr(repository, clock);
  }

  @AfterAll
  void close() {
    database.close();
    dropDatabase(url);
  }

  private TenantId customer(String name, Instant startsAt) {
    database
        .jdbi()
        .useHandle(
            h -> {
              h.execute("INSERT INTO tenants (id, name) VALUES (?, ?)", name, name);
              h.execute("INSERT INTO sites (tenant_id, id, name) VALUES (?, 'default', 'd')", name);
            });
    TenantId tenant = TenantId.of(name);
    amr.setSchedule(PROVIDER, tenant, BillingSchedule.monthly(ZoneOffset.UTC, startsAt));
    return tenant;
  }

  /** Each serial at an address of its own, as printers on one network are. */
  private final java.util.Map<String, String> addresses = new java.util.HashMap<>();

  /** One report from {@code agent} with one printer: total pages and extra meters. */
  private void report(
      TenantId tenant, String agent, String serial, Instant at, long total, long... monoColour) {
    SnapshotBuilder b =
        SnapshotBuilder.printer("HP", serial)
            .pages(total)
            .at(at)
            .address(addresses.computeIfAbsent(serial, k -> "10.20.0." + (addresses.size() + 1)));
    if (monoColour.length == 2) {
      b.meter("mono", monoColour[0], "1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.6.0");
      b.meter("colour", monoColour[1], "1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.7.0");
    }
    String id = tenant.value() + "-r" + (++reportNumber);
    reports.store(
        tenant, SiteId.DEFAULT, WireSamples.report(id, agent, at, b.build()), at.plusSeconds(30));
  }

  private static Map<String, MeterRead> byKey(List<MeterRead> reads) {
    return reads.stream()
        .collect(Collectors.toMap(r -> r.serial() + " " + r.meter(), Function.identity()));
  }

  @Test
  void aDeviceSwappedOutBeforeTheCutOffIsHeldNotEstimatedFromItsOldRate() {
    TenantId t = customer("amr-swap", OCT_15);
    report(t, "agent-1", "OLD-1", Instant.parse("2026-10-16T00:00:00Z"), 5000);
    report(t, "agent-1", "OLD-1", OCT_20, 6000);
    addresses.put("NEW-1", addresses.get("OLD-1")); // the new device at the old one's address
    report(t, "agent-1", "NEW-1", Instant.parse("2026-10-21T00:00:00Z"), 10);
    report(t, "agent-1", "NEW-1", OCT_31, 900);
    report(t, "agent-1", "AWAY-1", Instant.parse("2026-10-16T00:00:00Z"), 7000);
    report(t, "agent-1", "AWAY-1", OCT_20, 8000); // silent since, no one at its address

    amr.closeDue(Instant.parse("2026-11-02T00:00:00Z"), "node-a");
    Map<String, MeterRead> reads = byKey(repository.reads(Scope.customer(t), t, "2026-11-01"));
    MeterRead old = reads.get("OLD-1 total");
    assertThat(old.status()).isEqualTo(MeterRead.Status.held);
    assertThat(old.value()).isEmpty();
    assertThat(old.flags()).containsExactly("deviceReplaced");
    assertThat(old.basis()).contains("NEW-1 answers at its address");
    assertThat(reads.get("NEW-1 total").status()).isEqualTo(MeterRead.Status.actual);
    // a device merely silent, with no one in its place, is still estimated from its own rate
    assertThat(reads.get("AWAY-1 total").status()).isEqualTo(MeterRead.Status.estimated);
  }

  @Test
  void aPeriodClosesFromStoredReadingsWithEstimatesHeldAndMissingReads() {
    TenantId t = customer("amr-close", OCT_15);
    report(t, "agent-1", "E1", Instant.parse("2026-09-01T00:00:00Z"), 100); // too old to use
    report(t, "agent-1", "C1", OCT_10, 3000);
    report(t, "agent-1", "A1", OCT_20, 1000, 800, 200);
    report(t, "agent-1", "B1", OCT_20, 2000);
    report(t, "agent-1", "C1", OCT_20, 4000);
    report(t, "agent-1", "D1", OCT_30, 4_294_967_000L);
    report(t, "agent-1", "A1", OCT_31, 1500, 1100, 400);
    report(t, "agent-1", "D1", OCT_31, 500); // Counter32 wrapped: the server flags it
    report(t, "agent-1", "B1", Instant.parse("2026-11-01T12:00:00Z"), 2600);
    report(t, "agent-1", "A1", Instant.parse("2026-11-01T06:00:00Z"), 1600, 1150, 450);

    // not yet: the period closes one close delay (24 h) after its cut-off
    assertThat(amr.closeDue(Instant.parse("2026-11-01T23:59:59Z"), "node-a"))
        .noneMatch(c -> c.tenant().equals(t));
    List<Amr.Closed> closed = amr.closeDue(Instant.parse("2026-11-02T00:00:00Z"), "node-a");
    assertThat(closed)
        .filteredOn(c -> c.tenant().equals(t))
        .singleElement()
        .satisfies(c -> assertThat(c.period()).isEqualTo("2026-11-01"));

    Map<String, MeterRead> reads = byKey(repository.reads(Scope.customer(t), t, "2026-11-01"));
    assertThat(reads.keySet())
        .containsExactlyInAnyOrder(
            "A1 total", "A1 mono", "A1 colour", "B1 total", "C1 total", "D1 total", "E1 total");

    // the last good reading at or before the cut-off, within the window: actual
    MeterRead a = reads.get("A1 total");
    assertThat(a.status()).isEqualTo(MeterRead.Status.actual);
    assertThat(a.value()).hasValue(1500);
    assertThat(a.readAt()).contains(OCT_31);
    assertThat(reads.get("A1 mono").value()).hasValue(1100);
    assertThat(reads.get("A1 colour").value()).hasValue(400);

    // 12 days old at the cut-off: estimated between the readings either side of it
    MeterRead b = reads.get("B1 total");
    assertThat(b.status()).isEqualTo(MeterRead.Status.estimated);
    assertThat(b.method()).contains("linear");
    assertThat(b.value()).hasValue(2000 + 600 * 12 / 12 * 24 / 25); // 12 of 12.5 days: 2576
    assertThat(b.basis()).contains("2000 at 2026-10-20T00:00:00Z", "2600 at 2026-11-01T12:00:00Z");

    // nothing after the cut-off: the daily average of its own history, 100 a day for 12 days
    MeterRead c = reads.get("C1 total");
    assertThat(c.status()).isEqualTo(MeterRead.Status.estimated);
    assertThat(c.method()).contains("dailyAverage");
    assertThat(c.value()).hasValue(5200);

    // the wrapped counter is held with both values, and billed as nothing
    MeterRead d = reads.get("D1 total");
    assertThat(d.status()).isEqualTo(MeterRead.Status.held);
    assertThat(d.value()).isEmpty();
    assertThat(d.rawValue()).hasValue(500);
    assertThat(d.trustedValue()).hasValue(4_294_967_000L);
    assertThat(d.flags()).contains("wrapped");

    // no usable history: missing, never a number
    MeterRead e = reads.get("E1 total");
    assertThat(e.status()).isEqualTo(MeterRead.Status.missing);
    assertThat(e.value()).isEmpty();

    assertThat(repository.period(Scope.customer(t), t, "2026-11-01"))
        .hasValueSatisfying(
            p -> {
              assertThat(p.billed()).isEqualTo(3);
              assertThat(p.estimated()).isEqualTo(2);
              assertThat(p.held()).isEqualTo(1);
              assertThat(p.missing()).isEqualTo(1);
              assertThat(p.startsAt()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
              assertThat(p.closedBy()).isEqualTo("node-a");
            });
    // another customer sees none of it
    assertThat(repository.reads(Scope.customer(TenantId.DEFAULT), t, "2026-11-01")).isEmpty();

    // a held read: a customer admin may not review it, a provider admin accepts the raw value
    UserPrincipal customerAdmin = new UserPrincipal("cus.admin", t, Role.customer_admin);
    assertThatThrownBy(
            () ->
                amr.review(
                    customerAdmin,
                    t,
                    "2026-11-01",
                    "HP",
                    "D1",
                    "total",
                    Amr.Action.acceptRaw,
                    OptionalLong.empty(),
                    ""))
        .isInstanceOf(ApiException.class)
        .satisfies(x -> assertThat(((ApiException) x).status()).isEqualTo(403));
    clock.set(Instant.parse("2026-11-03T09:00:00Z"));
    amr.review(
        PROVIDER,
        t,
        "2026-11-01",
        "HP",
        "D1",
        "total",
        Amr.Action.acceptRaw,
        OptionalLong.empty(),
        "counter wrapped, device confirmed");
    MeterRead accepted =
        repository
            .read(Scope.provider(), t, "2026-11-01", List.of("HP", "D1", "total"))
            .orElseThrow();
    assertThat(accepted.status()).isEqualTo(MeterRead.Status.accepted);
    assertThat(accepted.value()).hasValue(500);
    assertThat(accepted.rawValue()).hasValue(500);
    assertThat(accepted.trustedValue()).hasValue(4_294_967_000L);
    // once: a second acceptance finds it no longer held
    assertThatThrownBy(
            () ->
                amr.review(
                    PROVIDER,
                    t,
                    "2026-11-01",
                    "HP",
                    "D1",
                    "total",
                    Amr.Action.acceptTrusted,
                    OptionalLong.empty(),
                    ""))
        .isInstanceOf(ApiException.class)
        .satisfies(x -> assertThat(((ApiException) x).status()).isEqualTo(409));
    assertThat(repository.audit(Scope.customer(t), t, 10))
        .filteredOn(x -> x.action().equals("read.acceptRaw"))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.username()).isEqualTo("pat.provider");
              assertThat(x.at()).isEqualTo(Instant.parse("2026-11-03T09:00:00Z"));
              assertThat(x.subject()).isEqualTo("2026-11-01 HP D1 total");
              assertThat(x.before()).contains("held", "raw 500", "trusted 4294967000", "wrapped");
              assertThat(x.after()).isEqualTo("accepted 500");
              assertThat(x.reason()).isEqualTo("counter wrapped, device confirmed");
            });

    // a correction of a billed read after the close: the read stays, the next period adjusts
    clock.set(Instant.parse("2026-11-04T10:00:00Z"));
    amr.review(
        PROVIDER,
        t,
        "2026-11-01",
        "HP",
        "A1",
        "total",
        Amr.Action.correct,
        OptionalLong.of(1490),
        "customer's \"photo\", read at 23:59");
    assertThat(repository.read(Scope.provider(), t, "2026-11-01", List.of("HP", "A1", "total")))
        .hasValueSatisfying(r -> assertThat(r.value()).hasValue(1500));
    assertThat(repository.adjustmentsIn(Scope.customer(t), t, "2026-12-01"))
        .singleElement()
        .satisfies(
            adj -> {
              assertThat(adj.ofPeriod()).isEqualTo("2026-11-01");
              assertThat(adj.beforeValue()).hasValue(1500);
              assertThat(adj.afterValue()).isEqualTo(1490);
              assertThat(adj.madeBy()).isEqualTo("pat.provider");
            });
    assertThat(repository.audit(Scope.customer(t), t, 10))
        .filteredOn(x -> x.action().equals("read.adjust"))
        .singleElement()
        .satisfies(x -> assertThat(x.after()).contains("1490", "2026-12-01"));
    assertThat(repository.adjustmentsIn(Scope.customer(t), t, "2026-11-01")).isEmpty();

    // the database keeps the closed period as it is, whoever tries
    for (String sql :
        List.of(
            "UPDATE amr_reads SET value = 1 WHERE tenant_id = 'amr-close' AND status = 'actual'",
            "UPDATE amr_reads SET status = 'held' WHERE tenant_id = 'amr-close' AND serial = 'D1'",
            "DELETE FROM amr_reads WHERE tenant_id = 'amr-close'",
            "UPDATE amr_periods SET cut_off = starts_at WHERE tenant_id = 'amr-close'",
            "DELETE FROM amr_periods WHERE tenant_id = 'amr-close'",
            "DELETE FROM amr_adjustments WHERE tenant_id = 'amr-close'",
            "UPDATE amr_audit SET username = 'nobody' WHERE tenant_id = 'amr-close'")) {
      assertThatThrownBy(() -> database.jdbi().useHandle(h -> h.execute(sql)))
          .as(sql)
          .hasMessageContaining("a closed period does not change");
    }
    assertThat(repository.read(Scope.provider(), t, "2026-11-01", List.of("HP", "A1", "total")))
        .hasValueSatisfying(r -> assertThat(r.value()).hasValue(1500));

    // missed closes are caught up in order; each period starts where the last one ended
    List<Amr.Closed> later = amr.closeDue(Instant.parse("2027-01-05T00:00:00Z"), "node-b");
    assertThat(later)
        .filteredOn(x -> x.tenant().equals(t))
        .extracting(Amr.Closed::period)
        .containsExactly("2026-12-01", "2027-01-01");
    MeterRead dec = byKey(repository.reads(Scope.provider(), t, "2026-12-01")).get("A1 total");
    assertThat(dec.startValue()).hasValue(1500);
    assertThat(dec.status()).isEqualTo(MeterRead.Status.estimated); // only the Nov 1 reading
    assertThat(
            byKey(repository.reads(Scope.provider(), t, "2026-12-01")).get("D1 total").startValue())
        .hasValue(500);

    // the CSV of the period parses back to the same reads, quotes and line breaks intact
    AmrRepository.Period nov = repository.period(Scope.provider(), t, "2026-11-01").orElseThrow();
    List<MeterRead> novReads = repository.reads(Scope.provider(), t, "2026-11-01");
    List<AmrRepository.Adjustment> decAdjustments =
        repository.adjustmentsIn(Scope.provider(), t, "2026-12-01");
    List<List<String>> rows = RfcCsv.parse(AmrExport.csv(nov, novReads, decAdjustments));
    assertThat(rows.get(0)).isEqualTo(AmrExport.HEADER);
    assertThat(rows).hasSize(1 + novReads.size() + 1);
    for (int i = 0; i < novReads.size(); i++) {
      MeterRead r = novReads.get(i);
      List<String> row = rows.get(i + 1);
      assertThat(row).hasSize(AmrExport.HEADER.size());
      assertThat(row.subList(0, 6))
          .containsExactly(
              "read", "2026-11-01", r.make(), r.serial(), r.meter(), r.status().name());
      assertThat(row.get(7))
          .isEqualTo(r.value().isPresent() ? Long.toString(r.value().getAsLong()) : "");
      assertThat(row.get(14)).isEqualTo(r.basis());
    }
    assertThat(rows.get(rows.size() - 1).get(14))
        .isEqualTo("customer's \"photo\", read at 23:59 (pat.provider)");

    // the statement marks what is estimated and held, and shows no number for a missing read
    String html = AmrExport.statement("Close & Co", nov, novReads, List.of());
    assertThat(html).contains("Close &amp; Co", "class=\"estimated\"", "class=\"missing\"");
    assertThat(html).contains("linear: between", "dailyAverage: ");
  }

  @Test
  void twoSchedulersAndALateRunCloseAPeriodOnce() throws Exception {
    TenantId t = customer("amr-twice", OCT_15);
    report(t, "agent-2", "T1", OCT_31, 700);
    MutableClock shared = MutableClock.at(Instant.parse("2026-11-02T01:00:00Z"));
    Amr onA = new Amr(repository, shared);
    Amr onB = new Amr(repository, shared);
    List<String> notices = new ArrayList<>();
    AmrJob jobA = new AmrJob(onA, m -> notices.add(m.period()), "node-a", Duration.ofMinutes(15));
    AmrJob jobB = new AmrJob(onB, m -> notices.add(m.period()), "node-b", Duration.ofMinutes(15));
    try (JobScheduler a = new JobScheduler(new JobLeaseRepository(database), "node-a", shared);
        JobScheduler b = new JobScheduler(new JobLeaseRepository(database), "node-b", shared)) {
      assertThat(a.runIfLeased(jobA))
          .hasValueSatisfying(o -> assertThat(o.closed()).anyMatch(c -> c.tenant().equals(t)));
      assertThat(b.runIfLeased(jobB)).isEmpty(); // the lease is node-a's
      shared.advance(Duration.ofMinutes(16)); // a late run once the lease has lapsed
      assertThat(b.runIfLeased(jobB))
          .hasValueSatisfying(o -> assertThat(o.closed()).noneMatch(c -> c.tenant().equals(t)));
    }
    assertThat(repository.periods(Scope.provider(), t))
        .singleElement()
        .satisfies(p -> assertThat(p.closedBy()).isEqualTo("node-a"));

    // two nodes racing on the same period without a lease: the period row decides, one wins
    BillingSchedule s = repository.schedule(Scope.provider(), t).orElseThrow();
    Instant dec = Instant.parse("2026-12-01T00:00:00Z");
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> races = new ArrayList<>();
      for (String node : List.of("racer-1", "racer-2")) {
        races.add(
            pool.submit(
                () -> {
                  go.await();
                  return repository
                      .close(t, s, dec, node, dec.plus(Duration.ofDays(1)))
                      .isPresent();
                }));
      }
      go.countDown();
      int won = 0;
      for (Future<Boolean> f : races) {
        won += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(repository.periods(Scope.provider(), t)).hasSize(2);
    assertThat(repository.reads(Scope.provider(), t, "2026-12-01")).hasSize(1);
  }

  @Test
  void devicesWithoutAFreshReadingAreListedBeforeTheCloseWithTheirAgent() {
    TenantId t = customer("amr-missed", OCT_15);
    Instant now = Instant.parse("2026-11-28T12:00:00Z");
    database
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO agents (id, tenant_id, site_id, secret_hash, updated_at) VALUES"
                        + " ('agent-m', 'amr-missed', 'default', 'x', ?)",
                    java.sql.Timestamp.from(now)));
    report(t, "agent-m", "STALE", Instant.parse("2026-11-20T08:00:00Z"), 10);
    report(t, "agent-m", "FRESH", Instant.parse("2026-11-28T06:00:00Z"), 20);

    Amr.MissedReads early =
        amr.missedReads(Scope.customer(t), t, Instant.parse("2026-11-20T12:00:00Z")).orElseThrow();
    assertThat(early.due()).isFalse(); // the lead time (3 days) has not begun
    Amr.MissedReads list = amr.missedReads(Scope.customer(t), t, now).orElseThrow();
    assertThat(list.due()).isTrue();
    assertThat(list.period()).isEqualTo("2026-12-01");
    assertThat(list.listFrom()).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
    assertThat(list.devices())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.serial()).isEqualTo("STALE");
              assertThat(d.lastSeen()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
              assertThat(d.sourceKind()).isEqualTo("agent");
              assertThat(d.sourceId()).isEqualTo("agent-m");
              assertThat(d.sourceLastContact()).isPresent();
            });
    assertThat(amr.missedReads(Scope.customer(TenantId.DEFAULT), t, now)).isEmpty();

    // the hook (the mail package's) gets each due list once per customer and period
    List<Amr.MissedReads> sent = new ArrayList<>();
    amr.notifyMissedReads(now, sent::add);
    amr.notifyMissedReads(now.plusSeconds(3600), sent::add);
    assertThat(sent).filteredOn(m -> m.tenant().equals(t)).hasSize(1);
  }

  @Test
  void aScheduleClosesOnTheLastDayOfAShortMonthInTheCustomersZone() {
    BillingSchedule s =
        new BillingSchedule(
            BillingSchedule.zone("Europe/Paris"),
            31,
            java.time.LocalTime.of(18, 30),
            BillingSchedule.DEFAULT_WINDOW,
            BillingSchedule.DEFAULT_CLOSE_DELAY,
            3,
            BillingSchedule.DEFAULT_FRESH,
            OCT_15);
    Instant feb = s.cutOffAfter(Instant.parse("2027-02-01T00:00:00Z"));
    assertThat(feb).isEqualTo(Instant.parse("2027-02-28T17:30:00Z"));
    assertThat(s.period(feb)).isEqualTo("2027-02-28");
    assertThat(s.cutOffAfter(feb)).isEqualTo(Instant.parse("2027-03-31T16:30:00Z")); // summer time
    assertThat(s.cutOffBefore(feb)).isEqualTo(Instant.parse("2027-01-31T17:30:00Z"));
    assertThatThrownBy(() -> BillingSchedule.zone("Mars/Olympus"))
        .isInstanceOf(IllegalArgumentException.class);
    // only a provider admin sets a schedule
    assertThatThrownBy(
            () ->
                amr.setSchedule(
                    new UserPrincipal("x", TenantId.DEFAULT, Role.customer_admin),
                    TenantId.DEFAULT,
                    s))
        .isInstanceOf(ApiException.class);
  }
}
