package org.openrps.snmp.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.Oid;

class VendorProfilesTest {

  private final VendorProfiles profiles = VendorProfiles.standard();

  @Test
  void theShippedProfilesCoverTenMakesEachWithSomethingToRead() {
    assertThat(profiles.all())
        .extracting(VendorProfile::make)
        .contains(
            "HP",
            "Xerox",
            "Ricoh",
            "Canon",
            "Kyocera",
            "Konica Minolta",
            "Lexmark",
            "Brother",
            "Sharp",
            "Epson");
    for (VendorProfile p : profiles.all()) {
      assertThat(p.serialOids().size() + p.metersToRead().size() + p.modelOids().size())
          .as(p.make())
          .isPositive();
    }
  }

  /** VENDOR-OIDS.md's source keys, and MIBs or RFCs by name. */
  private static final Pattern SOURCE =
      Pattern.compile(
          "\\b(GLPI|LNMS|CMK|HP-script|JEL|PM|CN|ZBX|XMIB|LAC|LXMPS|RFC ?[0-9]+|[A-Z0-9-]+-MIB)\\b");

  private static final Pattern METER_LINE = Pattern.compile("meter\\.([^=]+?)=(.*)");

  private static List<String> shippedFiles() throws IOException {
    List<String> files = new ArrayList<>();
    for (String line : resource("profiles.list").split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        files.add(line.strip());
      }
    }
    return files;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = VendorProfiles.class.getResourceAsStream(VendorProfiles.FOLDER + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyMeterEntryCitesItsSourceInTheCommentAboveItAndSaysItsConfidence() throws IOException {
    int meters = 0;
    for (String file : shippedFiles()) {
      String[] lines = resource(file).split("\n");
      for (int i = 0; i < lines.length; i++) {
        Matcher m = METER_LINE.matcher(lines[i]);
        if (!m.matches() || m.group(1).endsWith(".confidence")) {
          continue;
        }
        meters++;
        String name = m.group(1);
        // the comment block that heads this line's group of meter lines
        int at = i - 1;
        while (at >= 0 && lines[at].startsWith("meter.")) {
          at--;
        }
        StringBuilder comment = new StringBuilder();
        while (at >= 0 && lines[at].startsWith("#")) {
          comment.insert(0, lines[at--] + "\n");
        }
        assertThat(comment.toString())
            .as("%s: the comment above meter.%s", file, name)
            .containsPattern(SOURCE);
        assertThat(List.of(lines))
            .as("%s: meter.%s.confidence", file, name)
            .anySatisfy(
                l ->
                    assertThat(l)
                        .matches(
                            "meter\\." + Pattern.quote(name) + "\\.confidence=(high|medium|low)"));
      }
    }
    assertThat(meters).isGreaterThan(200);
  }

  @Test
  void meterNamesAreWordsOfOneVocabulary() {
    Set<String> words =
        Set.of(
            "pages",
            "pages2",
            "mono",
            "mono2",
            "colour",
            "colour2",
            "twoColour",
            "singleColour",
            "print",
            "copy",
            "fax",
            "list",
            "scan",
            "transmission",
            "filing",
            "blank",
            "other",
            "network",
            "hdd",
            "sent",
            "received",
            "originals",
            "printed",
            "large",
            "small",
            "duplex",
            "front",
            "rear",
            "simplex",
            "feeder",
            "sheets",
            "billing",
            "flatbed",
            "printer");
    for (VendorProfile p : profiles.all()) {
      for (MeterDefinition m : p.meters()) {
        assertThat(words)
            .as("%s meter %s", p.make(), m.name())
            .containsAll(List.of(m.name().split("\\.")));
      }
    }
  }

  @Test
  void samsungOkiAndToshibaHaveProfilesFromTheOneMakeTable() {
    assertThat(profiles.forEnterprise(236)).map(VendorProfile::make).hasValue("Samsung");
    assertThat(profiles.forEnterprise(2001)).map(VendorProfile::make).hasValue("OKI");
    assertThat(profiles.forEnterprise(1129)).map(VendorProfile::make).hasValue("Toshiba");
    assertThat(profiles.forEnterprise(186)).map(VendorProfile::make).hasValue("Toshiba");
    VendorProfile toshiba = profiles.forEnterprise(1129).orElseThrow();
    assertThat(toshiba.serialOids()).containsExactly(Oid.of("1.3.6.1.4.1.1129.1.2.1.1.1.1.1.0"));
    // one weak source each: kept as data, not read until a recorded walk confirms them
    assertThat(toshiba.meters()).extracting(MeterDefinition::name).contains("print.mono.large");
    assertThat(toshiba.metersToRead()).isEmpty();
  }

  @Test
  void aTableTermMayMatchSeveralColumnsAndAddUpEveryMatchingRow() throws IOException {
    VendorProfile samsung = profiles.forEnterprise(236).orElseThrow();
    MeterDefinition large =
        samsung.meters().stream().filter(m -> m.name().equals("print.large")).findFirst().get();
    String t = "1.3.6.1.4.1.236.11.5.11.53.11.2.1.";
    assertThat(large.terms())
        .containsExactly(
            new MeterTerm.TableRow(
                Oid.of(t + "7"),
                List.of(
                    new MeterTerm.Match(Oid.of(t + "2"), 1),
                    new MeterTerm.Match(Oid.of(t + "3"), 2)),
                true));
    assertThat(large.terms().get(0).toString()).isEqualTo(t + "7[" + t + "2=1," + t + "3=2]*");
    VendorProfile one =
        VendorProfiles.parse(
            "one.properties",
            new StringReader(
                "make=X\nenterprises=1\nmeter.a=1.2.3[1.2.4=5]\nmeter.a.confidence=high\n"));
    assertThat(one.meters().get(0).terms())
        .containsExactly(new MeterTerm.TableRow(Oid.of("1.2.3"), Oid.of("1.2.4"), 5));
    assertThatThrownBy(
            () ->
                VendorProfiles.parse(
                    "two.properties",
                    new StringReader(
                        "make=X\nenterprises=1\nmeter.a=1.2.3[1.2.4=5,1.2.4=6]\n"
                            + "meter.a.confidence=high\n")))
        .hasMessageContaining("two.properties")
        .hasMessageContaining("meter.a")
        .hasMessageContaining("column twice");
  }

  @Test
  void theShippedProfilesTakeTheirEnterpriseNumbersFromTheOneMakeTable() {
    org.openrps.wire.key.Makes makes = org.openrps.wire.key.Makes.standard();
    for (VendorProfile p : profiles.all()) {
      assertThat(p.enterprises()).as(p.make()).isEqualTo(makes.enterprisesOf(p.make()));
    }
    assertThat(profiles.forEnterprise(26696)).map(VendorProfile::make).hasValue("HP");
    assertThat(makes.makeOf("1.3.6.1.4.1.26696.1")).isEqualTo("HP");
    assertThat(makes.makeOf("1.3.6.1.4.1.1472.1")).isEqualTo("Sharp");
  }

  @Test
  void aShippedProfileThatNamesEnterpriseNumbersIsRefused() {
    assertThatThrownBy(
            () ->
                VendorProfiles.parse(
                    "x.properties",
                    new StringReader("make=HP\nenterprises=11\n"),
                    java.util.Optional.of(org.openrps.wire.key.Makes.standard())))
        .hasMessageContaining("x.properties")
        .hasMessageContaining("make table");
  }

  @Test
  void theShippedProfilesHaveAVersionThatNamesTheirCountAndHash() {
    assertThat(profiles.version())
        .hasValueSatisfying(
            v -> assertThat(v).matches(profiles.all().size() + " profiles sha256:[0-9a-f]{12}"));
    assertThat(VendorProfiles.standard().version()).isEqualTo(profiles.version());
    assertThat(VendorProfiles.of(profiles.all()).version()).isEmpty();
  }

  @Test
  void aMakeIsFoundByTheEnterpriseNumberOfItsSysObjectId() {
    assertThat(profiles.forSysObjectId(Oid.of("1.3.6.1.4.1.253.8.62.1.35.2.3.1.1")))
        .map(VendorProfile::make)
        .hasValue("Xerox");
    assertThat(profiles.forSysObjectId(Oid.of("1.3.6.1.4.1.99999.1"))).isEmpty();
    assertThat(profiles.forSysObjectId(Oid.of("1.3.6.1.2.1.1"))).isEmpty();
  }

  @Test
  void tableMetersChooseTheirRowByType() {
    VendorProfile ricoh = profiles.forEnterprise(367).orElseThrow();
    MeterDefinition colour =
        ricoh.meters().stream().filter(m -> m.name().equals("print.colour")).findFirst().get();
    assertThat(colour.terms())
        .containsExactly(
            new MeterTerm.TableRow(
                Oid.of("1.3.6.1.4.1.367.3.2.1.2.19.5.1.9"),
                Oid.of("1.3.6.1.4.1.367.3.2.1.2.19.5.1.2"),
                402),
            new MeterTerm.TableRow(
                Oid.of("1.3.6.1.4.1.367.3.2.1.2.19.5.1.9"),
                Oid.of("1.3.6.1.4.1.367.3.2.1.2.19.5.1.2"),
                403));
  }

  @Test
  void alternativesAreTriedInOrderAndRowNamesMayHoldPlusSigns() {
    VendorProfile canon = profiles.forEnterprise(1602).orElseThrow();
    MeterDefinition colour =
        canon.meters().stream().filter(m -> m.name().equals("colour")).findFirst().get();
    assertThat(colour.alternatives()).hasSize(3);
    assertThat(colour.alternatives().get(2))
        .containsExactly(
            new MeterTerm.NamedRow(
                Oid.of("1.3.6.1.4.1.1602.1.11.2.1.1.3"),
                Oid.of("1.3.6.1.4.1.1602.1.11.2.1.1.2"),
                "Total (Full Color + Single Color/Small)"));
  }

  @Test
  void lowConfidenceMetersAreKeptAsDataButNotRead() {
    VendorProfile epson = profiles.forEnterprise(1248).orElseThrow();
    assertThat(epson.meters()).extracting(MeterDefinition::name).contains("pages");
    assertThat(epson.metersToRead()).extracting(MeterDefinition::name).doesNotContain("pages");
  }

  @Test
  void partNumbersComeFromTheDescriptionByTheMakesRules() {
    VendorProfile xerox = profiles.forEnterprise(253).orElseThrow();
    assertThat(xerox.partNumberIn("Black Toner, PN 006R01509;SN48178080E0000481"))
        .hasValue("006R01509");
    assertThat(xerox.partNumberIn("Fuser, PN unknown;SNunknown")).isEmpty();
    VendorProfile hp = profiles.forEnterprise(11).orElseThrow();
    assertThat(hp.partNumberIn("Black Cartridge HP CF410A")).hasValue("CF410A");
  }

  @Test
  void aPartNumberOnlyFromTextThatHoldsOne() {
    VendorProfile xerox = profiles.forEnterprise(253).orElseThrow();
    assertThat(xerox.partNumberIn("Waste Cartridge, PN NONE;SNunknown")).isEmpty();
    assertThat(xerox.partNumberIn("Waste Cartridge, PN n-a;SN1")).isEmpty();
    assertThat(xerox.partNumberIn("Imaging Unit, PN ABC")).as("no digit, too short").isEmpty();
    assertThat(xerox.partNumberIn("Toner, PN 006R01509")).hasValue("006R01509");
    VendorProfile hp = profiles.forEnterprise(11).orElseThrow();
    // a line break between "HP" and the words after it is a blank (DeviceText), so nothing joins
    assertThat(hp.partNumberIn("Black Cartridge HP Toner")).isEmpty();
    assertThat(VendorProfile.looksLikeAPartNumber("unknown2")).isFalse();
    assertThat(VendorProfile.looksLikeAPartNumber("TK-5240C")).isTrue();
  }

  @Test
  void hpWritesItsSerialIntoSysDescr() {
    VendorProfile hp = profiles.forEnterprise(11).orElseThrow();
    assertThat(
            hp.serialInSysDescr(
                "HP ETHERNET MULTI-ENVIRONMENT,SN:VNB3J99999,FN:1F31B6C,SVCID:99999,PID:HP"))
        .hasValue("VNB3J99999");
  }

  @Test
  void aBrokenProfileNamesTheFileAndTheKey() {
    assertThatThrownBy(() -> parse("make=X\nenterprises=5\nmeter.mono=1.3.6.x\n"))
        .hasMessageContaining("x.properties")
        .hasMessageContaining("meter.mono")
        .hasMessageContaining("not an OID");
    assertThatThrownBy(() -> parse("make=X\nenterprises=5\nmeter.mono=1.3.6.1\n"))
        .hasMessageContaining("meter.mono.confidence");
    assertThatThrownBy(
            () -> parse("make=X\nenterprises=5\nmeter.total=1.3.6.1\nmeter.total.confidence=high"))
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> parse("make=X\nenterprises=five\n"))
        .hasMessageContaining("enterprises");
    assertThatThrownBy(() -> parse("make=X\nenterprises=5\nserial.quirks=noSuch\n"))
        .hasMessageContaining("serial.quirks");
    assertThatThrownBy(() -> parse("make=X\nenterprises=5\nsirial.1=1.3.6.1\n"))
        .hasMessageContaining("sirial.1")
        .hasMessageContaining("unknown key");
    assertThatThrownBy(() -> parse("enterprises=5\n")).hasMessageContaining("key make: missing");
  }

  @Test
  void hpLeading00QuirkGivesOneSerialThroughEitherOid() {
    Set<SerialQuirk> hp = Set.of(SerialQuirk.hpLeading00);
    assertThat(SerialNumbers.normalise("00CNBRS373G7", hp)).hasValue("CNBRS373G7");
    assertThat(SerialNumbers.normalise("CNBRS373G7", hp)).hasValue("CNBRS373G7");
    // without the quirk (another make), a leading 00 is part of the serial
    assertThat(SerialNumbers.normalise("000A5J431816", Set.of())).hasValue("000A5J431816");
  }

  @Test
  void hpBinaryPrefixQuirkDropsTheTwoOctetsBeforeTheText() {
    byte[] brotherViaHpOid = {
      0x01, 0x15, 'U', '6', '4', '6', '4', '1', 'E', '7', 'J', '1', '3', '4', '1', '6', '3'
    };
    assertThat(SerialNumbers.normalise(brotherViaHpOid, Set.of(SerialQuirk.hpBinaryPrefix)))
        .hasValue("U64641E7J134163");
    assertThat(SerialNumbers.normalise(brotherViaHpOid, Set.of())).isEmpty();
  }

  @Test
  void serialsAreTrimmedFreedOfNulsAndHexDumpsDecoded() {
    assertThat(
            SerialNumbers.normalise(
                "  VCF1234567\0\0".getBytes(StandardCharsets.US_ASCII), Set.of()))
        .hasValue("VCF1234567");
    assertThat(SerialNumbers.normalise("0x564346313233", Set.of())).hasValue("VCF123");
    assertThat(SerialNumbers.normalise("56 43 46 31 32 33", Set.of())).hasValue("VCF123");
    // all hex digits but no separators: a serial, not a dump
    assertThat(SerialNumbers.normalise("1234567890", Set.of())).hasValue("1234567890");
    assertThat(SerialNumbers.normalise("unknown", Set.of())).isEmpty();
    assertThat(SerialNumbers.normalise("0000000000", Set.of())).isEmpty();
    assertThat(SerialNumbers.normalise(new byte[] {1, 2, (byte) 0xFF, 7}, Set.of())).isEmpty();
  }

  private static VendorProfile parse(String text) throws Exception {
    return VendorProfiles.parse("x.properties", new StringReader(text));
  }

  @Test
  void theOrderOfTrustOfNamesIsDataWithADefaultForMakesWithoutAProfile() {
    NameRules defaults = NameRules.standard();
    assertThat(defaults.modelOrder())
        .containsExactly(
            NameSource.hrDeviceDescr,
            NameSource.vendor,
            NameSource.ieee1284,
            NameSource.prtGeneralPrinterName,
            NameSource.sysDescr);
    assertThat(defaults.brandOrder()).startsWith(NameSource.ieee1284, NameSource.model);
    Oid ppm = Oid.of("1.3.6.1.4.1.2699.1.2.1.2.1.1.3.1");
    assertThat(defaults.deviceIdOids()).containsExactly(ppm);
    VendorProfile konica = profiles.forEnterprise(18334).orElseThrow();
    assertThat(konica.names().modelOrder()).startsWith(NameSource.vendor);
    assertThat(konica.names().brands()).extracting(Brand::name).contains("Develop");
    VendorProfile hp = profiles.forEnterprise(11).orElseThrow();
    assertThat(hp.names().modelOrder()).isEqualTo(defaults.modelOrder());
    assertThat(hp.names().deviceIdOids())
        .containsExactly(ppm, Oid.of("1.3.6.1.4.1.11.2.3.9.1.1.7.0"));
    assertThat(hp.identityOids()).contains(ppm, Oid.of("1.3.6.1.4.1.11.2.3.9.1.1.7.0"));
    assertThat(hp.names().brands().get(0).is("HEWLETT-PACKARD")).isTrue();
  }

  @Test
  void everyMakeWhoseFirmwareOidIsKnownHasOne() {
    for (String make :
        new String[] {
          "HP", "Xerox", "Canon", "Kyocera", "Konica Minolta", "Lexmark", "Brother", "Epson"
        }) {
      assertThat(
              profiles.all().stream()
                  .filter(p -> p.make().equals(make))
                  .findFirst()
                  .orElseThrow()
                  .firmwareOids())
          .as(make)
          .isNotEmpty();
    }
  }

  @Test
  void aBrokenNameOrderIsRefusedWithFileAndKey() {
    assertThatThrownBy(() -> parse("make=HP\nenterprises=11\nmodel.order=hrDeviceDescr,model\n"))
        .hasMessageContaining("x.properties")
        .hasMessageContaining("model.order")
        .hasMessageContaining("\"model\"");
    assertThatThrownBy(() -> parse("make=HP\nenterprises=11\nbrand.order=sysDescr,sysDescr\n"))
        .hasMessageContaining("brand.order")
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> parse("make=HP\nenterprises=11\nbrand.1= , \n"))
        .hasMessageContaining("brand.1");
    assertThatThrownBy(() -> parse("make=HP\nenterprises=11\nieee1284.1=not an oid\n"))
        .hasMessageContaining("ieee1284.1");
  }

  @Test
  void aBrandIsKnownByAnySpellingAndLeadsATextOnlyAsAWholeWord() {
    Brand ta = new Brand("TA Triumph-Adler", java.util.List.of("Triumph-Adler", "TA"));
    assertThat(ta.leads("TA P-4531 MFP")).hasValue(2);
    assertThat(ta.leads("TA Triumph-Adler P-4531")).hasValue(16);
    assertThat(ta.leads("TASKalfa 3252ci")).isEmpty();
    assertThat(ta.is("triumph-adler")).isTrue();
  }
}
