package org.openrps.agent;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.openrps.agent.command.AgentCommands;
import org.openrps.agent.remote.EffectiveSettings;
import org.openrps.agent.remote.RemoteConfigurator;
import org.openrps.wire.command.Command;
import org.openrps.wire.command.CommandTypes;

/**
 * What each agent command does: {@code send-now} syncs right after the check, {@code reread-device}
 * reads one device again and syncs, {@code configure} applies a configuration through the {@link
 * RemoteConfigurator} and hands the new settings to the daemon and to the alerts.
 */
public final class AgentOperations implements AgentCommands.Operations {

  /** The running agent's side of it. */
  public interface Control {
    /** Polls and syncs by these settings from now on. */
    void apply(EffectiveSettings settings);

    /** Syncs as soon as the step under way ends. */
    void requestSync();
  }

  private final Agent agent;
  private final RemoteConfigurator configurator;
  private final Control control;
  private final Consumer<List<String>> alertRules;

  /**
   * @param alertRules takes the new alert rules (their canonical texts) of an applied configuration
   */
  public AgentOperations(
      Agent agent,
      RemoteConfigurator configurator,
      Control control,
      Consumer<List<String>> alertRules) {
    this.agent = Objects.requireNonNull(agent, "agent");
    this.configurator = Objects.requireNonNull(configurator, "configurator");
    this.control = Objects.requireNonNull(control, "control");
    this.alertRules = Objects.requireNonNull(alertRules, "alertRules");
  }

  @Override
  public AgentCommands.Applied apply(Command command) throws AgentCommands.Refused {
    switch (command.type()) {
      case CommandTypes.SEND_NOW -> {
        control.requestSync();
        long waiting = agent.pendingSnapshots();
        return AgentCommands.Applied.of(
            "sync started, " + waiting + (waiting == 1 ? " snapshot" : " snapshots") + " waiting");
      }
      case CommandTypes.REREAD_DEVICE -> {
        if (command.device().isEmpty()) {
          throw new AgentCommands.Refused("reread-device needs a device");
        }
        try {
          String read = agent.reread(command.device().get());
          control.requestSync();
          return AgentCommands.Applied.of(read + "; sync started");
        } catch (AgentException e) {
          throw new AgentCommands.Refused(e.getMessage());
        }
      }
      case CommandTypes.CONFIGURE -> {
        RemoteConfigurator.Applied applied;
        try {
          applied = configurator.configure(Optional.of(command.id()), command.params());
        } catch (IllegalArgumentException e) {
          throw new AgentCommands.Refused(
              "configuration refused, the last good one kept: " + e.getMessage());
        }
        control.apply(applied.settings());
        alertRules.accept(applied.settings().alerts());
        return new AgentCommands.Applied(
            "applied: " + applied.summary(), Map.copyOf(applied.settings().fromServer()));
      }
      case CommandTypes.ROTATE_SECRET -> {
        org.openrps.agent.rotation.RotationOutcome outcome = agent.rotateSecret();
        if (!outcome.rotated()) {
          throw new AgentCommands.Refused(outcome.reason());
        }
        return AgentCommands.Applied.of(outcome.reason());
      }
      default ->
          throw new AgentCommands.Refused(
              "this agent does not apply \"" + command.type() + "\" commands");
    }
  }
}
