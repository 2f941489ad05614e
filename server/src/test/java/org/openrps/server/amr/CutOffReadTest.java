package org.openrps.server.amr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The read at a cut-off from a meter's readings: the rules, edge by edge, without a database. */
class CutOffReadTest {

  private static final Instant CUT = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
  private static final Duration WINDOW = Duration.ofDays(3);

  private static CutOffRead.Point good(long value, Instant at) {
    return new CutOffRead.Point(value, at, "r-" + at.getEpochSecond(), List.of());
  }

  private static CutOffRead.Point flagged(long value, Instant at, String flag) {
    return new CutOffRead.Point(value, at, "r-" + at.getEpochSecond(), List.of(flag));
  }

  private static MeterRead decide(CutOffRead.Point... points) {
    return CutOffRead.decide(
        "HP", "S1", "total", START, CUT, WINDOW, List.of(points), OptionalLong.of(100));
  }

  @Test
  void aReadingAtTheCutOffOrAtTheWindowsEdgeIsActualAndOneAfterItIsNot() {
    assertThat(decide(good(500, CUT)).status()).isEqualTo(MeterRead.Status.actual);
    MeterRead edge = decide(good(400, CUT.minus(WINDOW)), good(900, CUT.plusSeconds(1)));
    assertThat(edge.status()).isEqualTo(MeterRead.Status.actual);
    assertThat(edge.value()).hasValue(400);
    assertThat(edge.usage()).hasValue(300);
    MeterRead older =
        decide(good(400, CUT.minus(WINDOW).minusSeconds(1)), good(900, CUT.plusSeconds(1)));
    assertThat(older.status()).isEqualTo(MeterRead.Status.estimated);
    assertThat(older.method()).contains("linear");
  }

  @Test
  void aSwappedDeviceOrABackwardsCounterIsHeldWithBothValuesAndNoBilledNumber() {
    MeterRead swapped =
        decide(good(90_000, CUT.minus(Duration.ofDays(2))), flagged(12, CUT, "deviceReplaced"));
    assertThat(swapped.status()).isEqualTo(MeterRead.Status.held);
    assertThat(swapped.value()).isEmpty();
    assertThat(swapped.usage()).isEmpty();
    assertThat(swapped.rawValue()).hasValue(12);
    assertThat(swapped.trustedValue()).hasValue(90_000);
    assertThat(swapped.flags()).containsExactly("deviceReplaced");
    MeterRead alone = decide(flagged(7, CUT.minusSeconds(60), "backwards"));
    assertThat(alone.status()).isEqualTo(MeterRead.Status.held);
    assertThat(alone.trustedValue()).isEmpty();
  }

  @Test
  void aMeterTheDeviceDidNotFlagIsHeldWhenItFallsWrappedNearTheTopOfACounter32ElseBackwards() {
    MeterRead wrapped =
        decide(
            good(4_294_967_000L, CUT.minus(Duration.ofDays(20))),
            good(13_663, CUT.minus(Duration.ofDays(19))),
            good(20_000, CUT));
    assertThat(wrapped.status()).isEqualTo(MeterRead.Status.held);
    assertThat(wrapped.value()).isEmpty();
    assertThat(wrapped.flags()).containsExactly("wrapped");
    assertThat(wrapped.rawValue()).hasValue(20_000);
    assertThat(wrapped.trustedValue()).hasValue(4_294_967_000L);
    MeterRead reset =
        decide(good(50_000, CUT.minus(Duration.ofDays(5))), good(40, CUT.minusSeconds(60)));
    assertThat(reset.status()).isEqualTo(MeterRead.Status.held);
    assertThat(reset.flags()).containsExactly("backwards");
    MeterRead rising =
        decide(good(50_000, CUT.minus(Duration.ofDays(5))), good(50_000, CUT.minusSeconds(60)));
    assertThat(rising.status()).isEqualTo(MeterRead.Status.actual);
  }

  @Test
  void anEstimateNeverSpansAFallingCounterAndNeedsADayOfHistoryForARate() {
    // after the cut-off the counter is lower (a wrap): no interpolation, the rate before instead
    MeterRead e =
        decide(
            good(1000, CUT.minus(Duration.ofDays(12))),
            good(2000, CUT.minus(Duration.ofDays(10))),
            good(5, CUT.plus(Duration.ofHours(5))));
    assertThat(e.method()).contains("dailyAverage");
    assertThat(e.value()).hasValue(2000 + 500 * 10);
    // two readings an hour apart are no rate: missing, no number
    MeterRead m =
        decide(
            good(1000, CUT.minus(Duration.ofDays(10)).minus(Duration.ofHours(1))),
            good(1010, CUT.minus(Duration.ofDays(10))));
    assertThat(m.status()).isEqualTo(MeterRead.Status.missing);
    assertThat(m.value()).isEmpty();
    assertThat(decide().status()).isEqualTo(MeterRead.Status.missing);
  }

  @Test
  void theStatementShowsAHeldReadAsFlaggedAndNeverItsNumber() {
    MeterRead held =
        decide(good(90_000, CUT.minus(Duration.ofDays(2))), flagged(31_337, CUT, "wrapped"));
    AmrRepository.Period p =
        new AmrRepository.Period(
            "2026-11-01", CUT.minus(Duration.ofDays(31)), CUT, CUT.plusSeconds(5), "n", 0, 0, 1, 0);
    String html = AmrExport.statement("C", p, List.of(held), List.of());
    assertThat(html).contains("class=\"held\"", "wrapped", "not billed").doesNotContain("31337");
    assertThat(html).doesNotContain("90000");
  }

  @Test
  void aCounterFlaggedDuringThePeriodHoldsTheReadEvenWhenTheLastReadingIsGood() {
    MeterRead r =
        decide(
            good(4_294_966_000L, START.minus(Duration.ofDays(2))),
            good(4_294_967_000L, START.plus(Duration.ofDays(5))),
            flagged(200, START.plus(Duration.ofDays(6)), "wrapped"),
            good(900, CUT.minus(Duration.ofHours(2))));
    assertThat(r.status()).isEqualTo(MeterRead.Status.held);
    assertThat(r.rawValue()).hasValue(900);
    assertThat(r.trustedValue()).hasValue(4_294_967_000L);
    assertThat(r.flags()).containsExactly("wrapped");
    assertThat(r.readAt()).contains(CUT.minus(Duration.ofHours(2)));
    // a flag from before the period does not hold this period's read
    MeterRead earlier =
        decide(flagged(50, START.minus(Duration.ofDays(1)), "backwards"), good(80, CUT));
    assertThat(earlier.status()).isEqualTo(MeterRead.Status.actual);
  }

  @Test
  void anAcceptedWrappedReadCountsItsUsageAcrossTheWrapAndNothingElseIsGuessed() {
    MeterRead held =
        CutOffRead.decide(
            "HP",
            "S1",
            "total",
            START,
            CUT,
            WINDOW,
            List.of(flagged(900, CUT.minusSeconds(5), "wrapped")),
            OptionalLong.of(4_294_967_000L));
    assertThat(held.usage()).isEmpty();
    MeterRead accepted =
        new MeterRead(
            held.make(),
            held.serial(),
            held.meter(),
            MeterRead.Status.accepted,
            held.rawValue(),
            held.startValue(),
            held.readAt(),
            held.method(),
            held.basis(),
            held.rawValue(),
            held.trustedValue(),
            held.flags());
    assertThat(accepted.usage()).hasValue(900 + (1L << 32) - 4_294_967_000L);
    MeterRead reset =
        decide(good(100, START.plusSeconds(1)), flagged(3, CUT.minusSeconds(5), "backwards"));
    assertThat(
            new MeterRead(
                    "HP",
                    "S1",
                    "total",
                    MeterRead.Status.corrected,
                    OptionalLong.of(3),
                    OptionalLong.of(100),
                    reset.readAt(),
                    reset.method(),
                    reset.basis(),
                    reset.rawValue(),
                    reset.trustedValue(),
                    reset.flags())
                .usage())
        .isEmpty();
  }

  @Test
  void billingMetersAreTheTotalsColoursAndTheFunctionSplitsOfTheProfiles() {
    assertThat(
            List.of(
                "total",
                "pages",
                "mono",
                "colour",
                "print.mono",
                "copy.colour.large",
                "fax.received",
                "scan.network",
                "billing.mono",
                "printer.colour"))
        .allMatch(BillingMeters::isBilling);
    assertThat(List.of("duplex", "sheets", "feeder", "scan.originals.x.y", "billing.", "list"))
        .filteredOn(BillingMeters::isBilling)
        .containsExactly("scan.originals.x.y");
  }
}
