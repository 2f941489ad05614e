package org.openrps.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetSnmpTest {

  private static final InetSocketAddress PRINTER =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 16100);

  @Test
  void commandLoadsNoMibsPrintsNumericOidsAndNamesTheUdpTarget() {
    List<String> command =
        NetSnmp.v2c("public").command("snmpget", PRINTER, "1.3.6.1.2.1.1.5.0", "1.3.6.1.2.1.1.1.0");

    assertThat(command)
        .containsExactly(
            "snmpget",
            "-m",
            "",
            "-On",
            "-t",
            "2",
            "-r",
            "1",
            "-v2c",
            "-c",
            "public",
            "udp:127.0.0.1:16100",
            "1.3.6.1.2.1.1.5.0",
            "1.3.6.1.2.1.1.1.0");
  }

  @Test
  void timeoutRetriesV3SecurityAndExtraOptionsGoBeforeTheTarget() {
    List<String> command =
        NetSnmp.v3("-l", "authNoPriv", "-u", "ops", "-a", "SHA", "-A", "passphrase1")
            .withTimeout(Duration.ofSeconds(1))
            .withRetries(0)
            .withOptions("-n", "ctx")
            .command("snmpwalk", PRINTER, "1.3");

    assertThat(command)
        .containsExactly(
            "snmpwalk",
            "-m",
            "",
            "-On",
            "-t",
            "1",
            "-r",
            "0",
            "-v3",
            "-l",
            "authNoPriv",
            "-u",
            "ops",
            "-a",
            "SHA",
            "-A",
            "passphrase1",
            "-n",
            "ctx",
            "udp:127.0.0.1:16100",
            "1.3");
  }

  @Test
  void v1IsSnmpVersionOne() {
    assertThat(NetSnmp.v1("private").command("snmpget", PRINTER, "1.3"))
        .containsSubsequence("-v1", "-c", "private");
  }

  @Test
  void timeoutMustBeWholeSeconds() {
    assertThatThrownBy(() -> NetSnmp.v2c("public").withTimeout(Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void netSnmpIsInstalledOnTheTestMachine() {
    assertThat(NetSnmp.installed()).as("scripts/test-env.sh installs Debian's snmp").isTrue();
  }

  @Test
  void getOfASilentAgentSendsARequestThereAndReportsTheTimeout() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      silent.setSoTimeout(5_000);
      InetSocketAddress address = (InetSocketAddress) silent.getLocalSocketAddress();

      NetSnmp.Result result =
          NetSnmp.v2c("public")
              .withTimeout(Duration.ofSeconds(1))
              .withRetries(0)
              .get(address, "1.3.6.1.2.1.1.5.0");

      assertThat(result.succeeded()).isFalse();
      assertThat(result.timedOut()).as(result.output()).isTrue();
      DatagramPacket request = new DatagramPacket(new byte[1500], 1500);
      silent.receive(request);
      assertThat(request.getLength()).isPositive();
    }
  }

  @Test
  void aToolThatIsNotInstalledIsAnUncheckedIoError() {
    assertThatThrownBy(() -> NetSnmp.run(List.of("openrps-no-such-tool")))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("openrps-no-such-tool");
  }

  @Test
  void bindingsMapEachOidToItsValueAndSkipTheEndOfTheMibView() {
    NetSnmp.Result result =
        new NetSnmp.Result(
            0,
            """
            .1.3.6.1.2.1.1.5.0 = STRING: "prn-1"
            .1.3.6.1.2.1.43.10.2.1.4.1.1 = Counter32: 52000
            .1.3.6.1.2.1.1.9.0 = No Such Object available on this agent at this OID
            .1.3.6.1.6.3.1 = No more variables left in this MIB View (It is past the end of the MIB tree)
            Timeout: No Response from udp:127.0.0.1:16101.
            """);

    assertThat(result.bindings())
        .containsExactly(
            java.util.Map.entry(".1.3.6.1.2.1.1.5.0", "STRING: \"prn-1\""),
            java.util.Map.entry(".1.3.6.1.2.1.43.10.2.1.4.1.1", "Counter32: 52000"),
            java.util.Map.entry(
                ".1.3.6.1.2.1.1.9.0", "No Such Object available on this agent at this OID"));
    assertThat(result.timedOut()).isTrue();
  }
}
