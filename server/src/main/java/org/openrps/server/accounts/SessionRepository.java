package org.openrps.server.accounts;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.Database;
import org.openrps.server.store.Role;
import org.openrps.server.store.Sql;
import org.openrps.server.store.TenantId;

/** Dashboard sessions, in the database so that any server node can serve any request. */
public final class SessionRepository {

  private final Jdbi jdbi;

  public SessionRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  public void insert(StoredSession session) {
    jdbi.useHandle(
        h ->
            h.createUpdate(Sql.of(SessionRepository.class, "insert"))
                .bind("hash", session.tokenHash())
                .bind("username", session.username())
                .bind("tenant", session.tenant().value())
                .bind("csrf", session.csrfToken())
                .bind("created", Sql.time(session.createdAt()))
                .bind("expires", Sql.time(session.expiresAt()))
                .execute());
  }

  /** The session with this token hash, unless it has expired. */
  public Optional<StoredSession> findLive(String tokenHash, Instant now) {
    return jdbi.withHandle(
        h ->
            h.createQuery(Sql.of(SessionRepository.class, "findLive"))
                .bind("hash", tokenHash)
                .bind("now", Sql.time(now))
                .map(
                    (rs, ctx) ->
                        new StoredSession(
                            rs.getString("token_hash"),
                            rs.getString("username"),
                            TenantId.of(rs.getString("tenant_id")),
                            rs.getString("csrf_token"),
                            Sql.instant(rs, "created_at"),
                            Sql.instant(rs, "expires_at"),
                            Role.valueOf(rs.getString("role"))))
                .findOne());
  }

  public void delete(String tokenHash) {
    jdbi.useHandle(
        h ->
            h.createUpdate(Sql.of(SessionRepository.class, "delete"))
                .bind("hash", tokenHash)
                .execute());
  }

  /** Removes sessions that ended before {@code now}; returns how many. */
  public int deleteExpired(Instant now) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(Sql.of(SessionRepository.class, "deleteExpired"))
                .bind("now", Sql.time(now))
                .execute());
  }
}
