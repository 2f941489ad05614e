package org.openrps.server.amr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides one meter's read at a cut-off from its stored readings: a pure function, so every rule is
 * tested without a database.
 *
 * <ol>
 *   <li>The last reading at or before the cut-off, no older than the window: {@code actual} when it
 *       has no integrity flag, {@code held} with both values (raw, and the last unflagged value
 *       before it) when it has one.
 *   <li>None in the window: {@code estimated}, {@code linear} between the last good reading before
 *       the cut-off and the first after it; else {@code dailyAverage}, the rate between the first
 *       and the last good readings before the cut-off carried to the cut-off.
 *   <li>Neither: {@code missing}, and no number.
 * </ol>
 */
final class CutOffRead {

  /** One stored reading of the meter. */
  record Point(long value, Instant readAt, String reportId, List<String> flags) {
    Point {
      Objects.requireNonNull(readAt, "readAt");
      Objects.requireNonNull(reportId, "reportId");
      flags = List.copyOf(flags);
    }

    boolean good() {
      return flags.isEmpty();
    }

    String describe() {
      return value + " at " + readAt + " (report " + reportId + ")";
    }
  }

  /** The shortest span between two readings that gives a daily average. */
  static final Duration MIN_RATE_SPAN = Duration.ofDays(1);

  private CutOffRead() {}

  /**
   * The read of one meter at {@code cutOff}.
   *
   * @param points the meter's readings around the cut-off, oldest first
   * @param start what was billed at the period's start, if known
   */
  static MeterRead decide(
      String make,
      String serial,
      String meter,
      Instant periodStart,
      Instant cutOff,
      Duration window,
      List<Point> points,
      OptionalLong start) {
    points = checked(points);
    Point last = null;
    Point lastGood = null;
    Point firstGood = null;
    Point firstGoodAfter = null;
    for (Point p : points) {
      if (!p.readAt().isAfter(cutOff)) {
        last = p;
        if (p.good()) {
          lastGood = p;
          if (firstGood == null) {
            firstGood = p;
          }
        }
      } else if (p.good() && firstGoodAfter == null) {
        firstGoodAfter = p;
      }
    }
    Point firstFlagged = null;
    java.util.LinkedHashSet<String> periodFlags = new java.util.LinkedHashSet<>();
    for (Point p : points) {
      if (!p.good() && p.readAt().isAfter(periodStart) && !p.readAt().isAfter(cutOff)) {
        firstFlagged = firstFlagged == null ? p : firstFlagged;
        periodFlags.addAll(p.flags());
      }
    }
    if (firstFlagged != null) {
      // a counter flagged during the period (not only at its end) makes the usage unknown
      Point trusted = null;
      for (Point p : points) {
        if (p.readAt().isBefore(firstFlagged.readAt()) && p.good()) {
          trusted = p;
        }
      }
      return new MeterRead(
          make,
          serial,
          meter,
          MeterRead.Status.held,
          OptionalLong.empty(),
          start,
          Optional.of(last.readAt()),
          Optional.empty(),
          "flagged reading "
              + firstFlagged.describe()
              + (firstFlagged == last ? "" : "; last reading " + last.describe())
              + (trusted == null
                  ? "; no unflagged reading before it"
                  : "; trusted " + trusted.describe()),
          OptionalLong.of(last.value()),
          trusted == null ? OptionalLong.empty() : OptionalLong.of(trusted.value()),
          List.copyOf(periodFlags));
    }
    if (last != null && !last.readAt().isBefore(cutOff.minus(window))) {
      if (last.good()) {
        return new MeterRead(
            make,
            serial,
            meter,
            MeterRead.Status.actual,
            OptionalLong.of(last.value()),
            start,
            Optional.of(last.readAt()),
            Optional.empty(),
            "reading " + last.describe(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            List.of());
      }
      // a flagged last reading older than the period's start: the period has no good reading
      return missing(make, serial, meter, start);
    }
    if (lastGood != null && firstGoodAfter != null && firstGoodAfter.value() >= lastGood.value()) {
      long span = Duration.between(lastGood.readAt(), firstGoodAfter.readAt()).toMillis();
      long part = Duration.between(lastGood.readAt(), cutOff).toMillis();
      long pages = firstGoodAfter.value() - lastGood.value();
      long value =
          lastGood.value()
              + java.math.BigInteger.valueOf(pages)
                  .multiply(java.math.BigInteger.valueOf(part))
                  .divide(java.math.BigInteger.valueOf(span))
                  .longValueExact();
      return estimate(
          make,
          serial,
          meter,
          value,
          start,
          "linear",
          "between " + lastGood.describe() + " and " + firstGoodAfter.describe());
    }
    if (lastGood != null
        && firstGood != lastGood
        && !firstGood.readAt().plus(MIN_RATE_SPAN).isAfter(lastGood.readAt())
        && firstGood.value() <= lastGood.value()) {
      long span = Duration.between(firstGood.readAt(), lastGood.readAt()).toMillis();
      long part = Duration.between(lastGood.readAt(), cutOff).toMillis();
      long pages = lastGood.value() - firstGood.value();
      long value =
          lastGood.value()
              + java.math.BigInteger.valueOf(pages)
                  .multiply(java.math.BigInteger.valueOf(part))
                  .divide(java.math.BigInteger.valueOf(span))
                  .longValueExact();
      double perDay = pages * 86_400_000.0 / span;
      return estimate(
          make,
          serial,
          meter,
          value,
          start,
          "dailyAverage",
          String.format(
              java.util.Locale.ROOT,
              "%.1f pages a day from %s to %s, carried to the cut-off",
              perDay,
              firstGood.describe(),
              lastGood.describe()));
    }
    return missing(make, serial, meter, start);
  }

  /**
   * The readings with the server's own check: a reading below the one before it is flagged (wrapped
   * when the one before was near the top of a Counter32, backwards otherwise), so a meter the
   * device did not flag (its sub-counters, a vendor total) is never billed across a wrap or a
   * reset.
   */
  static List<Point> checked(List<Point> points) {
    List<Point> out = new java.util.ArrayList<>(points.size());
    Point before = null;
    for (Point p : points) {
      Point q = p;
      if (before != null && p.value() < before.value() && p.good()) {
        q =
            new Point(
                p.value(),
                p.readAt(),
                p.reportId(),
                List.of(
                    before.value() >= NEAR_COUNTER32_TOP
                        ? org.openrps.wire.MeterReading.WRAPPED
                        : org.openrps.wire.MeterReading.BACKWARDS));
      }
      out.add(q);
      before = p;
    }
    return out;
  }

  /** A value this high that falls has most likely passed 2^32 (within 2^26 pages of it). */
  private static final long NEAR_COUNTER32_TOP = (1L << 32) - (1L << 26);

  /**
   * An estimate for a device another device took the place of: no rate is carried past its removal;
   * held with {@code deviceReplaced} for a person, with what the estimate was based on.
   */
  static MeterRead replaced(MeterRead estimate, String successor) {
    return new MeterRead(
        estimate.make(),
        estimate.serial(),
        estimate.meter(),
        MeterRead.Status.held,
        OptionalLong.empty(),
        estimate.startValue(),
        estimate.readAt(),
        Optional.empty(),
        "swapped out before the cut-off: "
            + successor
            + "; not estimated (the estimate would have been "
            + estimate.basis()
            + ")",
        OptionalLong.empty(),
        OptionalLong.empty(),
        List.of(org.openrps.wire.MeterReading.DEVICE_REPLACED));
  }

  static MeterRead missing(String make, String serial, String meter, OptionalLong start) {
    return new MeterRead(
        make,
        serial,
        meter,
        MeterRead.Status.missing,
        OptionalLong.empty(),
        start,
        Optional.empty(),
        Optional.empty(),
        "no good reading to bill or estimate from",
        OptionalLong.empty(),
        OptionalLong.empty(),
        List.of());
  }

  private static MeterRead estimate(
      String make,
      String serial,
      String meter,
      long value,
      OptionalLong start,
      String method,
      String basis) {
    return new MeterRead(
        make,
        serial,
        meter,
        MeterRead.Status.estimated,
        OptionalLong.of(value),
        start,
        Optional.empty(),
        Optional.of(method),
        basis,
        OptionalLong.empty(),
        OptionalLong.empty(),
        List.of());
  }
}
