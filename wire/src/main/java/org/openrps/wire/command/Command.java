package org.openrps.wire.command;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openrps.wire.DeviceRef;

/**
 * A command the server queued for an agent or a Device Direct device, as the client fetches it
 * ({@code GET api/v1/client/commands}). The server never connects to a client: each fetches its
 * commands at every contact, applies each at most once (it remembers the ids it applied) and
 * reports the result ({@code POST api/v1/client/commands/{id}/result}).
 *
 * @param id the command's id, unique on the server; the client's at-most-once key
 * @param type what to do: one of {@link CommandTypes}, or a newer type the client refuses
 * @param params the type's parameters, as text
 * @param device the device it acts on: the device's own key for a Device Direct device, the device
 *     to re-read for an agent; empty for a command to an agent as a whole
 * @param createdAt when it was queued, server time
 * @param expiresAt after this instant (server time) it must not be applied
 */
public record Command(
    String id,
    String type,
    Map<String, String> params,
    Optional<DeviceRef> device,
    Instant createdAt,
    Instant expiresAt) {

  public Command {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    params = params == null ? Map.of() : Map.copyOf(params);
    device = device == null ? Optional.empty() : device;
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The parameter, or empty. */
  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }
}
