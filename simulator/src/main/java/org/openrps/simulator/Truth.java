package org.openrps.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The ground truth of a simulated fleet, for tests and benchmarks that check a reader or a service
 * against what really happened: each printer's state at an instant ({@link
 * SimulatedPrinter#truthAt}), and the changes between two instants (power, faults, cartridges run
 * empty and replaced, devices swapped), found by looking at the state every {@code step}.
 * Everything is a function of the simulation clock, so the truth of any instant, past or future, is
 * the same in every call. A replayed recording has no truth.
 */
public final class Truth {

  /** The step {@link #events} looks at the fleet in unless told otherwise. */
  public static final Duration DEFAULT_STEP = Duration.ofMinutes(1);

  /** The most states one call of {@link #events} looks at (printers × steps). */
  public static final long MAX_LOOKS = 50_000_000L;

  private Truth() {}

  /** The truth of every printer that has one, at {@code at}. */
  public static List<PrinterTruth> at(List<? extends SimulatedPrinter> printers, Instant at) {
    List<PrinterTruth> out = new ArrayList<>(printers.size());
    for (SimulatedPrinter p : printers) {
      p.truthAt(at).ifPresent(out::add);
    }
    return out;
  }

  /**
   * What changed from {@code from} (excluded) to {@code to} (included), printer by printer, in time
   * order per printer.
   *
   * @throws IllegalArgumentException for an empty or reversed interval, a step not above zero, or
   *     more than {@link #MAX_LOOKS} looks
   */
  public static List<TruthEvent> events(
      List<? extends SimulatedPrinter> printers, Instant from, Instant to, Duration step) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to (" + to + ") must be after from (" + from + ")");
    }
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("step must be more than 0: " + step);
    }
    long steps = Duration.between(from, to).toMillis() / step.toMillis() + 1;
    if (steps * Math.max(1, printers.size()) > MAX_LOOKS) {
      throw new IllegalArgumentException(
          "too many looks: "
              + steps
              + " steps × "
              + printers.size()
              + " printers is over "
              + MAX_LOOKS
              + "; take a longer step or a shorter interval");
    }
    List<TruthEvent> out = new ArrayList<>();
    for (SimulatedPrinter p : printers) {
      Optional<PrinterTruth> first = p.truthAt(from);
      if (first.isEmpty()) {
        continue;
      }
      PrinterTruth before = first.get();
      for (long i = 1; i < steps + 1; i++) {
        Instant t =
            from.plusMillis(Math.min(i * step.toMillis(), Duration.between(from, to).toMillis()));
        PrinterTruth now = p.truthAt(t).orElseThrow();
        changes(before, now, out);
        before = now;
        if (!t.isBefore(to)) {
          break;
        }
      }
    }
    return out;
  }

  private static void changes(PrinterTruth before, PrinterTruth now, List<TruthEvent> out) {
    if (!before.serial().equals(now.serial())) {
      out.add(event(now, TruthEvent.Kind.deviceReplaced, before.serial()));
    }
    if (before.powered() != now.powered()) {
      out.add(
          event(now, now.powered() ? TruthEvent.Kind.poweredOn : TruthEvent.Kind.poweredOff, ""));
    }
    Set<String> was = new HashSet<>(before.faults());
    for (String f : now.faults()) {
      if (!was.remove(f)) {
        out.add(event(now, TruthEvent.Kind.faultRaised, f));
      }
    }
    for (String f : before.faults()) {
      if (was.contains(f)) {
        out.add(event(now, TruthEvent.Kind.faultCleared, f));
      }
    }
    if (before.serial().equals(now.serial())) {
      for (int i = 0; i < Math.min(before.supplies().size(), now.supplies().size()); i++) {
        PrinterTruth.Supply b = before.supplies().get(i);
        PrinterTruth.Supply n = now.supplies().get(i);
        String what = n.index() + " " + n.description();
        if (n.remaining() > b.remaining()) {
          out.add(event(now, TruthEvent.Kind.supplyReplaced, what));
        } else if (n.remaining() <= 0 && b.remaining() > 0) {
          out.add(event(now, TruthEvent.Kind.supplyEmptied, what));
        }
      }
    }
  }

  private static TruthEvent event(PrinterTruth t, TruthEvent.Kind kind, String detail) {
    return new TruthEvent(t.at(), t.address(), t.serial(), kind, detail);
  }
}
