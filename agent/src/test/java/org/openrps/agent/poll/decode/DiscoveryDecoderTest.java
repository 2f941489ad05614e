package org.openrps.agent.poll.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrps.agent.poll.decode.RowsFixture.rows;

import org.junit.jupiter.api.Test;
import org.openrps.snmp.SnmpValue;

class DiscoveryDecoderTest {

  private static final String PRINTER = "1.3.6.1.2.1.25.3.1.5";
  private static final String NETWORK = "1.3.6.1.2.1.25.3.1.4";

  @Test
  void hrDevicePrinterAtIndexOneIsAPrinter() {
    Rows r = rows().objectId("1.3.6.1.2.1.25.3.2.1.2.1", PRINTER).build();
    assertThat(DiscoveryDecoder.printerAtFirst(r)).isTrue();
  }

  @Test
  void thePrinterMibWithoutHostResourcesIsAPrinterButNotBesideAnotherDeviceType() {
    Rows xerox = rows().text("1.3.6.1.2.1.43.5.1.1.17.1", "3UA264667").build();
    assertThat(DiscoveryDecoder.printerAtFirst(xerox)).isTrue();
    Rows router =
        rows()
            .objectId("1.3.6.1.2.1.25.3.2.1.2.1", NETWORK)
            .counter("1.3.6.1.2.1.43.10.2.1.4.1.1", 5)
            .build();
    assertThat(DiscoveryDecoder.printerAtFirst(router)).isFalse();
    assertThat(DiscoveryDecoder.printerMibAtFirst(router)).isTrue();
  }

  @Test
  void onlyExceptionsOrBadValuesAreNoAnswerAtAll() {
    Rows nothing =
        rows()
            .add("1.3.6.1.2.1.1.1.0", SnmpValue.Exception.noSuchObject)
            .add("1.3.6.1.2.1.1.2.0", new SnmpValue.Bad("undecodable"))
            .build();
    assertThat(DiscoveryDecoder.answeredAnything(nothing)).isFalse();
    assertThat(DiscoveryDecoder.answeredAnything(rows().text("1.3.6.1.2.1.1.5.0", "x").build()))
        .isTrue();
  }

  @Test
  void thePrinterIsFoundAtAnyHrDeviceIndex() {
    Rows walk =
        rows()
            .objectId("1.3.6.1.2.1.25.3.2.1.2.1", NETWORK)
            .objectId("1.3.6.1.2.1.25.3.2.1.2.3", PRINTER)
            .build();
    assertThat(DiscoveryDecoder.printerIndex(walk)).hasValue(3);
    assertThat(DiscoveryDecoder.printerIndex(rows().build())).isEmpty();
  }
}
