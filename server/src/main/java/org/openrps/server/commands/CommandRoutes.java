package org.openrps.server.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.ClientPrincipal;
import org.openrps.server.http.Paging;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Routes;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.command.CommandResult;
import org.openrps.wire.command.CommandState;

/**
 * The command channel's routes: a client fetches its commands and answers them ({@code
 * /api/v1/client/commands}, HTTP Basic as for uploads); a user sends, lists and reads commands in
 * its scope ({@code /api/v1/commands}).
 */
public final class CommandRoutes implements Routes.Feature {

  static final String CLIENT = Routes.V1 + "/client/commands";
  static final String ADMIN = Routes.V1 + "/commands";

  /** A command as the API shows it; nulls where a part does not apply or is not known yet. */
  public record CommandView(
      String id,
      String customer,
      String target,
      String agent,
      String make,
      String serial,
      String type,
      Map<String, String> params,
      String state,
      Instant createdAt,
      String createdBy,
      Instant expiresAt,
      Instant deliveredAt,
      Instant finishedAt,
      Instant appliedAt,
      String message,
      Map<String, String> details) {
    static CommandView of(StoredCommand c) {
      return new CommandView(
          c.id(),
          c.tenant().value(),
          c.target(),
          c.agent().orElse(null),
          c.device().map(DeviceRef::make).orElse(null),
          c.device().map(DeviceRef::serial).orElse(null),
          c.type(),
          c.params(),
          c.state().name(),
          c.createdAt(),
          c.createdBy(),
          c.expiresAt(),
          c.deliveredAt().orElse(null),
          c.finishedAt().orElse(null),
          c.appliedAt().orElse(null),
          c.message().orElse(null),
          c.details());
    }
  }

  /** What a client's stored result answers: the command's id and its state now. */
  public record StoredView(String id, String state) {}

  /** What a send answers: the commands queued, and the group's devices skipped (no module). */
  public record SentView(List<CommandView> commands, int skipped) {}

  private final Commands commands;

  public CommandRoutes(Commands commands) {
    this.commands = Objects.requireNonNull(commands, "commands");
  }

  @Override
  public void routes(Routes r) {
    r.get(CLIENT, this::fetch);
    r.post(CLIENT + "/{id}/result", this::result);
    r.post(ADMIN, this::send);
    r.get(ADMIN, this::list);
    r.get(ADMIN + "/{id}", this::one);
  }

  private Response fetch(Request request) {
    return Response.ok(commands.fetch(request.client()));
  }

  private Response result(Request request) {
    ClientPrincipal client = request.client();
    CommandResult result = request.body(CommandResult.class);
    StoredCommand stored = commands.answer(client, request.pathParam("id"), result);
    return Response.ok(new StoredView(stored.id(), stored.state().name()));
  }

  private Response send(Request request) {
    UserPrincipal user = request.user();
    user.requireChange();
    Commands.Sent sent =
        commands.send(user.scope(), user.tenant(), user.username(), order(request.jsonObject()));
    return Response.created(
        new SentView(sent.commands().stream().map(CommandView::of).toList(), sent.skipped()));
  }

  private Response one(Request request) {
    UserPrincipal user = request.user();
    String id = request.pathParam("id");
    return Response.ok(
        CommandView.of(
            commands
                .find(user.scope(), id)
                .orElseThrow(() -> ApiException.notFound("command " + id))));
  }

  private Response list(Request request) {
    UserPrincipal user = request.user();
    Commands.Filter filter =
        new Commands.Filter(
            request.query("customer").filter(v -> !v.isEmpty()).map(CommandRoutes::tenant),
            request.query("device").filter(v -> !v.isEmpty()).map(CommandRoutes::device),
            request.query("state").filter(v -> !v.isEmpty()).map(CommandRoutes::state),
            request.query("agent").filter(v -> !v.isEmpty()));
    List<String> after = Paging.after(request, 2);
    int limit = Paging.limit(request);
    List<StoredCommand> page =
        commands.list(
            user.scope(),
            filter,
            after.isEmpty() ? Optional.empty() : Optional.of(Paging.instant(after.get(0))),
            after.isEmpty() ? "" : after.get(1),
            limit + 1);
    return Paging.page(
        request,
        page,
        limit,
        c -> List.of(Long.toString(c.createdAt().toEpochMilli()), c.id()),
        CommandView::of);
  }

  /** The send's body: type, params, expiresInMinutes, devices or a group, agent. */
  static Commands.Order order(JsonNode body) {
    String type = body.path("type").asText("");
    if (type.isEmpty()) {
      throw Commands.invalid("a command needs its type");
    }
    Map<String, String> params = new LinkedHashMap<>();
    JsonNode p = body.get("params");
    if (p != null && !p.isNull()) {
      if (!p.isObject()) {
        throw Commands.invalid("params must be an object of texts");
      }
      var fields = p.fields();
      while (fields.hasNext()) {
        var f = fields.next();
        if (!f.getValue().isValueNode() || f.getValue().isNull()) {
          throw Commands.invalid("params." + f.getKey() + " must be a text, number or boolean");
        }
        params.put(f.getKey(), f.getValue().asText());
      }
    }
    Duration expiresIn = Commands.DEFAULT_EXPIRY;
    JsonNode minutes = body.get("expiresInMinutes");
    if (minutes != null && !minutes.isNull()) {
      if (!minutes.isIntegralNumber()
          || !minutes.canConvertToInt()
          || minutes.asInt() < 1
          || minutes.asInt() > Commands.MAX_EXPIRY.toMinutes()) {
        throw Commands.invalid(
            "expiresInMinutes must be a whole number from 1 to " + Commands.MAX_EXPIRY.toMinutes());
      }
      expiresIn = Duration.ofMinutes(minutes.asInt());
    }
    List<DeviceRef> devices = new ArrayList<>();
    JsonNode d = body.get("devices");
    if (d != null && !d.isNull()) {
      if (!d.isArray() || d.size() > Commands.MAX_GROUP) {
        throw Commands.invalid(
            "devices must be a list of at most " + Commands.MAX_GROUP + " \"make/serial\"");
      }
      d.forEach(
          n -> {
            if (!n.isTextual()) {
              throw Commands.invalid("devices must be a list of \"make/serial\"");
            }
            devices.add(device(n.asText()));
          });
    }
    return new Commands.Order(
        type,
        params,
        expiresIn,
        devices,
        text(body, "customer").map(CommandRoutes::tenant),
        text(body, "site").map(CommandRoutes::site),
        text(body, "make"),
        text(body, "agent"));
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual() || n.asText().isBlank()) {
      throw Commands.invalid(field + " must be a text");
    }
    return Optional.of(n.asText());
  }

  /** A device named {@code make/serial}. */
  public static DeviceRef device(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw Commands.invalid("a device is named make/serial, e.g. HP/CN123: " + text);
    }
    try {
      return new DeviceRef(text.substring(0, slash), text.substring(slash + 1));
    } catch (IllegalArgumentException e) {
      throw Commands.invalid(e.getMessage());
    }
  }

  private static CommandState state(String value) {
    try {
      return CommandState.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "state must be one of " + java.util.Arrays.toString(CommandState.values()));
    }
  }

  private static TenantId tenant(String value) {
    try {
      return TenantId.of(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static SiteId site(String value) {
    try {
      return SiteId.of(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }
}
