package org.openrps.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static Instant berlin(String local) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(local), BERLIN).toInstant();
  }

  @Test
  void defaultsPollEveryTwoHoursOnTheSyncTimeAndSyncAtTwo() {
    Schedule s = Schedule.defaults();
    assertThat(s.pollEvery()).isEqualTo(Duration.ofHours(2));
    assertThat(s.syncAt()).isEqualTo(LocalTime.of(2, 0));
    assertThat(s.catchUp()).isFalse();
    assertThat(s.pollTimes())
        .hasSize(12)
        .contains(LocalTime.of(2, 0))
        .startsWith(LocalTime.MIDNIGHT);
  }

  @Test
  void nextTimesAreStrictlyAfterAndLastTimesAtOrBefore() {
    Schedule s = new Schedule(Duration.ofHours(2), LocalTime.of(2, 30), BERLIN, false);
    Instant t = berlin("2026-12-02T10:30:00");
    assertThat(s.nextPollAfter(t)).isEqualTo(berlin("2026-12-02T12:30:00"));
    assertThat(s.lastPollAtOrBefore(t)).isEqualTo(t);
    assertThat(s.nextSyncAfter(t)).isEqualTo(berlin("2026-12-03T02:30:00"));
    assertThat(s.lastSyncAtOrBefore(t)).isEqualTo(berlin("2026-12-02T02:30:00"));
    assertThat(s.nextSyncAfter(berlin("2026-12-02T02:30:00")))
        .isEqualTo(berlin("2026-12-03T02:30:00"));
  }

  @Test
  void aCadenceThatDoesNotDivideTheDayStartsAgainEachDayAroundTheSyncTime() {
    Schedule s = new Schedule(Duration.ofHours(5), LocalTime.of(2, 0), BERLIN, false);
    assertThat(s.pollTimes())
        .containsExactly(
            LocalTime.of(2, 0),
            LocalTime.of(7, 0),
            LocalTime.of(12, 0),
            LocalTime.of(17, 0),
            LocalTime.of(22, 0));
    assertThat(s.nextPollAfter(berlin("2026-12-02T22:00:00")))
        .isEqualTo(berlin("2026-12-03T02:00:00"));
  }

  @Test
  void onTheSpringChangeASkippedSyncTimeRunsAfterTheJumpOnce() {
    // 2027-03-28: Berlin clocks go from 02:00 to 03:00.
    Schedule s = new Schedule(Duration.ofHours(1), LocalTime.of(2, 30), BERLIN, false);
    Instant sync = s.nextSyncAfter(berlin("2027-03-27T12:00:00"));
    assertThat(sync).isEqualTo(berlin("2027-03-28T03:30:00"));
    assertThat(s.nextSyncAfter(sync)).isEqualTo(berlin("2027-03-29T02:30:00"));
    assertThat(polls(s, berlin("2027-03-28T00:00:00"), berlin("2027-03-29T00:00:00")))
        .as("23 hours, 23 distinct polls")
        .hasSize(23);
  }

  @Test
  void onTheAutumnChangeARepeatedSyncTimeRunsOnceAndTheDayHasItsHours() {
    // 2027-10-31: Berlin clocks go from 03:00 back to 02:00.
    Schedule s = new Schedule(Duration.ofHours(1), LocalTime.of(2, 30), BERLIN, false);
    Instant sync = s.nextSyncAfter(berlin("2027-10-30T12:00:00"));
    assertThat(sync).isEqualTo(Instant.parse("2027-10-31T00:30:00Z"));
    assertThat(s.nextSyncAfter(sync)).isEqualTo(berlin("2027-11-01T02:30:00"));
    assertThat(polls(s, berlin("2027-10-31T00:00:00"), berlin("2027-11-01T00:00:00")))
        .as("local times of a 25-hour day, each once")
        .hasSize(24);
  }

  @Test
  void theSyncFollowsLocalTimeAcrossAChangeNotUtc() {
    Schedule s = new Schedule(Duration.ofHours(2), LocalTime.of(2, 0), BERLIN, false);
    Instant before = s.nextSyncAfter(berlin("2027-03-27T12:00:00"));
    Instant after = s.nextSyncAfter(berlin("2027-03-29T12:00:00"));
    assertThat(before.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(3, 0));
    assertThat(after.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(2, 0));
    assertThat(before.atZone(ZoneId.of("UTC")).getHour()).isEqualTo(1);
    assertThat(after.atZone(ZoneId.of("UTC")).getHour()).isEqualTo(0);
  }

  @Test
  void aCadenceOutsideFiveMinutesToADayIsRefusedWithTheRule() {
    assertThatThrownBy(() -> new Schedule(Duration.ofMinutes(1), LocalTime.NOON, BERLIN, false))
        .hasMessageContaining("from 5 minutes to 24 hours");
    assertThatThrownBy(() -> new Schedule(Duration.ofHours(25), LocalTime.NOON, BERLIN, false))
        .hasMessageContaining("from 5 minutes to 24 hours");
  }

  private static List<Instant> polls(Schedule s, Instant from, Instant to) {
    List<Instant> polls = new ArrayList<>();
    for (Instant t = s.nextPollAfter(from.minusSeconds(1));
        t.isBefore(to);
        t = s.nextPollAfter(t)) {
      polls.add(t);
    }
    return polls;
  }
}
