package org.openrps.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code openrps} command: one executable for every part of OpenRPS. */
@Command(
    name = "openrps",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "OpenRPS: open remote print services.",
      "Finds printers by SNMP, reads their meters and supplies, and sends them over HTTPS"
          + " to a communication server."
    },
    subcommands = {
      DemoCommand.class,
      SimulateCommand.class,
      ServerCommand.class,
      AgentCommand.class,
      ScanCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand, and errors printed as one clear line. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof UserFacingException) {
            commandLine.getErr().println("openrps: " + ex.getMessage());
            return 2;
          }
          throw ex;
        });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
