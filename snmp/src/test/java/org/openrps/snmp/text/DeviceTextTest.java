package org.openrps.snmp.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Byte-exact fixtures: each case is the bytes a device sent, written out as hex. */
class DeviceTextTest {

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  private static final Optional<Charset> SHIFT_JIS = Optional.of(Charset.forName("Shift_JIS"));

  @Test
  void asciiAndUtf8AreTakenAsTheyAre() {
    assertThat(DeviceText.decode(hex("48 50 20 4c 61 73 65 72 4a 65 74"))).isEqualTo("HP LaserJet");
    // "Köln" in UTF-8: c3 b6
    assertThat(DeviceText.decode(hex("4b c3 b6 6c 6e"))).isEqualTo("Köln");
  }

  @Test
  void bytesThatAreNotUtf8AreLatin1WhenTheDeviceDeclaresNothing() {
    // "Köln" in ISO-8859-1: f6
    assertThat(DeviceText.decode(hex("4b f6 6c 6e"))).isEqualTo("Köln");
  }

  @Test
  void shiftJisOnlyWhenTheDeviceDeclaresIt() {
    // "トナー" (toner) in Shift-JIS: 83 67 83 69 81 5b
    byte[] toner = hex("83 67 83 69 81 5b");
    assertThat(DeviceText.decode(toner, SHIFT_JIS)).isEqualTo("トナー");
    assertThat(DeviceText.decode(toner))
        .as("not guessed: without the declaration the same bytes are Latin-1")
        .isNotEqualTo("トナー");
    assertThat(DeviceText.decode(hex("42 6c 61 63 6b"), SHIFT_JIS))
        .as("ASCII stays ASCII under a declared set")
        .isEqualTo("Black");
  }

  @Test
  void aLineBreakInsideADescriptionIsABlankNotAJoin() {
    // "Black\r\nCartridge" and "Black\tCartridge"
    assertThat(DeviceText.decode(hex("42 6c 61 63 6b 0d 0a 43 61 72 74 72 69 64 67 65")))
        .isEqualTo("Black Cartridge");
    assertThat(DeviceText.decode(hex("42 6c 61 63 6b 09 43 61 72 74 72 69 64 67 65")))
        .isEqualTo("Black Cartridge");
    // C1 control 0x85 (NEL) in Latin-1 text, and DEL
    assertThat(DeviceText.decode(hex("54 6f 6e 65 72 85 4b 7f 42"))).isEqualTo("Toner K B");
  }

  @Test
  void aNulWithOnlyPaddingAfterItEndsTheTextAndOneInTheMiddleIsABlank() {
    // "Tray 1\0\0\0" and "Tray 1\0 \x01\xff" (garbage that is not printable after the end)
    assertThat(DeviceText.decode(hex("54 72 61 79 20 31 00 00 00"))).isEqualTo("Tray 1");
    assertThat(DeviceText.decode(hex("54 72 61 79 20 31 00 20 01 7f"))).isEqualTo("Tray 1");
    // "Tray\01" : a NUL inside the text
    assertThat(DeviceText.decode(hex("54 72 61 79 00 31"))).isEqualTo("Tray 1");
    assertThat(DeviceText.decode(hex("00 00 00"))).isEmpty();
  }

  @Test
  void netSnmpsHexDumpDisplayTextIsDecoded() {
    // the string holds the characters "48 50 20 4C 61 73 65 72 4A 65 74 00 " as text
    byte[] dump =
        "48 50 20 4C 61 73 65 72 4A 65 74 00 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(DeviceText.decode(dump)).isEqualTo("HP LaserJet");
    // net-snmp breaks the display every 16 bytes
    byte[] wrapped =
        ("4D 61 67 65 6E 74 61 20 54 6F 6E 65 72 20 43 61\n72 74 72 69 64 67 65 ")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(DeviceText.decode(wrapped)).isEqualTo("Magenta Toner Cartridge");
  }

  @Test
  void whatOnlyLooksLikeHexStaysAsItIs() {
    assertThat(DeviceText.decode("12 34".getBytes())).as("two numbers").isEqualTo("12 34");
    assertThat(DeviceText.decode("AB CD EF".getBytes())).as("three pairs").isEqualTo("AB CD EF");
    // a MAC address as a hex display decodes to bytes that are not text: kept
    assertThat(DeviceText.decode("00 1B 78 A1 02 03".getBytes())).isEqualTo("00 1B 78 A1 02 03");
    assertThat(DeviceText.decode("CE 505 A".getBytes())).isEqualTo("CE 505 A");
  }

  @Test
  void blanksAreCollapsedAndTrimmed() {
    assertThat(DeviceText.decode(hex("20 20 48 50 20 20 20 4d 35 30 37 20 20")))
        .isEqualTo("HP M507");
    assertThat(DeviceText.decode(new byte[0])).isEmpty();
  }
}
