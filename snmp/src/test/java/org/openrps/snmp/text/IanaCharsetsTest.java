package org.openrps.snmp.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IanaCharsetsTest {

  @Test
  void theSetsPrintersDeclareAreKnownByTheirMibEnum() {
    assertThat(IanaCharsets.forMibEnum(3)).hasValue(StandardCharsets.US_ASCII);
    assertThat(IanaCharsets.forMibEnum(4)).hasValue(StandardCharsets.ISO_8859_1);
    assertThat(IanaCharsets.forMibEnum(106)).hasValue(StandardCharsets.UTF_8);
    assertThat(IanaCharsets.forMibEnum(17).orElseThrow().name()).isEqualTo("Shift_JIS");
    assertThat(IanaCharsets.forMibEnum(2026).orElseThrow().name()).isEqualTo("Big5");
    assertThat(IanaCharsets.forMibEnum(2252).orElseThrow().name()).isEqualTo("windows-1252");
  }

  @Test
  void anUnlistedOrImpossibleNumberIsUnknown() {
    assertThat(IanaCharsets.forMibEnum(1)).isEmpty(); // "other" in IANA-CHARSET-MIB
    assertThat(IanaCharsets.forMibEnum(2)).isEmpty(); // "unknown"
    assertThat(IanaCharsets.forMibEnum(-17)).isEmpty();
    assertThat(IanaCharsets.forMibEnum(1L << 40)).isEmpty();
  }
}
