package org.openrps.agent.poll.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.openrps.agent.poll.decode.RowsFixture.rows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.wire.SupplyReading;

class SupplyDecoderTest {

  private static final String S = "1.3.6.1.2.1.43.11.1.1.";

  /** Two rows of a colour LaserJet's table, shaped like a real walk (class 3, toner, percent). */
  private static RowsFixture laserJet() {
    return rows()
        .integer(S + "4.1.1", 3)
        .integer(S + "4.1.2", 3)
        .integer(S + "5.1.1", 3)
        .integer(S + "5.1.2", 3)
        .text(S + "6.1.1", "Black Cartridge HP CF410A")
        .text(S + "6.1.2", "Cyan Cartridge HP CF411A")
        .integer(S + "7.1.1", 19)
        .integer(S + "7.1.2", 19)
        .integer(S + "8.1.1", 100)
        .integer(S + "8.1.2", 100)
        .integer(S + "9.1.1", 54)
        .integer(S + "9.1.2", 44);
  }

  @Test
  void eachRowBecomesASupplyWithItsRfc3805Names() {
    Decoded<List<SupplyReading>> d = SupplyDecoder.decode(laserJet().walked(), Optional.empty());
    assertThat(d.failures()).isEmpty();
    assertThat(d.value())
        .extracting(
            SupplyReading::index,
            SupplyReading::description,
            SupplyReading::type,
            SupplyReading::supplyClass,
            SupplyReading::unit,
            SupplyReading::maxCapacity,
            SupplyReading::level)
        .containsExactly(
            tuple(
                1,
                "Black Cartridge HP CF410A",
                "toner",
                "supplyThatIsConsumed",
                "percent",
                100,
                54),
            tuple(
                2,
                "Cyan Cartridge HP CF411A",
                "toner",
                "supplyThatIsConsumed",
                "percent",
                100,
                44));
    assertThat(d.value()).allSatisfy(s -> assertThat(s.readAt()).isEqualTo(RowsFixture.AT));
  }

  @Test
  void rowsInAnyOrderDecodeTheSame() {
    RowsFixture reversed = rows();
    List<org.openrps.snmp.VarBind> all = laserJet().build().all();
    for (int i = all.size() - 1; i >= 0; i--) {
      reversed.add(all.get(i).oid().toString(), all.get(i).value());
    }
    assertThat(SupplyDecoder.decode(reversed.walked(), Optional.empty()))
        .isEqualTo(SupplyDecoder.decode(laserJet().walked(), Optional.empty()));
  }

  @Test
  void aMissingEnumColumnIsUnknownAndSaidOnceAMissingLevelDropsTheRow() {
    Decoded<List<SupplyReading>> d =
        SupplyDecoder.decode(
            rows()
                .text(S + "6.1.1", "Toner")
                .integer(S + "8.1.1", 100)
                .integer(S + "9.1.1", 20)
                .text(S + "6.1.2", "Drum")
                .integer(S + "8.1.2", 100)
                .walked(),
            Optional.empty());
    assertThat(d.value()).singleElement().satisfies(s -> assertThat(s.type()).isEqualTo("unknown"));
    assertThat(d.failures())
        .extracting(ReadFailure::what)
        .containsExactly("prtMarkerSuppliesTable row 1.2", "prtMarkerSuppliesTable");
    assertThat(d.failures().get(1).reason()).isEqualTo("columns not answered: class, type, unit");
  }

  @Test
  void rfc3805SpecialLevelsAreKeptForTheirMeaningAndInvalidOnesAreFailures() {
    Decoded<List<SupplyReading>> d =
        SupplyDecoder.decode(
            rows()
                .integer(S + "8.1.1", -2)
                .integer(S + "9.1.1", -3)
                .integer(S + "8.1.2", 100)
                .integer(S + "9.1.2", -4)
                .walked(),
            Optional.empty());
    assertThat(d.value())
        .singleElement()
        .satisfies(
            s -> assertThat(s.levelState()).isEqualTo(SupplyReading.LevelState.someRemaining));
    assertThat(d.failures())
        .contains(
            new ReadFailure("prtMarkerSuppliesTable row 1.2", "level -4 is not valid (RFC 3805)"));
  }

  @Test
  void aLevelTheMibDoesNotAllowIsUnknownWithItsRawValueKept() {
    Decoded<List<SupplyReading>> d =
        SupplyDecoder.decode(
            rows()
                .integer(S + "8.1.1", 0)
                .integer(S + "9.1.1", Integer.MAX_VALUE)
                .integer(S + "8.1.2", 100)
                .integer(S + "9.1.2", 150)
                .integer(S + "8.1.3", 0)
                .integer(S + "9.1.3", 40)
                .integer(S + "8.1.4", -2)
                .integer(S + "9.1.4", 100)
                .integer(S + "8.1.5", Integer.MAX_VALUE)
                .integer(S + "9.1.5", 30)
                .walked(),
            Optional.empty());
    assertThat(d.value())
        .extracting(SupplyReading::index, SupplyReading::maxCapacity, SupplyReading::level)
        .containsExactly(
            tuple(1, 0, -2),
            tuple(2, 100, -2),
            tuple(3, 0, -2),
            tuple(4, -2, 100),
            tuple(5, -2, 30));
    assertThat(d.value().get(0).levelState()).isEqualTo(SupplyReading.LevelState.unknown);
    assertThat(d.value().get(0).percent()).isEmpty();
    assertThat(d.failures())
        .extracting(ReadFailure::what, ReadFailure::reason)
        .contains(
            tuple(
                "prtMarkerSuppliesTable row 1.1",
                "level unknown: 2^31-1 is a sentinel (raw level 2147483647, max capacity 0)"),
            tuple(
                "prtMarkerSuppliesTable row 1.2",
                "level unknown: above the max capacity (raw level 150, max capacity 100)"))
        .hasSize(5); // 4 rows not allowed, and the enum columns not answered
  }
}
