package org.openrps.server.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A line chart drawn on the server as inline SVG (no script, no chart library): one or more series
 * over time, dated x-axis labels, y-axis labels with thousands separators (or in percent), and
 * optionally a forecast band from the last reading to the dates a supply runs out.
 *
 * <p>A point without a value (a flagged meter reading, a supply level that is not an amount) is
 * never drawn as a value: the line breaks there and a mark at the foot of the chart says why. The
 * chart is an {@code role="img"} with a {@code <title>} and {@code aria-label} that say what it
 * shows ({@link #description()}); {@link #html()} adds the points as a table in a {@code <details>}
 * for anyone who cannot see the picture.
 */
public final class SvgChart {

  /** How the y-axis counts. */
  public enum Scale {
    /** Whole numbers with thousands separators, the axis fitted to the values. */
    count,
    /** 0 to 100 %. */
    percent
  }

  /**
   * One reading: its value, or none with a note saying why (e.g. {@code flagged: wrapped}).
   *
   * @param note shown for a point without a value, and in the data table
   */
  public record Point(Instant at, OptionalDouble value, String note) {
    public Point {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(note, "note");
    }

    public static Point of(Instant at, double value) {
      return new Point(at, OptionalDouble.of(value), "");
    }

    /** A reading that is not drawn as a value, with why. */
    public static Point without(Instant at, String note) {
      return new Point(at, OptionalDouble.empty(), note);
    }
  }

  /** A named line, its points oldest first. */
  public record Series(String name, List<Point> points) {
    public Series {
      Objects.requireNonNull(name, "name");
      points = List.copyOf(points);
    }
  }

  /**
   * A forecast band: from {@code level} at {@code from} down to 0 between {@code low} (the
   * pessimistic empty date) and {@code high} (the optimistic one).
   */
  public record Band(Instant from, double level, Instant low, Instant high) {
    public Band {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(low, "low");
      Objects.requireNonNull(high, "high");
      if (high.isBefore(low)) {
        throw new IllegalArgumentException("a band ends at its high date, after its low one");
      }
    }
  }

  static final int WIDTH = 720;
  static final int HEIGHT = 260;
  static final int LEFT = 78;
  static final int RIGHT = 18;
  static final int TOP = 14;
  static final int BOTTOM = 44;

  /** Points are drawn as dots up to this many per series; more are a line only. */
  static final int MAX_DOTS = 120;

  static final List<String> COLOURS = List.of("#0b57b5", "#a6420b", "#17663a", "#6b2fa3");
  private static final String FLAGGED = "#7a4100";

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String id;
  private final String subject;
  private final Scale scale;
  private final List<Series> series;
  private final Optional<Band> band;

  // the axes, worked out once
  private final Instant start;
  private final Instant end;
  private final double low;
  private final double high;
  private final double step;

  /**
   * @param id the chart's element id (letters, digits and dashes), also the prefix of its parts
   * @param subject what the chart shows, e.g. {@code Total pages}
   */
  public SvgChart(
      String id, String subject, Scale scale, List<Series> series, Optional<Band> band) {
    if (!id.matches("[A-Za-z][A-Za-z0-9-]*")) {
      throw new IllegalArgumentException("a chart id is letters, digits and dashes: " + id);
    }
    this.id = id;
    this.subject = Objects.requireNonNull(subject, "subject");
    this.scale = Objects.requireNonNull(scale, "scale");
    this.series = List.copyOf(series);
    this.band = Objects.requireNonNull(band, "band");
    Instant first = null;
    Instant last = null;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : this.series) {
      for (Point p : s.points()) {
        first = first == null || p.at().isBefore(first) ? p.at() : first;
        last = last == null || p.at().isAfter(last) ? p.at() : last;
        if (p.value().isPresent()) {
          min = Math.min(min, p.value().getAsDouble());
          max = Math.max(max, p.value().getAsDouble());
        }
      }
    }
    if (band.isPresent()) {
      Band b = band.get();
      first = first == null || b.from().isBefore(first) ? b.from() : first;
      last = last == null || b.high().isAfter(last) ? b.high() : last;
    }
    if (first == null) {
      first = Instant.EPOCH;
      last = Instant.EPOCH;
    }
    if (!last.isAfter(first)) {
      // one instant: a day either side
      first = first.minus(Duration.ofDays(1));
      last = last.plus(Duration.ofDays(1));
    }
    this.start = first;
    this.end = last;
    if (scale == Scale.percent) {
      this.low = 0;
      this.high = 100;
      this.step = 25;
    } else {
      if (min > max) {
        min = 0;
        max = 1;
      }
      if (max - min < 1) {
        // one value (or a flat line): some room above and below
        double pad = Math.max(1, Math.abs(max) * 0.05);
        min = Math.max(0, min - pad);
        max = max + pad;
      }
      double s = niceStep((max - min) / 4);
      this.step = s;
      this.low = Math.floor(min / s) * s;
      this.high = Math.max(Math.ceil(max / s) * s, this.low + s);
    }
  }

  /** A round step (1, 2 or 5 times a power of ten, at least 1) near {@code rough}. */
  static double niceStep(double rough) {
    if (!(rough > 1)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    double f = rough / power;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * power;
  }

  /** The y-axis: its lowest and highest label and the step between labels. */
  double[] yAxis() {
    return new double[] {low, high, step};
  }

  /** The x position of an instant, in the view box. */
  double x(Instant t) {
    double span = Duration.between(start, end).toMillis();
    return LEFT + (WIDTH - LEFT - RIGHT) * (Duration.between(start, t).toMillis() / span);
  }

  /** The y position of a value, in the view box. */
  double y(double v) {
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (v - low) / (high - low));
  }

  /** The number of points drawn as values, over all series. */
  public int drawnPoints() {
    return (int)
        series.stream()
            .flatMap(s -> s.points().stream())
            .filter(p -> p.value().isPresent())
            .count();
  }

  /** The number of points marked, not drawn, because they have no value. */
  public int markedPoints() {
    return (int)
        series.stream().flatMap(s -> s.points().stream()).filter(p -> p.value().isEmpty()).count();
  }

  /**
   * What the chart shows, in one sentence: {@code Total pages from 2026-11-01 to 2026-11-30: 12,345
   * to 15,678}, with each series' first and last value and the points not drawn.
   */
  public String description() {
    List<Point> all = series.stream().flatMap(s -> s.points().stream()).toList();
    if (all.isEmpty()) {
      return subject + ": no readings";
    }
    Instant first = all.stream().map(Point::at).min(Instant::compareTo).orElseThrow();
    Instant last = all.stream().map(Point::at).max(Instant::compareTo).orElseThrow();
    StringBuilder s = new StringBuilder(subject);
    if (DAY.format(first).equals(DAY.format(last))) {
      s.append(" on ").append(DAY.format(first));
    } else {
      s.append(" from ").append(DAY.format(first)).append(" to ").append(DAY.format(last));
    }
    List<String> parts = new ArrayList<>();
    for (Series one : series) {
      List<Point> values = one.points().stream().filter(p -> p.value().isPresent()).toList();
      String prefix = series.size() > 1 ? one.name() + " " : "";
      if (values.isEmpty()) {
        parts.add(prefix + "no value");
      } else if (values.size() == 1) {
        parts.add(prefix + label(values.get(0).value().getAsDouble()));
      } else {
        parts.add(
            prefix
                + label(values.get(0).value().getAsDouble())
                + " to "
                + label(values.get(values.size() - 1).value().getAsDouble()));
      }
    }
    s.append(": ").append(String.join("; ", parts));
    int marked = markedPoints();
    if (marked > 0) {
      s.append(marked == 1 ? "; 1 reading" : "; " + marked + " readings")
          .append(" not drawn (")
          .append(
              String.join(
                  ", ",
                  all.stream()
                      .filter(p -> p.value().isEmpty())
                      .map(Point::note)
                      .distinct()
                      .toList()))
          .append(')');
    }
    band.ifPresent(
        b ->
            s.append("; empty between ")
                .append(DAY.format(b.low()))
                .append(" and ")
                .append(DAY.format(b.high())));
    return s.toString();
  }

  /** A value as the axis and the table show it. */
  String label(double v) {
    return scale == Scale.percent ? Html.percent(v) : Html.count(Math.round(v));
  }

  /** The chart as an inline {@code <svg>}. */
  public String svg() {
    String description = description();
    StringBuilder out = new StringBuilder(4096);
    out.append("<svg id=\"")
        .append(id)
        .append("\" role=\"img\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\" aria-labelledby=\"")
        .append(id)
        .append("-title\" aria-label=\"")
        .append(Html.escape(description))
        .append("\" data-points=\"")
        .append(drawnPoints())
        .append("\" data-marked=\"")
        .append(markedPoints())
        .append("\" font-family=\"system-ui,sans-serif\" font-size=\"12\"><title id=\"")
        .append(id)
        .append("-title\">")
        .append(Html.escape(description))
        .append("</title>");
    grid(out);
    band.ifPresent(b -> band(out, b));
    for (int i = 0; i < series.size(); i++) {
      line(out, series.get(i), COLOURS.get(i % COLOURS.size()), i);
    }
    out.append("</svg>");
    return out.toString();
  }

  private void grid(StringBuilder out) {
    int bottom = HEIGHT - BOTTOM;
    out.append("<g class=\"y-axis\" fill=\"#3d4757\" text-anchor=\"end\">");
    int lines = (int) Math.round((high - low) / step);
    for (int i = 0; i <= lines; i++) {
      double v = low + i * step;
      String y = n(y(v));
      out.append("<line x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(y)
          .append("\" y2=\"")
          .append(y)
          .append("\" stroke=\"#e3e7ee\"/>");
      out.append("<text x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(n(y(v) + 4))
          .append("\">")
          .append(Html.escape(label(v)))
          .append("</text>");
    }
    out.append("</g><g class=\"x-axis\" fill=\"#3d4757\" text-anchor=\"middle\">");
    out.append("<line x1=\"")
        .append(LEFT)
        .append("\" x2=\"")
        .append(WIDTH - RIGHT)
        .append("\" y1=\"")
        .append(bottom)
        .append("\" y2=\"")
        .append(bottom)
        .append("\" stroke=\"#8a94a3\"/>");
    int ticks = 4;
    boolean days = Duration.between(start, end).compareTo(Duration.ofDays(2)) >= 0;
    for (int i = 0; i <= ticks; i++) {
      Instant t = start.plusMillis(Duration.between(start, end).toMillis() * i / ticks);
      String x = n(x(t));
      out.append("<line x1=\"")
          .append(x)
          .append("\" x2=\"")
          .append(x)
          .append("\" y1=\"")
          .append(bottom)
          .append("\" y2=\"")
          .append(bottom + 5)
          .append("\" stroke=\"#8a94a3\"/>");
      out.append("<text x=\"")
          .append(x)
          .append("\" y=\"")
          .append(bottom + 20)
          .append("\"")
          .append(i == 0 ? " text-anchor=\"start\"" : i == ticks ? " text-anchor=\"end\"" : "")
          .append(">")
          .append(days ? DAY.format(t) : MINUTE.format(t))
          .append("</text>");
    }
    out.append("</g>");
  }

  private void band(StringBuilder out, Band b) {
    double level = Math.max(low, Math.min(high, b.level()));
    out.append("<polygon class=\"band\" points=\"")
        .append(n(x(b.from())))
        .append(',')
        .append(n(y(level)))
        .append(' ')
        .append(n(x(b.low())))
        .append(',')
        .append(n(y(low)))
        .append(' ')
        .append(n(x(b.high())))
        .append(',')
        .append(n(y(low)))
        .append(
            "\" fill=\"#f5a623\" fill-opacity=\"0.35\" stroke=\"#b36b00\" stroke-dasharray=\"4 3\"/>");
  }

  private void line(StringBuilder out, Series s, String colour, int index) {
    out.append("<g class=\"series\" data-series=\"").append(Html.escape(s.name())).append("\">");
    StringBuilder path = new StringBuilder();
    boolean pen = false;
    for (Point p : s.points()) {
      if (p.value().isEmpty()) {
        pen = false;
        continue;
      }
      path.append(pen ? " L" : (path.isEmpty() ? "M" : " M"))
          .append(n(x(p.at())))
          .append(' ')
          .append(n(y(p.value().getAsDouble())));
      pen = true;
    }
    if (!path.isEmpty()) {
      out.append("<path d=\"")
          .append(path)
          .append("\" fill=\"none\" stroke=\"")
          .append(colour)
          .append("\" stroke-width=\"2\"")
          .append(index > 0 ? " stroke-dasharray=\"" + (index * 3 + 3) + " 3\"" : "")
          .append("/>");
    }
    boolean dots = s.points().size() <= MAX_DOTS;
    String lastNote = null;
    for (Point p : s.points()) {
      if (p.value().isPresent()) {
        lastNote = null;
        if (dots) {
          out.append("<circle class=\"point\" cx=\"")
              .append(n(x(p.at())))
              .append("\" cy=\"")
              .append(n(y(p.value().getAsDouble())))
              .append("\" r=\"3\" fill=\"")
              .append(colour)
              .append("\"/>");
        }
      } else {
        // not a value: a mark at the foot of the chart, with why
        double x = x(p.at());
        double bottom = HEIGHT - BOTTOM;
        out.append("<g class=\"marked\"><line x1=\"")
            .append(n(x))
            .append("\" x2=\"")
            .append(n(x))
            .append("\" y1=\"")
            .append(TOP)
            .append("\" y2=\"")
            .append(n(bottom))
            .append("\" stroke=\"")
            .append(FLAGGED)
            .append("\" stroke-dasharray=\"2 3\"/><path d=\"M")
            .append(n(x - 6))
            .append(' ')
            .append(n(bottom - 1))
            .append(" L")
            .append(n(x + 6))
            .append(' ')
            .append(n(bottom - 1))
            .append(" L")
            .append(n(x))
            .append(' ')
            .append(n(bottom - 11))
            .append(" Z\" fill=\"")
            .append(FLAGGED)
            .append("\"/>");
        if (!p.note().equals(lastNote)) {
          // the note once for a run of marks with the same one, on the side with room
          boolean right = x > (LEFT + WIDTH - RIGHT) / 2.0;
          out.append("<text x=\"")
              .append(n(right ? x - 8 : x + 8))
              .append("\" y=\"")
              .append(n(bottom - 3))
              .append("\" fill=\"")
              .append(FLAGGED)
              .append(right ? "\" text-anchor=\"end\">" : "\">")
              .append(Html.escape(p.note()))
              .append("</text>");
        }
        out.append("</g>");
        lastNote = p.note();
      }
    }
    out.append("</g>");
  }

  /**
   * The chart in a {@code <figure>}: the picture, a legend when there is more than one line, and
   * its points as a table under a {@code <details>}.
   */
  public String html() {
    StringBuilder out = new StringBuilder("<figure class=\"chart\" id=\"");
    out.append(id).append("-figure\">").append(svg());
    if (series.size() > 1) {
      out.append("<ul class=\"legend\">");
      for (int i = 0; i < series.size(); i++) {
        out.append("<li><span class=\"swatch\" style=\"background:")
            .append(COLOURS.get(i % COLOURS.size()))
            .append("\"></span>")
            .append(Html.escape(series.get(i).name()))
            .append("</li>");
      }
      out.append("</ul>");
    }
    out.append("<figcaption>").append(Html.escape(subject)).append("</figcaption>");
    out.append(dataTable());
    return out.append("</figure>").toString();
  }

  /** The points as a table, each value as the axis shows it, a point without one with its note. */
  String dataTable() {
    int count = series.stream().mapToInt(s -> s.points().size()).sum();
    StringBuilder out = new StringBuilder("<details id=\"");
    out.append(id)
        .append("-data\"><summary>")
        .append(Html.escape(subject))
        .append(": ")
        .append(count)
        .append(count == 1 ? " reading" : " readings")
        .append(" as a table</summary>");
    StringBuilder table = new StringBuilder("<table><caption>");
    table
        .append(Html.escape(subject))
        .append("</caption><thead><tr><th scope=\"col\">Read at</th>")
        .append(series.size() > 1 ? "<th scope=\"col\">Line</th>" : "")
        .append("<th scope=\"col\" class=\"num\">Value</th></tr></thead><tbody>");
    for (Series s : series) {
      for (Point p : s.points()) {
        table.append("<tr><td>").append(Html.time(p.at())).append("</td>");
        if (series.size() > 1) {
          table.append("<td>").append(Html.escape(s.name())).append("</td>");
        }
        table
            .append(p.value().isPresent() ? "<td class=\"num\">" : "<td class=\"num flagged\">")
            .append(
                p.value().isPresent()
                    ? Html.escape(label(p.value().getAsDouble()))
                    : Html.escape(p.note()))
            .append("</td></tr>");
      }
    }
    table.append("</tbody></table>");
    out.append(Layout.scrolling(subject + " readings", table.toString()));
    return out.append("</details>").toString();
  }

  private static String n(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
