package org.openrps.server.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.ClientKind;
import org.openrps.server.store.Database;
import org.openrps.server.store.Role;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.Sql;
import org.openrps.server.store.TenantId;
import org.openrps.wire.DeviceRef;

/**
 * Agent, device and user credentials. Only hashes are stored; hashing is the caller's job. Lookups
 * by id for authentication are the only ones without a scope: the id is the credential's name.
 */
public final class AccountRepository {

  private final Jdbi jdbi;

  public AccountRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /** Creates the client or replaces its secret and placement (and lifts a revocation). */
  public void putAgent(StoredAgent agent, Instant now) {
    Objects.requireNonNull(agent, "agent");
    jdbi.useHandle(h -> insertAgent(h, agent, now));
  }

  static void insertAgent(org.jdbi.v3.core.Handle h, StoredAgent agent, Instant now) {
    h.createUpdate(Sql.of(AccountRepository.class, "putAgent"))
        .bind("id", agent.id())
        .bind("kind", agent.kind().name())
        .bind("tenant", agent.tenant().value())
        .bind("site", agent.site().value())
        .bind("hash", agent.secretHash())
        .bind("now", Sql.time(now))
        .bind("deviceMake", agent.device().map(DeviceRef::make).orElse(null))
        .bind("deviceSerial", agent.device().map(DeviceRef::serial).orElse(null))
        .execute();
  }

  /** The client's credential, unless it is unknown or revoked. */
  public Optional<StoredAgent> findAgent(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery(Sql.of(AccountRepository.class, "findAgent"))
                .bind("id", id)
                .map(
                    (rs, ctx) ->
                        new StoredAgent(
                            rs.getString("id"),
                            ClientKind.valueOf(rs.getString("kind")),
                            TenantId.of(rs.getString("tenant_id")),
                            SiteId.of(rs.getString("site_id")),
                            rs.getString("secret_hash"),
                            device(rs.getString("device_make"), rs.getString("device_serial")),
                            Optional.ofNullable(rs.getString("pending_secret_hash"))))
                .findOne());
  }

  private static Optional<DeviceRef> device(String make, String serial) {
    return make == null || serial == null
        ? Optional.empty()
        : Optional.of(new DeviceRef(make, serial));
  }

  /** Revokes the client if it is in the scope and not revoked yet; true when it was. */
  public boolean revokeAgent(Scope scope, String id, Instant now) {
    return jdbi.withHandle(
            h ->
                Scope.bind(h.createUpdate(Sql.of(AccountRepository.class, "revokeAgent")), scope)
                    .bind("id", id)
                    .bind("now", Sql.time(now))
                    .execute())
        == 1;
  }

  /**
   * Keeps {@code newHash} as a live client's pending secret, next to its current one (replacing a
   * pending one); its own tenant is the scope. True when the client is there.
   */
  public boolean rotateSecret(TenantId tenant, String id, String newHash, Instant now) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(Sql.of(AccountRepository.class, "rotateSecret"))
                    .bind("id", id)
                    .bind("tenant", tenant.value())
                    .bind("hash", newHash)
                    .bind("now", Sql.time(now))
                    .execute())
        == 1;
  }

  /**
   * Makes the pending secret {@code pendingHash} the client's only one, the current one dropped;
   * false when that hash is not pending (any more): promoted by another request, replaced by a
   * later rotation, or the client revoked.
   */
  public boolean promoteSecret(String id, String pendingHash, Instant now) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(Sql.of(AccountRepository.class, "promoteSecret"))
                    .bind("id", id)
                    .bind("hash", pendingHash)
                    .bind("now", Sql.time(now))
                    .execute())
        == 1;
  }

  /** Creates the user or replaces the password, tenant and role. */
  public void putUser(StoredUser user, Instant now) {
    Objects.requireNonNull(user, "user");
    jdbi.useHandle(
        h ->
            h.createUpdate(Sql.of(AccountRepository.class, "putUser"))
                .bind("username", user.username())
                .bind("tenant", user.tenant().value())
                .bind("role", user.role().name())
                .bind("hash", user.passwordHash())
                .bind("now", Sql.time(now))
                .execute());
  }

  /**
   * Users in the scope by name after {@code after} (empty string: from the start), of one role or
   * of any; never their hashes. A customer's scope does not see the provider's admins.
   */
  public List<UserInfo> listUsers(Scope scope, Optional<Role> role, String after, int limit) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(AccountRepository.class, "listUsers")), scope)
                .bind("anyRole", role.isEmpty())
                .bind("role", role.map(Role::name).orElse(""))
                .bind("after", after)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new UserInfo(
                            rs.getString("username"),
                            TenantId.of(rs.getString("tenant_id")),
                            Role.valueOf(rs.getString("role")),
                            Sql.instant(rs, "updated_at")))
                .list());
  }

  public Optional<StoredUser> findUser(String username) {
    return jdbi.withHandle(
        h ->
            h.createQuery(Sql.of(AccountRepository.class, "findUser"))
                .bind("username", username)
                .map(
                    (rs, ctx) ->
                        new StoredUser(
                            rs.getString("username"),
                            TenantId.of(rs.getString("tenant_id")),
                            Role.valueOf(rs.getString("role")),
                            rs.getString("password_hash")))
                .findOne());
  }
}
