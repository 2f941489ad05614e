package org.openrps.agent.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetListTest {

  private static List<String> hosts(String text) {
    return TargetList.of(text).addresses().stream().map(InetAddress::getHostAddress).toList();
  }

  @Test
  void rangeExpandsInclusively() {
    assertThat(hosts("127.50.0.1-127.50.0.200"))
        .hasSize(200)
        .startsWith("127.50.0.1")
        .endsWith("127.50.0.200");
  }

  @Test
  void rangeMayCrossOctets() {
    assertThat(hosts("127.61.0.254-127.61.1.1"))
        .containsExactly("127.61.0.254", "127.61.0.255", "127.61.1.0", "127.61.1.1");
  }

  @Test
  void rangeShorthandNamesTheLastOctet() {
    assertThat(hosts("127.61.0.10-12"))
        .containsExactly("127.61.0.10", "127.61.0.11", "127.61.0.12");
  }

  @Test
  void cidrGivesHostsOnlyWithoutNetworkAndBroadcast() {
    List<String> hosts = hosts("127.50.0.0/24");
    assertThat(hosts).hasSize(254).startsWith("127.50.0.1").endsWith("127.50.0.254");
    assertThat(hosts("127.61.0.4/30")).containsExactly("127.61.0.5", "127.61.0.6");
  }

  @Test
  void cidrOf31And32KeepsEveryAddress() {
    assertThat(hosts("127.61.0.4/31")).containsExactly("127.61.0.4", "127.61.0.5");
    assertThat(hosts("127.61.0.9/32")).containsExactly("127.61.0.9");
  }

  @Test
  void cidrWithHostBitsIsNormalisedToItsNetwork() {
    assertThat(hosts("127.61.0.77/30")).containsExactly("127.61.0.77", "127.61.0.78");
    assertThat(TargetList.of("127.61.0.77/30").toString()).isEqualTo("127.61.0.76/30");
  }

  @Test
  void listsMixCommasAndSpacesAndDropDuplicates() {
    assertThat(hosts(" 127.61.0.1, 127.61.0.2  127.61.0.1-3,\n::1 "))
        .containsExactly("127.61.0.1", "127.61.0.2", "127.61.0.3", "0:0:0:0:0:0:0:1");
  }

  @Test
  void sizeCountsEveryElement() {
    assertThat(TargetList.of("127.61.0.0/24 127.61.1.1").size()).isEqualTo(255);
  }

  @Test
  void exclusionsLeaveAddressesOutOfTheSweep() {
    assertThat(hosts("127.61.0.1-6 !127.61.0.2-3, !127.61.0.6"))
        .containsExactly("127.61.0.1", "127.61.0.4", "127.61.0.5");
    TargetList list = TargetList.of("127.61.0.0/24 !127.61.0.9");
    assertThat(list.contains(address("127.61.0.8"))).isTrue();
    assertThat(list.contains(address("127.61.0.9"))).isFalse();
    assertThat(list.toString()).isEqualTo("127.61.0.0/24,!127.61.0.9");
    assertThatThrownBy(() -> TargetList.of("127.61.0.1 !")).hasMessageContaining("exclude");
  }

  @Test
  void hostNamesAreResolvedWhenTheListIsParsed() {
    // localhost resolves from the hosts file: no DNS traffic leaves the machine
    assertThat(hosts("localhost")).contains("127.0.0.1");
    assertThat(TargetList.of("localhost").toString()).isEqualTo("localhost");
  }

  private static InetAddress address(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void badElementsAreNamedInTheMessage() {
    assertThatThrownBy(() -> TargetList.of("127.61.0.1, 127.61.0.300"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"127.61.0.300\"");
    assertThatThrownBy(() -> TargetList.of("printer_1.lan"))
        .hasMessageContaining("\"printer_1.lan\"");
    assertThatThrownBy(() -> TargetList.of("127.61.0.0/33")).hasMessageContaining("prefix");
    assertThatThrownBy(() -> TargetList.of("127.61.0.9-127.61.0.1"))
        .hasMessageContaining("backwards");
    assertThatThrownBy(() -> TargetList.of("127.61.0.1-")).hasMessageContaining("127.61.0.1-");
    assertThatThrownBy(() -> TargetList.of("gg::1")).hasMessageContaining("IPv6");
    assertThatThrownBy(() -> TargetList.of(" , ")).hasMessageContaining("no targets");
  }

  @Test
  void expansionIsCappedWithAClearMessage() {
    assertThat(TargetList.of("10.0.0.0/16").size()).isEqualTo(65_534);
    assertThatThrownBy(() -> TargetList.of("10.0.0.0/8"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 65536 addresses");
    assertThatThrownBy(() -> TargetList.of("10.0.0.0/16 10.1.0.0/24"))
        .hasMessageContaining("at \"10.1.0.0/24\"");
  }
}
