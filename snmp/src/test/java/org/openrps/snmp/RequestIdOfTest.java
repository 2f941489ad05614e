package org.openrps.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The request id of a reply SNMP4J cannot decode, read from its first bytes. */
class RequestIdOfTest {

  @Test
  void theRequestIdOfAV2cReplyIsReadWhateverFollowsIt() {
    byte[] reply = {
      0x30,
      0x1d,
      0x02,
      0x01,
      0x01,
      0x04,
      0x06,
      'p',
      'u',
      'b',
      'l',
      'i',
      'c',
      (byte) 0xa2,
      0x10,
      0x02,
      0x02,
      0x30,
      0x39,
      0x02,
      0x01,
      0x00,
      0x02,
      0x01,
      0x00,
      0x30,
      0x04,
      // a varbind SNMP4J refuses: an INTEGER of 5 octets, cut short
      0x02,
      0x05,
      0x01,
      0x02
    };
    assertThat(Snmp4jClient.requestIdOf(ByteBuffer.wrap(reply))).hasValue(12345);
  }

  @Test
  void aNegativeIdIsSignExtendedAndAnythingElseIsEmpty() {
    byte[] reply = {
      0x30, 0x0e, 0x02, 0x01, 0x01, 0x04, 0x01, 'x', (byte) 0xa2, 0x06, 0x02, 0x01, (byte) 0xfe
    };
    assertThat(Snmp4jClient.requestIdOf(ByteBuffer.wrap(reply))).hasValue(-2);
    assertThat(Snmp4jClient.requestIdOf(ByteBuffer.wrap(new byte[] {0x30, 0x03, 0x02}))).isEmpty();
    // SNMPv3: a header sequence where the community would be
    byte[] v3 = {0x30, 0x08, 0x02, 0x01, 0x03, 0x30, 0x03, 0x02, 0x01, 0x05};
    assertThat(Snmp4jClient.requestIdOf(ByteBuffer.wrap(v3))).isEmpty();
  }
}
