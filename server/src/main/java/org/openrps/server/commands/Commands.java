package org.openrps.server.commands;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.ClientPrincipal;
import org.openrps.server.store.ClientKind;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.Source;
import org.openrps.wire.command.CommandBatch;
import org.openrps.wire.command.CommandResult;
import org.openrps.wire.command.CommandState;
import org.openrps.wire.command.CommandTypes;
import org.openrps.wire.key.DeviceKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command channel on the server (ADR 19): an administrator queues commands for Device Direct
 * devices or agents; each client fetches its own at its next contact (the server never connects
 * out) and answers each once. Expiry is judged on the server's clock; the first result wins.
 *
 * <p>Refusals are coded {@link ApiException}s: {@code command.invalid} (400), {@code
 * command.unreachable}, {@code command.finished} and {@code command.expired} (409), {@code
 * not_found} (404, also for another tenant's command).
 */
public final class Commands {

  private static final Logger LOG = LoggerFactory.getLogger(Commands.class);

  /** How long a command lives when the sender does not say. */
  public static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);

  /** The longest a command may live. */
  public static final Duration MAX_EXPIRY = Duration.ofDays(30);

  /** How soon a client with open commands is asked to fetch again (its batch's pollSeconds). */
  public static final Duration PENDING_POLL = Duration.ofSeconds(60);

  /** The most devices one group send may address. */
  public static final int MAX_GROUP = 10_000;

  /** The most commands one fetch returns (the rest come at the next). */
  static final int MAX_BATCH = 100;

  private static final int MAX_MESSAGE = 1000;
  private static final int MAX_DETAILS = 100;
  private static final int MAX_TEXT = 4000;

  /**
   * What to send. The targets are either {@code devices} (of {@code customer}, or the sender's own
   * tenant), or, when there are none, the fleet's devices matching {@code customer}, {@code site}
   * and {@code make} (a group); an agent's command names the {@code agent} (and for {@code
   * reread-device} one device).
   */
  public record Order(
      String type,
      Map<String, String> params,
      Duration expiresIn,
      List<DeviceRef> devices,
      Optional<TenantId> customer,
      Optional<SiteId> site,
      Optional<String> make,
      Optional<String> agent) {
    public Order {
      Objects.requireNonNull(type, "type");
      params = Map.copyOf(params);
      Objects.requireNonNull(expiresIn, "expiresIn");
      devices = List.copyOf(devices);
      Objects.requireNonNull(customer, "customer");
      Objects.requireNonNull(site, "site");
      Objects.requireNonNull(make, "make");
      Objects.requireNonNull(agent, "agent");
    }
  }

  /** What a send queued, and how many devices of a group it skipped (no Device Direct module). */
  public record Sent(List<StoredCommand> commands, int skipped) {
    public Sent {
      commands = List.copyOf(commands);
    }
  }

  /** Which commands a list shows; every part optional. */
  public record Filter(
      Optional<TenantId> customer,
      Optional<DeviceRef> device,
      Optional<CommandState> state,
      Optional<String> agent) {
    public static final Filter ALL =
        new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public Filter {
      Objects.requireNonNull(customer, "customer");
      Objects.requireNonNull(device, "device");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(agent, "agent");
    }
  }

  private final CommandRepository repository;
  private final SecureRandom random;
  private final Clock clock;
  private final Duration pendingPoll;

  /**
   * @param pendingPoll the pollSeconds of a batch that holds commands (an empty batch says 0)
   */
  public Commands(
      CommandRepository repository, SecureRandom random, Clock clock, Duration pendingPoll) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pendingPoll = Objects.requireNonNull(pendingPoll, "pendingPoll");
    if (pendingPoll.isNegative()) {
      throw new IllegalArgumentException("pendingPoll must not be negative");
    }
  }

  /**
   * Queues the order's commands in the scope, as {@code by}; {@code ownTenant} is the tenant of
   * listed devices when the order names no customer.
   */
  public Sent send(Scope scope, TenantId ownTenant, String by, Order order) {
    Objects.requireNonNull(scope, "scope");
    CommandTypes.Type type =
        CommandTypes.find(order.type())
            .orElseThrow(
                () ->
                    invalid(
                        "unknown command type '"
                            + order.type()
                            + "'; known: "
                            + CommandTypes.all().stream().map(CommandTypes.Type::name).toList()));
    Optional<String> problem = type.problem(order.params());
    if (problem.isPresent()) {
      throw invalid(problem.get());
    }
    for (Map.Entry<String, String> p : order.params().entrySet()) {
      if (p.getKey().length() > 100 || p.getValue().length() > MAX_TEXT) {
        throw invalid("parameter " + p.getKey() + " is too long");
      }
    }
    if (order.expiresIn().compareTo(Duration.ofMinutes(1)) < 0
        || order.expiresIn().compareTo(MAX_EXPIRY) > 0) {
      throw invalid("a command expires in 1 minute to " + MAX_EXPIRY.toDays() + " days");
    }
    Instant now = now();
    Instant expires = now.plus(order.expiresIn());
    List<StoredCommand> commands = new ArrayList<>();
    int skipped = 0;
    if (type.appliedBy() == Source.Kind.agent) {
      String agent =
          order
              .agent()
              .orElseThrow(() -> invalid(type.name() + " is applied by an agent: name it (agent)"));
      if (order.site().isPresent() || order.make().isPresent()) {
        throw invalid(type.name() + " goes to one agent, not to a group of devices");
      }
      TenantId tenant =
          repository
              .agentTenant(scope, agent)
              .orElseThrow(() -> ApiException.notFound("agent " + agent));
      Optional<DeviceRef> device = Optional.empty();
      if (type.name().equals(CommandTypes.REREAD_DEVICE)) {
        if (order.devices().size() != 1) {
          throw invalid(type.name() + " names the one device to re-read (devices)");
        }
        device = Optional.of(normalised(order.devices().get(0)));
      } else if (!order.devices().isEmpty()) {
        throw invalid(type.name() + " acts on the agent as a whole: name no device");
      }
      commands.add(
          StoredCommand.queued(
              newId(),
              tenant,
              Optional.of(agent),
              device,
              type.name(),
              order.params(),
              now,
              by,
              expires));
    } else {
      if (order.agent().isPresent()) {
        throw invalid(
            type.name() + " is applied by a Device Direct device: name devices, not an agent");
      }
      if (!order.devices().isEmpty()) {
        TenantId tenant = order.customer().orElse(ownTenant);
        if (!scope.includes(tenant)) {
          throw ApiException.notFound("customer " + tenant);
        }
        if (order.site().isPresent() || order.make().isPresent()) {
          throw invalid("name devices or a group (customer, site, make), not both");
        }
        Set<DeviceRef> devices = new LinkedHashSet<>();
        for (DeviceRef d : order.devices()) {
          devices.add(normalised(d));
        }
        for (DeviceRef d : devices) {
          if (!repository.reachable(tenant, d)) {
            throw new ApiException(
                409,
                "command.unreachable",
                "device "
                    + d
                    + " of customer "
                    + tenant
                    + " has no Device Direct module (no device credential is bound to it), so"
                    + " nothing would fetch the command");
          }
          commands.add(
              StoredCommand.queued(
                  newId(),
                  tenant,
                  Optional.empty(),
                  Optional.of(d),
                  type.name(),
                  order.params(),
                  now,
                  by,
                  expires));
        }
      } else {
        if (order.customer().isPresent() && !scope.includes(order.customer().get())) {
          throw ApiException.notFound("customer " + order.customer().get());
        }
        List<CommandRepository.GroupMember> members =
            repository.group(scope, order.customer(), order.site(), order.make(), MAX_GROUP + 1);
        if (members.size() > MAX_GROUP) {
          throw invalid("the group has more than " + MAX_GROUP + " devices; narrow it");
        }
        for (CommandRepository.GroupMember m : members) {
          if (!m.reachable()) {
            skipped++;
            continue;
          }
          commands.add(
              StoredCommand.queued(
                  newId(),
                  m.tenant(),
                  Optional.empty(),
                  Optional.of(m.device()),
                  type.name(),
                  order.params(),
                  now,
                  by,
                  expires));
        }
      }
    }
    repository.insert(commands);
    LOG.info(
        "{} - {} command(s) {} queued until {}{}",
        by,
        commands.size(),
        type.name(),
        expires,
        skipped > 0 ? ", " + skipped + " device(s) without a Device Direct module skipped" : "");
    return new Sent(commands, skipped);
  }

  /** The command, when it is in the scope. */
  public Optional<StoredCommand> find(Scope scope, String id) {
    return repository.find(scope, id);
  }

  /**
   * Commands in the scope that pass the filter, newest first, starting after ({@code afterAt},
   * {@code afterId}) when given, at most {@code limit}.
   */
  public List<StoredCommand> list(
      Scope scope, Filter filter, Optional<Instant> afterAt, String afterId, int limit) {
    return repository.list(scope, filter, afterAt, afterId, limit);
  }

  /**
   * The client's open commands (a device's for its bound device in its tenant, an agent's for its
   * id), oldest first; the queued ones become delivered. A device credential bound to no device
   * (enrolled before binding) gets none.
   */
  public CommandBatch fetch(ClientPrincipal client) {
    Instant now = now();
    List<StoredCommand> open;
    if (client.kind() == ClientKind.device) {
      open =
          client.device().isEmpty()
              ? List.of()
              : repository.fetch(
                  client.tenant(), client.device(), Optional.empty(), now, MAX_BATCH);
    } else {
      open =
          repository.fetch(
              client.tenant(), Optional.empty(), Optional.of(client.clientId()), now, MAX_BATCH);
    }
    return new CommandBatch(
        now,
        open.stream().map(StoredCommand::toWire).toList(),
        open.isEmpty() ? 0 : (int) pendingPoll.toSeconds());
  }

  /**
   * Stores the client's result for its own command. Refuses: another client's (or tenant's) command
   * with {@code not_found}; a second result with {@code command.finished}; a result for a command
   * that expired before delivery, or one applied after its expiry, with {@code command.expired}. A
   * result that arrives late for a command delivered in time and applied before its expiry (in
   * server time, as the client reckons it) is taken.
   */
  public StoredCommand answer(ClientPrincipal client, String id, CommandResult result) {
    if (!result.commandId().equals(id)) {
      throw invalid("the result names command " + result.commandId() + ", not " + id);
    }
    if (result.details().size() > MAX_DETAILS
        || result.details().entrySet().stream()
            .anyMatch(e -> e.getKey().length() > 100 || e.getValue().length() > MAX_TEXT)) {
      throw invalid("a result has at most " + MAX_DETAILS + " details of bounded length");
    }
    Scope own = Scope.customer(client.tenant());
    StoredCommand command =
        repository
            .find(own, id)
            .filter(c -> isFor(client, c))
            .orElseThrow(() -> ApiException.notFound("command " + id));
    // One line for the operator: control characters (a newline in a log line) become spaces.
    String line = result.message().replaceAll("\\p{Cntrl}", " ");
    String message = line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) : line;
    CommandState state =
        result.outcome() == CommandResult.Outcome.done ? CommandState.done : CommandState.failed;
    Instant now = now();
    if (repository.finish(id, state, message, result.details(), result.appliedAt(), now)) {
      LOG.info("{} - command {} {} {}: {}", client.clientId(), id, command.type(), state, message);
      return repository.find(own, id).orElseThrow();
    }
    StoredCommand after = repository.find(own, id).orElseThrow();
    if (after.message().isPresent()) {
      throw new ApiException(
          409,
          "command.finished",
          "command " + id + " already has its result (" + after.state() + "); it is kept");
    }
    throw new ApiException(
        409,
        "command.expired",
        "command "
            + id
            + " expired at "
            + after.expiresAt()
            + (after.deliveredAt().isEmpty()
                ? " before it was delivered"
                : " and was applied after that (" + result.appliedAt() + ")"));
  }

  /** Marks every open command past its expiry expired, on the injected clock; how many. */
  public int expire(Instant now) {
    return repository.expire(now);
  }

  private static boolean isFor(ClientPrincipal client, StoredCommand c) {
    if (client.kind() == ClientKind.device) {
      return c.agent().isEmpty()
          && client.device().isPresent()
          && c.device().equals(client.device());
    }
    return c.agent().equals(Optional.of(client.clientId()));
  }

  private static DeviceRef normalised(DeviceRef d) {
    return DeviceKey.tryOf(d.make(), d.serial())
        .map(k -> new DeviceRef(k.make(), k.serial()))
        .orElseThrow(() -> invalid("no device key in " + d));
  }

  private String newId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return "cmd-" + HexFormat.of().formatHex(bytes);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  static ApiException invalid(String message) {
    return new ApiException(400, "command.invalid", message);
  }
}
