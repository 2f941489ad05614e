package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void durationsPrintForPeople() {
    assertThat(Durations.human(Duration.ofSeconds(45))).isEqualTo("45 s");
    assertThat(Durations.human(Duration.ofSeconds(4 * 60 + 10))).isEqualTo("4 min");
    assertThat(Durations.human(Duration.parse("PT5H24M46S"))).isEqualTo("5 h 25 min");
    assertThat(Durations.human(Duration.ofHours(3))).isEqualTo("3 h");
    assertThat(Durations.human(Duration.ofHours(51))).isEqualTo("2 d 3 h");
    assertThat(Durations.human(Duration.ofSeconds(-3))).isEqualTo("0 s");
  }
}
