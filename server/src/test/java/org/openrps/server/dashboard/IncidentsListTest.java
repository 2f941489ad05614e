package org.openrps.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openrps.server.store.TenantId;

/** The incidents list's order, its cap, and the line that says when more match than it shows. */
class IncidentsListTest {

  private static final Instant T = Instant.parse("2026-11-30T12:00:00Z");

  private static IncidentsSection.Row row(
      String serial, String severity, int hoursAgo, boolean open) {
    Instant opened = T.minus(Duration.ofHours(hoursAgo));
    return new IncidentsSection.Row(
        TenantId.DEFAULT,
        Optional.of("HP"),
        Optional.of(serial),
        Optional.empty(),
        "error:jammed",
        severity,
        "error",
        "jammed",
        opened,
        opened,
        open ? Optional.empty() : Optional.of(opened.plusSeconds(60)),
        Optional.of(0));
  }

  private static final IncidentsSection.Query ALL =
      new IncidentsSection.Query("", "all", Optional.empty());

  private static final List<IncidentsSection.Row> ROWS =
      List.of(
          row("OLD-OPEN", "warning", 48, true),
          row("CLOSED", "critical", 1, false),
          row("NEW-OPEN", "critical", 2, true));

  private static List<String> serials(IncidentsSection.Rows rows) {
    return rows.list().stream().map(r -> r.serial().orElseThrow()).toList();
  }

  @Test
  void openOnesComeFirstNewestFirstAndAllFitUnderTheCap() {
    IncidentsSection.Rows all = IncidentsSection.keep(ROWS, ALL, 10, false);
    assertThat(serials(all)).containsExactly("NEW-OPEN", "OLD-OPEN", "CLOSED");
    assertThat(all.more()).isFalse();
    assertThat(IncidentsSection.countLine(all)).isEqualTo("2 open, 1 closed");
  }

  @Test
  void aListCutAtItsCapSaysSoWithTheCountsOfWhatItShows() {
    IncidentsSection.Rows cut = IncidentsSection.keep(ROWS, ALL, 2, false);
    assertThat(serials(cut)).containsExactly("NEW-OPEN", "OLD-OPEN");
    assertThat(cut.more()).isTrue();
    assertThat(IncidentsSection.countLine(cut))
        .isEqualTo(
            "The first 2 listed (2 open, 0 closed); more may match: narrow the severity, state or"
                + " customer to see them.");
  }

  @Test
  void aLongListIsPagedAndItsLinksKeepTheFilters() {
    List<IncidentsSection.Row> many = new java.util.ArrayList<>();
    for (int i = 0; i < IncidentsSection.PAGE_SIZE * 2 + 5; i++) {
      many.add(row(String.format("S%04d", i), "warning", i + 1, true));
    }
    List<IncidentsSection.Row> kept = IncidentsSection.keep(many, ALL, 5_000, false).list();
    assertThat(IncidentsSection.pages(kept.size())).isEqualTo(3);
    assertThat(IncidentsSection.pages(0)).isEqualTo(1);
    assertThat(IncidentsSection.onPage(kept, 1)).hasSize(IncidentsSection.PAGE_SIZE);
    assertThat(IncidentsSection.onPage(kept, 1).get(0).serial()).hasValue("S0000");
    assertThat(IncidentsSection.onPage(kept, 3)).hasSize(5);
    assertThat(IncidentsSection.onPage(kept, 3).get(4).serial())
        .hasValue(String.format("S%04d", IncidentsSection.PAGE_SIZE * 2 + 4));
    IncidentsSection.Query critical =
        new IncidentsSection.Query("critical", "open", Optional.empty(), 2);
    assertThat(critical.withPage("3")).isEqualTo("?severity=critical&state=open&page=3");
    assertThat(critical.withPage("1")).isEqualTo("?severity=critical&state=open");
    assertThat(critical.string()).as("the CSV holds every page").doesNotContain("page");
  }

  @Test
  void aSourceReadToItsMostMeansMoreMayMatchEvenWhenTheFiltersLeaveFewer() {
    IncidentsSection.Query critical =
        new IncidentsSection.Query("critical", "all", Optional.empty());
    IncidentsSection.Rows kept = IncidentsSection.keep(ROWS, critical, 10, true);
    assertThat(serials(kept)).containsExactly("NEW-OPEN", "CLOSED");
    assertThat(kept.more()).isTrue();
    assertThat(IncidentsSection.countLine(IncidentsSection.keep(List.of(), ALL, 10, false)))
        .isEqualTo("No incident.");
  }
}
