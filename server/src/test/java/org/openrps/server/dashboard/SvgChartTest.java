package org.openrps.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The server-drawn chart: its scales, its edge cases, flagged points and escaping. */
class SvgChartTest {

  private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

  private static SvgChart counts(List<SvgChart.Point> points) {
    return new SvgChart(
        "chart-total",
        "Total pages",
        SvgChart.Scale.count,
        List.of(new SvgChart.Series("total", points)),
        Optional.empty());
  }

  private static SvgChart.Point at(int day, double value) {
    return SvgChart.Point.of(T.plus(Duration.ofDays(day)), value);
  }

  @Test
  void aCountAxisIsFittedToRoundStepsAroundTheValuesAndTimeRunsLeftToRight() {
    SvgChart chart = counts(List.of(at(0, 12_345), at(29, 15_678)));

    double[] y = chart.yAxis();
    assertThat(y[2]).isEqualTo(1000);
    assertThat(y[0]).isEqualTo(12_000);
    assertThat(y[1]).isEqualTo(16_000);
    assertThat(chart.x(T)).isEqualTo(SvgChart.LEFT);
    assertThat(chart.x(T.plus(Duration.ofDays(29))))
        .isEqualTo(SvgChart.WIDTH - SvgChart.RIGHT, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(chart.y(16_000)).isEqualTo(SvgChart.TOP);
    assertThat(chart.y(12_000)).isEqualTo(SvgChart.HEIGHT - SvgChart.BOTTOM);
    assertThat(chart.description())
        .isEqualTo("Total pages from 2026-11-01 to 2026-11-30: 12,345 to 15,678");
    String svg = chart.svg();
    assertThat(svg)
        .contains("role=\"img\"", "<title id=\"chart-total-title\">Total pages from 2026-11-01")
        .contains(">12,000</text>", ">16,000</text>", ">2026-11-01</text>", ">2026-11-30</text>")
        .contains("data-points=\"2\"");
    assertThat(count(svg, "<circle class=\"point\"")).isEqualTo(2);
  }

  @Test
  void aPercentAxisRunsFromNoneToAll() {
    SvgChart chart =
        new SvgChart(
            "chart-supply-1",
            "Black Toner level",
            SvgChart.Scale.percent,
            List.of(new SvgChart.Series("Black Toner", List.of(at(0, 80), at(3, 62)))),
            Optional.empty());

    assertThat(chart.yAxis()).containsExactly(0, 100, 25);
    assertThat(chart.svg()).contains(">0 %</text>", ">50 %</text>", ">100 %</text>");
    assertThat(chart.description()).endsWith(": 80 % to 62 %");
  }

  @Test
  void anEmptyChartSaysThereIsNoReadingAndDrawsNoLine() {
    SvgChart chart = counts(List.of());

    assertThat(chart.description()).isEqualTo("Total pages: no readings");
    assertThat(chart.drawnPoints()).isZero();
    assertThat(chart.svg()).contains("role=\"img\"").doesNotContain("<path d=\"M");
    assertThat(chart.html()).contains("0 readings as a table");
  }

  @Test
  void onePointIsDrawnInTheMiddleOfADayEitherSideAndSomeRoomAboveAndBelow() {
    SvgChart chart = counts(List.of(at(0, 5_000)));

    assertThat(chart.description()).isEqualTo("Total pages on 2026-11-01: 5,000");
    assertThat(chart.x(T)).isEqualTo((SvgChart.LEFT + SvgChart.WIDTH - SvgChart.RIGHT) / 2.0);
    double[] y = chart.yAxis();
    assertThat(y[0]).isLessThan(5_000);
    assertThat(y[1]).isGreaterThan(5_000);
    assertThat(chart.y(5_000)).isBetween((double) SvgChart.TOP, (double) SvgChart.HEIGHT);
    assertThat(count(chart.svg(), "<circle class=\"point\"")).isEqualTo(1);
  }

  @Test
  void aFlaggedPointIsMarkedNotDrawnAndBreaksTheLine() {
    SvgChart chart =
        counts(
            List.of(
                at(0, 4_294_966_000L),
                at(1, 4_294_966_616L),
                SvgChart.Point.without(T.plus(Duration.ofDays(2)), "flagged: wrapped"),
                at(3, 900),
                at(4, 1_500)));

    assertThat(chart.drawnPoints()).isEqualTo(4);
    assertThat(chart.markedPoints()).isEqualTo(1);
    String svg = chart.svg();
    assertThat(count(svg, "<circle class=\"point\"")).isEqualTo(4);
    assertThat(count(svg, "<g class=\"marked\">")).isEqualTo(1);
    assertThat(svg).contains(">flagged: wrapped</text>");
    // two pieces of line, one on each side of the flagged reading
    Matcher path = Pattern.compile("<path d=\"(M[^\"]*)\" fill=\"none\"").matcher(svg);
    assertThat(path.find()).isTrue();
    assertThat(count(path.group(1), "M")).isEqualTo(2);
    assertThat(chart.description())
        .contains("4,294,966,000 to 1,500", "1 reading not drawn (flagged: wrapped)");
    assertThat(chart.dataTable()).contains("<td class=\"num flagged\">flagged: wrapped</td>");
  }

  @Test
  void aBandRunsFromItsStartDownToNoneBetweenItsDates() {
    Instant now = T.plus(Duration.ofDays(4));
    SvgChart chart =
        new SvgChart(
            "chart-supply-1",
            "Black Toner level",
            SvgChart.Scale.percent,
            List.of(new SvgChart.Series("Black Toner", List.of(at(0, 80), at(4, 60)))),
            Optional.of(
                new SvgChart.Band(
                    now, 60, now.plus(Duration.ofDays(10)), now.plus(Duration.ofDays(16)))));

    String svg = chart.svg();
    assertThat(svg).contains("<polygon class=\"band\"");
    assertThat(chart.x(now.plus(Duration.ofDays(16))))
        .isEqualTo(SvgChart.WIDTH - SvgChart.RIGHT, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(chart.description()).endsWith("; empty between 2026-11-15 and 2026-11-21");
  }

  @Test
  void labelsAndNamesAreEscaped() {
    SvgChart chart =
        new SvgChart(
            "chart-x",
            "<script>alert(1)</script>",
            SvgChart.Scale.count,
            List.of(
                new SvgChart.Series("\"><b>a</b>", List.of(at(0, 1), at(1, 2))),
                new SvgChart.Series(
                    "b", List.of(SvgChart.Point.without(T, "flagged: <i>x</i>"), at(1, 3)))),
            Optional.empty());

    String html = chart.html();
    assertThat(html).doesNotContain("<script>", "<b>", "<i>");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;&gt;&lt;b&gt;");
    assertThat(html).contains("flagged: &lt;i&gt;x&lt;/i&gt;");
    assertThatThrownBy(
            () -> new SvgChart("\"><svg", "x", SvgChart.Scale.count, List.of(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void roundStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(SvgChart.niceStep(0.3)).isEqualTo(1);
    assertThat(SvgChart.niceStep(830)).isEqualTo(1000);
    assertThat(SvgChart.niceStep(1_700)).isEqualTo(2000);
    assertThat(SvgChart.niceStep(41_000)).isEqualTo(50_000);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }
}
