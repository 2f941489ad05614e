package org.openrps.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {

  private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");

  @Test
  void clockStandsStillUntilTheTestMovesIt() {
    MutableClock clock = MutableClock.at(START);

    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void advanceMovesTheClockAndReturnsTheNewInstant() {
    MutableClock clock = MutableClock.at("2026-03-01T08:00:00Z");

    Instant later = clock.advance(Duration.ofDays(31));

    assertThat(later).isEqualTo(Instant.parse("2026-04-01T08:00:00Z"));
    assertThat(clock.instant()).isEqualTo(later);
  }

  @Test
  void setPutsTheClockAnywhereEvenBackInTime() {
    MutableClock clock = MutableClock.at(START);

    clock.set(START.minusSeconds(60));

    assertThat(clock.instant()).isEqualTo(START.minusSeconds(60));
  }

  @Test
  void aViewInAnotherZoneSharesTheInstantBothWays() {
    MutableClock clock = MutableClock.at(START);
    MutableClock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofHours(1));
    paris.advance(Duration.ofMinutes(1));

    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(paris.instant()).isEqualTo(clock.instant()).isEqualTo(START.plusSeconds(3660));
    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
  }

  @Test
  void codeThatTakesAClockSeesTheMovedTime() {
    MutableClock clock = MutableClock.at(START);
    Clock injected = clock;

    clock.advance(Duration.ofSeconds(5));

    assertThat(Instant.now(injected)).isEqualTo(START.plusSeconds(5));
  }
}
