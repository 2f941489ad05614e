package org.openrps.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openrps.wire.SiteFacts;

/** The agents pages' words for the sync window and the backlog an agent reports. */
class AgentsSectionTextTest {

  private static final Instant AT = Instant.parse("2026-12-03T09:30:00Z");

  private static SiteFacts facts(
      Optional<String> syncAt,
      Optional<String> zone,
      Optional<Integer> pollEverySeconds,
      Optional<Instant> next,
      Optional<Long> readings,
      Optional<Long> bytes,
      Optional<Instant> oldest) {
    SiteFacts f = SiteFacts.unknown(AT, "0.9.0");
    return f.withSync(syncAt, zone, pollEverySeconds, next, readings, bytes, oldest);
  }

  private static SiteFacts backlog(
      Optional<Long> readings, Optional<Long> bytes, Optional<Instant> oldest) {
    return facts(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        readings,
        bytes,
        oldest);
  }

  @Test
  void theSyncWindowSaysWhatTheAgentReportedAndNothingWithoutIt() {
    assertThat(
            AgentsSection.syncWindow(
                facts(
                    Optional.of("02:00"),
                    Optional.of("Europe/Paris"),
                    Optional.of(7200),
                    Optional.of(Instant.parse("2026-12-04T01:00:00Z")),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty())))
        .hasValue("daily at 02:00 Europe/Paris, polls every 2 h; next 2026-12-04 01:00 UTC");
    assertThat(
            AgentsSection.syncWindow(
                facts(
                    Optional.of("23:15:30"),
                    Optional.empty(),
                    Optional.of(330),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty())))
        .hasValue("daily at 23:15:30, polls every 5 min 30 s");
    assertThat(AgentsSection.syncWindow(SiteFacts.unknown(AT, "0.9.0"))).isEmpty();
    assertThat(AgentsSection.every(Duration.ofHours(24))).isEqualTo("24 h");
    assertThat(AgentsSection.every(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
  }

  @Test
  void theBacklogCountsReadingsWithTheirSizeAndTheAgeOfTheOldestWhenReported() {
    assertThat(
            AgentsSection.backlog(
                backlog(
                    Optional.of(1234L),
                    Optional.of(2_200_000L),
                    Optional.of(AT.minus(Duration.ofDays(3).plusHours(4))))))
        .hasValue("1,234 readings (2.1 MiB), oldest 3 d 4 h old");
    assertThat(
            AgentsSection.backlog(
                backlog(Optional.of(1L), Optional.empty(), Optional.of(AT.minusSeconds(600)))))
        .hasValue("1 reading, oldest 10 min old");
    assertThat(AgentsSection.backlog(backlog(Optional.of(0L), Optional.of(0L), Optional.empty())))
        .hasValue("none waiting");
    assertThat(AgentsSection.backlog(SiteFacts.unknown(AT, "0.9.0")))
        .as("an agent before schema 7")
        .isEmpty();
  }
}
