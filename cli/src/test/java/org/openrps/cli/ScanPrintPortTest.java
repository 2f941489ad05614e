package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.MibView;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpResponder;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.mib.StandardMib;

/**
 * The print-port probe of discovery (issue 10 point 6): real TCP listeners and SNMP responders on
 * 127.66.1.x. The probe's port is a free high port given with --print-ports (515 needs root).
 */
class ScanPrintPortTest {

  @Test
  void aPrintPortWithoutSnmpIsReportedAndNothingIsSentToIt() throws Exception {
    try (SnmpResponder responder = SnmpResponder.start("port-test", 1);
        ServerSocket portOnly = listen("127.66.1.2", 0)) {
      int printPort = portOnly.getLocalPort();
      try (ServerSocket printServer = listen("127.66.1.3", printPort)) {
        int snmpPort =
            responder
                .bind(
                    new InetSocketAddress(InetAddress.getByName("127.66.1.1"), 0),
                    "public",
                    printer())
                .getPort();
        // .3 and .4 answer SNMP as something other than a printer; only .3 has a print port
        bindHost(responder, "127.66.1.3", snmpPort);
        bindHost(responder, "127.66.1.4", snmpPort);
        // .5: nothing at all

        Run run = scan(snmpPort, printPort, "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        Map<String, JsonNode> byAddress = new HashMap<>();
        for (String line : run.out().split("\n")) {
          JsonNode n = new ObjectMapper().readTree(line);
          byAddress.put(n.get("address").asText(), n);
        }
        assertThat(byAddress).containsOnlyKeys("127.66.1.1", "127.66.1.2", "127.66.1.3");
        assertThat(byAddress.get("127.66.1.1").get("serial").asText()).isEqualTo("PP1");
        assertThat(byAddress.get("127.66.1.2").get("result").asText()).isEqualTo("print port only");
        assertThat(byAddress.get("127.66.1.2").get("port").asInt()).isEqualTo(printPort);
        assertThat(byAddress.get("127.66.1.3").get("result").asText())
            .isEqualTo("out of scope, print port open");
        assertThat(run.err())
            .contains("1 printers, 2 out of scope; 1 unreachable")
            .contains("1 print port only");

        // the probe connected and closed without sending a byte (a byte to 9100 prints)
        assertConnectedAndSentNothing(portOnly);
        assertConnectedAndSentNothing(printServer);

        Run table = scan(snmpPort, printPort);
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out())
            .containsPattern("127\\.66\\.1\\.2 +print port only \\(tcp " + printPort + "\\)")
            .containsPattern("127\\.66\\.1\\.3 +out of scope, print port open");
        assertConnectedAndSentNothing(portOnly);
        assertConnectedAndSentNothing(printServer);

        Run off =
            Run.of(
                "scan",
                "127.66.1.1-127.66.1.5",
                "--port",
                Integer.toString(snmpPort),
                "--timeout",
                "PT1S",
                "--retries",
                "0");
        assertThat(off.exit()).as(off.err()).isZero();
        assertThat(off.out()).doesNotContain("print port");
        assertThat(off.err()).contains("2 unreachable").contains("0 print port only");
      }
    }
  }

  private static Run scan(int snmpPort, int printPort, String... more) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "scan",
                "127.66.1.1-127.66.1.5",
                "--port",
                Integer.toString(snmpPort),
                "--timeout",
                "PT1S",
                "--retries",
                "0",
                "--probe-ports",
                "--print-ports",
                "1," + printPort,
                "--probe-timeout",
                "PT2S"));
    args.addAll(java.util.List.of(more));
    return Run.of(args.toArray(String[]::new));
  }

  /** Takes the probe's connection from the backlog: it must end without data (end of stream). */
  private static void assertConnectedAndSentNothing(ServerSocket listener) throws Exception {
    listener.setSoTimeout(10_000);
    try (Socket accepted = listener.accept();
        InputStream in = accepted.getInputStream()) {
      accepted.setSoTimeout(10_000);
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  private static ServerSocket listen(String address, int port) throws Exception {
    ServerSocket s = new ServerSocket();
    s.bind(new InetSocketAddress(InetAddress.getByName(address), port), 8);
    return s;
  }

  private static void bindHost(SnmpResponder responder, String address, int port) throws Exception {
    Map<Oid, SnmpValue> m = new HashMap<>();
    m.put(StandardMib.SYS_DESCR, SnmpValue.OctetString.of("Test switch"));
    m.put(StandardMib.SYS_OBJECT_ID, new SnmpValue.ObjectId(Oid.of("1.3.6.1.4.1.9.1.1")));
    responder.bind(
        new InetSocketAddress(InetAddress.getByName(address), port), "public", MibView.of(m));
  }

  private static MibView printer() {
    Map<Oid, SnmpValue> m = new HashMap<>();
    m.put(StandardMib.SYS_DESCR, SnmpValue.OctetString.of("Test printer"));
    m.put(StandardMib.SYS_OBJECT_ID, new SnmpValue.ObjectId(Oid.of("1.3.6.1.4.1.1347.41")));
    m.put(
        StandardMib.HR_DEVICE_TYPE.append(1),
        new SnmpValue.ObjectId(StandardMib.HR_DEVICE_PRINTER));
    m.put(StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1), SnmpValue.OctetString.of("PP1"));
    return MibView.of(m);
  }
}
