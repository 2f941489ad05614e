package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.testkit.Loopback;
import picocli.CommandLine;

/** {@code demo --once --device-direct 20%}: as a user runs it, with what it must print. */
class DemoDeviceDirectTest {

  @TempDir Path dir;

  @Test
  void theDemoReportsThroughBothPathsAndFollowsOneCommandToItsEffectOverSnmp() throws Exception {
    InetAddress first = InetAddress.getByName("127.59.41.1");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    int exit =
        cli.execute(
            "demo",
            "--once",
            "--device-direct",
            "20%",
            "--data",
            dir.toString(),
            "--printers",
            "10",
            "--port",
            "0",
            "--first-address",
            first.getHostAddress(),
            "--snmp-port",
            Integer.toString(Loopback.freeUdpPort(first)));

    assertThat(exit).as("exit code; stderr: %s", err).isZero();
    assertThat(out.toString())
        .contains("10 devices stored")
        .contains("Device Direct  2 of 10 printers reported directly (127.59.41.5, 127.59.41.10)")
        .contains(
            "both paths     2 printers reported by the agent and by their own module, one device"
                + " each on the server (10 devices for 10 printers)")
        .containsPattern(
            "command cmd-[0-9a-f]+ queued → delivered → done \\(sysLocation is now Demo room 101\\)")
        .contains("\"Demo room 101\" now");
  }

  @Test
  void aShareThatIsNotOneIsRefusedInOneLine() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("demo", "--once", "--device-direct", "120%", "--data", dir.toString());

    assertThat(exit).isNotZero();
    assertThat(err.toString().strip())
        .contains("--device-direct is a share such as 20%")
        .doesNotContain("Exception")
        .doesNotContain("\n");
  }
}
