package org.openrps.server.commands;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openrps.server.store.TenantId;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.command.Command;
import org.openrps.wire.command.CommandState;

/**
 * A command as the server keeps it: whom it is for, what it says, and where it is in its life.
 *
 * @param agent the agent it is queued for; empty for a Device Direct device's command
 * @param device the Device Direct device it is queued for, or for an agent the device it acts on
 * @param appliedAt when the client says it applied it (server time as the client reckons it)
 */
public record StoredCommand(
    String id,
    TenantId tenant,
    Optional<String> agent,
    Optional<DeviceRef> device,
    String type,
    Map<String, String> params,
    Instant createdAt,
    String createdBy,
    Instant expiresAt,
    CommandState state,
    Optional<Instant> deliveredAt,
    Optional<Instant> finishedAt,
    Optional<String> message,
    Map<String, String> details,
    Optional<Instant> appliedAt) {

  public StoredCommand {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(device, "device");
    if (agent.isEmpty() && device.isEmpty()) {
      throw new IllegalArgumentException("a command is for an agent or a device");
    }
    Objects.requireNonNull(type, "type");
    params = Map.copyOf(params);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(deliveredAt, "deliveredAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(message, "message");
    details = Map.copyOf(details);
    Objects.requireNonNull(appliedAt, "appliedAt");
  }

  /** A new command, queued. */
  static StoredCommand queued(
      String id,
      TenantId tenant,
      Optional<String> agent,
      Optional<DeviceRef> device,
      String type,
      Map<String, String> params,
      Instant createdAt,
      String createdBy,
      Instant expiresAt) {
    return new StoredCommand(
        id,
        tenant,
        agent,
        device,
        type,
        params,
        createdAt,
        createdBy,
        expiresAt,
        CommandState.queued,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Optional.empty());
  }

  /**
   * Whom it is for, in words: {@code HP/CN123}, {@code agent agt-1}, {@code agent agt-1 for HP/X}.
   */
  public String target() {
    if (agent.isEmpty()) {
      return device.orElseThrow().toString();
    }
    return "agent " + agent.get() + device.map(d -> " for " + d).orElse("");
  }

  /** The command as its client fetches it. */
  public Command toWire() {
    return new Command(id, type, params, device, createdAt, expiresAt);
  }
}
