package org.openrps.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openrps simulate}: a fleet of SNMP printers on loopback addresses. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a fleet of simulated SNMP printers on loopback addresses.",
      "",
      "Runs simulated SNMP printers, each on its own loopback address,",
      "until Ctrl-C. Printer i answers on the i-th address from --first-address",
      "(host parts .0 and .255 are skipped)."
    })
final class SimulateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--printers",
      defaultValue = "50",
      description = "How many printers (default: ${DEFAULT-VALUE}).")
  int printers;

  @Option(
      names = "--first-address",
      defaultValue = "127.50.0.1",
      description = "Address of the first printer, in 127.0.0.0/8 (default: ${DEFAULT-VALUE}).")
  String firstAddress;

  @Option(
      names = "--port",
      defaultValue = "1161",
      description = "UDP port every printer answers on (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--community",
      defaultValue = "public",
      description = "SNMPv1/v2c community (default: ${DEFAULT-VALUE}).")
  String community;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description =
          "Seed of every random choice, so a run can be replayed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    Shutdown shutdown = new Shutdown();
    Simulator sim = shutdown.closeLater(start(config()));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "openrps simulate: %d printers answering on %s udp/%d (community %s); Ctrl-C to stop%n",
        sim.printers().size(), addressRange(sim.printers()), port, community);
    out.flush();
    shutdown.awaitSignal();
    return 0;
  }

  SimulatorConfig config() {
    if (printers < 1) {
      throw new UserFacingException("--printers must be at least 1, not " + printers);
    }
    return new SimulatorConfig(printers, loopback(firstAddress), port, community, seed);
  }

  static Simulator start(SimulatorConfig config) {
    try {
      return Simulator.start(config, Clock.systemUTC());
    } catch (IOException | RuntimeException e) {
      throw new UserFacingException(
          "the simulator could not start on udp/" + config.port() + ": " + e.getMessage(), e);
    }
  }

  /** An address in 127.0.0.0/8; anything else is refused, so no traffic leaves the machine. */
  static InetAddress loopback(String text) {
    try {
      InetAddress address = InetAddress.getByName(text);
      if (!address.isLoopbackAddress() || address.getAddress().length != 4) {
        throw new UserFacingException(text + " is not an IPv4 loopback address (127.x.y.z)");
      }
      return address;
    } catch (UnknownHostException e) {
      throw new UserFacingException("not an address: " + text, e);
    }
  }

  /** "first-last" of the printers' addresses, as a target range the agent understands. */
  static String addressRange(List<SimulatedPrinter> printers) {
    String first = printers.get(0).address().getAddress().getHostAddress();
    String last = printers.get(printers.size() - 1).address().getAddress().getHostAddress();
    return first.equals(last) ? first : first + "-" + last;
  }
}
