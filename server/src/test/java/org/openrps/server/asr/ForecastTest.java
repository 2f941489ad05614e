package org.openrps.server.asr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Consumption rates and days to empty from level histories, edge by edge. */
class ForecastTest {

  private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z"); // a Monday

  private static Forecast.Point at(double hours, double percent) {
    return new Forecast.Point(
        T0.plus(Duration.ofMinutes((long) (hours * 60))), Optional.of(percent), Optional.empty());
  }

  private static Forecast.Point unknown(double hours) {
    return new Forecast.Point(
        T0.plus(Duration.ofMinutes((long) (hours * 60))), Optional.empty(), Optional.empty());
  }

  /** 2 % a calendar day, read every 6 hours for {@code days}. */
  private static List<Forecast.Point> linear(double from, int days) {
    List<Forecast.Point> out = new ArrayList<>();
    for (int h = 0; h <= days * 24; h += 6) {
      out.add(at(h, from - 2.0 * h / 24));
    }
    return out;
  }

  @Test
  void aSteadyDrainGivesItsRateAndAnIntervalAroundTheTruth() {
    Forecast.Result f = Forecast.of(linear(80, 10));
    assertThat(f.perDay()).isPresent();
    assertThat(f.perDay().get()[1]).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(f.percent()).hasValue(60.0);
    assertThat(f.daysLow().get()).isLessThanOrEqualTo(30.0 + 1e-9);
    assertThat(f.daysHigh().get()).isGreaterThanOrEqualTo(30.0 - 1e-9);
    assertThat(f.replacedAt()).isEmpty();
  }

  @Test
  void aShakenCartridgeAndAnOddReadingBarelyMoveTheRate() {
    List<Forecast.Point> h = linear(80, 10);
    h.set(20, at(120, 72)); // shaken: up 6 points for one reading, not a replacement
    h.set(30, at(180, 20)); // one odd low reading
    Forecast.Result f = Forecast.of(h);
    assertThat(f.replacedAt()).isEmpty();
    assertThat(f.perDay().get()[1]).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.15));
  }

  @Test
  void someRemainingAndUnknownLevelsAreLeftOutNeverReadAsNumbers() {
    List<Forecast.Point> h = new ArrayList<>(linear(80, 5));
    h.add(unknown(121));
    Forecast.Result f = Forecast.of(h);
    assertThat(f.percent()).isEmpty();
    assertThat(f.daysLow()).isEmpty();
    assertThat(f.perDay()).isPresent();
    assertThat(Asr.due(f, AsrSettings.DEFAULTS)).isFalse();
  }

  @Test
  void aReplacementStartsANewCartridgeAndItsShortHistoryUsesTheThreshold() {
    List<Forecast.Point> h = new ArrayList<>(linear(20, 9)); // 20 % down to 2 %
    h.add(at(9 * 24 + 3, 100)); // new cartridge
    h.add(at(9 * 24 + 9, 99));
    Forecast.Result f = Forecast.of(h);
    assertThat(f.replacedAt()).hasValue(T0.plus(Duration.ofHours(9 * 24 + 3)));
    assertThat(f.hasRate()).isFalse();
    assertThat(f.percent()).hasValue(99.0);
    assertThat(Asr.due(f, AsrSettings.DEFAULTS)).isFalse();
    Forecast.Result low = Forecast.of(List.of(at(0, 16), at(3, 14)));
    assertThat(Asr.due(low, AsrSettings.DEFAULTS)).isTrue();
  }

  @Test
  void anOrderIsDueWhenThePessimisticDaysFallUnderLeadPlusMarginAndEmptyIsSeen() {
    Forecast.Result far = Forecast.of(linear(80, 10)); // 30 days left
    assertThat(Asr.due(far, AsrSettings.DEFAULTS)).isFalse();
    Forecast.Result near = Forecast.of(linear(26, 10)); // 6 % left: 3 days
    assertThat(Asr.due(near, AsrSettings.DEFAULTS)).isTrue();
    List<Forecast.Point> empty = new ArrayList<>(linear(20, 10));
    assertThat(Forecast.of(empty).emptySince()).hasValue(T0.plus(Duration.ofHours(240)));
  }
}
