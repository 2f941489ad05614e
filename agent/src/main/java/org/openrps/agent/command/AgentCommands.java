package org.openrps.agent.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.CommandLog;
import org.openrps.client.CommandClient;
import org.openrps.client.SyncException;
import org.openrps.wire.Source;
import org.openrps.wire.command.Command;
import org.openrps.wire.command.CommandBatch;
import org.openrps.wire.command.CommandResult;
import org.openrps.wire.command.CommandTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's end of the command channel: fetches the commands the server queued for it, applies
 * each at most once through its {@link CommandLog}, and reports each result until the server has
 * it. The server never connects to the agent; this runs at each contact.
 *
 * <p>Expiry is judged on the server's clock (the batch's {@code serverTime}), so an agent whose
 * clock is wrong neither applies an expired command nor refuses a live one. A command the server
 * sends again (its result was lost) is answered from the journal, not applied again; one cut short
 * by a crash is reported failed.
 */
public final class AgentCommands {

  private static final Logger log = LoggerFactory.getLogger(AgentCommands.class);

  /** Applies one command; what it did, or {@link Refused} with the reason it did not. */
  public interface Operations {
    Applied apply(Command command) throws Refused;
  }

  /**
   * What a command did.
   *
   * @param message one line for the operator and the server
   * @param details figures it produced
   */
  public record Applied(String message, Map<String, String> details) {
    public Applied {
      Objects.requireNonNull(message, "message");
      details = Map.copyOf(details);
    }

    public static Applied of(String message) {
      return new Applied(message, Map.of());
    }
  }

  /** A command that was not applied, with the one-line reason the server is told. */
  public static final class Refused extends Exception {
    public Refused(String reason) {
      super(reason);
    }
  }

  /**
   * One look at the channel.
   *
   * @param finished the commands applied or refused in this check, with their results
   * @param pollSeconds when the server wants to be asked again (0: at the next contact)
   * @param failure why the channel could not be reached, as one line; the next check tries again
   */
  public record Check(List<Finished> finished, int pollSeconds, Optional<String> failure) {
    public Check {
      finished = List.copyOf(finished);
      Objects.requireNonNull(failure, "failure");
    }
  }

  /** A command and what became of it. */
  public record Finished(Command command, CommandResult result) {}

  private final Supplier<CommandClient> client;
  private final CommandLog journal;
  private final Clock clock;
  private final Operations operations;

  public AgentCommands(
      Supplier<CommandClient> client, AgentStore store, Clock clock, Operations operations) {
    this.client = Objects.requireNonNull(client, "client");
    this.journal = new CommandLog(Objects.requireNonNull(store, "store"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.operations = Objects.requireNonNull(operations, "operations");
  }

  /**
   * Reports what is still unreported (crash-cut commands as failed), fetches the queued commands
   * and applies them in the order queued. Never throws for a failure of the channel.
   */
  public Check check() {
    CommandClient channel = client.get();
    try {
      for (CommandLog.Entry cut : journal.interrupted()) {
        journal.finish(
            new CommandResult(
                cut.commandId(),
                CommandResult.Outcome.failed,
                "the agent stopped while applying it; not applied again",
                clock.instant(),
                Map.of()));
      }
      for (CommandLog.Entry entry : journal.unreported()) {
        report(channel, entry.result().orElseThrow());
      }
      CommandBatch batch = channel.fetch();
      Duration offset = Duration.between(clock.instant(), batch.serverTime());
      List<Finished> finished = new ArrayList<>();
      for (Command command : batch.commands()) {
        Optional<CommandLog.Entry> known = journal.find(command.id());
        if (known.isPresent()) {
          // Sent again: its result was lost (or it was cut short); answer, never apply twice.
          Optional<CommandResult> result = known.get().result();
          if (result.isPresent()) {
            report(channel, result.get());
          }
          continue;
        }
        Instant serverNow = clock.instant().plus(offset);
        CommandResult result = apply(command, serverNow, offset);
        journal.finish(result);
        log.info(
            "command {} {}: {} ({})",
            command.id(),
            command.type(),
            result.outcome(),
            result.message());
        report(channel, result);
        finished.add(new Finished(command, result));
      }
      return new Check(finished, batch.pollSeconds(), Optional.empty());
    } catch (SyncException e) {
      return new Check(List.of(), 0, Optional.of("commands not fetched: " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Check(List.of(), 0, Optional.of("commands not fetched: interrupted"));
    } catch (RuntimeException e) {
      log.warn("command journal: {}", AgentStore.reason(e));
      return new Check(List.of(), 0, Optional.of("commands not applied: " + AgentStore.reason(e)));
    }
  }

  /** Applies the command if it may be: known to agents, not expired; journalled before it acts. */
  private CommandResult apply(Command command, Instant serverNow, Duration offset) {
    if (!journal.begin(command, clock.instant())) {
      return journal
          .find(command.id())
          .flatMap(CommandLog.Entry::result)
          .orElseGet(
              () ->
                  result(
                      command,
                      CommandResult.Outcome.failed,
                      "already taken by this agent; not applied again",
                      Map.of(),
                      offset));
    }
    if (!serverNow.isBefore(command.expiresAt())) {
      return result(
          command,
          CommandResult.Outcome.failed,
          "expired at " + command.expiresAt() + " (server time " + serverNow + "): not applied",
          Map.of(),
          offset);
    }
    if (!CommandTypes.appliedBy(Source.Kind.agent).contains(command.type())) {
      return result(
          command,
          CommandResult.Outcome.failed,
          "this agent does not know the command type \"" + command.type() + "\"",
          Map.of(),
          offset);
    }
    try {
      Applied applied = operations.apply(command);
      return result(
          command, CommandResult.Outcome.done, applied.message(), applied.details(), offset);
    } catch (Refused e) {
      return result(command, CommandResult.Outcome.failed, e.getMessage(), Map.of(), offset);
    } catch (RuntimeException e) {
      log.warn("command {} {} failed", command.id(), command.type(), e);
      return result(
          command,
          CommandResult.Outcome.failed,
          "failed: " + (e.getMessage() != null ? e.getMessage() : e.toString()),
          Map.of(),
          offset);
    }
  }

  private CommandResult result(
      Command command,
      CommandResult.Outcome outcome,
      String message,
      Map<String, String> details,
      Duration offset) {
    return new CommandResult(command.id(), outcome, message, clock.instant().plus(offset), details);
  }

  /** Sends a result; the server having it already (409) counts as reported. */
  private void report(CommandClient channel, CommandResult result)
      throws SyncException, InterruptedException {
    channel.report(result);
    journal.reported(result.commandId(), clock.instant());
  }
}
