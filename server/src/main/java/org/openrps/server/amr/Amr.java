package org.openrps.server.amr;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.store.Scope;
import org.openrps.server.store.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automatic meter reads (issue 11 point 1): closes billing periods, reviews held reads, corrects
 * closed periods through adjustments in the next one, and predicts missed reads.
 */
public final class Amr {

  private static final Logger LOG = LoggerFactory.getLogger(Amr.class);

  /** At most this many periods of one customer close in one run (a long outage catching up). */
  static final int MAX_CATCH_UP = 24;

  /** What a reviewer does with a read. */
  public enum Action {
    /** Bill a held read's raw value (the device's counter is right, e.g. a new board). */
    acceptRaw,
    /** Bill a held read's trusted value (the last value without flags). */
    acceptTrusted,
    /** Bill a given value, with a reason; after the close, an adjustment in the next period. */
    correct
  }

  /** One period closed by a run. */
  public record Closed(TenantId tenant, String period, List<MeterRead> reads) {}

  /** The devices without a fresh reading before a cut-off. */
  public record MissedReads(
      TenantId tenant,
      String period,
      Instant cutOff,
      Instant listFrom,
      boolean due,
      List<AmrRepository.MissedDevice> devices) {}

  private final AmrRepository repository;
  private final Clock clock;

  public Amr(AmrRepository repository, Clock clock) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  AmrRepository repository() {
    return repository;
  }

  /** The customer's closed periods, as the scope sees them, newest first. */
  public List<AmrRepository.Period> periods(Scope scope, TenantId tenant) {
    return repository.periods(scope, tenant);
  }

  /** The reads of a closed period, as the scope sees them. */
  public List<MeterRead> reads(Scope scope, TenantId tenant, String period) {
    return repository.reads(scope, tenant, period);
  }

  /** One closed period of the customer, as the scope sees it. */
  public Optional<AmrRepository.Period> period(Scope scope, TenantId tenant, String period) {
    return repository.period(scope, tenant, period);
  }

  /** The adjustments of earlier periods billed in {@code period}. */
  public List<AmrRepository.Adjustment> adjustmentsIn(Scope scope, TenantId tenant, String period) {
    return repository.adjustmentsIn(scope, tenant, period);
  }

  /** The customer's audit trail (schedule changes, reviews, adjustments), newest first. */
  public List<AmrRepository.AuditEntry> audit(Scope scope, TenantId tenant, int limit) {
    return repository.audit(scope, tenant, limit);
  }

  /** The customer's schedule: the stored one, if it is billed. */
  public Optional<BillingSchedule> schedule(Scope scope, TenantId tenant) {
    return repository.schedule(scope, tenant);
  }

  /** Sets a customer's schedule; only a provider admin may. */
  public void setSchedule(UserPrincipal who, TenantId tenant, BillingSchedule schedule) {
    who.requireProvider();
    Instant now = clock.instant();
    Optional<BillingSchedule> before = repository.schedule(Scope.provider(), tenant);
    repository.putSchedule(tenant, schedule, who.username(), now);
    repository.record(
        tenant,
        new AmrRepository.AuditEntry(
            now,
            who.username(),
            "schedule.set",
            "schedule",
            before.map(BillingSchedule::toString).orElse("none"),
            schedule.toString(),
            ""));
  }

  /**
   * Closes every period of every billed customer whose cut-off plus close delay has passed, oldest
   * first; a period already closed (by another node or an earlier run) is skipped.
   */
  public List<Closed> closeDue(Instant now, String node) {
    List<Closed> out = new ArrayList<>();
    for (Map.Entry<TenantId, BillingSchedule> e : repository.schedules().entrySet()) {
      TenantId tenant = e.getKey();
      BillingSchedule s = e.getValue();
      Instant after = repository.lastClosedCutOff(tenant).orElse(s.startsAt());
      if (after.isBefore(s.startsAt())) {
        after = s.startsAt();
      }
      Instant cut = s.cutOffAfter(after);
      for (int i = 0; i < MAX_CATCH_UP && !cut.plus(s.closeDelay()).isAfter(now); i++) {
        Optional<List<MeterRead>> reads = repository.close(tenant, s, cut, node, now);
        if (reads.isPresent()) {
          out.add(new Closed(tenant, s.period(cut), reads.get()));
          LOG.info(
              "{} - amr closed period {} of {}: {} reads",
              node,
              s.period(cut),
              tenant,
              reads.get().size());
        }
        cut = s.cutOffAfter(cut);
      }
    }
    return out;
  }

  /**
   * Reviews a read of a closed period: a held read is accepted (raw or trusted value) or corrected
   * in place, once; any other read keeps its value and a correction becomes an adjustment billed in
   * the next open period. Audited either way.
   */
  public void review(
      UserPrincipal who,
      TenantId tenant,
      String period,
      String make,
      String serial,
      String meter,
      Action action,
      OptionalLong value,
      String reason) {
    who.requireProvider();
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    Instant now = clock.instant();
    List<String> key = List.of(make, serial, meter);
    MeterRead read =
        repository
            .read(Scope.provider(), tenant, period, key)
            .orElseThrow(() -> ApiException.notFound("read " + String.join("/", key)));
    String subject = period + " " + String.join(" ", key);
    if (action == Action.correct) {
      if (value.isEmpty() || value.getAsLong() < 0) {
        throw ApiException.badRequest("a correction needs a value of 0 or more");
      }
      if (reason.isBlank()) {
        throw ApiException.badRequest("a correction needs a reason");
      }
    }
    if (read.status() == MeterRead.Status.held) {
      long billed;
      MeterRead.Status status;
      if (action == Action.acceptRaw) {
        if (read.rawValue().isEmpty()) {
          throw ApiException.conflict("this read has no raw value; correct it");
        }
        billed = read.rawValue().getAsLong();
        status = MeterRead.Status.accepted;
      } else if (action == Action.acceptTrusted) {
        if (read.trustedValue().isEmpty()) {
          throw ApiException.conflict("this read has no trusted value; accept raw or correct it");
        }
        billed = read.trustedValue().getAsLong();
        status = MeterRead.Status.accepted;
      } else {
        billed = value.getAsLong();
        status = MeterRead.Status.corrected;
      }
      boolean done =
          repository.resolveHeld(
              tenant,
              period,
              read,
              status,
              billed,
              action.name(),
              new AmrRepository.AuditEntry(
                  now,
                  who.username(),
                  "read." + action.name(),
                  subject,
                  describe(read),
                  status + " " + billed,
                  reason));
      if (!done) {
        throw ApiException.conflict("the read is no longer held");
      }
      return;
    }
    if (action != Action.correct) {
      throw ApiException.conflict("only a held read is accepted; this one is " + read.status());
    }
    BillingSchedule s =
        repository
            .schedule(Scope.provider(), tenant)
            .orElseThrow(() -> ApiException.notFound("schedule of " + tenant));
    Instant lastClosed = repository.lastClosedCutOff(tenant).orElseThrow();
    String next = s.period(s.cutOffAfter(lastClosed));
    List<AmrRepository.Adjustment> earlier =
        repository.adjustmentsOf(Scope.provider(), tenant, period, key);
    OptionalLong before =
        earlier.isEmpty()
            ? read.value()
            : OptionalLong.of(earlier.get(earlier.size() - 1).afterValue());
    repository.adjust(
        tenant,
        new AmrRepository.Adjustment(
            next,
            period,
            make,
            serial,
            meter,
            before,
            value.getAsLong(),
            reason,
            who.username(),
            now),
        new AmrRepository.AuditEntry(
            now,
            who.username(),
            "read.adjust",
            subject,
            describe(read) + (earlier.isEmpty() ? "" : ", adjusted to " + before.getAsLong()),
            "adjustment of " + value.getAsLong() + " billed in " + next,
            reason));
  }

  private static String describe(MeterRead r) {
    StringBuilder b = new StringBuilder(r.status().name());
    r.value().ifPresent(v -> b.append(" value ").append(v));
    r.rawValue().ifPresent(v -> b.append(" raw ").append(v));
    r.trustedValue().ifPresent(v -> b.append(" trusted ").append(v));
    if (!r.flags().isEmpty()) {
      b.append(" flags ").append(String.join(",", r.flags()));
    }
    return b.toString();
  }

  /**
   * The customer's devices without a reading fresher than the schedule's {@code fresh} before its
   * next cut-off; {@code due} once the lead time before that cut-off has begun.
   */
  public Optional<MissedReads> missedReads(Scope scope, TenantId tenant, Instant now) {
    Optional<BillingSchedule> schedule = repository.schedule(scope, tenant);
    if (schedule.isEmpty()) {
      return Optional.empty();
    }
    BillingSchedule s = schedule.get();
    Instant cut = s.cutOffAfter(now.isBefore(s.startsAt()) ? s.startsAt() : now);
    Instant from = cut.minus(java.time.Duration.ofDays(s.leadDays()));
    return Optional.of(
        new MissedReads(
            tenant,
            s.period(cut),
            cut,
            from,
            !now.isBefore(from),
            repository.missed(scope, tenant, now.minus(s.fresh()))));
  }

  /** Hands each due missed-read list to the hook, once per customer and period. */
  public int notifyMissedReads(Instant now, MissedReadsHook hook) {
    int sent = 0;
    for (TenantId tenant : repository.schedules().keySet()) {
      Optional<MissedReads> list = missedReads(Scope.provider(), tenant, now);
      if (list.isEmpty() || !list.get().due()) {
        continue;
      }
      if (repository.noticeSent(tenant, list.get().period(), now, list.get().devices().size())) {
        hook.missedReads(list.get());
        sent++;
      }
    }
    return sent;
  }
}
