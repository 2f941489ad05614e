package org.openrps.server.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openrps.testkit.RfcCsv;

/** The two renderers on hand-made reports: what people read and what spreadsheets parse. */
class ReportRenderingTest {

  static final Instant AT = Instant.parse("2026-12-02T08:05:42.123Z");
  static final String HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(2)> & \"co\"";

  /** The only elements a report page has: no script, image, link, form, frame or object. */
  static final Set<String> ELEMENTS =
      Set.of(
          "html", "head", "meta", "title", "style", "body", "h1", "p", "em", "table", "thead",
          "tbody", "tr", "th", "td", "time");

  private static Report report(List<Column> columns, List<List<Cell>> rows) {
    return new Report(
        "test",
        "Title " + HOSTILE,
        "Scope " + HOSTILE,
        AT,
        List.of("Note " + HOSTILE),
        columns,
        rows,
        "test-2026-12-02");
  }

  static Set<String> elements(String html) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("<([A-Za-z][A-Za-z0-9]*)").matcher(html);
    while (m.find()) {
      names.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
    }
    return names;
  }

  @Test
  void htmlEscapesEveryValueAndHasNoElementThatRunsOrFetches() {
    String html =
        ReportFormat.html.render(
            report(
                List.of(Column.of("device", "Device " + HOSTILE), Column.of("why", "Why")),
                List.of(List.of(Cell.text(HOSTILE), Cell.none(HOSTILE)))));

    assertThat(elements(html)).isSubsetOf(ELEMENTS);
    assertThat(html)
        .doesNotContainPattern("<[^>]*\\s(src|href|on[a-z]+)\\s*=")
        .doesNotContain("<script", "<img", "http://", "https://", "url(")
        .contains(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
        .contains("&amp; &quot;co&quot;")
        .contains("<title>Title &lt;script&gt;")
        .contains("<h1>Title &lt;script&gt;")
        .contains("<p class=\"note\">Note &lt;script&gt;")
        .contains("<th scope=\"col\">Device &lt;script&gt;")
        .contains("<td class=\"none\">&lt;script&gt;")
        .startsWith("<!DOCTYPE html>")
        .endsWith("</html>\n");
  }

  @Test
  void htmlGroupsThousandsFormatsTimesAndAgesForPeopleWhileCsvKeepsThemForMachines() {
    Report r =
        report(
            List.of(
                Column.of("pages", "Pages"),
                Column.of("level", "Level"),
                Column.of("at", "At"),
                Column.of("age", "Age"),
                Column.of("none", "None")),
            List.of(
                List.of(
                    Cell.count(1_234_567),
                    Cell.percent(OptionalDouble.of(12.25)),
                    Cell.time(AT),
                    new Cell.Age(Duration.ofHours(50).plusMinutes(3).plusMillis(500)),
                    Cell.NONE),
                List.of(
                    Cell.count(-5),
                    Cell.percent(OptionalDouble.of(33.0)),
                    Cell.time(AT),
                    new Cell.Age(Duration.ofMinutes(-3)),
                    Cell.none("held"))));

    String html = ReportFormat.html.render(r);
    assertThat(html)
        .contains("<td class=\"n\">1,234,567</td>")
        .contains("<td class=\"n\">12.3&nbsp;%</td>")
        .contains("<time datetime=\"2026-12-02T08:05:42.123Z\">2026-12-02 08:05 UTC</time>")
        .contains("<td class=\"n\">2 d 2 h</td>")
        .contains("<td class=\"n\">&lt; 1 min</td>")
        .contains("<td></td>")
        .contains("<td class=\"none\">held</td>")
        .contains("2 rows");

    List<List<String>> csv = RfcCsv.parse(ReportFormat.csv.render(r));
    assertThat(csv)
        .containsExactly(
            List.of("pages", "level", "at", "age", "none"),
            List.of("1234567", "12.3", "2026-12-02T08:05:42.123Z", "PT50H3M", ""),
            List.of("-5", "33", "2026-12-02T08:05:42.123Z", "PT0S", ""));
  }

  @Test
  void csvCellsWithCommasQuotesAndLineBreaksParseBackToTheSameTextAndFormulasAreDefused() {
    List<String> texts =
        List.of(
            "a,b",
            "say \"hi\"",
            "line 1\nline 2",
            "cr\r\nlf",
            HOSTILE,
            "Müller & Söhne, Köln",
            "=HYPERLINK(\"http://evil\")",
            "+1",
            "-2",
            "@SUM(A1)");
    List<List<Cell>> rows = texts.stream().map(t -> List.<Cell>of(Cell.text(t))).toList();
    List<List<String>> parsed =
        RfcCsv.parse(ReportFormat.csv.render(report(List.of(Column.of("text", "Text")), rows)));

    assertThat(parsed.get(0)).containsExactly("text");
    assertThat(parsed.subList(1, parsed.size()))
        .extracting(row -> row.get(0))
        .containsExactly(
            "a,b",
            "say \"hi\"",
            "line 1\nline 2",
            "cr\r\nlf",
            HOSTILE,
            "Müller & Söhne, Köln",
            "'=HYPERLINK(\"http://evil\")",
            "'+1",
            "'-2",
            "'@SUM(A1)");
  }

  @Test
  void anEmptyReportSaysSoAndKeepsItsCsvHeader() {
    Report r = report(List.of(Column.of("serial", "Serial")), List.of());
    assertThat(ReportFormat.html.render(r)).contains("Nothing to show.").doesNotContain("<table");
    assertThat(ReportFormat.csv.render(r)).isEqualTo("serial\r\n");
    assertThat(ReportFormat.csv.fileName(r)).isEqualTo("test-2026-12-02.csv");
  }

  @Test
  void aRowOfTheWrongWidthAndAColumnKeyThatIsNotCamelCaseAreRefused() {
    assertThatThrownBy(
            () ->
                report(
                    List.of(Column.of("a", "A"), Column.of("b", "B")),
                    List.of(List.of(Cell.text("only one")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 cells for 2 columns");
    assertThatThrownBy(() -> Column.of("last seen", "Last seen"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Report("t", "t", "s", AT, List.of(), List.of(), List.of(), "../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
