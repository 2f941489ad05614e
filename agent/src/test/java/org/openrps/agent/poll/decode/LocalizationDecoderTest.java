package org.openrps.agent.poll.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrps.agent.poll.decode.RowsFixture.rows;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.snmp.Oid;
import org.openrps.wire.AlertReading;
import org.openrps.wire.InputTray;
import org.openrps.wire.SupplyReading;

class LocalizationDecoderTest {

  private static final String CURRENT = "1.3.6.1.2.1.43.5.1.1.2.";
  private static final String CHARSET = "1.3.6.1.2.1.43.7.1.1.4.";
  private static final String S = "1.3.6.1.2.1.43.11.1.1.";

  @Test
  void theCurrentLocalizationsCharacterSetIsTheDeclaredOne() {
    Rows discovery =
        rows()
            .integer(CURRENT + "1", 2)
            .integer(CHARSET + "1.1", 3)
            .integer(CHARSET + "1.2", 17)
            .build();

    Decoded<Optional<Charset>> d = LocalizationDecoder.decode(discovery, 1);

    assertThat(d.failures()).isEmpty();
    assertThat(d.value()).hasValue(Charset.forName("Shift_JIS"));
  }

  @Test
  void aLocalizationOtherThanTheFirstIsAskedForUnlessItsCharacterSetWasRead() {
    Rows withoutIt = rows().integer(CURRENT + "3", 2).integer(CHARSET + "3.1", 106).build();
    assertThat(LocalizationDecoder.characterSetToAsk(withoutIt, 3))
        .hasValue(Oid.of(CHARSET + "3.2"));
    Rows withIt = rows().integer(CURRENT + "1", 1).integer(CHARSET + "1.1", 106).build();
    assertThat(LocalizationDecoder.characterSetToAsk(withIt, 1)).isEmpty();
    assertThat(LocalizationDecoder.decode(withIt, 1).value()).hasValue(Charset.forName("UTF-8"));
  }

  @Test
  void nothingDeclaredOrNoUsableIndexMeansNoCharacterSetAndNothingToAsk() {
    assertThat(LocalizationDecoder.decode(rows().build(), 1).value()).isEmpty();
    Rows zero = rows().integer(CURRENT + "1", 0).build();
    assertThat(LocalizationDecoder.decode(zero, 1).value()).isEmpty();
    assertThat(LocalizationDecoder.characterSetToAsk(zero, 1)).isEmpty();
  }

  @Test
  void anUnknownCharacterSetIsSaidAndNotGuessed() {
    Rows discovery = rows().integer(CURRENT + "1", 1).integer(CHARSET + "1.1", 65_000).build();

    Decoded<Optional<Charset>> d = LocalizationDecoder.decode(discovery, 1);

    assertThat(d.value()).isEmpty();
    assertThat(d.failures())
        .extracting(ReadFailure::what, ReadFailure::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "prtLocalizationCharacterSet",
                "character set 65000 (IANA MIBenum) not known here: strings read as UTF-8, else"
                    + " Latin-1"));
  }

  @Test
  void suppliesAlertsAndTraysAreReadInTheDeclaredCharacterSet() {
    // "ブラックトナー TK-5240K" and "トナー切れ" (toner out) and "カセット1" (cassette 1), Shift-JIS
    int[] blackToner = {
      0x83, 0x75, 0x83, 0x89, 0x83, 0x62, 0x83, 0x4e, 0x83, 0x67, 0x83, 0x69, 0x81, 0x5b, 0x20, 'T',
      'K', '-', '5', '2', '4', '0', 'K'
    };
    int[] tonerOut = {0x83, 0x67, 0x83, 0x69, 0x81, 0x5b, 0x90, 0xd8, 0x82, 0xea};
    int[] cassette = {0x83, 0x4a, 0x83, 0x5a, 0x83, 0x62, 0x83, 0x67, '1'};
    Optional<Charset> sjis = Optional.of(Charset.forName("Shift_JIS"));

    Walked supplies =
        rows()
            .integer(S + "4.1.1", 3)
            .integer(S + "5.1.1", 3)
            .bytes(S + "6.1.1", blackToner)
            .integer(S + "7.1.1", 19)
            .integer(S + "8.1.1", 100)
            .integer(S + "9.1.1", 40)
            .walked();
    List<SupplyReading> read = SupplyDecoder.decode(supplies, Optional.empty(), sjis).value();
    assertThat(read).extracting(SupplyReading::description).containsExactly("ブラックトナー TK-5240K");

    Walked alerts =
        rows()
            .integer("1.3.6.1.2.1.43.18.1.1.2.1.1", 3)
            .integer("1.3.6.1.2.1.43.18.1.1.7.1.1", 1101)
            .bytes("1.3.6.1.2.1.43.18.1.1.8.1.1", tonerOut)
            .walked();
    List<AlertReading> alertRows =
        AlertDecoder.decode(alerts, 1, org.openrps.snmp.mib.PrinterMibNames.standard(), sjis)
            .value();
    assertThat(alertRows).extracting(AlertReading::description).containsExactly("トナー切れ");

    Walked trays =
        rows()
            .integer("1.3.6.1.2.1.43.8.2.1.9.1.1", 500)
            .integer("1.3.6.1.2.1.43.8.2.1.10.1.1", 250)
            .bytes("1.3.6.1.2.1.43.8.2.1.13.1.1", cassette)
            .walked();
    assertThat(TrayDecoder.decode(trays, 1, sjis).value())
        .extracting(InputTray::name)
        .containsExactly("カセット1");
    // Undeclared, the same bytes are not guessed to be Shift-JIS: Latin-1, every byte a letter.
    assertThat(TrayDecoder.decode(trays, 1).value())
        .extracting(InputTray::name)
        .doesNotContain("カセット1");
  }
}
