package org.openrps.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openrps demo}: server, fleet and agent on one machine, one full cycle. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs server, simulated fleet and agent on this machine, one full cycle.",
      "",
      "Runs all of OpenRPS on embedded defaults: a server (HTTPS, SQLite,",
      "self-signed certificate), a simulated fleet on 127.50.0.x and an agent that",
      "discovers, polls and syncs once; prints a summary and the dashboard's address,",
      "then keeps running until Ctrl-C (--once: exit after the summary)."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data",
      defaultValue = "demo-data",
      description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(
      names = "--printers",
      defaultValue = "50",
      description = "Simulated fleet size (default: ${DEFAULT-VALUE}).")
  int printers;

  @Option(
      names = "--port",
      defaultValue = "8443",
      description = "Server HTTPS port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--first-address",
      defaultValue = "127.50.0.1",
      description = "First simulated printer's address (default: ${DEFAULT-VALUE}).")
  String firstAddress;

  @Option(
      names = "--snmp-port",
      defaultValue = "1161",
      description = "Simulated printers' UDP port (default: ${DEFAULT-VALUE}).")
  int snmpPort;

  @Option(names = "--once", description = "Run one cycle, print the summary and exit.")
  boolean once;

  @Option(names = "--verbose", description = "Show OpenRPS's log lines (on stderr).")
  boolean verbose;

  @Override
  public Integer call() {
    if (printers < 1) {
      throw new UserFacingException("--printers must be at least 1, not " + printers);
    }
    if (!verbose) {
      Logging.quiet();
    }
    PrintWriter out = spec.commandLine().getOut();
    Demo.Options options =
        new Demo.Options(data, printers, port, SimulateCommand.loopback(firstAddress), snmpPort);
    out.printf("OpenRPS demo: starting server, %d simulated printers and an agent...%n", printers);
    out.flush();
    Demo demo = Demo.start(options, Clock.systemUTC());
    try {
      out.printf(
          "  server         https://localhost:%d/ (SQLite in %s)%n",
          demo.server().port(), data.resolve("server"));
      out.printf(
          "  simulator      %d printers on %s udp/%d%n",
          demo.simulator().printers().size(),
          SimulateCommand.addressRange(demo.simulator().printers()),
          snmpPort);
      CycleReport.print(out, demo.cycle());
      out.printf(
          "Dashboard: https://localhost:%d/  (log in as %s / %s; the certificate is"
              + " self-signed: %s)%n",
          demo.server().port(), Demo.USER, Demo.PASSWORD, demo.server().certificatePem());
      out.flush();
    } catch (RuntimeException e) {
      demo.close();
      throw e;
    }
    if (once) {
      demo.close();
      return 0;
    }
    out.println("Running until Ctrl-C.");
    out.flush();
    demo.awaitSignal();
    return 0;
  }
}
