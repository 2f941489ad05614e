package org.openrps.agent.poll.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.openrps.agent.poll.decode.RowsFixture.rows;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.Oid;
import org.openrps.snmp.profile.MeterTerm;
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

  private static VendorProfile profile(long enterprise) {
    return VendorProfiles.standard().forEnterprise(enterprise).orElseThrow();
  }

  private static Map<String, MeterReading> byName(List<MeterReading> meters) {
    return meters.stream().collect(Collectors.toMap(MeterReading::name, m -> m));
  }

  private static final String S = "1.3.6.1.4.1.2385.1.1.19.2.1.";

  /** Column 3 of the Sharp MX-3570N walk (LibreNMS tests/snmpsim/sharp.snmprec), as recorded. */
  private static Rows sharpMx3570n() {
    return rows()
        .counter(S + "3.1.4.60", 82214)
        .counter(S + "3.1.4.61", 53631)
        .counter(S + "3.1.4.63", 28583)
        .counter(S + "3.1.4.75", 41020)
        .counter(S + "3.4.4.60", 38804)
        .counter(S + "3.4.4.61", 37485)
        .counter(S + "3.4.4.63", 1319)
        .counter(S + "3.4.4.64", 0)
        .counter(S + "3.4.4.80", 0)
        .counter(S + "3.5.4.61", 91164)
        .counter(S + "3.5.4.63", 29940)
        .counter(S + "3.5.4.64", 0)
        .counter(S + "3.5.4.80", 0)
        .counter(S + "3.5.5.61", 48)
        .counter(S + "3.5.5.63", 38)
        .counter(S + "3.6.4.70", 12441)
        .counter(S + "3.7.4.50", 13534)
        .counter(S + "3.7.4.51", 6170)
        .counter(S + "3.7.4.53", 7364)
        .counter(S + "3.8.4.50", 6)
        .counter(S + "3.8.4.51", 6)
        .counter(S + "3.8.4.53", 0)
        .counter(S + "3.8.4.54", 0)
        .counter(S + "3.8.4.60", 0)
        .counter(S + "3.8.4.61", 0)
        .counter(S + "3.8.4.63", 0)
        .counter(S + "3.8.4.64", 0)
        .counter(S + "3.8.4.80", 0)
        .build();
  }

  @Test
  void sharpFeederScanAndFilingMetersComeFromTheRecordedWalk() {
    Map<String, MeterReading> m =
        byName(
            VendorMeterDecoder.decode(profile(2385), Map.of(), sharpMx3570n(), RowsFixture.AT)
                .value());
    assertThat(m.values())
        .extracting(MeterReading::name, MeterReading::value, MeterReading::oid)
        .contains(
            tuple("feeder", 12_441L, S + "3.6.4.70"),
            tuple("scan.network", 13_534L, S + "3.7.4.50"),
            tuple("scan.network.mono", 6_170L, S + "3.7.4.51"),
            tuple("scan.network.colour", 7_364L, S + "3.7.4.53"),
            tuple("scan.hdd", 6L, S + "3.8.4.50"),
            tuple("scan.hdd.mono", 6L, S + "3.8.4.51"),
            tuple("other.mono", 48L, S + "3.5.5.61"),
            tuple("other.colour", 38L, S + "3.5.5.63"),
            tuple("copy.twoColour", 0L, S + "3.4.4.64"),
            tuple("copy.singleColour", 0L, S + "3.4.4.80"),
            tuple("filing", 0L, S + "3.8.4.60"),
            tuple("filing.singleColour", 0L, S + "3.8.4.80"));
    // the walk's billing totals: B&W + full colour = its prtMarkerLifeCount, 121104
    assertThat(m.get("mono").value() + m.get("colour").value()).isEqualTo(121_104L);
    // every Sharp meter of the profile is in the walk
    assertThat(m).hasSize(profile(2385).metersToRead().size()).hasSize(28);
  }

  @Test
  void kyoceraDuplexSidesAndTotalComeFromTheRecordedP2040Walk() {
    // the P2040 walk (printmaster kyocera_p2040_snmp.snmprec): a printer, no function tables
    Rows p2040 =
        rows()
            .integer("1.3.6.1.4.1.1347.42.2.5.1.1.1.1", 7296)
            .integer("1.3.6.1.4.1.1347.42.2.5.1.1.2.1", 46)
            .integer("1.3.6.1.4.1.1347.42.2.5.1.1.3.1", 7342)
            .integer("1.3.6.1.4.1.1347.43.10.1.1.12.1.1", 7342)
            .build();
    List<MeterReading> m =
        VendorMeterDecoder.decode(profile(1347), Map.of(), p2040, RowsFixture.AT).value();
    assertThat(m)
        .extracting(MeterReading::name, MeterReading::value)
        .containsExactlyInAnyOrder(
            tuple("duplex.front", 7296L), tuple("duplex.rear", 46L), tuple("pages", 7342L));
  }

  private static final String SAMSUNG = "1.3.6.1.4.1.236.11.5.11.53.11.2.1.";

  /** scmHrDevCountTable's jobType (2) and mediaSize (3) columns, rows 1-5, as walked. */
  private static Map<Oid, Rows> samsungColumns() {
    return Map.of(
        Oid.of(SAMSUNG + "2"),
        rows()
            .integer(SAMSUNG + "2.1", 1)
            .integer(SAMSUNG + "2.2", 1)
            .integer(SAMSUNG + "2.3", 1)
            .integer(SAMSUNG + "2.4", 2)
            .integer(SAMSUNG + "2.5", 1)
            .build(),
        Oid.of(SAMSUNG + "3"),
        rows()
            .integer(SAMSUNG + "3.1", 1)
            .integer(SAMSUNG + "3.2", 2)
            .integer(SAMSUNG + "3.3", 1)
            .integer(SAMSUNG + "3.4", 1)
            .build());
  }

  @Test
  void everyRowOfAJobTypeIsAddedUpAndNamedWhenTheTermSaysSo() {
    VendorProfile samsung = ConfirmedProfiles.confirmed(profile(236));
    Map<Oid, Rows> columns = samsungColumns();
    assertThat(VendorMeterDecoder.typeColumns(samsung))
        .containsExactly(Oid.of(SAMSUNG + "2"), Oid.of(SAMSUNG + "3"));
    Rows values =
        rows()
            .counter(SAMSUNG + "7.1", 100)
            .counter(SAMSUNG + "7.2", 20)
            .counter(SAMSUNG + "7.3", 3)
            .counter(SAMSUNG + "7.4", 4000)
            .counter(SAMSUNG + "7.5", 50_000)
            .build();
    Map<String, MeterReading> m =
        byName(VendorMeterDecoder.decode(samsung, columns, values, RowsFixture.AT).value());
    // rows 1, 2, 3 and 5 are print jobs; row 5 has no media size, so it is in no size's sum
    assertThat(m.get("print").value()).isEqualTo(50_123L);
    assertThat(m.get("print").oids())
        .containsExactly(SAMSUNG + "7.1", SAMSUNG + "7.2", SAMSUNG + "7.3", SAMSUNG + "7.5");
    assertThat(m.get("print.small").oids()).containsExactly(SAMSUNG + "7.1", SAMSUNG + "7.3");
    assertThat(m.get("print.small").value()).isEqualTo(103L);
    assertThat(m.get("print.large").oids()).containsExactly(SAMSUNG + "7.2");
    assertThat(m.get("copy").value()).isEqualTo(4000L);
    assertThat(m.get("copy.small").value()).isEqualTo(4000L);
    // no row of a type: no meter (not 0)
    assertThat(m).doesNotContainKeys("copy.large", "scan", "fax.sent", "list");
    // the shipped profile keeps these leads as data: nothing read
    assertThat(VendorMeterDecoder.decode(profile(236), columns, values, RowsFixture.AT).value())
        .isEmpty();
    assertThat(VendorMeterDecoder.typeColumns(profile(236))).isEmpty();
  }

  @Test
  void aRowChosenBySeveralColumnsWithoutAStarIsTheFirstThatMatchesThemAll() {
    MeterTerm.TableRow first =
        new MeterTerm.TableRow(
            Oid.of(SAMSUNG + "7"),
            List.of(
                new MeterTerm.Match(Oid.of(SAMSUNG + "2"), 1),
                new MeterTerm.Match(Oid.of(SAMSUNG + "3"), 1)),
            false);
    assertThat(VendorMeterDecoder.resolve(samsungColumns(), first))
        .containsExactly(Oid.of(SAMSUNG + "7.1"));
    MeterTerm.TableRow none =
        new MeterTerm.TableRow(
            Oid.of(SAMSUNG + "7"),
            List.of(
                new MeterTerm.Match(Oid.of(SAMSUNG + "2"), 2),
                new MeterTerm.Match(Oid.of(SAMSUNG + "3"), 2)),
            true);
    assertThat(VendorMeterDecoder.resolve(samsungColumns(), none)).isEmpty();
  }

  @Test
  void ricohFaxAndTransmissionMetersAddTheirColourRows() {
    Map<Oid, Rows> types =
        Map.of(
            TYPE,
            rows()
                .integer(T + "2.1", 300)
                .integer(T + "2.2", 301)
                .integer(T + "2.3", 302)
                .integer(T + "2.4", 303)
                .integer(T + "2.5", 870)
                .integer(T + "2.6", 873)
                .integer(T + "2.7", 874)
                .build());
    Rows values =
        rows()
            .counter(T + "9.1", 510)
            .counter(T + "9.2", 500)
            .counter(T + "9.3", 4)
            .counter(T + "9.4", 6)
            .counter(T + "9.5", 9000)
            .counter(T + "9.6", 3000)
            .counter(T + "9.7", 5000)
            .build();
    assertThat(VendorMeterDecoder.decode(RICOH, types, values, RowsFixture.AT).value())
        .extracting(MeterReading::name, MeterReading::value, MeterReading::oids)
        .containsExactlyInAnyOrder(
            tuple("fax", 510L, List.of(T + "9.1")),
            tuple("fax.mono", 500L, List.of(T + "9.2")),
            tuple("fax.colour", 10L, List.of(T + "9.3", T + "9.4")),
            tuple("transmission", 9000L, List.of(T + "9.5")),
            tuple("scan.network.colour", 3000L, List.of(T + "9.6")),
            tuple("scan.network.mono", 5000L, List.of(T + "9.7")));
  }

  @Test
  void aColumnTermAddsUpEveryRowWhateverItsIndex() {
    String flatbed = "1.3.6.1.4.1.11.2.3.9.4.2.1.2.2.1.74";
    VendorProfile hp = profile(11);
    assertThat(VendorMeterDecoder.typeColumns(hp)).containsExactly(Oid.of(flatbed));
    Rows walked = rows().counter(flatbed + ".1", 300).counter(flatbed + ".7", 45).build();
    Map<Oid, Rows> columns = Map.of(Oid.of(flatbed), walked);
    assertThat(VendorMeterDecoder.oidsToGet(hp, columns))
        .contains(Oid.of(flatbed + ".1"), Oid.of(flatbed + ".7"));
    MeterReading scan =
        byName(VendorMeterDecoder.decode(hp, columns, walked, RowsFixture.AT).value())
            .get("scan.flatbed");
    assertThat(scan.value()).isEqualTo(345L);
    assertThat(scan.oids()).containsExactly(flatbed + ".1", flatbed + ".7");
    // more rows than a reading may name: left out and said, never a partial sum
    RowsFixture many = rows();
    for (int i = 1; i <= MeterReading.MAX_OIDS + 1; i++) {
      many.counter(flatbed + "." + i, 1);
    }
    Rows tooMany = many.build();
    Decoded<List<MeterReading>> d =
        VendorMeterDecoder.decode(hp, Map.of(Oid.of(flatbed), tooMany), tooMany, RowsFixture.AT);
    assertThat(d.value()).extracting(MeterReading::name).doesNotContain("scan.flatbed");
    assertThat(d.failures())
        .anySatisfy(f -> assertThat(f.what()).isEqualTo("HP meter scan.flatbed"));
    // no row: no meter
    assertThat(VendorMeterDecoder.decode(hp, Map.of(), walked, RowsFixture.AT).value())
        .extracting(MeterReading::name)
        .doesNotContain("scan.flatbed");
  }

  @Test
  void aColourSumFallsBackToItsFullColourRowWhereTheDeviceHasNoTwoColourRow() {
    Map<Oid, Rows> types =
        Map.of(TYPE, rows().integer(T + "2.1", 403).integer(T + "2.2", 203).build());
    Rows values = rows().counter(T + "9.1", 800).counter(T + "9.2", 90).build();
    assertThat(VendorMeterDecoder.decode(RICOH, types, values, RowsFixture.AT).value())
        .extracting(MeterReading::name, MeterReading::value, MeterReading::oids)
        .containsExactlyInAnyOrder(
            tuple("print.colour", 800L, List.of(T + "9.1")),
            tuple("copy.colour", 90L, List.of(T + "9.2")));
  }

  @Test
  void kyoceraMonoOfAModelWithoutFaxIsPrintPlusCopy() {
    String c = "1.3.6.1.4.1.1347.42.3.1.2.1.1.";
    Rows values =
        rows().integer(c + "1.1", 1000).integer(c + "2.1", 200).integer(c + "1.3", 50).build();
    MeterReading mono =
        byName(VendorMeterDecoder.decode(profile(1347), Map.of(), values, RowsFixture.AT).value())
            .get("mono");
    assertThat(mono.value()).isEqualTo(1200L);
    assertThat(mono.oids()).containsExactly(c + "1.1", c + "2.1");
  }
}
