package org.openrps.server.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.server.accounts.AccountRepository;
import org.openrps.server.accounts.StoredAgent;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.ClientPrincipal;
import org.openrps.server.ingest.ReportRepository;
import org.openrps.server.store.ClientKind;
import org.openrps.server.store.Database;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.WireSamples;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.WireJson;
import org.openrps.wire.command.CommandBatch;
import org.openrps.wire.command.CommandResult;
import org.openrps.wire.command.CommandState;
import org.openrps.wire.command.CommandTypes;

/**
 * The command channel's storage and rules, run once per SQL engine: a command goes queued →
 * delivered → done; a replayed result is stored once; an expired command is never delivered and its
 * result refused; tenants never see each other's commands; a group send skips devices without a
 * Device Direct module.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CommandContract {

  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  private final MutableClock clock = MutableClock.at(T0);
  private Database database;
  private AccountRepository accounts;
  private ReportRepository reports;
  private Commands commands;
  private String url;
  private int report;

  abstract String freshDatabaseUrl();

  abstract void dropDatabase(String url);

  @BeforeAll
  void open() {
    url = freshDatabaseUrl();
    database = Database.open(url);
    accounts = new AccountRepository(database);
    reports = new ReportRepository(database, WireJson.newMapper());
    commands =
        new Commands(
            new CommandRepository(database, WireJson.newMapper()),
            new SecureRandom(),
            clock,
            Commands.PENDING_POLL);
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

  /** A Device Direct credential bound to HP/{serial}, and the device in the fleet. */
  private ClientPrincipal module(TenantId tenant, String id, String serial) {
    DeviceRef device = new DeviceRef("HP", serial);
    accounts.putAgent(
        new StoredAgent(id, ClientKind.device, tenant, SiteId.DEFAULT, "hash", Optional.of(device)),
        clock.instant());
    seen(tenant, serial);
    return new ClientPrincipal(id, ClientKind.device, tenant, SiteId.DEFAULT, Optional.of(device));
  }

  private ClientPrincipal agent(TenantId tenant, String id) {
    accounts.putAgent(new StoredAgent(id, tenant, SiteId.DEFAULT, "hash"), clock.instant());
    return new ClientPrincipal(id, ClientKind.agent, tenant, SiteId.DEFAULT);
  }

  /** A device in the fleet (reported by an agent), with no module of its own. */
  private void seen(TenantId tenant, String serial) {
    Instant at = clock.instant();
    reports.store(
        tenant,
        SiteId.DEFAULT,
        WireSamples.report(
            "r-" + tenant.value() + "-" + (report++),
            "agent-0",
            at,
            WireSamples.device("HP", serial, 100, 50, at)),
        at);
  }

  private Commands.Order toDevices(String type, Map<String, String> params, String... serials) {
    return new Commands.Order(
        type,
        params,
        Duration.ofHours(1),
        java.util.Arrays.stream(serials).map(s -> new DeviceRef("HP", s)).toList(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private StoredCommand sendOne(TenantId tenant, String serial) {
    return commands
        .send(
            Scope.customer(tenant),
            tenant,
            "admin",
            toDevices(CommandTypes.REBOOT, Map.of(), serial))
        .commands()
        .get(0);
  }

  private static CommandResult done(String id, Instant at) {
    return new CommandResult(
        id, CommandResult.Outcome.done, "restarted", at, Map.of("uptime", "3"));
  }

  @Test
  void aResultsMessageIsKeptAsOneLine() {
    TenantId tenant = tenant("cmd-line");
    ClientPrincipal module = module(tenant, "dev-line", "LINE-1");
    StoredCommand sent = sendOne(tenant, "LINE-1");
    commands.fetch(module);
    StoredCommand failed =
        commands.answer(
            module,
            sent.id(),
            new CommandResult(
                sent.id(),
                CommandResult.Outcome.failed,
                "paper jam\nINFO forged log line",
                clock.instant(),
                Map.of()));
    assertThat(failed.state()).isEqualTo(CommandState.failed);
    assertThat(failed.message()).contains("paper jam INFO forged log line");
  }

  private StoredCommand stored(TenantId tenant, String id) {
    return commands.find(Scope.customer(tenant), id).orElseThrow();
  }

  @Test
  void aCommandIsQueuedThenDeliveredToItsDeviceThenDone() {
    TenantId tenant = tenant("cmd-life");
    ClientPrincipal module = module(tenant, "dev-life", "LIFE-1");
    Instant sentAt = clock.instant();
    StoredCommand sent = sendOne(tenant, "LIFE-1");
    assertThat(sent.id()).matches("cmd-[0-9a-f]{32}");
    assertThat(sent.state()).isEqualTo(CommandState.queued);
    assertThat(sent.expiresAt()).isEqualTo(sentAt.plus(Duration.ofHours(1)));

    clock.advance(Duration.ofMinutes(1));
    CommandBatch batch = commands.fetch(module);
    assertThat(batch.serverTime()).isEqualTo(clock.instant());
    assertThat(batch.pollSeconds()).isEqualTo(60);
    assertThat(batch.commands())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.id()).isEqualTo(sent.id());
              assertThat(c.type()).isEqualTo("reboot");
              assertThat(c.device()).contains(new DeviceRef("HP", "LIFE-1"));
            });
    StoredCommand delivered = stored(tenant, sent.id());
    assertThat(delivered.state()).isEqualTo(CommandState.delivered);
    assertThat(delivered.deliveredAt()).contains(clock.instant());
    // Fetched again before an answer: still there, still delivered at the first fetch.
    clock.advance(Duration.ofMinutes(1));
    assertThat(commands.fetch(module).commands()).hasSize(1);
    assertThat(stored(tenant, sent.id()).deliveredAt()).isEqualTo(delivered.deliveredAt());

    StoredCommand finished = commands.answer(module, sent.id(), done(sent.id(), clock.instant()));
    assertThat(finished.state()).isEqualTo(CommandState.done);
    assertThat(finished.message()).contains("restarted");
    assertThat(finished.details()).containsEntry("uptime", "3");
    assertThat(finished.appliedAt()).contains(clock.instant());
    CommandBatch after = commands.fetch(module);
    assertThat(after.commands()).isEmpty();
    assertThat(after.pollSeconds()).isZero();
  }

  @Test
  void aReplayedResultIsStoredOnceAndTheSecondIsRefusedAsFinished() {
    TenantId tenant = tenant("cmd-replay");
    ClientPrincipal module = module(tenant, "dev-replay", "REPLAY-1");
    StoredCommand sent = sendOne(tenant, "REPLAY-1");
    commands.fetch(module);
    commands.answer(module, sent.id(), done(sent.id(), clock.instant()));
    CommandResult other =
        new CommandResult(sent.id(), CommandResult.Outcome.failed, "no", clock.instant(), Map.of());
    assertThatThrownBy(() -> commands.answer(module, sent.id(), other))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.code()).isEqualTo("command.finished");
            });
    StoredCommand kept = stored(tenant, sent.id());
    assertThat(kept.state()).isEqualTo(CommandState.done);
    assertThat(kept.message()).contains("restarted");
  }

  @Test
  void anExpiredCommandIsNeverDeliveredAndItsResultIsRefused() {
    TenantId tenant = tenant("cmd-expiry");
    ClientPrincipal module = module(tenant, "dev-expiry", "EXP-1");
    StoredCommand sent = sendOne(tenant, "EXP-1");
    clock.advance(Duration.ofHours(1)); // exactly at expiry: over
    assertThat(commands.fetch(module).commands()).isEmpty();
    assertThatThrownBy(() -> commands.answer(module, sent.id(), done(sent.id(), T0)))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("command.expired"));
    assertThat(commands.expire(clock.instant())).isGreaterThanOrEqualTo(1);
    assertThat(stored(tenant, sent.id()).state()).isEqualTo(CommandState.expired);
    assertThat(stored(tenant, sent.id()).deliveredAt()).isEmpty();
    assertThatThrownBy(() -> commands.answer(module, sent.id(), done(sent.id(), T0)))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("command.expired"));
    assertThat(stored(tenant, sent.id()).state()).isEqualTo(CommandState.expired);
  }

  @Test
  void aLateResultOfACommandAppliedInTimeIsTakenOneAppliedLateIsNot() {
    TenantId tenant = tenant("cmd-late");
    ClientPrincipal module = module(tenant, "dev-late", "LATE-1");
    StoredCommand inTime = sendOne(tenant, "LATE-1");
    StoredCommand tooLate = sendOne(tenant, "LATE-1");
    clock.advance(Duration.ofMinutes(59));
    assertThat(commands.fetch(module).commands()).hasSize(2);
    clock.advance(Duration.ofMinutes(2));
    commands.expire(clock.instant());
    assertThat(stored(tenant, inTime.id()).state()).isEqualTo(CommandState.expired);
    StoredCommand taken =
        commands.answer(
            module, inTime.id(), done(inTime.id(), inTime.expiresAt().minusSeconds(30)));
    assertThat(taken.state()).isEqualTo(CommandState.done);
    assertThatThrownBy(
            () ->
                commands.answer(
                    module, tooLate.id(), done(tooLate.id(), tooLate.expiresAt().plusSeconds(1))))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("command.expired"));
    assertThat(stored(tenant, tooLate.id()).state()).isEqualTo(CommandState.expired);
  }

  @Test
  void tenantAsDeviceCommandIsNeverInTenantBsBatchNorVisibleToBsAdmin() {
    TenantId a = tenant("cmd-iso-a");
    TenantId b = tenant("cmd-iso-b");
    ClientPrincipal aModule = module(a, "dev-iso-a", "SAME-1");
    // B has a module for a device of the same make and serial, and an agent.
    ClientPrincipal bModule = module(b, "dev-iso-b", "SAME-1");
    ClientPrincipal bAgent = agent(b, "agt-iso-b");
    StoredCommand forA = sendOne(a, "SAME-1");

    assertThat(commands.fetch(bModule).commands()).isEmpty();
    assertThat(commands.fetch(bAgent).commands()).isEmpty();
    assertThat(commands.find(Scope.customer(b), forA.id())).isEmpty();
    assertThat(commands.list(Scope.customer(b), Commands.Filter.ALL, Optional.empty(), "", 100))
        .extracting(StoredCommand::id)
        .doesNotContain(forA.id());
    assertThatThrownBy(() -> commands.answer(bModule, forA.id(), done(forA.id(), T0)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(stored(a, forA.id()).state()).isEqualTo(CommandState.queued);
    // B's admin cannot send to A's device: not in B's scope.
    assertThatThrownBy(
            () ->
                commands.send(
                    Scope.customer(b),
                    b,
                    "b-admin",
                    new Commands.Order(
                        CommandTypes.REBOOT,
                        Map.of(),
                        Duration.ofHours(1),
                        List.of(new DeviceRef("HP", "SAME-1")),
                        Optional.of(a),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(commands.fetch(aModule).commands())
        .extracting(c -> c.id())
        .containsExactly(forA.id());
  }

  @Test
  void aGroupSendSkipsDevicesWithoutAModuleAndTheOneDeviceFormRefusesThem() {
    TenantId tenant = tenant("cmd-group");
    module(tenant, "dev-g1", "G-1");
    module(tenant, "dev-g2", "G-2");
    seen(tenant, "G-3"); // polled by an agent, no module
    Commands.Sent sent =
        commands.send(
            Scope.customer(tenant),
            tenant,
            "admin",
            new Commands.Order(
                CommandTypes.SET_LOCATION,
                Map.of("location", "2nd floor"),
                Duration.ofHours(1),
                List.of(),
                Optional.of(tenant),
                Optional.empty(),
                Optional.of("HP"),
                Optional.empty()));
    assertThat(sent.skipped()).isEqualTo(1);
    assertThat(sent.commands())
        .extracting(StoredCommand::target)
        .containsExactlyInAnyOrder("HP/G-1", "HP/G-2");
    assertThatThrownBy(
            () ->
                commands.send(
                    Scope.customer(tenant),
                    tenant,
                    "admin",
                    toDevices(CommandTypes.REBOOT, Map.of(), "G-3")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.code()).isEqualTo("command.unreachable");
              assertThat(e.getMessage()).contains("HP/G-3", "no Device Direct module");
            });
  }

  @Test
  void anAgentCommandGoesToItsAgentAndBadOrdersAreRefused() {
    TenantId tenant = tenant("cmd-agent");
    ClientPrincipal agent = agent(tenant, "agt-cmd-1");
    Commands.Sent sent =
        commands.send(
            Scope.customer(tenant),
            tenant,
            "admin",
            new Commands.Order(
                CommandTypes.REREAD_DEVICE,
                Map.of(),
                Duration.ofHours(1),
                List.of(new DeviceRef("HP", " X-1 ")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("agt-cmd-1")));
    StoredCommand c = sent.commands().get(0);
    assertThat(c.target()).isEqualTo("agent agt-cmd-1 for HP/X-1");
    assertThat(commands.fetch(agent).commands())
        .singleElement()
        .satisfies(w -> assertThat(w.device()).contains(new DeviceRef("HP", "X-1")));
    assertThat(
            commands.list(
                Scope.customer(tenant),
                new Commands.Filter(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(CommandState.delivered),
                    Optional.of("agt-cmd-1")),
                Optional.empty(),
                "",
                10))
        .extracting(StoredCommand::id)
        .containsExactly(c.id());
    for (Commands.Order bad :
        List.of(
            toDevices("warp-drive", Map.of(), "X-1"),
            toDevices(CommandTypes.SET_CONTACT, Map.of(), "X-1"),
            toDevices(CommandTypes.SEND_NOW, Map.of(), "X-1"))) {
      assertThatThrownBy(() -> commands.send(Scope.customer(tenant), tenant, "admin", bad))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo("command.invalid"));
    }
  }

  @Test
  void listsAreNewestFirstAndPageAfterTheCursor() {
    TenantId tenant = tenant("cmd-list");
    module(tenant, "dev-list", "L-1");
    StoredCommand first = sendOne(tenant, "L-1");
    clock.advance(Duration.ofSeconds(1));
    StoredCommand second = sendOne(tenant, "L-1");
    Commands.Filter byDevice =
        new Commands.Filter(
            Optional.empty(),
            Optional.of(new DeviceRef("HP", "L-1")),
            Optional.empty(),
            Optional.empty());
    List<StoredCommand> page =
        commands.list(Scope.customer(tenant), byDevice, Optional.empty(), "", 1);
    assertThat(page).extracting(StoredCommand::id).containsExactly(second.id());
    assertThat(
            commands.list(
                Scope.customer(tenant), byDevice, Optional.of(second.createdAt()), second.id(), 10))
        .extracting(StoredCommand::id)
        .containsExactly(first.id());
  }
}
