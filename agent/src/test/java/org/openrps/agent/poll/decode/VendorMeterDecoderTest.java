package org.openrps.agent.poll.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrps.agent.poll.decode.RowsFixture.rows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.Oid;
import org.openrps.snmp.profile.VendorProfile;
import org.openrps.snmp.profile.VendorProfiles;
import org.openrps.wire.MeterReading;

class VendorMeterDecoderTest {

  private static final VendorProfile RICOH =
      VendorProfiles.standard().forSysObjectId(Oid.of("1.3.6.1.4.1.367.1.1")).orElseThrow();
  private static final String T = "1.3.6.1.4.1.367.3.2.1.2.19.5.1.";
  private static final Oid TYPE = Oid.of(T + "2");

  /** ricohEngCounterTable: type column (10 total, 401 print mono, 402/403 print colour). */
  private static Map<Oid, Rows> typeColumn() {
    return Map.of(
        TYPE,
        rows()
            .integer(T + "2.1", 10)
            .integer(T + "2.2", 401)
            .integer(T + "2.3", 402)
            .integer(T + "2.4", 403)
            .build());
  }

  @Test
  void tableMetersResolveThroughTheirTypeColumnBeforeAnyGet() {
    assertThat(VendorMeterDecoder.typeColumns(RICOH)).contains(TYPE);
    assertThat(VendorMeterDecoder.oidsToGet(RICOH, typeColumn()))
        .contains(Oid.of(T + "9.1"), Oid.of(T + "9.2"), Oid.of(T + "9.3"), Oid.of(T + "9.4"));
    assertThat(VendorMeterDecoder.oidsToGet(RICOH, Map.of())).doesNotContain(Oid.of(T + "9.1"));
  }

  @Test
  void aMeterOfSeveralOidsIsTheirSumAndNamesThemAll() {
    Rows values =
        rows()
            .counter(T + "9.1", 1000)
            .counter(T + "9.2", 600)
            .counter(T + "9.3", 300)
            .counter(T + "9.4", 100)
            .build();
    List<MeterReading> meters =
        VendorMeterDecoder.decode(RICOH, typeColumn(), values, RowsFixture.AT).value();
    MeterReading colour =
        meters.stream().filter(m -> m.name().equals("print.colour")).findFirst().orElseThrow();
    assertThat(colour.value()).isEqualTo(400);
    assertThat(colour.oids()).containsExactly(T + "9.3", T + "9.4");
    assertThat(meters).extracting(MeterReading::name).contains("pages", "print.mono");
  }

  @Test
  void aTermThatIsNotACounterLeavesTheMeterOutAndSaysSo() {
    Rows values = rows().counter(T + "9.3", 300).text(T + "9.4", "100").build();
    Decoded<List<MeterReading>> d =
        VendorMeterDecoder.decode(RICOH, typeColumn(), values, RowsFixture.AT);
    assertThat(d.value()).extracting(MeterReading::name).doesNotContain("print.colour");
    assertThat(d.failures())
        .anySatisfy(f -> assertThat(f.what()).startsWith("Ricoh meter print.colour"));
  }
}
