package org.openrps.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Agent and user credentials. Only hashes are stored; hashing is the caller's job. */
public final class AccountRepository {

  private final Jdbi jdbi;

  public AccountRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /** Creates the agent or replaces its secret and placement. */
  public void putAgent(StoredAgent agent, Instant now) {
    Objects.requireNonNull(agent, "agent");
    jdbi.useHandle(
        h ->
            h.createUpdate(Sql.of(AccountRepository.class, "putAgent"))
                .bind("id", agent.id())
                .bind("tenant", agent.tenant().value())
                .bind("site", agent.site().value())
                .bind("hash", agent.secretHash())
                .bind("now", Sql.time(now))
                .execute());
  }

  public Optional<StoredAgent> findAgent(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery(Sql.of(AccountRepository.class, "findAgent"))
                .bind("id", id)
                .map(
                    (rs, ctx) ->
                        new StoredAgent(
                            rs.getString("id"),
                            TenantId.of(rs.getString("tenant_id")),
                            SiteId.of(rs.getString("site_id")),
                            rs.getString("secret_hash")))
                .findOne());
  }

  /** Creates the user or replaces the password and tenant. */
  public void putUser(StoredUser user, Instant now) {
    Objects.requireNonNull(user, "user");
    jdbi.useHandle(
        h ->
            h.createUpdate(Sql.of(AccountRepository.class, "putUser"))
                .bind("username", user.username())
                .bind("tenant", user.tenant().value())
                .bind("hash", user.passwordHash())
                .bind("now", Sql.time(now))
                .execute());
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
                            rs.getString("password_hash")))
                .findOne());
  }
}
