package org.openrps.server.asr;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.openrps.server.store.Scope;
import org.openrps.wire.SupplyReading;

/**
 * Supplies replenishment (issue 11 point 2): for every consumable of every device, a {@link
 * Forecast} from its level history; an order when the pessimistic days to empty fall under the
 * customer's lead time plus margin (or, with too short a history, the level under its threshold),
 * at most one open per supply position; the order closes when a replacement is seen; a supply that
 * ran empty with no order raised before is a miss. Safe to run twice: the unique open index and the
 * misses' key make a second run change nothing.
 */
public final class Asr {

  /** How much history a forecast reads. */
  static final Duration HISTORY = Duration.ofDays(30);

  /** Supply types that are used up and re-ordered (parts are in the part intervals). */
  static final Set<String> CONSUMABLES =
      Set.of(
          "toner", "tonerCartridge", "ink", "inkCartridge", "inkRibbon", "solidWax", "ribbonWax");

  /** What a run did, and the orders it raised (for their e-mail). */
  public record Outcome(int raised, int closed, int misses, List<AsrRepository.Order> newOrders) {
    public Outcome {
      newOrders = List.copyOf(newOrders);
    }
  }

  private final AsrRepository repository;

  public Asr(AsrRepository repository) {
    this.repository = Objects.requireNonNull(repository, "repository");
  }

  public AsrRepository repository() {
    return repository;
  }

  /** Looks at every device's consumables as of {@code now}, in one transaction. */
  public Outcome run(Instant now) {
    return repository.inTransaction(
        h -> {
          Map<String, AsrSettings> settings = repository.settings(h, Scope.provider());
          int raised = 0;
          int closed = 0;
          int misses = 0;
          List<AsrRepository.Order> newOrders = new ArrayList<>();
          for (AsrRepository.Device d : repository.devices(h)) {
            AsrSettings rules = settings.getOrDefault(d.tenant(), AsrSettings.DEFAULTS);
            if (!rules.enabled()) {
              continue;
            }
            Map<Integer, List<SupplyReading>> history =
                repository.history(h, d, now.minus(HISTORY));
            List<AsrRepository.Order> orders = repository.orders(h, d);
            List<AsrRepository.SupplyAlert> alerts =
                history.isEmpty() ? List.of() : repository.supplyAlerts(h, d, now.minus(HISTORY));
            for (Map.Entry<Integer, List<SupplyReading>> e : history.entrySet()) {
              List<SupplyReading> readings = e.getValue();
              SupplyReading last = readings.get(readings.size() - 1);
              if (!CONSUMABLES.contains(last.type())) {
                continue;
              }
              List<AsrRepository.SupplyAlert> mine = alertsOf(last, history, alerts);
              int[] did =
                  last.percent().isPresent()
                      ? supply(h, d, rules, readings, orders, now, newOrders)
                      : byAlerts(h, d, last, mine, orders, now, newOrders);
              raised += did[0];
              closed += did[1];
              misses += did[2];
            }
          }
          return new Outcome(raised, closed, misses, newOrders);
        });
  }

  /** One supply position: close, count a miss, raise; returns {raised, closed, misses}. */
  private int[] supply(
      Handle h,
      AsrRepository.Device d,
      AsrSettings rules,
      List<SupplyReading> readings,
      List<AsrRepository.Order> orders,
      Instant now,
      List<AsrRepository.Order> newOrders) {
    int index = readings.get(0).index();
    Forecast.Result f = Forecast.of(points(readings));
    SupplyReading last = readings.get(readings.size() - 1);
    int raised = 0;
    int closed = 0;
    int misses = 0;
    Optional<AsrRepository.Order> open =
        orders.stream()
            .filter(o -> o.supplyIndex() == index && o.state().equals("open"))
            .findFirst();
    if (open.isPresent()
        && f.replacedAt().isPresent()
        && f.replacedAt().get().isAfter(open.get().raisedAt())) {
      if (repository.closeOrder(
          h, open.get().id(), f.replacedAt().get(), "replacement seen: " + last.description())) {
        closed++;
      }
      open = Optional.empty();
    }
    if (f.emptySince().isPresent()) {
      Instant empty = f.emptySince().get();
      // an order covers this cartridge when raised before it ran empty and during its life (or,
      // with no replacement in the history kept, still open from before)
      boolean orderedBefore =
          orders.stream()
              .anyMatch(
                  o ->
                      o.supplyIndex() == index
                          && o.raisedAt().isBefore(empty)
                          && (!o.raisedAt().isBefore(f.segmentStart())
                              || (f.replacedAt().isEmpty() && o.closedAt().isEmpty())));
      if (!orderedBefore
          && repository.insertMiss(
              h,
              new AsrRepository.Miss(
                  d.tenant(), d.make(), d.serial(), index, last.description(), empty))) {
        misses++;
      }
    }
    if (open.isEmpty() && due(f, rules)) {
      AsrRepository.Order o =
          new AsrRepository.Order(
              UUID.randomUUID().toString(),
              d.tenant(),
              d.make(),
              d.serial(),
              index,
              last.description(),
              last.partNumber(),
              1,
              d.site(),
              "open",
              f.hasRate() ? "forecast" : "threshold",
              now,
              f.percent(),
              f.daysLow(),
              f.daysHigh(),
              Optional.empty(),
              Optional.empty());
      if (repository.insertOrder(h, o)) {
        raised++;
        newOrders.add(o);
      }
    }
    return new int[] {raised, closed, misses};
  }

  /**
   * The low and empty alerts of one supply: those whose text names it, or, when the device has only
   * one consumable without a level, all of them.
   */
  static List<AsrRepository.SupplyAlert> alertsOf(
      SupplyReading supply,
      Map<Integer, List<SupplyReading>> all,
      List<AsrRepository.SupplyAlert> alerts) {
    String name = supply.description().replace("\0", "").trim().toLowerCase(java.util.Locale.ROOT);
    long withoutLevel =
        all.values().stream()
            .map(l -> l.get(l.size() - 1))
            .filter(s -> CONSUMABLES.contains(s.type()) && s.percent().isEmpty())
            .count();
    return alerts.stream()
        .filter(
            a ->
                (!name.isEmpty()
                        && a.description().toLowerCase(java.util.Locale.ROOT).contains(name))
                    || withoutLevel == 1)
        .toList();
  }

  /**
   * A supply whose level is not an amount ("some remaining"): its low alert raises the order, its
   * empty alert with no order before is a miss, and its alerts clearing (a new cartridge) close it.
   */
  private int[] byAlerts(
      Handle h,
      AsrRepository.Device d,
      SupplyReading last,
      List<AsrRepository.SupplyAlert> alerts,
      List<AsrRepository.Order> orders,
      Instant now,
      List<AsrRepository.Order> newOrders) {
    int index = last.index();
    int raised = 0;
    int closed = 0;
    int misses = 0;
    boolean alertOpen = alerts.stream().anyMatch(a -> a.clearedAt().isEmpty());
    Optional<AsrRepository.Order> open =
        orders.stream()
            .filter(o -> o.supplyIndex() == index && o.state().equals("open"))
            .findFirst();
    if (open.isPresent() && !alertOpen) {
      Instant raisedAt = open.get().raisedAt();
      Optional<Instant> cleared =
          alerts.stream()
              .map(a -> a.clearedAt().orElse(Instant.MIN))
              .filter(c -> c.isAfter(raisedAt))
              .max(Instant::compareTo);
      if (cleared.isPresent()
          && repository.closeOrder(
              h,
              open.get().id(),
              cleared.get(),
              "replacement seen: the low and empty alerts of " + last.description() + " cleared")) {
        closed++;
        open = Optional.empty();
      }
    }
    for (AsrRepository.SupplyAlert a : alerts) {
      if (!a.empty()) {
        continue;
      }
      Instant empty = a.firstSeenAt();
      // the low alert that came before this empty one: the order must have followed it
      Instant lowSince =
          alerts.stream()
              .filter(x -> !x.empty() && !x.firstSeenAt().isAfter(empty))
              .map(AsrRepository.SupplyAlert::firstSeenAt)
              .max(Instant::compareTo)
              .orElse(empty.minus(HISTORY));
      boolean orderedBefore =
          orders.stream()
              .anyMatch(
                  o ->
                      o.supplyIndex() == index
                          && o.raisedAt().isBefore(empty)
                          && !o.raisedAt().isBefore(lowSince.minus(Duration.ofDays(1))));
      if (!orderedBefore
          && repository.insertMiss(
              h,
              new AsrRepository.Miss(
                  d.tenant(), d.make(), d.serial(), index, last.description(), empty))) {
        misses++;
      }
    }
    if (open.isEmpty() && alertOpen) {
      AsrRepository.Order o =
          new AsrRepository.Order(
              UUID.randomUUID().toString(),
              d.tenant(),
              d.make(),
              d.serial(),
              index,
              last.description(),
              last.partNumber(),
              1,
              d.site(),
              "open",
              "lowAlert",
              now,
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty());
      if (repository.insertOrder(h, o)) {
        raised++;
        newOrders.add(o);
      }
    }
    return new int[] {raised, closed, misses};
  }

  /** Whether the supply needs an order now. */
  static boolean due(Forecast.Result f, AsrSettings rules) {
    if (f.percent().isEmpty()) {
      return false;
    }
    if (f.daysLow().isPresent()) {
      return f.daysLow().get() < rules.orderWithinDays();
    }
    return f.percent().get() <= rules.thresholdPercent();
  }

  /**
   * The forecast of each consumable of the device as of {@code now}, by supply position, from the
   * history a run reads. The caller has checked that the device is in its user's scope.
   */
  public List<AsrRoutes.ForecastView> forecasts(
      org.openrps.server.store.DeviceKey key, Instant now) {
    AsrRepository.Device d =
        new AsrRepository.Device(key.tenant().value(), key.make(), key.serial(), "");
    List<AsrRoutes.ForecastView> out = new ArrayList<>();
    repository
        .history(d, now.minus(HISTORY))
        .forEach(
            (index, readings) -> {
              SupplyReading last = readings.get(readings.size() - 1);
              if (!CONSUMABLES.contains(last.type())) {
                return;
              }
              Forecast.Result f = Forecast.of(points(readings));
              // a level counted in impressions is the pages left
              Long pages =
                  "impressions".equals(last.unit()) && last.level() >= 0
                      ? Long.valueOf(last.level())
                      : null;
              out.add(
                  new AsrRoutes.ForecastView(
                      index,
                      last.description(),
                      last.partNumber().orElse(null),
                      f.percent().orElse(null),
                      f.segmentStart(),
                      f.replacedAt().orElse(null),
                      f.perDay().map(r -> r[0]).orElse(null),
                      f.perDay().map(r -> r[1]).orElse(null),
                      f.perDay().map(r -> r[2]).orElse(null),
                      f.daysLow().filter(Double::isFinite).orElse(null),
                      f.daysHigh().filter(Double::isFinite).orElse(null),
                      pages,
                      f.emptySince().orElse(null)));
            });
    return out;
  }

  static List<Forecast.Point> points(List<SupplyReading> readings) {
    List<Forecast.Point> out = new ArrayList<>(readings.size());
    for (SupplyReading s : readings) {
      Optional<Double> percent =
          s.percent().isPresent() ? Optional.of(s.percent().getAsDouble()) : Optional.empty();
      out.add(new Forecast.Point(s.readAt(), percent, s.partNumber()));
    }
    return out;
  }
}
