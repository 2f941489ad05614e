package org.openrps.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One duration grammar for the command line, the file, the alert rules and the server. */
class DurationTextTest {

  @Test
  void readsWhatPeopleWrite() {
    assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationText.parse("90m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationText.parse("90 min")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationText.parse(" 2H ")).isEqualTo(Duration.ofHours(2));
    assertThat(DurationText.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(DurationText.parse("pt2h")).isEqualTo(Duration.ofHours(2));
    assertThat(DurationText.parse("0")).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> DurationText.parse("soon"))
        .hasMessage("'soon' is not a duration (write it like 2h, 90m, 30s, 1d or PT2H)");
  }

  @Test
  void writesTheLargestWholeUnitAndReadsItBack() {
    for (Duration d :
        new Duration[] {
          Duration.ofDays(2), Duration.ofHours(36), Duration.ofMinutes(90), Duration.ofSeconds(45)
        }) {
      assertThat(DurationText.parse(DurationText.written(d))).isEqualTo(d);
    }
    assertThat(DurationText.written(Duration.ofHours(36))).isEqualTo("36h");
    assertThat(DurationText.written(Duration.ZERO)).isEqualTo("0s");
  }
}
