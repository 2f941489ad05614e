package org.openrps.snmp.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelNamesTest {

  private static final Optional<String> NONE = Optional.empty();

  @Test
  void aFirmwareVersionAppendedToTheModelGoes() {
    assertThat(ModelNames.strip("Lexmark CX522ade 9.1.118", NONE, NONE))
        .isEqualTo("Lexmark CX522ade");
    assertThat(
            ModelNames.strip(
                "ECOSYS M5526cdw 2R7_2000.004.102", Optional.of("2R7_2000.004.102"), NONE))
        .isEqualTo("ECOSYS M5526cdw");
    assertThat(ModelNames.strip("Lexmark MS621 MS621.081.234", Optional.of("MS621.081.234"), NONE))
        .isEqualTo("Lexmark MS621");
  }

  @Test
  void aServiceTagOrTheSerialAppendedGoes() {
    assertThat(ModelNames.strip("Dell Color MFP H825cdw Service Tag 7XK2D42", NONE, NONE))
        .isEqualTo("Dell Color MFP H825cdw");
    assertThat(ModelNames.strip("Dell B2360dn; SN: 1234ABC", NONE, NONE)).isEqualTo("Dell B2360dn");
    assertThat(ModelNames.strip("TASKalfa 6052ci W9R0500123", NONE, Optional.of("W9R0500123")))
        .isEqualTo("TASKalfa 6052ci");
  }

  @Test
  void modelNumbersThatLookLikeNumbersStay() {
    assertThat(ModelNames.strip("HP LaserJet M507", NONE, NONE)).isEqualTo("HP LaserJet M507");
    assertThat(ModelNames.strip("Canon iR-ADV C3826 /P", NONE, NONE))
        .isEqualTo("Canon iR-ADV C3826 /P");
    assertThat(ModelNames.strip("RICOH MP 3053", NONE, NONE)).isEqualTo("RICOH MP 3053");
    assertThat(ModelNames.strip("1.2.3", NONE, NONE)).as("nothing left: kept").isEqualTo("1.2.3");
  }

  @Test
  void theModelOfADeviceIdInsideSysDescr() {
    String sysDescr =
        "MFG:Brother;CMD:PJL,PCL,PCLXL,POSTSCRIPT;MDL:HL-L8360CDW;CLS:PRINTER;CID:Brother Laser"
            + " Type1;URF:W8,CP1,IS4-1,MT1-3-4-5-8,OB10,PQ4,RS300-600-1200,DM1;";
    assertThat(ModelNames.fromDeviceId(sysDescr)).hasValue("HL-L8360CDW");
    assertThat(ModelNames.fromDeviceId("Brother NC-8800h, Firmware Ver.1.05")).isEmpty();
  }

  @Test
  void aFamilyNameIsKnownAsSuch() {
    assertThat(ModelNames.isFamily("HL-L8360CDW series")).isTrue();
    assertThat(ModelNames.isFamily("imageRUNNER ADVANCE Family")).isTrue();
    assertThat(ModelNames.isFamily("HP LaserJet M507")).isFalse();
  }
}
