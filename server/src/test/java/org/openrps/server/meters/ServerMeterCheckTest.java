package org.openrps.server.meters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openrps.wire.MeterReading;

class ServerMeterCheckTest {

  private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");
  private static final String AGENT = "agent:agt-1";
  private static final String MODULE = "device:dev-1";
  private static final long MOST_IN_AN_HOUR =
      60 * ServerMeterCheck.MAX_PAGES_PER_MINUTE + ServerMeterCheck.SLACK_PAGES;

  private static MeterReading total(long value, Instant at) {
    return new MeterReading(MeterReading.TOTAL, value, "1.3.6.1.2.1.43.10.2.1.4.1.1", at);
  }

  private static Optional<ServerMeterCheck.Previous> before(long value, String source) {
    return Optional.of(new ServerMeterCheck.Previous(value, T0, Optional.of(source)));
  }

  @Test
  void aReadingOfTheOtherPathBelowTheStoredOneDisagreesRatherThanGoingBackwards() {
    assertThat(ServerMeterCheck.flags(total(999, T0.plusSeconds(60)), MODULE, before(1000, AGENT)))
        .containsExactly(ServerMeterCheck.SOURCES_DISAGREE);
    assertThat(ServerMeterCheck.flags(total(999, T0.plusSeconds(60)), AGENT, before(1000, MODULE)))
        .containsExactly(ServerMeterCheck.SOURCES_DISAGREE);
  }

  @Test
  void aReadingOfTheOtherPathFitsUpToTheFastestPrinterRateAndDisagreesBeyondIt() {
    Instant hourLater = T0.plus(Duration.ofHours(1));
    assertThat(
            ServerMeterCheck.flags(
                total(1000 + MOST_IN_AN_HOUR, hourLater), MODULE, before(1000, AGENT)))
        .isEmpty();
    assertThat(
            ServerMeterCheck.flags(
                total(1000 + MOST_IN_AN_HOUR + 1, hourLater), MODULE, before(1000, AGENT)))
        .containsExactly(ServerMeterCheck.SOURCES_DISAGREE);
    assertThat(ServerMeterCheck.flags(total(1000, hourLater), MODULE, before(1000, AGENT)))
        .as("the same count an hour later fits")
        .isEmpty();
  }

  @Test
  void oneSourceKeepsItsWrapAndBackwardsChecksAndMayRunAhead() {
    Instant later = T0.plusSeconds(60);
    assertThat(ServerMeterCheck.flags(total(999, later), AGENT, before(1000, AGENT)))
        .containsExactly(MeterReading.BACKWARDS);
    assertThat(ServerMeterCheck.flags(total(10, later), AGENT, before((1L << 32) - 10, "agent:x")))
        .containsExactly(MeterReading.WRAPPED);
    assertThat(ServerMeterCheck.flags(total(5_000_000, later), AGENT, before(1000, AGENT)))
        .isEmpty();
  }

  @Test
  void aLateReadingAndAStoredValueOfUnknownSourceAreNotComparedAcrossPaths() {
    assertThat(ServerMeterCheck.flags(total(1, T0.minusSeconds(60)), MODULE, before(1000, AGENT)))
        .isEmpty();
    Optional<ServerMeterCheck.Previous> unknown =
        Optional.of(new ServerMeterCheck.Previous(1000, T0));
    assertThat(ServerMeterCheck.flags(total(5_000_000, T0.plusSeconds(60)), MODULE, unknown))
        .isEmpty();
    assertThat(ServerMeterCheck.flags(total(999, T0.plusSeconds(60)), MODULE, unknown))
        .containsExactly(MeterReading.BACKWARDS);
  }
}
