package org.openrps.server.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.Database;
import org.openrps.server.store.Role;
import org.openrps.server.store.Scope;
import org.openrps.server.store.Sql;
import org.openrps.server.store.TenantId;

/** API tokens for scripts: hashes only, each bound to one tenant and role. */
public final class TokenRepository {

  private final Jdbi jdbi;

  public TokenRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /** Stores the token if its tenant is in the scope; false otherwise. */
  public boolean insert(Scope scope, StoredToken token) {
    Objects.requireNonNull(token, "token");
    return jdbi.withHandle(
            h ->
                Scope.bind(h.createUpdate(Sql.of(TokenRepository.class, "insert")), scope)
                    .bind("id", token.id())
                    .bind("hash", token.tokenHash())
                    .bind("tenant", token.tenant().value())
                    .bind("role", token.role().name())
                    .bind("name", token.name())
                    .bind("createdBy", token.createdBy())
                    .bind("now", Sql.time(token.createdAt()))
                    .execute())
        == 1;
  }

  /** For authentication: the live token with this id. */
  public Optional<StoredToken> find(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery(Sql.of(TokenRepository.class, "find"))
                .bind("id", id)
                .map((rs, ctx) -> token(rs))
                .findOne());
  }

  public List<StoredToken> list(Scope scope, String after, int limit) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(TokenRepository.class, "list")), scope)
                .bind("after", after)
                .bind("limit", limit)
                .map((rs, ctx) -> token(rs))
                .list());
  }

  public boolean revoke(Scope scope, String id, Instant now) {
    return jdbi.withHandle(
            h ->
                Scope.bind(h.createUpdate(Sql.of(TokenRepository.class, "revoke")), scope)
                    .bind("id", id)
                    .bind("now", Sql.time(now))
                    .execute())
        == 1;
  }

  private static StoredToken token(ResultSet rs) throws SQLException {
    return new StoredToken(
        rs.getString("id"),
        rs.getString("token_hash"),
        TenantId.of(rs.getString("tenant_id")),
        Role.valueOf(rs.getString("role")),
        rs.getString("name"),
        rs.getString("created_by"),
        Sql.instant(rs, "created_at"));
  }
}
