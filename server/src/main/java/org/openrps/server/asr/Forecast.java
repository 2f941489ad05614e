package org.openrps.server.asr;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How fast a supply is used and when it runs out, from its level history: a pure function.
 *
 * <p>The history is cut at the last replacement (a rise of more than {@link #REPLACEMENT_RISE} of
 * the capacity over each of the two amounts before it, or a new part number), so a new cartridge
 * starts a new segment. Levels that are not amounts (-1 other, -2 unknown, -3 some remaining) are
 * left out, never read as 0 or 100. The rate is robust: the median and the 10th and 90th
 * percentiles of the slopes between every pair of readings at least {@link #MIN_PAIR_SPAN} apart
 * (Theil–Sen), per calendar day, so nights and weekends without printing are in it, and a cartridge
 * shaken back up by a few percent or one odd reading moves it little. Days to empty come as an 80 %
 * interval: the fast rate gives the pessimistic (low) end.
 */
public final class Forecast {

  /** A rise of the level by more than this share of the capacity is a replacement. */
  static final double REPLACEMENT_RISE = 0.10;

  /** Pairs closer in time than this are left out of the rate: a day evens out office hours. */
  static final Duration MIN_PAIR_SPAN = Duration.ofHours(24);

  /** At most this many readings of a segment are used (evenly spaced), to bound the pairs. */
  static final int MAX_POINTS = 240;

  /** One reading of the supply: its level in percent of capacity (empty when not an amount). */
  public record Point(Instant at, Optional<Double> percent, Optional<String> partNumber) {
    public Point {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(percent, "percent");
      Objects.requireNonNull(partNumber, "partNumber");
    }
  }

  /**
   * The forecast of a supply now.
   *
   * @param percent its latest level in percent, when an amount
   * @param segmentStart where the current cartridge's history starts (its replacement, or the first
   *     reading kept)
   * @param replacedAt the last replacement seen, if any
   * @param perDay percent used per calendar day: median, and the 10th and 90th percentiles; empty
   *     when the history is too short (less than a day of amounts)
   * @param daysLow days to empty at the fast rate (pessimistic)
   * @param daysHigh days to empty at the slow rate
   * @param emptySince the first reading at 0 % of the current cartridge, if it ran empty
   */
  public record Result(
      Optional<Double> percent,
      Instant segmentStart,
      Optional<Instant> replacedAt,
      Optional<double[]> perDay,
      Optional<Double> daysLow,
      Optional<Double> daysHigh,
      Optional<Instant> emptySince) {

    /** Whether the history was long enough for a rate. */
    public boolean hasRate() {
      return perDay.isPresent();
    }
  }

  private Forecast() {}

  /** The forecast from a supply's readings, oldest first (at least one). */
  public static Result of(List<Point> history) {
    if (history.isEmpty()) {
      throw new IllegalArgumentException("a forecast needs at least one reading");
    }
    int start = 0;
    Optional<Instant> replacedAt = Optional.empty();
    Point lastAmount = null;
    Point amountBefore = null;
    for (int i = 0; i < history.size(); i++) {
      Point p = history.get(i);
      boolean newPart =
          i > 0
              && p.partNumber().isPresent()
              && history.get(i - 1).partNumber().isPresent()
              && !p.partNumber().equals(history.get(i - 1).partNumber());
      // a rise over the last two amounts: one odd low reading followed by the true level is not
      // a new cartridge
      boolean rose =
          lastAmount != null
              && p.percent().isPresent()
              && p.percent().get() - lastAmount.percent().get() > REPLACEMENT_RISE * 100
              && (amountBefore == null
                  || p.percent().get() - amountBefore.percent().get() > REPLACEMENT_RISE * 100);
      if (newPart || rose) {
        start = i;
        replacedAt = Optional.of(p.at());
      }
      if (p.percent().isPresent()) {
        amountBefore = lastAmount;
        lastAmount = p;
      }
    }
    List<Point> amounts = new ArrayList<>();
    Optional<Instant> emptySince = Optional.empty();
    for (Point p : history.subList(start, history.size())) {
      if (p.percent().isPresent()) {
        amounts.add(p);
        if (p.percent().get() <= 0 && emptySince.isEmpty()) {
          emptySince = Optional.of(p.at());
        }
      }
    }
    Point last = history.get(history.size() - 1);
    Optional<Double> percent = last.percent();
    Instant segmentStart = history.get(start).at();
    Optional<double[]> rates = rates(thin(amounts));
    Optional<Double> daysLow = Optional.empty();
    Optional<Double> daysHigh = Optional.empty();
    if (rates.isPresent() && percent.isPresent()) {
      double level = Math.max(0, percent.get());
      daysLow = Optional.of(days(level, rates.get()[2]));
      daysHigh = Optional.of(days(level, rates.get()[0]));
    }
    return new Result(percent, segmentStart, replacedAt, rates, daysLow, daysHigh, emptySince);
  }

  private static double days(double level, double perDay) {
    return perDay <= 0 ? Double.POSITIVE_INFINITY : level / perDay;
  }

  private static List<Point> thin(List<Point> points) {
    if (points.size() <= MAX_POINTS) {
      return points;
    }
    List<Point> out = new ArrayList<>(MAX_POINTS);
    for (int i = 0; i < MAX_POINTS; i++) {
      out.add(points.get((int) ((long) i * (points.size() - 1) / (MAX_POINTS - 1))));
    }
    return out;
  }

  /** Percentiles 10, 50 and 90 of the pairwise slopes, in percent used per day. */
  private static Optional<double[]> rates(List<Point> points) {
    List<Double> slopes = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      for (int j = i + 1; j < points.size(); j++) {
        Duration span = Duration.between(points.get(i).at(), points.get(j).at());
        if (span.compareTo(MIN_PAIR_SPAN) < 0) {
          continue;
        }
        double used = points.get(i).percent().get() - points.get(j).percent().get();
        slopes.add(used * 86_400_000.0 / span.toMillis());
      }
    }
    if (slopes.isEmpty()) {
      return Optional.empty();
    }
    double[] s = slopes.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    return Optional.of(new double[] {quantile(s, 0.10), quantile(s, 0.50), quantile(s, 0.90)});
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }
}
