package org.openrps.server.amr;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.meters.MeterRepository;
import org.openrps.server.store.Database;
import org.openrps.server.store.Scope;
import org.openrps.server.store.Sql;
import org.openrps.server.store.TenantId;

/** Billing schedules, closed periods, their reads, adjustments and the review audit. */
public final class AmrRepository {

  /** How far before a cut-off readings are looked at for an estimate's rate. */
  static final Duration LOOKBACK = Duration.ofDays(45);

  /** A closed period and how its reads came out. */
  public record Period(
      String period,
      Instant startsAt,
      Instant cutOff,
      Instant closedAt,
      String closedBy,
      int billed,
      int estimated,
      int held,
      int missing) {}

  /** A correction of a closed period's read, billed in {@code period}. */
  public record Adjustment(
      String period,
      String ofPeriod,
      String make,
      String serial,
      String meter,
      OptionalLong beforeValue,
      long afterValue,
      String reason,
      String madeBy,
      Instant madeAt) {}

  /** One audited change: who, when, what, before and after. */
  public record AuditEntry(
      Instant at,
      String username,
      String action,
      String subject,
      String before,
      String after,
      String reason) {}

  /** A device without a fresh reading, and who should have reported it. */
  public record MissedDevice(
      String make,
      String serial,
      String model,
      String site,
      Instant lastSeen,
      String sourceKind,
      String sourceId,
      Optional<Instant> sourceLastContact) {}

  private final Jdbi jdbi;

  public AmrRepository(Database database) {
    this.jdbi = Objects.requireNonNull(database, "database").jdbi();
  }

  // --- schedules

  public Optional<BillingSchedule> schedule(Scope scope, TenantId tenant) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(AmrRepository.class, "findSchedule")), scope)
                .bind("tenant", tenant.value())
                .map((rs, ctx) -> schedule(rs))
                .findOne());
  }

  /** Every billed customer with its schedule. */
  Map<TenantId, BillingSchedule> schedules() {
    Map<TenantId, BillingSchedule> out = new LinkedHashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(Sql.of(AmrRepository.class, "schedules"))
                .map((rs, ctx) -> Map.entry(TenantId.of(rs.getString("tenant_id")), schedule(rs)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
    return out;
  }

  void putSchedule(TenantId tenant, BillingSchedule s, String by, Instant now) {
    jdbi.useHandle(
        h ->
            h.createUpdate(Sql.of(AmrRepository.class, "putSchedule"))
                .bind("tenant", tenant.value())
                .bind("zone", s.zone().getId())
                .bind("closingDay", s.closingDay())
                .bind("closingMinute", s.closingTime().toSecondOfDay() / 60)
                .bind("windowHours", s.window().toHours())
                .bind("closeDelayHours", s.closeDelay().toHours())
                .bind("leadDays", s.leadDays())
                .bind("freshHours", s.fresh().toHours())
                .bind("startsAt", Sql.time(s.startsAt()))
                .bind("by", by)
                .bind("now", Sql.time(now))
                .execute());
  }

  private static BillingSchedule schedule(ResultSet rs) throws SQLException {
    return new BillingSchedule(
        BillingSchedule.zone(rs.getString("zone")),
        rs.getInt("closing_day"),
        LocalTime.ofSecondOfDay(rs.getInt("closing_minute") * 60L),
        Duration.ofHours(rs.getInt("window_hours")),
        Duration.ofHours(rs.getInt("close_delay_hours")),
        rs.getInt("lead_days"),
        Duration.ofHours(rs.getInt("fresh_hours")),
        Sql.instant(rs, "starts_at"));
  }

  // --- closing

  /** The cut-off of the customer's last closed period, if any. */
  Optional<Instant> lastClosedCutOff(TenantId tenant) {
    return jdbi.withHandle(
        h ->
            h.createQuery(Sql.of(AmrRepository.class, "lastClosed"))
                .bind("tenant", tenant.value())
                .map((rs, ctx) -> Sql.instant(rs, "cut_off"))
                .findOne());
  }

  /**
   * Closes the period that ends at {@code cutOff}, in one transaction that first claims the period
   * row: a second close of the same period (another node, a late run) claims nothing and changes
   * nothing. Returns the reads written, empty when the period was closed already.
   */
  Optional<List<MeterRead>> close(
      TenantId tenant, BillingSchedule schedule, Instant cutOff, String node, Instant now) {
    String period = schedule.period(cutOff);
    // The period starts where the last closed one ended (the schedule may have changed). Periods
    // close in order, so that one is settled before this close begins; it is read outside the
    // transaction so that the claim is the transaction's first statement: on SQLite a transaction
    // that reads first cannot take the write lock after a concurrent writer (SQLITE_BUSY), one
    // that writes first waits for it.
    Optional<Map.Entry<String, Instant>> before =
        jdbi.withHandle(
            h ->
                h.createQuery(Sql.of(AmrRepository.class, "closedBefore"))
                    .bind("tenant", tenant.value())
                    .bind("cutOff", Sql.time(cutOff))
                    .map((rs, ctx) -> Map.entry(rs.getString("period"), Sql.instant(rs, "cut_off")))
                    .findOne());
    Instant startsAt = before.map(Map.Entry::getValue).orElse(schedule.cutOffBefore(cutOff));
    String previous = before.map(Map.Entry::getKey).orElse("");
    return jdbi.inTransaction(
        h -> {
          int claimed =
              h.createUpdate(Sql.of(AmrRepository.class, "insertPeriod"))
                  .bind("tenant", tenant.value())
                  .bind("period", period)
                  .bind("startsAt", Sql.time(startsAt))
                  .bind("cutOff", Sql.time(cutOff))
                  .bind("now", Sql.time(now))
                  .bind("node", node)
                  .execute();
          if (claimed == 0) {
            return Optional.<List<MeterRead>>empty();
          }
          Map<List<String>, OptionalLong> starts = new LinkedHashMap<>();
          for (MeterRead r : reads(h, Scope.provider(), tenant, previous, null)) {
            starts.put(List.of(r.make(), r.serial(), r.meter()), r.value());
          }
          Map<List<String>, List<CutOffRead.Point>> points = points(h, tenant, cutOff, schedule);
          Map<List<String>, String> replacedBy = successors(h, tenant, cutOff);
          List<MeterRead> out = new ArrayList<>();
          for (List<String> device : devices(h, tenant, cutOff)) {
            Set<String> meters = new LinkedHashSet<>();
            for (List<String> k : points.keySet()) {
              if (k.get(0).equals(device.get(0)) && k.get(1).equals(device.get(1))) {
                meters.add(k.get(2));
              }
            }
            for (List<String> k : starts.keySet()) {
              if (k.get(0).equals(device.get(0)) && k.get(1).equals(device.get(1))) {
                meters.add(k.get(2));
              }
            }
            if (meters.isEmpty()) {
              out.add(
                  CutOffRead.missing(device.get(0), device.get(1), "total", OptionalLong.empty()));
            }
            for (String meter : meters) {
              List<String> key = List.of(device.get(0), device.get(1), meter);
              MeterRead r =
                  CutOffRead.decide(
                      device.get(0),
                      device.get(1),
                      meter,
                      startsAt,
                      cutOff,
                      schedule.window(),
                      points.getOrDefault(key, List.of()),
                      starts.getOrDefault(key, OptionalLong.empty()));
              String successor = replacedBy.get(device);
              out.add(
                  successor != null && r.status() == MeterRead.Status.estimated
                      ? CutOffRead.replaced(r, successor)
                      : r);
            }
          }
          for (MeterRead r : out) {
            insert(h, tenant, period, r);
          }
          return Optional.of(List.copyOf(out));
        });
  }

  /** Devices swapped out before the cut-off, with who took their place, in words. */
  private static Map<List<String>, String> successors(Handle h, TenantId tenant, Instant cutOff) {
    Map<List<String>, String> out = new LinkedHashMap<>();
    h.createQuery(Sql.of(AmrRepository.class, "successors"))
        .bind("tenant", tenant.value())
        .bind("cutOff", Sql.time(cutOff))
        .map(
            (rs, ctx) ->
                Map.entry(
                    List.of(rs.getString("make"), rs.getString("serial")),
                    rs.getString("new_make")
                        + " "
                        + rs.getString("new_serial")
                        + " answers at its address since "
                        + Sql.instant(rs, "since")))
        .forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
    return out;
  }

  private static List<List<String>> devices(Handle h, TenantId tenant, Instant cutOff) {
    return h.createQuery(Sql.of(AmrRepository.class, "billedDevices"))
        .bind("tenant", tenant.value())
        .bind("cutOff", Sql.time(cutOff))
        .map((rs, ctx) -> List.of(rs.getString("make"), rs.getString("serial")))
        .list();
  }

  private static Map<List<String>, List<CutOffRead.Point>> points(
      Handle h, TenantId tenant, Instant cutOff, BillingSchedule schedule) {
    Map<List<String>, List<CutOffRead.Point>> out = new LinkedHashMap<>();
    h.createQuery(Sql.of(AmrRepository.class, "readings"))
        .bind("tenant", tenant.value())
        .bind("from", Sql.time(cutOff.minus(LOOKBACK)))
        .bind("to", Sql.time(cutOff.plus(schedule.closeDelay())))
        .map(
            (rs, ctx) -> {
              List<String> flags = new ArrayList<>();
              flags.addAll(MeterRepository.words(rs.getString("flags"), ","));
              for (String f : MeterRepository.words(rs.getString("server_flags"), ",")) {
                if (!flags.contains(f)) {
                  flags.add(f);
                }
              }
              return Map.entry(
                  List.of(rs.getString("make"), rs.getString("serial"), rs.getString("name")),
                  new CutOffRead.Point(
                      rs.getLong("value"),
                      Sql.instant(rs, "read_at"),
                      rs.getString("report_id"),
                      flags));
            })
        .forEach(
            e -> {
              if (BillingMeters.isBilling(e.getKey().get(2))) {
                out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
              }
            });
    return out;
  }

  private static void insert(Handle h, TenantId tenant, String period, MeterRead r) {
    h.createUpdate(Sql.of(AmrRepository.class, "insertRead"))
        .bind("tenant", tenant.value())
        .bind("period", period)
        .bind("make", r.make())
        .bind("serial", r.serial())
        .bind("meter", r.meter())
        .bind("status", r.status().name())
        .bind("value", boxed(r.value()))
        .bind("startValue", boxed(r.startValue()))
        .bind("readAt", r.readAt().map(Sql::time).orElse(null))
        .bind("method", r.method().orElse(null))
        .bind("basis", r.basis())
        .bind("rawValue", boxed(r.rawValue()))
        .bind("trustedValue", boxed(r.trustedValue()))
        .bind("flags", String.join(",", r.flags()))
        .execute();
  }

  private static Long boxed(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : null;
  }

  // --- reading back

  public List<Period> periods(Scope scope, TenantId tenant) {
    return periods(scope, tenant, "");
  }

  public Optional<Period> period(Scope scope, TenantId tenant, String period) {
    return periods(scope, tenant, period).stream().findFirst();
  }

  private List<Period> periods(Scope scope, TenantId tenant, String period) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(AmrRepository.class, "periods")), scope)
                .bind("tenant", tenant.value())
                .bind("period", period)
                .map(
                    (rs, ctx) ->
                        new Period(
                            rs.getString("period"),
                            Sql.instant(rs, "starts_at"),
                            Sql.instant(rs, "cut_off"),
                            Sql.instant(rs, "closed_at"),
                            rs.getString("closed_by"),
                            rs.getInt("billed"),
                            rs.getInt("estimated"),
                            rs.getInt("held"),
                            rs.getInt("missing")))
                .list());
  }

  public List<MeterRead> reads(Scope scope, TenantId tenant, String period) {
    return jdbi.withHandle(h -> reads(h, scope, tenant, period, null));
  }

  Optional<MeterRead> read(Scope scope, TenantId tenant, String period, List<String> key) {
    return jdbi.withHandle(h -> reads(h, scope, tenant, period, key)).stream().findFirst();
  }

  private static List<MeterRead> reads(
      Handle h, Scope scope, TenantId tenant, String period, List<String> key) {
    return Scope.bind(h.createQuery(Sql.of(AmrRepository.class, "reads")), scope)
        .bind("tenant", tenant.value())
        .bind("period", period)
        .bind("make", key == null ? "" : key.get(0))
        .bind("serial", key == null ? "" : key.get(1))
        .bind("meter", key == null ? "" : key.get(2))
        .map(
            (rs, ctx) ->
                new MeterRead(
                    rs.getString("make"),
                    rs.getString("serial"),
                    rs.getString("meter"),
                    MeterRead.Status.valueOf(rs.getString("status")),
                    Sql.optionalLong(rs, "value"),
                    Sql.optionalLong(rs, "start_value"),
                    optionalInstant(rs, "read_at"),
                    Sql.optionalString(rs, "method"),
                    rs.getString("basis"),
                    Sql.optionalLong(rs, "raw_value"),
                    Sql.optionalLong(rs, "trusted_value"),
                    MeterRepository.words(rs.getString("flags"), ",")))
        .list();
  }

  private static Optional<Instant> optionalInstant(ResultSet rs, String column)
      throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? Optional.empty() : Optional.of(t.toInstant());
  }

  // --- review

  /**
   * Resolves a held read (to accepted or corrected, with the billed value) and audits it, in one
   * transaction; false when the read is no longer held (someone else resolved it first).
   */
  boolean resolveHeld(
      TenantId tenant,
      String period,
      MeterRead held,
      MeterRead.Status status,
      long value,
      String method,
      AuditEntry audit) {
    return jdbi.inTransaction(
        h -> {
          int changed =
              h.createUpdate(Sql.of(AmrRepository.class, "resolveHeld"))
                  .bind("tenant", tenant.value())
                  .bind("period", period)
                  .bind("make", held.make())
                  .bind("serial", held.serial())
                  .bind("meter", held.meter())
                  .bind("status", status.name())
                  .bind("value", value)
                  .bind("method", method)
                  .execute();
          if (changed == 0) {
            return false;
          }
          audit(h, tenant, audit);
          return true;
        });
  }

  /** Adds an adjustment and its audit entry, in one transaction. */
  void adjust(TenantId tenant, Adjustment a, AuditEntry audit) {
    jdbi.useTransaction(
        h -> {
          h.createUpdate(Sql.of(AmrRepository.class, "insertAdjustment"))
              .bind("tenant", tenant.value())
              .bind("period", a.period())
              .bind("ofPeriod", a.ofPeriod())
              .bind("make", a.make())
              .bind("serial", a.serial())
              .bind("meter", a.meter())
              .bind("beforeValue", boxed(a.beforeValue()))
              .bind("afterValue", a.afterValue())
              .bind("reason", a.reason())
              .bind("by", a.madeBy())
              .bind("now", Sql.time(a.madeAt()))
              .execute();
          audit(h, tenant, audit);
        });
  }

  /** Adjustments billed in {@code period}. */
  public List<Adjustment> adjustmentsIn(Scope scope, TenantId tenant, String period) {
    return adjustments(scope, tenant, period, null, null);
  }

  /** Adjustments of one read of {@code ofPeriod}, oldest first. */
  List<Adjustment> adjustmentsOf(Scope scope, TenantId tenant, String ofPeriod, List<String> key) {
    return adjustments(scope, tenant, "", ofPeriod, key);
  }

  private List<Adjustment> adjustments(
      Scope scope, TenantId tenant, String period, String ofPeriod, List<String> key) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(AmrRepository.class, "adjustments")), scope)
                .bind("tenant", tenant.value())
                .bind("period", period)
                .bind("ofPeriod", ofPeriod == null ? "" : ofPeriod)
                .bind("make", key == null ? "" : key.get(0))
                .bind("serial", key == null ? "" : key.get(1))
                .bind("meter", key == null ? "" : key.get(2))
                .map(
                    (rs, ctx) ->
                        new Adjustment(
                            rs.getString("period"),
                            rs.getString("of_period"),
                            rs.getString("make"),
                            rs.getString("serial"),
                            rs.getString("meter"),
                            Sql.optionalLong(rs, "before_value"),
                            rs.getLong("after_value"),
                            rs.getString("reason"),
                            rs.getString("made_by"),
                            Sql.instant(rs, "made_at")))
                .list());
  }

  /** Adds an audit entry on its own. */
  void record(TenantId tenant, AuditEntry a) {
    jdbi.useHandle(h -> audit(h, tenant, a));
  }

  private static void audit(Handle h, TenantId tenant, AuditEntry a) {
    h.createUpdate(Sql.of(AmrRepository.class, "insertAudit"))
        .bind("tenant", tenant.value())
        .bind("now", Sql.time(a.at()))
        .bind("by", a.username())
        .bind("action", a.action())
        .bind("subject", a.subject())
        .bind("before", a.before())
        .bind("after", a.after())
        .bind("reason", a.reason())
        .execute();
  }

  public List<AuditEntry> audit(Scope scope, TenantId tenant, int limit) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(AmrRepository.class, "audit")), scope)
                .bind("tenant", tenant.value())
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new AuditEntry(
                            Sql.instant(rs, "at"),
                            rs.getString("username"),
                            rs.getString("action"),
                            rs.getString("subject"),
                            rs.getString("before_text"),
                            rs.getString("after_text"),
                            rs.getString("reason")))
                .list());
  }

  // --- missed reads

  public List<MissedDevice> missed(Scope scope, TenantId tenant, Instant freshAfter) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(AmrRepository.class, "missed")), scope)
                .bind("tenant", tenant.value())
                .bind("freshAfter", Sql.time(freshAfter))
                .map(
                    (rs, ctx) ->
                        new MissedDevice(
                            rs.getString("make"),
                            rs.getString("serial"),
                            rs.getString("model"),
                            rs.getString("site_id"),
                            Sql.instant(rs, "last_seen"),
                            rs.getString("source_kind"),
                            rs.getString("source_id"),
                            optionalInstant(rs, "last_contact_at")))
                .list());
  }

  /** Records that the missed-read notice of a period went out; false when it had already. */
  boolean noticeSent(TenantId tenant, String period, Instant now, int devices) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(Sql.of(AmrRepository.class, "insertNotice"))
                    .bind("tenant", tenant.value())
                    .bind("period", period)
                    .bind("now", Sql.time(now))
                    .bind("devices", devices)
                    .execute())
        > 0;
  }
}
