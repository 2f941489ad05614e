package org.openrps.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openrps.server.AdminConsole;
import org.openrps.server.commands.CommandRoutes;
import org.openrps.server.commands.Commands;
import org.openrps.server.commands.StoredCommand;
import org.openrps.server.http.ApiException;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.command.CommandState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code openrps server command}: queue a command for devices or an agent, follow one, list them;
 * on the server's database, as a provider admin, beside a running server.
 */
@Command(
    name = "command",
    mixinStandardHelpOptions = true,
    description = {
      "Queues commands for devices and agents, and shows what became of them.",
      "The server never connects out: each client fetches its commands at its next",
      "contact and reports the result. Works on the database alone, beside a running server."
    },
    subcommands = {
      ServerCommandsCommand.Send.class,
      ServerCommandsCommand.Show.class,
      ServerCommandsCommand.ListCommand.class
    })
final class ServerCommandsCommand implements Runnable {

  @ParentCommand ServerCommand server;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The server's database, refusing to make an empty one where the operator meant another. */
  AdminConsole console() {
    Logging.quiet(); // the command's own lines are its output
    org.openrps.server.ServerConfig config = server.config(Optional.empty());
    java.nio.file.Path file = config.dataDir().resolve("openrps.db");
    if (config.jdbcUrl().isEmpty() && !java.nio.file.Files.exists(file)) {
      throw new UserFacingException(
          "no server database at " + file + "; give the server's --data or --config");
    }
    return server.console();
  }

  /** The operator's console acts as a provider admin: every customer. */
  private static final Scope CONSOLE = Scope.provider();

  private static final String BY = "server-console";

  /** {@code command cmd-… reboot for HP/CN123 queued, expires 2026-…}. */
  static String line(StoredCommand c) {
    return "command "
        + c.id()
        + " "
        + c.type()
        + " for "
        + c.target()
        + (c.tenant().equals(TenantId.DEFAULT) ? "" : " (customer " + c.tenant() + ")")
        + " "
        + c.state()
        + ", expires "
        + c.expiresAt();
  }

  /** {@code command cmd-… queued → delivered → done (message)}. */
  static String life(StoredCommand c) {
    List<String> states = new ArrayList<>();
    states.add(CommandState.queued.name());
    c.deliveredAt().ifPresent(at -> states.add(CommandState.delivered.name()));
    if (c.state().finished()) {
      states.add(c.state().name());
    }
    return "command "
        + c.id()
        + " "
        + String.join(" → ", states)
        + c.message().map(m -> " (" + m + ")").orElse("");
  }

  private static TenantId tenant(String option, String value) {
    try {
      return TenantId.of(value);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException(option + ": " + e.getMessage(), e);
    }
  }

  private static DeviceRef device(String value) {
    try {
      return CommandRoutes.device(value);
    } catch (ApiException e) {
      throw new UserFacingException("--device: " + e.getMessage(), e);
    }
  }

  /** {@code openrps server command send}. */
  @Command(
      name = "send",
      mixinStandardHelpOptions = true,
      description = {
        "Queues a command and prints one line per command queued.",
        "It goes to the devices named (--device, repeatable), to the devices of a group",
        "(--customer, --site, --make; devices without a Device Direct module are skipped and",
        "counted), or to an agent (--agent; reread-device also names its --device)."
      })
  static final class Send implements Callable<Integer> {
    @ParentCommand ServerCommandsCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--type", required = true, description = "The command type, e.g. reboot.")
    String type;

    @Option(
        names = "--param",
        paramLabel = "KEY=VALUE",
        description = "A parameter of the command (repeatable), e.g. location=Floor 2.")
    List<String> params = new ArrayList<>();

    @Option(names = "--device", paramLabel = "MAKE/SERIAL", description = "A device (repeatable).")
    List<String> devices = new ArrayList<>();

    @Option(names = "--customer", description = "A group: the customer's devices.")
    Optional<String> customer;

    @Option(names = "--site", description = "A group: the devices of this site.")
    Optional<String> site;

    @Option(names = "--make", description = "A group: the devices of this make.")
    Optional<String> make;

    @Option(names = "--agent", paramLabel = "ID", description = "The agent of an agent command.")
    Optional<String> agent;

    @Option(
        names = "--expires",
        defaultValue = "24h",
        converter = DurationConverter.class,
        description = "How long it may wait for its client (default: ${DEFAULT-VALUE}).")
    Duration expires;

    @Option(
        names = "--tenant",
        paramLabel = "CUSTOMER",
        description = "The customer of the --device devices (default: default).")
    Optional<String> tenant;

    @Override
    public Integer call() {
      Map<String, String> parameters = new LinkedHashMap<>();
      for (String p : params) {
        int eq = p.indexOf('=');
        if (eq <= 0) {
          throw new UserFacingException("--param must be KEY=VALUE, not '" + p + "'");
        }
        parameters.put(p.substring(0, eq), p.substring(eq + 1));
      }
      Optional<TenantId> of =
          tenant.isPresent()
              ? Optional.of(tenant("--tenant", tenant.get()))
              : customer.map(c -> tenant("--customer", c));
      Optional<SiteId> inSite;
      try {
        inSite = site.map(SiteId::of);
      } catch (IllegalArgumentException e) {
        throw new UserFacingException("--site: " + e.getMessage(), e);
      }
      Commands.Order order =
          new Commands.Order(
              type,
              parameters,
              expires,
              devices.stream().map(ServerCommandsCommand::device).toList(),
              of,
              inSite,
              make,
              agent);
      Commands.Sent sent;
      try (AdminConsole console = parent.console()) {
        sent = console.commands().send(CONSOLE, TenantId.DEFAULT, BY, order);
      } catch (ApiException e) {
        throw new UserFacingException(e.getMessage(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      sent.commands().forEach(c -> out.println(line(c)));
      if (sent.skipped() > 0) {
        out.printf("%d device(s) without a Device Direct module skipped%n", sent.skipped());
      }
      if (sent.commands().isEmpty()) {
        out.println("no command queued: no device of the group has a Device Direct module");
      }
      out.flush();
      return 0;
    }
  }

  /** {@code openrps server command show}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Prints a command's life: queued → delivered → done (its result's message).",
        "With --follow, waits until it is finished, reading the database every second."
      })
  static final class Show implements Callable<Integer> {
    @ParentCommand ServerCommandsCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The command's id (cmd-…).")
    String id;

    @Option(names = "--follow", description = "Wait until the command is finished.")
    boolean follow;

    @Option(
        names = "--timeout",
        defaultValue = "10m",
        converter = DurationConverter.class,
        description = "How long --follow waits (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      try (AdminConsole console = parent.console()) {
        Instant deadline = Instant.now().plus(timeout);
        String shown = "";
        while (true) {
          StoredCommand c =
              console
                  .commands()
                  .find(CONSOLE, id)
                  .orElseThrow(() -> new UserFacingException("no such command " + id));
          String now = life(c);
          if (!now.equals(shown)) {
            out.println(now);
            out.flush();
            shown = now;
          }
          if (!follow || c.state().finished()) {
            return 0;
          }
          if (!Instant.now().isBefore(deadline)) {
            throw new UserFacingException(
                "command " + id + " is still " + c.state() + " after " + timeout);
          }
          Thread.sleep(1000);
        }
      }
    }
  }

  /** {@code openrps server command list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists commands, newest first: one line each, with its life.")
  static final class ListCommand implements Callable<Integer> {
    @ParentCommand ServerCommandsCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--device", paramLabel = "MAKE/SERIAL", description = "One device's.")
    Optional<String> device;

    @Option(names = "--state", description = "queued, delivered, done, failed or expired.")
    Optional<String> state;

    @Option(names = "--agent", paramLabel = "ID", description = "One agent's.")
    Optional<String> agent;

    @Option(names = "--customer", description = "One customer's.")
    Optional<String> customer;

    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      if (limit < 1 || limit > 10_000) {
        throw new UserFacingException("--limit must be 1 to 10000");
      }
      Optional<CommandState> inState;
      try {
        inState = state.map(CommandState::valueOf);
      } catch (IllegalArgumentException e) {
        throw new UserFacingException(
            "--state must be one of " + java.util.Arrays.toString(CommandState.values()), e);
      }
      Commands.Filter filter =
          new Commands.Filter(
              customer.map(c -> tenant("--customer", c)),
              device.map(ServerCommandsCommand::device),
              inState,
              agent);
      PrintWriter out = spec.commandLine().getOut();
      try (AdminConsole console = parent.console()) {
        List<StoredCommand> list =
            console.commands().list(CONSOLE, filter, Optional.empty(), "", limit);
        for (StoredCommand c : list) {
          out.println(life(c) + " — " + c.type() + " for " + c.target() + ", " + c.createdAt());
        }
        if (list.isEmpty()) {
          out.println("no commands");
        }
      }
      out.flush();
      return 0;
    }
  }
}
