package org.openrps.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.openrps.device.DeviceDirect;
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
      "then keeps running until Ctrl-C (--once: exit after the summary).",
      "",
      "--month runs thirty simulated days instead, on a fast clock: office hours,",
      "printers off at night, jams, toner running out, a billing period closing;",
      "prints what was billed, ordered and opened as incidents, checked against",
      "the simulator's truth, and leaves the server's data in --data (default",
      "demo-month) for the dashboard."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data",
      description = "Data directory (default: demo-data; demo-month with --month).")
  Path data;

  @Option(
      names = "--printers",
      description = "Simulated fleet size (default: 50; 20 with --month).")
  Integer printers;

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

  @Option(
      names = "--month",
      description = "Run a simulated month (a few minutes), print its figures and exit.")
  boolean month;

  @Option(
      names = "--device-direct",
      paramLabel = "SHARE",
      description =
          "Run a Device Direct module inside this share of the printers (e.g. 20%%): they report"
              + " themselves as well as through the agent, and one of them is sent a command.")
  String deviceDirect;

  @Option(names = "--verbose", description = "Show OpenRPS's log lines (on stderr).")
  boolean verbose;

  @Override
  public Integer call() {
    if (printers == null) {
      printers = month ? 20 : 50;
    }
    if (printers < 1) {
      throw new UserFacingException("--printers must be at least 1, not " + printers);
    }
    if (!verbose) {
      Logging.quiet();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (month) {
      if (!verbose) {
        Logging.errorsOnly();
      }
      return month(out, data == null ? Path.of("demo-month") : data);
    }
    if (data == null) {
      data = Path.of("demo-data");
    }
    Demo.Options options =
        new Demo.Options(data, printers, port, SimulateCommand.loopback(firstAddress), snmpPort)
            .withDeviceDirect(deviceDirect == null ? 0 : SimulateCommand.share(deviceDirect));
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
      List<DeviceDirect.Contact> direct =
          demo.deviceDirect().map(d -> d.contactAll(true)).orElse(List.of());
      CycleReport.print(out, demo.cycle());
      if (demo.deviceDirect().isPresent()) {
        DemoDeviceDirect.print(out, demo, direct);
      }
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
    if (demo.deviceDirect().isPresent()) {
      demo.contactDeviceDirectEvery(java.time.Duration.ofSeconds(20));
      out.printf(
          "Device Direct modules fetch commands every 20 s: ./openrps server --data %s command"
              + " send --type reboot --device MAKE/SERIAL%n",
          data.resolve("server"));
    }
    out.println("Running until Ctrl-C.");
    out.flush();
    demo.awaitSignal();
    return 0;
  }

  private int month(PrintWriter out, Path dir) {
    DemoMonth.Options options =
        DemoMonth.Options.endingNow(
            dir, printers, SimulateCommand.loopback(firstAddress), snmpPort);
    out.printf(
        "OpenRPS demo: a simulated month, %s to %s, %d printers, a poll and a sync every %s...%n",
        options.start(),
        options.start().plus(options.length()),
        printers,
        options.step().equals(java.time.Duration.ofHours(1))
            ? "hour"
            : options.step().toString().substring(2).toLowerCase(java.util.Locale.ROOT));
    out.flush();
    try (DemoMonth demo = DemoMonth.start(options)) {
      DemoMonth.Figures f =
          demo.run(
              line -> {
                out.println(line);
                out.flush();
              });
      print(out, f, dir);
    }
    return 0;
  }

  static void print(PrintWriter out, DemoMonth.Figures f, Path dir) {
    out.printf("Billing period %s closed:%n", f.period());
    out.printf("meters billed %d, estimated %d, held %d%n", f.billed(), f.estimated(), f.held());
    out.printf(
        "orders raised %d, before empty %d, misses %d%n",
        f.ordersRaised(), f.beforeEmpty(), f.misses());
    out.printf(
        "incidents opened %d, closed %d, false %d%n", f.opened(), f.closed(), f.falseIncidents());
    out.printf(
        "Checked against the simulator: %d billed meters differ from its counters, %d missed"
            + " pages printed before the cut-off, %d held without a reason, %d estimated for a"
            + " device swapped out; %d toner cartridges"
            + " ran empty (the server counted %d misses); %d of %d faults seen"
            + " by a poll, %d of them without an incident, %d incidents closed late; %d"
            + " communication-loss incidents of printers off at night.%n",
        f.wrong(),
        f.late(),
        f.unflaggedHolds(),
        f.estimatedSwapped(),
        f.supplyEmpties(),
        f.serverMisses(),
        f.faultsSeen(),
        f.faults(),
        f.faultsWithoutIncident(),
        f.lateCloses(),
        f.nightOffLoss());
    f.problems().stream().limit(20).forEach(p -> out.printf("  - %s%n", p));
    if (f.problems().size() > 20) {
      out.printf("  - and %d more%n", f.problems().size() - 20);
    }
    out.printf(
        "The server's data is in %s: ./openrps server --data %s, then log in as %s / %s.%n",
        dir, dir.resolve("server"), Demo.USER, Demo.PASSWORD);
    out.flush();
  }
}
