package org.openrps.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openrps.testkit.WireSamples.device;
import static org.openrps.testkit.WireSamples.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.server.Fixtures;
import org.openrps.server.accounts.AccountRepository;
import org.openrps.server.accounts.EnrolmentRepository;
import org.openrps.server.accounts.RateLimitRepository;
import org.openrps.server.accounts.SessionRepository;
import org.openrps.server.accounts.StoredAgent;
import org.openrps.server.accounts.StoredSession;
import org.openrps.server.accounts.StoredUser;
import org.openrps.server.fleet.DeviceQuery;
import org.openrps.server.fleet.DeviceRepository;
import org.openrps.server.fleet.DeviceSort;
import org.openrps.server.fleet.DeviceState;
import org.openrps.server.ingest.ReportRepository;
import org.openrps.server.jobs.JobLeaseRepository;
import org.openrps.server.jobs.RetentionRepository;
import org.openrps.server.meters.MeterRepository;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.Receipt;
import org.openrps.wire.Report;
import org.openrps.wire.Source;
import org.openrps.wire.SupplyReading;
import org.openrps.wire.WireJson;

/**
 * The storage suite, run once per SQL engine by its subclasses. Each test uses its own tenant data
 * by giving its reports and devices distinct ids, so tests share one migrated database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StorageContract {

  private static final Instant T0 = Instant.parse("2026-11-28T08:00:00.123Z");

  private Database database;
  private ReportRepository reports;
  private DeviceRepository devices;
  private MeterRepository meters;
  private AccountRepository accounts;
  private SessionRepository sessions;
  private String url;

  /** A URL of an empty database for this class. */
  abstract String freshDatabaseUrl();

  /** Drops what {@link #freshDatabaseUrl()} made. */
  abstract void dropDatabase(String url);

  @BeforeAll
  void openDatabase() {
    url = freshDatabaseUrl();
    database = Database.open(url);
    reports = new ReportRepository(database, WireJson.newMapper());
    devices = new DeviceRepository(database);
    meters = new MeterRepository(database);
    accounts = new AccountRepository(database);
    sessions = new SessionRepository(database);
  }

  @AfterAll
  void closeDatabase() {
    database.close();
    dropDatabase(url);
  }

  /** Each test has a tenant of its own, so that tests do not see each other's devices. */
  private TenantId newTenant(String name) {
    TenantId tenant = TenantId.of(name);
    database
        .jdbi()
        .useHandle(
            h -> {
              h.execute("INSERT INTO tenants (id, name) VALUES (?, ?)", name, name);
              h.execute("INSERT INTO sites (tenant_id, id, name) VALUES (?, 'default', 'd')", name);
            });
    return tenant;
  }

  private long rows(String table, TenantId tenant) {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM " + table + " WHERE tenant_id = :t")
                    .bind("t", tenant.value())
                    .mapTo(Long.class)
                    .one());
  }

  @Test
  void deviceSearchFindsSortsAndPagesWithTheMatchingCount() {
    TenantId tenant = newTenant("search");
    Scope scope = Scope.customer(tenant);
    reports.store(
        tenant,
        SiteId.DEFAULT,
        report(
            "r-search",
            "agent-1",
            T0,
            device("Xerox", "X1", 500, 7, T0),
            device("HP", "H1", 300_000, 55, T0),
            device("Kyocera", "K1", 1_200, 30, T0),
            device("HP", "H2", 50, 80, T0)),
        T0);
    java.util.function.Function<DeviceQuery, List<String>> serials =
        q -> devices.search(scope, q).devices().stream().map(DeviceState::serial).toList();

    assertThat(serials.apply(query("h1", DeviceSort.make, false, 0, 10))).containsExactly("H1");
    assertThat(serials.apply(query("XEROX", DeviceSort.make, false, 0, 10)))
        .as("any case, any field")
        .containsExactly("X1");
    assertThat(serials.apply(query("%", DeviceSort.make, false, 0, 10)))
        .as("LIKE's own characters are text")
        .isEmpty();
    assertThat(serials.apply(query("", DeviceSort.totalPages, true, 0, 10)))
        .containsExactly("H1", "K1", "X1", "H2");
    assertThat(serials.apply(query("", DeviceSort.totalPages, false, 0, 10)))
        .containsExactly("H2", "X1", "K1", "H1");
    assertThat(serials.apply(query("", DeviceSort.lowestSupply, false, 0, 10)))
        .containsExactly("X1", "K1", "H1", "H2");
    DeviceQuery.Result middle = devices.search(scope, query("", DeviceSort.make, false, 1, 2));
    assertThat(middle.devices()).extracting(DeviceState::serial).containsExactly("H2", "K1");
    assertThat(middle.matching()).isEqualTo(4);
    DeviceQuery.Result past = devices.search(scope, query("", DeviceSort.make, false, 40, 2));
    assertThat(past.devices()).isEmpty();
    assertThat(past.matching()).as("past the end, still counted").isEqualTo(4);
    assertThat(
            devices
                .search(
                    Scope.customer(TenantId.DEFAULT), query("H1", DeviceSort.make, false, 0, 10))
                .devices())
        .as("another tenant's scope")
        .noneMatch(d -> d.tenant().equals(tenant));
  }

  private static DeviceQuery query(
      String text, DeviceSort sort, boolean descending, int offset, int limit) {
    return new DeviceQuery(
        org.openrps.server.fleet.DeviceFilter.ALL, text, sort, descending, offset, limit);
  }

  @Test
  void migrationMakesTheDefaultTenantAndSite() {
    assertThat(Fixtures.count(url, "tenants")).isGreaterThanOrEqualTo(1);
    assertThat(Fixtures.count(url, "sites")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void storedReportGivesLatestStateAndHistory() {
    TenantId tenant = newTenant("latest");
    Receipt receipt =
        reports.store(tenant, SiteId.DEFAULT, report("r-1", "agent-1", T0, 2), T0.plusSeconds(5));

    assertThat(receipt.duplicate()).isFalse();
    assertThat(receipt.devices()).isEqualTo(2);
    assertThat(receipt.receivedAt()).isEqualTo(T0.plusSeconds(5));
    List<DeviceState> latest = devices.latest(Scope.customer(tenant));
    assertThat(latest).extracting(DeviceState::serial).containsExactly("S0000", "S0001");
    DeviceState first = latest.get(0);
    assertThat(first.make()).isEqualTo("HP");
    assertThat(first.model()).isEqualTo("HP Model 1");
    assertThat(first.address()).isEqualTo("127.50.0.1");
    assertThat(first.site()).isEqualTo(SiteId.DEFAULT);
    assertThat(first.lastSeen()).isEqualTo(T0);
    assertThat(first.totalPages()).hasValue(1000);
    assertThat(first.lowestSupplyPercent()).hasValue(40.0);
    assertThat(rows("device_snapshots", tenant)).isEqualTo(2);
    assertThat(rows("meter_readings", tenant)).isEqualTo(2);
    assertThat(rows("supply_readings", tenant)).isEqualTo(6);
    assertThat(meters.meterHistory(Scope.customer(tenant), new DeviceKey(tenant, "HP", "S0001")))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.value()).isEqualTo(1001);
              assertThat(m.oid()).isEqualTo("1.3.6.1.2.1.43.10.2.1.4.1.1");
              assertThat(m.readAt()).isEqualTo(T0);
            });
  }

  @Test
  void historyTextIsStoredAsSentWhateverItsQuotesCommasAndLineBreaks() {
    TenantId tenant = newTenant("text");
    String awkward = "Toner \"HP 81A\", black,\nline two \\N \\ end";
    DeviceSnapshot plain = device("HP", "Q0001", 1000, 40, T0);
    DeviceSnapshot d =
        new DeviceSnapshot(
            plain.identity(),
            plain.address(),
            T0,
            plain.counters(),
            List.of(
                new SupplyReading(
                    1, awkward, "toner", "supplyThatIsConsumed", "percent", 100, 40, T0),
                new SupplyReading(2, "", "toner", "supplyThatIsConsumed", "percent", 100, 41, T0)),
            plain.status(),
            List.of(new AlertReading(7, "warning", "", "generalPrinter", "lowToner", awkward, T0)),
            List.of(),
            List.of(),
            Optional.empty());
    reports.store(tenant, SiteId.DEFAULT, report("r-text", "agent-1", T0, d), T0);

    List<String> texts =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT description FROM supply_readings WHERE tenant_id = :t"
                                + " ORDER BY position")
                        .bind("t", tenant.value())
                        .mapTo(String.class)
                        .list());
    assertThat(texts).containsExactly(awkward, "");
    List<String> alert =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT description, training_level, mac, firmware"
                                + " FROM alert_readings a JOIN device_snapshots s"
                                + " USING (tenant_id, report_id, make, serial)"
                                + " WHERE tenant_id = :t")
                        .bind("t", tenant.value())
                        .map(
                            (rs, ctx) ->
                                Arrays.asList(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4)))
                        .one());
    assertThat(alert).containsExactly(awkward, "", "00:1b:78:00:00:01", null);
  }

  @Test
  void sameReportIdTwiceIsStoredOnce() {
    TenantId tenant = newTenant("twice");
    Report report = report("r-twice", "agent-1", T0, 3);
    Receipt first = reports.store(tenant, SiteId.DEFAULT, report, T0.plusSeconds(1));
    Receipt second = reports.store(tenant, SiteId.DEFAULT, report, T0.plusSeconds(60));

    assertThat(first.duplicate()).isFalse();
    assertThat(second.duplicate()).isTrue();
    assertThat(second.devices()).isEqualTo(3);
    assertThat(second.receivedAt()).isEqualTo(first.receivedAt());
    assertThat(rows("reports", tenant)).isEqualTo(1);
    assertThat(rows("device_snapshots", tenant)).isEqualTo(3);
    assertThat(rows("meter_readings", tenant)).isEqualTo(3);
  }

  @Test
  void sameReportIdInAnotherTenantIsAnotherReport() {
    TenantId a = newTenant("tenant-a");
    TenantId b = newTenant("tenant-b");
    Report report = report("r-shared", "agent-1", T0, 1);
    assertThat(reports.store(a, SiteId.DEFAULT, report, T0).duplicate()).isFalse();
    assertThat(reports.store(b, SiteId.DEFAULT, report, T0).duplicate()).isFalse();
    assertThat(devices.latest(Scope.customer(a))).hasSize(1);
    assertThat(devices.latest(Scope.customer(b))).hasSize(1);
  }

  @Test
  void concurrentUploadsOfOneReportStoreItOnce() throws Exception {
    TenantId tenant = newTenant("race");
    Report report = report("r-race", "agent-1", T0, 20);
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Callable<Receipt> upload =
          () -> {
            start.await();
            return reports.store(tenant, SiteId.DEFAULT, report, T0);
          };
      List<Future<Receipt>> results =
          List.of(
              pool.submit(upload), pool.submit(upload), pool.submit(upload), pool.submit(upload));
      start.countDown();
      long fresh = 0;
      for (Future<Receipt> result : results) {
        if (!result.get(60, TimeUnit.SECONDS).duplicate()) {
          fresh++;
        }
      }
      assertThat(fresh).isEqualTo(1);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    assertThat(rows("reports", tenant)).isEqualTo(1);
    assertThat(rows("device_snapshots", tenant)).isEqualTo(20);
  }

  @Test
  void reportThatFailsHalfWayLeavesNothing() {
    TenantId tenant = newTenant("halfway");
    // The decoder refuses such a report; here the database's keys must refuse it too.
    Report broken =
        report(
            "r-broken",
            "agent-1",
            T0,
            device("HP", "X1", 10, 50, T0),
            device("HP", "X1", 11, 50, T0));

    assertThatThrownBy(() -> reports.store(tenant, SiteId.DEFAULT, broken, T0))
        .isInstanceOf(RuntimeException.class);
    assertThat(rows("reports", tenant)).isZero();
    assertThat(rows("device_snapshots", tenant)).isZero();
    assertThat(rows("devices", tenant)).isZero();
  }

  @Test
  void newerReportUpdatesLatestStateAndOlderOneDoesNotRollItBack() {
    TenantId tenant = newTenant("order");
    Instant t1 = T0.plus(Duration.ofHours(1));
    reports.store(
        tenant, SiteId.DEFAULT, report("r-a", "agent-1", T0, device("HP", "O1", 100, 50, T0)), T0);
    reports.store(
        tenant, SiteId.DEFAULT, report("r-c", "agent-1", t1, device("HP", "O1", 300, 20, t1)), t1);
    reports.store(
        tenant,
        SiteId.DEFAULT,
        report(
            "r-b", "agent-1", T0.plusSeconds(60), device("HP", "O1", 200, 30, T0.plusSeconds(60))),
        t1);

    DeviceState state = devices.latest(Scope.customer(tenant)).get(0);
    assertThat(state.totalPages()).hasValue(300);
    assertThat(state.lowestSupplyPercent()).hasValue(20.0);
    assertThat(state.lastSeen()).isEqualTo(t1);
    assertThat(meters.meterHistory(Scope.customer(tenant), new DeviceKey(tenant, "HP", "O1")))
        .extracting(m -> m.value())
        .containsExactly(100L, 200L, 300L);
  }

  @Test
  void aRotatedSecretIsPendingUntilPromotedAndALaterRotationReplacesIt() {
    accounts.putAgent(new StoredAgent("agent-rot", TenantId.DEFAULT, SiteId.DEFAULT, "hash-1"), T0);

    assertThat(accounts.rotateSecret(TenantId.of("other"), "agent-rot", "hash-x", T0)).isFalse();
    assertThat(accounts.rotateSecret(TenantId.DEFAULT, "agent-rot", "hash-2", T0)).isTrue();
    assertThat(accounts.findAgent("agent-rot").orElseThrow())
        .satisfies(a -> assertThat(a.secretHash()).isEqualTo("hash-1"))
        .satisfies(a -> assertThat(a.pendingSecretHash()).contains("hash-2"));

    assertThat(accounts.rotateSecret(TenantId.DEFAULT, "agent-rot", "hash-3", T0)).isTrue();
    assertThat(accounts.findAgent("agent-rot").orElseThrow().pendingSecretHash())
        .contains("hash-3");
    assertThat(accounts.promoteSecret("agent-rot", "hash-2", T0))
        .as("a replaced pending secret cannot be promoted")
        .isFalse();

    assertThat(accounts.promoteSecret("agent-rot", "hash-3", T0)).isTrue();
    assertThat(accounts.findAgent("agent-rot").orElseThrow())
        .satisfies(a -> assertThat(a.secretHash()).isEqualTo("hash-3"))
        .satisfies(a -> assertThat(a.pendingSecretHash()).isEmpty());
    assertThat(accounts.promoteSecret("agent-rot", "hash-3", T0)).as("promoted once").isFalse();

    accounts.rotateSecret(TenantId.DEFAULT, "agent-rot", "hash-4", T0);
    accounts.putAgent(new StoredAgent("agent-rot", TenantId.DEFAULT, SiteId.DEFAULT, "hash-5"), T0);
    assertThat(accounts.findAgent("agent-rot").orElseThrow().pendingSecretHash())
        .as("a credential put anew has no rotation under way")
        .isEmpty();
  }

  @Test
  void usersAreListedInTheirScopeByRoleAndACustomerSeesNoProviderAdmin() {
    TenantId a = newTenant("users-a");
    TenantId b = newTenant("users-b");
    accounts.putUser(new StoredUser("ul-a-admin", a, Role.customer_admin, "hash-a"), T0);
    accounts.putUser(new StoredUser("ul-a-reader", a, Role.customer_reader, "hash-r"), T0);
    accounts.putUser(new StoredUser("ul-a-provider", a, Role.provider_admin, "hash-p"), T0);
    accounts.putUser(new StoredUser("ul-b-admin", b, Role.customer_admin, "hash-b"), T0);

    assertThat(accounts.listUsers(Scope.customer(a), Optional.empty(), "", 100))
        .extracting(org.openrps.server.accounts.UserInfo::username)
        .containsExactly("ul-a-admin", "ul-a-reader");
    assertThat(accounts.listUsers(Scope.provider(), Optional.empty(), "ul-", 100))
        .extracting(org.openrps.server.accounts.UserInfo::username)
        .filteredOn(n -> n.startsWith("ul-"))
        .containsExactly("ul-a-admin", "ul-a-provider", "ul-a-reader", "ul-b-admin");
    assertThat(accounts.listUsers(Scope.provider(), Optional.of(Role.customer_admin), "ul-", 100))
        .filteredOn(u -> u.username().startsWith("ul-"))
        .extracting(org.openrps.server.accounts.UserInfo::username)
        .containsExactly("ul-a-admin", "ul-b-admin");
    assertThat(accounts.listUsers(Scope.customer(a), Optional.empty(), "ul-a-admin", 1))
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.username()).isEqualTo("ul-a-reader");
              assertThat(u.tenant()).isEqualTo(a);
              assertThat(u.role()).isEqualTo(Role.customer_reader);
              assertThat(u.updatedAt()).isEqualTo(T0);
              assertThat(u.toString()).doesNotContain("hash-r");
            });
  }

  @Test
  void agentCredentialIsReplacedNotDuplicated() {
    accounts.putAgent(new StoredAgent("agent-x", TenantId.DEFAULT, SiteId.DEFAULT, "hash-1"), T0);
    accounts.putAgent(new StoredAgent("agent-x", TenantId.DEFAULT, SiteId.DEFAULT, "hash-2"), T0);

    assertThat(accounts.findAgent("agent-x"))
        .hasValueSatisfying(a -> assertThat(a.secretHash()).isEqualTo("hash-2"));
    assertThat(accounts.findAgent("nobody")).isEmpty();
  }

  @Test
  void sessionIsFoundUntilItExpires() {
    accounts.putUser(new StoredUser("ann", TenantId.DEFAULT, "hash"), T0);
    sessions.insert(
        new StoredSession("h1", "ann", TenantId.DEFAULT, "csrf", T0, T0.plusSeconds(60)));

    assertThat(sessions.findLive("h1", T0.plusSeconds(59)))
        .hasValueSatisfying(s -> assertThat(s.username()).isEqualTo("ann"));
    assertThat(sessions.findLive("h1", T0.plusSeconds(60))).isEmpty();
    assertThat(sessions.deleteExpired(T0.plusSeconds(61))).isEqualTo(1);
    assertThat(sessions.findLive("h1", T0)).isEmpty();
  }

  @Test
  void twoSourcesKeepTheLatestValueOfEachFieldWithItsSource() {
    TenantId tenant = newTenant("two-sources");
    Instant t1 = T0.plusSeconds(60);
    Instant t2 = T0.plusSeconds(120);
    // The agent read everything at t1.
    reports.store(
        tenant,
        SiteId.DEFAULT,
        report("r-agent", "agent-1", t1, device("HP", "D1", 100, 50, t1)),
        t1);
    // The device itself reports later with a newer counter, but its status was read before t1.
    DeviceSnapshot fromDevice = device("HP", "D1", 150, 40, t2);
    fromDevice =
        new DeviceSnapshot(
            fromDevice.identity(),
            "127.50.0.9",
            t2,
            fromDevice.counters(),
            fromDevice.supplies(),
            new DeviceStatus("printing", List.of(), T0));
    reports.store(
        tenant,
        SiteId.DEFAULT,
        Report.of(
            "r-device", new Source(Source.Kind.device, "dev-1", "1.0"), t2, List.of(fromDevice)),
        t2);

    DeviceState state =
        devices.find(Scope.customer(tenant), new DeviceKey(tenant, "HP", "D1")).orElseThrow();
    assertThat(state.totalPages()).hasValue(150);
    assertThat(state.sources().totalPages()).hasValue("device:dev-1");
    assertThat(state.address()).isEqualTo("127.50.0.9");
    assertThat(state.sources().address()).isEqualTo("device:dev-1");
    assertThat(state.lowestSupplyPercent()).hasValue(40.0);
    assertThat(state.printerStatus()).isEqualTo("idle");
    assertThat(state.sources().printerStatus()).isEqualTo("agent:agent-1");
    assertThat(state.lastSeen()).isEqualTo(t2);
  }

  @Test
  void aCustomerScopeNeitherFindsNorDeletesAnotherCustomersDevice() {
    TenantId mine = newTenant("scope-mine");
    TenantId theirs = newTenant("scope-theirs");
    reports.store(theirs, SiteId.DEFAULT, report("r-s", "agent-1", T0, 2), T0);
    DeviceKey key = new DeviceKey(theirs, "HP", "S0000");

    assertThat(devices.find(Scope.customer(mine), key)).isEmpty();
    assertThat(devices.latest(Scope.customer(mine))).isEmpty();
    assertThat(meters.meterHistory(Scope.customer(mine), key)).isEmpty();
    assertThat(devices.delete(Scope.customer(mine), key)).isFalse();
    assertThat(devices.find(Scope.customer(theirs), key)).isPresent();
    assertThat(devices.delete(Scope.customer(theirs), key)).isTrue();
    assertThat(devices.find(Scope.provider(), key)).isEmpty();
    assertThat(rows("meter_readings", theirs)).isEqualTo(1);
  }

  @Test
  void retentionDeletesHistoryBeforeTheCutoffAndKeepsTheLatestState() {
    TenantId tenant = newTenant("retention");
    Instant old = T0.minus(Duration.ofDays(500));
    reports.store(
        tenant,
        SiteId.DEFAULT,
        report("r-old", "agent-1", old, device("HP", "R1", 1, 50, old)),
        old);
    reports.store(
        tenant, SiteId.DEFAULT, report("r-new", "agent-1", T0, device("HP", "R1", 2, 50, T0)), T0);
    reports.store(
        tenant,
        SiteId.DEFAULT,
        report("r-gone", "agent-1", old, device("HP", "QUIET", 7, 50, old)),
        old);

    RetentionRepository.Deleted deleted =
        new RetentionRepository(database).deleteHistoryBefore(T0.minus(Duration.ofDays(400)));

    assertThat(deleted.snapshots()).isEqualTo(1);
    // R1 keeps its new snapshot; QUIET, not heard from since, keeps its latest (and only) one.
    assertThat(rows("device_snapshots", tenant)).isEqualTo(2);
    assertThat(rows("meter_readings", tenant)).isEqualTo(2);
    assertThat(rows("supply_readings", tenant)).isEqualTo(6);
    assertThat(rows("devices", tenant)).isEqualTo(2);
    assertThat(rows("reports", tenant)).isEqualTo(3);
    assertThat(meters.current(Scope.customer(tenant), new DeviceKey(tenant, "HP", "QUIET")))
        .singleElement()
        .satisfies(m -> assertThat(m.value()).isEqualTo(7));
  }

  @Test
  void aScheduledJobRunsOnOneNodeOncePerPeriod() {
    org.openrps.testkit.MutableClock clock = org.openrps.testkit.MutableClock.at(T0);
    java.util.concurrent.atomic.AtomicInteger runs =
        new java.util.concurrent.atomic.AtomicInteger();
    org.openrps.server.jobs.Job<Integer> job =
        new org.openrps.server.jobs.Job<>() {
          @Override
          public String name() {
            return "count-" + url.hashCode();
          }

          @Override
          public Duration period() {
            return Duration.ofHours(1);
          }

          @Override
          public Integer run(Instant now) {
            return runs.incrementAndGet();
          }
        };
    JobLeaseRepository leases = new JobLeaseRepository(database);
    try (org.openrps.server.jobs.JobScheduler a =
            new org.openrps.server.jobs.JobScheduler(leases, "node-a", clock);
        org.openrps.server.jobs.JobScheduler b =
            new org.openrps.server.jobs.JobScheduler(leases, "node-b", clock)) {
      assertThat(a.runIfLeased(job)).contains(1);
      assertThat(b.runIfLeased(job)).isEmpty();
      clock.advance(Duration.ofMinutes(59));
      assertThat(b.runIfLeased(job)).isEmpty();
      clock.advance(Duration.ofMinutes(2));
      assertThat(b.runIfLeased(job)).contains(2);
      assertThat(a.runIfLeased(job)).isEmpty();
    }
    assertThat(runs).hasValue(2);
  }

  @Test
  void aJobLeaseIsHeldByOneNodeUntilItExpires() {
    JobLeaseRepository leases = new JobLeaseRepository(database);
    Duration ttl = Duration.ofMinutes(10);
    assertThat(leases.tryAcquire("test-job", "node-a", T0, ttl)).isTrue();
    assertThat(leases.tryAcquire("test-job", "node-b", T0.plusSeconds(1), ttl)).isFalse();
    assertThat(leases.tryAcquire("test-job", "node-a", T0.plusSeconds(2), ttl)).isTrue();
    assertThat(leases.tryAcquire("test-job", "node-b", T0.plus(ttl).plusSeconds(3), ttl)).isTrue();
  }

  @Test
  void rateLimitCountsPerBucketAndWindow() {
    RateLimitRepository limits = new RateLimitRepository(database);
    assertThat(limits.hit("b1", T0)).isEqualTo(1);
    assertThat(limits.hit("b1", T0)).isEqualTo(2);
    assertThat(limits.hit("b2", T0)).isEqualTo(1);
    assertThat(limits.hit("b1", T0.plusSeconds(60))).isEqualTo(1);
  }

  @Test
  void anEnrolmentCodeIsRedeemedOnceAndOnlyBeforeItExpires() {
    EnrolmentRepository codes = new EnrolmentRepository(database);
    assertThat(
            codes.insert(
                Scope.customer(TenantId.DEFAULT),
                TenantId.DEFAULT,
                SiteId.DEFAULT,
                "h1",
                "t",
                T0,
                T0.plusSeconds(60)))
        .isTrue();
    assertThat(
            codes.insert(
                Scope.customer(TenantId.of("other")),
                TenantId.DEFAULT,
                SiteId.DEFAULT,
                "h2",
                "t",
                T0,
                T0.plusSeconds(60)))
        .isFalse();
    assertThat(
            codes.insert(
                Scope.provider(),
                TenantId.DEFAULT,
                SiteId.DEFAULT,
                "h3",
                "t",
                T0,
                T0.plusSeconds(60)))
        .isTrue();

    assertThat(codes.redeem("h1", "agt-1", ClientKind.agent, "hash", T0.plusSeconds(1)))
        .isPresent();
    assertThat(codes.redeem("h1", "agt-2", ClientKind.agent, "hash", T0.plusSeconds(2))).isEmpty();
    assertThat(codes.redeem("h3", "agt-3", ClientKind.agent, "hash", T0.plusSeconds(60))).isEmpty();
    assertThat(accounts.findAgent("agt-1")).isPresent();
    assertThat(accounts.findAgent("agt-2")).isEmpty();
    assertThat(accounts.revokeAgent(Scope.customer(TenantId.of("other")), "agt-1", T0)).isFalse();
    assertThat(accounts.revokeAgent(Scope.customer(TenantId.DEFAULT), "agt-1", T0)).isTrue();
    assertThat(accounts.findAgent("agt-1")).isEmpty();
  }

  @Test
  void alertsAreKeptInTheHistory() {
    TenantId tenant = newTenant("alerts");
    DeviceSnapshot d = device("HP", "A1", 10, 50, T0);
    d =
        new DeviceSnapshot(
            d.identity(),
            d.address(),
            d.seenAt(),
            d.counters(),
            d.supplies(),
            d.status(),
            List.of(
                new AlertReading(
                    1,
                    "warning",
                    "trained",
                    "markerSupplies",
                    "markerTonerAlmostEmpty",
                    "Toner low",
                    T0)),
            List.of());
    reports.store(tenant, SiteId.DEFAULT, report("r-alerts", "agent-1", T0, d), T0);
    assertThat(rows("alert_readings", tenant)).isEqualTo(1);
  }
}
