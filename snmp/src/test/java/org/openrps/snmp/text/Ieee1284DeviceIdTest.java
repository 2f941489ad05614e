package org.openrps.snmp.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ieee1284DeviceIdTest {

  @Test
  void shortKeysAsMostDevicesSendThem() {
    Ieee1284DeviceId id =
        Ieee1284DeviceId.parse("MFG:Xerox;CMD:PCL6,PS,XPS;MDL:AltaLink C8045;CLS:PRINTER;")
            .orElseThrow();
    assertThat(id.manufacturer()).hasValue("Xerox");
    assertThat(id.model()).hasValue("AltaLink C8045");
    assertThat(id.commandSets()).containsExactly("PCL6", "PS", "XPS");
    assertThat(id.serial()).isEmpty();
  }

  @Test
  void longKeysBlanksAroundSeparatorsAndNoFinalSemicolon() {
    Ieee1284DeviceId id =
        Ieee1284DeviceId.parse(
                " MANUFACTURER : Hewlett-Packard ; COMMAND SET: PJL,PCL,POSTSCRIPT ; MODEL: HP"
                    + " LaserJet M507 ; SN: PHBCM20567")
            .orElseThrow();
    assertThat(id.manufacturer()).hasValue("Hewlett-Packard");
    assertThat(id.model()).hasValue("HP LaserJet M507");
    assertThat(id.serial()).hasValue("PHBCM20567");
  }

  @Test
  void theParallelPortLengthPrefixIsNotPartOfTheFirstKey() {
    // two length bytes (0x00 0x3a) decoded as text before "MFG"
    String withPrefix = "\u0000:MFG:Brother;CMD:PJL,PCL,PCLXL;MDL:HL-L8360CDW series;CLS:PRINTER;";
    Ieee1284DeviceId id = Ieee1284DeviceId.parse(withPrefix).orElseThrow();
    assertThat(id.manufacturer()).hasValue("Brother");
    assertThat(id.model()).hasValue("HL-L8360CDW series");
  }

  @Test
  void textWithoutAManufacturerOrModelIsNotADeviceId() {
    assertThat(Ieee1284DeviceId.parse("HP ETHERNET MULTI-ENVIRONMENT,ROM none")).isEmpty();
    assertThat(Ieee1284DeviceId.parse("CLS:PRINTER;CMD:PCL;")).isEmpty();
    assertThat(Ieee1284DeviceId.parse("")).isEmpty();
    assertThat(Ieee1284DeviceId.parse(null)).isEmpty();
  }

  @Test
  void theFirstOfARepeatedKeyWins() {
    assertThat(Ieee1284DeviceId.parse("MDL:First;MDL:Second;").orElseThrow().model())
        .hasValue("First");
  }
}
