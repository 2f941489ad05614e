package org.openrps.server.supplies;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openrps.wire.MeterReading;
import org.openrps.wire.SupplyReading;

/** Part replacement intervals from supply and meter histories. */
class PartIntervalsTest {

  private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");

  private static SupplyReading supply(
      int index, String description, String type, String unit, int max, int level, Instant at) {
    return new SupplyReading(
        index, description, type, "supplyThatIsConsumed", unit, max, level, at, Optional.empty());
  }

  private static MeterReading total(long value, Instant at, String... flags) {
    return new MeterReading(
        "total", value, "1.3.6.1.2.1.43.10.2.1.4.1.1", at, List.of(flags), List.of());
  }

  @Test
  void aDrumCountedInImpressionsShowsPagesSinceItsLastReplacementAgainstItsCapacity() {
    List<SupplyReading> s = new ArrayList<>();
    List<MeterReading> m = new ArrayList<>();
    int[] drum = {3000, 1000, 200, 23000, 22000, 12000};
    long[] pages = {10_000, 12_000, 12_800, 13_000, 14_000, 24_000};
    for (int i = 0; i < drum.length; i++) {
      Instant at = T0.plus(Duration.ofDays(i));
      s.add(supply(2, "Imaging Drum", "opc", "impressions", 23000, drum[i], at));
      s.add(supply(1, "Black Toner", "tonerCartridge", "percent", 100, 50, at));
      m.add(total(pages[i], at));
    }
    m.add(total(5, T0.plus(Duration.ofDays(5)).plusSeconds(1), "backwards"));

    List<PartIntervals.Part> parts = PartIntervals.of(s, m);

    assertThat(parts)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.index()).isEqualTo(2);
              assertThat(p.replacedAt()).hasValue(T0.plus(Duration.ofDays(3)));
              assertThat(p.pagesSince()).hasValue(24_000 - 13_000);
              assertThat(p.ratedLife()).hasValue(23_000);
              assertThat(p.lifeBasis()).isEqualTo("capacity");
              assertThat(p.replacements()).isEqualTo(1);
              assertThat(p.lastInterval()).isEmpty();
            });
  }

  @Test
  void aFuserInPercentWithoutAReplacementHasAnEstimatedLifeAndAnUnknownLevelHasNone() {
    List<SupplyReading> s =
        List.of(
            supply(3, "Fuser Kit", "fuser", "percent", 100, 100, T0),
            supply(3, "Fuser Kit", "fuser", "percent", 100, 80, T0.plus(Duration.ofDays(10))),
            supply(4, "Maintenance Kit", "other", "other", -2, -3, T0),
            supply(4, "Maintenance Kit", "other", "other", -2, -3, T0.plus(Duration.ofDays(10))));
    List<MeterReading> m = List.of(total(1_000, T0), total(21_000, T0.plus(Duration.ofDays(10))));

    List<PartIntervals.Part> parts = PartIntervals.of(s, m);

    assertThat(parts).hasSize(2);
    PartIntervals.Part fuser = parts.get(0);
    assertThat(fuser.replacedAt()).isEmpty();
    assertThat(fuser.since()).isEqualTo(T0);
    assertThat(fuser.pagesSince()).hasValue(20_000);
    assertThat(fuser.ratedLife()).hasValue(100_000);
    assertThat(fuser.lifeBasis()).isEqualTo("estimated");
    PartIntervals.Part kit = parts.get(1);
    assertThat(kit.pagesSince()).hasValue(20_000);
    assertThat(kit.ratedLife()).isEmpty();
    assertThat(kit.usedPercent()).isEmpty();
    assertThat(kit.lifeBasis()).isEqualTo("unknown");
  }
}
