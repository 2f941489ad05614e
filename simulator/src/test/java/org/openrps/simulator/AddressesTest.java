package org.openrps.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressesTest {

  @Test
  void countsUpFromTheFirstAddress() {
    assertThat(hosts("127.50.0.1", 3)).containsExactly("127.50.0.1", "127.50.0.2", "127.50.0.3");
  }

  @Test
  void skipsHostPartsZeroAnd255() {
    assertThat(hosts("127.50.0.253", 4))
        .containsExactly("127.50.0.253", "127.50.0.254", "127.50.1.1", "127.50.1.2");
    assertThat(hosts("127.50.0.255", 1)).containsExactly("127.50.1.1");
    assertThat(hosts("127.50.1.0", 1)).containsExactly("127.50.1.1");
  }

  @Test
  void printerIndexMapsToTheAddressTheIssueGivesAsExample() {
    List<String> fleet = hosts("127.50.0.1", 300);
    assertThat(fleet.get(253)).isEqualTo("127.50.0.254");
    assertThat(fleet.get(254)).isEqualTo("127.50.1.1");
    assertThat(fleet)
        .doesNotHaveDuplicates()
        .noneMatch(a -> a.endsWith(".0") || a.endsWith(".255"));
  }

  @Test
  void refusesToLeaveTheLoopbackBlock() {
    assertThatThrownBy(() -> hosts("127.255.255.253", 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("127.0.0.0/8");
    assertThatThrownBy(() -> hosts("10.0.0.1", 1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> hosts(String first, int count) {
    try {
      return Addresses.consecutive(InetAddress.getByName(first), count).stream()
          .map(InetAddress::getHostAddress)
          .toList();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
