package org.openrps.agent.poll.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.openrps.agent.poll.decode.RowsFixture.rows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.wire.MeterReading;

class LifeCounterDecoderTest {

  private static final String L = "1.3.6.1.2.1.43.10.2.1.4.";

  @Test
  void theFirstMarkerIsTheTotalAndFurtherMarkersAreNamedNotSummed() {
    Decoded<List<MeterReading>> d =
        LifeCounterDecoder.decode(
            rows().counter(L + "1.2", 500).counter(L + "1.1", 12_345).walked(), 1);
    assertThat(d.failures()).isEmpty();
    assertThat(d.value())
        .extracting(MeterReading::name, MeterReading::value, MeterReading::oid)
        .containsExactly(
            tuple("total", 12_345L, L + "1.1"), tuple("total.marker2", 500L, L + "1.2"));
  }

  @Test
  void thePrintersOwnDeviceIndexWinsOverAnotherDevicesRows() {
    Decoded<List<MeterReading>> d =
        LifeCounterDecoder.decode(rows().counter(L + "1.1", 7).counter(L + "2.1", 99).walked(), 2);
    assertThat(d.value()).extracting(MeterReading::value).containsExactly(99L);
  }

  @Test
  void aNegativeIntegerOrAStringIsNeverAMeter() {
    Decoded<List<MeterReading>> d =
        LifeCounterDecoder.decode(rows().integer(L + "1.1", -5).text(L + "1.2", "12").walked(), 1);
    assertThat(d.value()).isEmpty();
    assertThat(d.failures())
        .extracting(ReadFailure::reason)
        .containsExactly(
            "unknown (raw -5): a counter is never negative", "not a counter: OctetString");
  }

  @Test
  void noRowsIsSaidUnlessTheWalkFailed() {
    assertThat(LifeCounterDecoder.decode(rows().walked(), 1).failures())
        .containsExactly(new ReadFailure("prtMarkerLifeCount", "no rows"));
    assertThat(
            LifeCounterDecoder.decode(new Walked(Rows.empty(), RowsFixture.AT, true), 1).failures())
        .isEmpty();
  }

  @Test
  void theIntegerSentinelIsUnknownWithItsRawValueNotAMeter() {
    Decoded<List<MeterReading>> d =
        LifeCounterDecoder.decode(rows().integer(L + "1.1", Integer.MAX_VALUE).walked(), 1);
    assertThat(d.value()).isEmpty();
    assertThat(d.failures())
        .extracting(ReadFailure::reason)
        .containsExactly("unknown (raw 2147483647): 2^31-1 is a sentinel, not a count");
  }
}
