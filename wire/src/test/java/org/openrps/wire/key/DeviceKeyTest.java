package org.openrps.wire.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openrps.wire.DeviceIdentity;

class DeviceKeyTest {

  @Test
  void serialsAreTrimmedAndLoseNulsAndControlCharacters() {
    assertThat(SerialNumbers.normalise("  CNB1234567\0\0 ")).hasValue("CNB1234567");
    assertThat(SerialNumbers.normalise("VCF\u0007123\r\n")).hasValue("VCF123");
  }

  @Test
  void hexDumpsOfTextAreDecoded() {
    assertThat(SerialNumbers.normalise("0x564346313233")).hasValue("VCF123");
    assertThat(SerialNumbers.normalise("56 43 46 31 32 33")).hasValue("VCF123");
  }

  @Test
  void placeholdersAndOverlongValuesAreNoSerial() {
    assertThat(SerialNumbers.normalise("unknown")).isEmpty();
    assertThat(SerialNumbers.normalise("0000000000")).isEmpty();
    assertThat(SerialNumbers.normalise("N/A")).isEmpty();
    assertThat(SerialNumbers.normalise(" ")).isEmpty();
    assertThat(SerialNumbers.normalise("A".repeat(SerialNumbers.MAX_LENGTH + 1))).isEmpty();
    assertThat(SerialNumbers.normalise("000A5J431816")).hasValue("000A5J431816");
  }

  @Test
  void aVendorCorrectionRunsAfterCleaningAndBeforeThePlaceholderCheck() {
    assertThat(SerialNumbers.normalise(" 00CNBRS373G7 ", s -> s.substring(2)))
        .hasValue("CNBRS373G7");
    assertThat(SerialNumbers.normalise("00----", s -> s.substring(2))).isEmpty();
  }

  @Test
  void aKeyIsMadeFromARawSerialAndRefusesOneWithoutASerial() {
    assertThat(DeviceKey.of(" HP ", " PHBGB12345\0")).isEqualTo(new DeviceKey("HP", "PHBGB12345"));
    assertThatThrownBy(() -> DeviceKey.of("HP", "unknown"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown");
    assertThatThrownBy(() -> new DeviceKey("HP", " PHBGB12345"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeviceKey.of(" ", "PHBGB12345"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(DeviceKey.tryOf("HP", "")).isEmpty();
  }

  @Test
  void aReportedIdentityGivesItsKey() {
    DeviceIdentity id =
        new DeviceIdentity(
            "Xerox",
            "AltaLink",
            "VCF123",
            "1.3.6.1.4.1.253.8.62.1",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Instant.parse("2026-11-28T08:00:00Z"));
    assertThat(DeviceKey.of(id)).contains(new DeviceKey("Xerox", "VCF123"));
  }

  @Test
  void theMakeComesFromTheEnterpriseNumberOfSysObjectId() {
    Makes makes = Makes.standard();
    assertThat(makes.makeOf("1.3.6.1.4.1.11.2.3.9.1")).isEqualTo("HP");
    assertThat(makes.makeOf("1.3.6.1.4.1.18334.1.1")).isEqualTo("Konica Minolta");
    assertThat(makes.makeOf("1.3.6.1.4.1.99999.1")).isEqualTo("enterprise 99999");
    assertThat(makes.makeOf("1.3.6.1.4.1")).isEqualTo(Makes.UNKNOWN);
    assertThat(makes.makeOf("1.3.6.1.2.1.1")).isEqualTo(Makes.UNKNOWN);
    assertThat(makes.makeOf("1.3.6.1.4.10.5")).isEqualTo(Makes.UNKNOWN);
    assertThat(Makes.enterpriseOf("1.3.6.1.4.1.4294967295.1")).hasValue(4294967295L);
    assertThat(makes.byEnterprise(11)).hasValueSatisfying(m -> assertThat(m.brand()).isEmpty());
  }

  @Test
  void aBrandColumnIsReadWhereTheTableHasOne() throws Exception {
    Makes makes = Makes.parse(new StringReader("1=Maker|Brand\n2=Maker\n"), "test");
    assertThat(makes.byEnterprise(1).orElseThrow().brand()).contains("Brand");
    assertThat(makes.makeOf("1.3.6.1.4.1.1.5")).isEqualTo("Maker");
    assertThatThrownBy(() -> Makes.parse(new StringReader("x=Maker\n"), "test"))
        .hasMessageContaining("test");
    assertThatThrownBy(() -> Makes.parse(new StringReader("3=|Brand\n"), "test"))
        .hasMessageContaining("enterprise 3");
  }

  @Test
  void aRenamedMakerIsShownUnderItsCurrentNameWhileTheKeyKeepsTheOldOne() throws Exception {
    Makes makes = Makes.standard();
    Makes.Make fujiXerox = makes.bySysObjectId("1.3.6.1.4.1.297.1.11.93.1.28.3.1").orElseThrow();
    assertThat(fujiXerox.manufacturer()).isEqualTo("Fuji Xerox");
    assertThat(fujiXerox.current()).isEqualTo("FUJIFILM Business Innovation");
    assertThat(makes.makeOf("1.3.6.1.4.1.297.1")).isEqualTo("Fuji Xerox");
    assertThat(makes.byEnterprise(11).orElseThrow().current()).isEqualTo("HP");
    assertThat(makes.names()).contains("Fuji Xerox", "FUJIFILM Business Innovation", "HP");
    assertThatThrownBy(() -> Makes.parse(new StringReader("1=Maker\nrenamed.2=New name\n"), "test"))
        .hasMessageContaining("renamed.2");
    assertThatThrownBy(() -> Makes.parse(new StringReader("1=Maker\nrenamed.x=New\n"), "test"))
        .hasMessageContaining("renamed.x");
  }
}
