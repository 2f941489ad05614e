package org.openrps.server.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.openrps.server.store.Database;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.Sql;
import org.openrps.server.store.TenantId;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.command.CommandState;

/** The commands table: queue, fetch (marking delivered), answer once, expire, and list. */
public final class CommandRepository {

  private static final TypeReference<Map<String, String>> TEXT_MAP = new TypeReference<>() {};

  /** A device of the fleet matched by a group, and whether a Device Direct module can take it. */
  record GroupMember(TenantId tenant, DeviceRef device, boolean reachable) {}

  private final Jdbi jdbi;
  private final ObjectMapper json;

  public CommandRepository(Database database, ObjectMapper json) {
    this.jdbi = Objects.requireNonNull(database, "database").jdbi();
    this.json = Objects.requireNonNull(json, "json");
  }

  /** Queues the commands, all or none. */
  void insert(List<StoredCommand> commands) {
    jdbi.useTransaction(
        h -> {
          PreparedBatch batch = h.prepareBatch(Sql.of(CommandRepository.class, "insert"));
          for (StoredCommand c : commands) {
            batch
                .bind("id", c.id())
                .bind("tenant", c.tenant().value())
                .bind("clientId", c.agent().orElse(null))
                .bind("make", c.device().map(DeviceRef::make).orElse(null))
                .bind("serial", c.device().map(DeviceRef::serial).orElse(null))
                .bind("type", c.type())
                .bind("params", text(c.params()))
                .bind("createdAt", Sql.time(c.createdAt()))
                .bind("createdBy", c.createdBy())
                .bind("expiresAt", Sql.time(c.expiresAt()))
                .add();
          }
          if (!commands.isEmpty()) {
            batch.execute();
          }
        });
  }

  /**
   * The open commands for a Device Direct device (its tenant and key) or an agent (its id and
   * tenant), oldest first, at most {@code limit}; the queued ones among them become delivered.
   */
  List<StoredCommand> fetch(
      TenantId tenant, Optional<DeviceRef> device, Optional<String> agent, Instant now, int limit) {
    return jdbi.inTransaction(
        h -> {
          var query =
              h.createQuery(
                      Sql.of(
                          CommandRepository.class, device.isPresent() ? "forDevice" : "forAgent"))
                  .bind("tenant", tenant.value())
                  .bind("now", Sql.time(now))
                  .bind("limit", limit);
          if (device.isPresent()) {
            query.bind("make", device.get().make()).bind("serial", device.get().serial());
          } else {
            query.bind("clientId", agent.orElseThrow());
          }
          List<StoredCommand> open = query.map((rs, ctx) -> command(rs)).list();
          List<StoredCommand> out = new ArrayList<>(open.size());
          PreparedBatch delivered =
              h.prepareBatch(Sql.of(CommandRepository.class, "markDelivered"));
          boolean any = false;
          for (StoredCommand c : open) {
            if (c.state() == CommandState.queued) {
              delivered.bind("id", c.id()).bind("now", Sql.time(now)).add();
              any = true;
              c = withDelivery(c, now);
            }
            out.add(c);
          }
          if (any) {
            delivered.execute();
          }
          return out;
        });
  }

  private static StoredCommand withDelivery(StoredCommand c, Instant now) {
    return new StoredCommand(
        c.id(),
        c.tenant(),
        c.agent(),
        c.device(),
        c.type(),
        c.params(),
        c.createdAt(),
        c.createdBy(),
        c.expiresAt(),
        CommandState.delivered,
        Optional.of(now),
        c.finishedAt(),
        c.message(),
        c.details(),
        c.appliedAt());
  }

  /** The command, when it is in the scope. */
  Optional<StoredCommand> find(Scope scope, String id) {
    return jdbi.withHandle(h -> find(h, scope, id));
  }

  private Optional<StoredCommand> find(Handle h, Scope scope, String id) {
    return Scope.bind(h.createQuery(Sql.of(CommandRepository.class, "find")), scope)
        .bind("id", id)
        .map((rs, ctx) -> command(rs))
        .findOne();
  }

  /**
   * Stores a result unless the command has one already or it came too late (see {@code
   * finish.sql}); true when it was stored.
   */
  boolean finish(
      String id,
      CommandState state,
      String message,
      Map<String, String> details,
      Instant appliedAt,
      Instant now) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(Sql.of(CommandRepository.class, "finish"))
                    .bind("id", id)
                    .bind("state", state.name())
                    .bind("message", message)
                    .bind("details", text(details))
                    .bind("appliedAt", Sql.time(appliedAt))
                    .bind("now", Sql.time(now))
                    .execute())
        == 1;
  }

  /** Marks every open command past its expiry expired; how many. */
  int expire(Instant now) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(Sql.of(CommandRepository.class, "expire"))
                .bind("now", Sql.time(now))
                .execute());
  }

  /** Whether a live Device Direct credential of the tenant is bound to the device. */
  boolean reachable(TenantId tenant, DeviceRef device) {
    return jdbi.withHandle(
            h ->
                h.createQuery(Sql.of(CommandRepository.class, "reachable"))
                    .bind("tenant", tenant.value())
                    .bind("make", device.make())
                    .bind("serial", device.serial())
                    .mapTo(Long.class)
                    .one())
        > 0;
  }

  /** The fleet's devices in the scope matching the group, at most {@code limit}. */
  List<GroupMember> group(
      Scope scope,
      Optional<TenantId> customer,
      Optional<SiteId> site,
      Optional<String> make,
      int limit) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(CommandRepository.class, "group")), scope)
                .bind("anyTenant", customer.isEmpty())
                .bind("tenant", customer.map(TenantId::value).orElse(""))
                .bind("anySite", site.isEmpty())
                .bind("site", site.map(SiteId::value).orElse(""))
                .bind("anyMake", make.isEmpty())
                .bind("make", make.orElse(""))
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new GroupMember(
                            TenantId.of(rs.getString("tenant_id")),
                            new DeviceRef(rs.getString("make"), rs.getString("serial")),
                            rs.getBoolean("reachable")))
                .list());
  }

  /** A live agent's tenant, when the agent is in the scope. */
  Optional<TenantId> agentTenant(Scope scope, String agentId) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(CommandRepository.class, "agent")), scope)
                .bind("id", agentId)
                .map((rs, ctx) -> TenantId.of(rs.getString("tenant_id")))
                .findOne());
  }

  /**
   * Commands in the scope passing the filter, newest first, after ({@code afterAt}, {@code
   * afterId}) when given.
   */
  List<StoredCommand> list(
      Scope scope, Commands.Filter filter, Optional<Instant> afterAt, String afterId, int limit) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(CommandRepository.class, "list")), scope)
                .bind("anyTenant", filter.customer().isEmpty())
                .bind("tenant", filter.customer().map(TenantId::value).orElse(""))
                .bind("anyDevice", filter.device().isEmpty())
                .bind("make", filter.device().map(DeviceRef::make).orElse(""))
                .bind("serial", filter.device().map(DeviceRef::serial).orElse(""))
                .bind("anyState", filter.state().isEmpty())
                .bind("state", filter.state().map(CommandState::name).orElse(""))
                .bind("anyAgent", filter.agent().isEmpty())
                .bind("agent", filter.agent().orElse(""))
                .bind("first", afterAt.isEmpty())
                .bind("afterAt", Sql.time(afterAt.orElse(Instant.EPOCH)))
                .bind("afterId", afterId)
                .bind("limit", limit)
                .map((rs, ctx) -> command(rs))
                .list());
  }

  private StoredCommand command(ResultSet rs) throws SQLException {
    String make = rs.getString("make");
    String serial = rs.getString("serial");
    String details = rs.getString("result_details");
    return new StoredCommand(
        rs.getString("id"),
        TenantId.of(rs.getString("tenant_id")),
        Sql.optionalString(rs, "client_id"),
        make == null || serial == null
            ? Optional.empty()
            : Optional.of(new DeviceRef(make, serial)),
        rs.getString("type"),
        map(rs.getString("params")),
        Sql.instant(rs, "created_at"),
        rs.getString("created_by"),
        Sql.instant(rs, "expires_at"),
        CommandState.valueOf(rs.getString("state")),
        optionalInstant(rs, "delivered_at"),
        optionalInstant(rs, "finished_at"),
        Sql.optionalString(rs, "result_message"),
        details == null ? Map.of() : map(details),
        optionalInstant(rs, "applied_at"));
  }

  private static Optional<Instant> optionalInstant(ResultSet rs, String column)
      throws SQLException {
    java.sql.Timestamp t = rs.getTimestamp(column);
    return t == null ? Optional.empty() : Optional.of(t.toInstant());
  }

  private String text(Map<String, String> values) {
    try {
      return json.writeValueAsString(new java.util.TreeMap<>(values));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a map of text as JSON", e);
    }
  }

  private Map<String, String> map(String text) {
    try {
      return json.readValue(text, TEXT_MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored command holds no JSON map: " + e.getMessage(), e);
    }
  }
}
