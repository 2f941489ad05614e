package org.openrps.server.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.store.Role;
import org.openrps.server.store.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API tokens for scripts: {@code ort_<16 hex id>_<43 url-safe secret>}, sent as {@code
 * Authorization: Bearer …}. Only a SHA-256 of the whole token is kept; each token has one tenant
 * and one role, never more than its maker's.
 */
public final class Tokens {

  private static final Logger LOG = LoggerFactory.getLogger(Tokens.class);
  private static final Pattern TOKEN = Pattern.compile("ort_([0-9a-f]{16})_[A-Za-z0-9_-]{43}");

  /** A new token, shown once. */
  public record NewToken(String id, String token, TenantId tenant, Role role, String name) {
    @Override
    public String toString() {
      return "NewToken[" + id + ", token=****]";
    }
  }

  private final TokenRepository repository;
  private final SecureRandom random;
  private final Clock clock;

  public Tokens(TokenRepository repository, SecureRandom random, Clock clock) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Makes a token for a tenant in the maker's scope, with at most the maker's role. */
  public NewToken create(UserPrincipal maker, TenantId tenant, Role role, String name) {
    maker.requireChange();
    if (role == Role.provider_admin && maker.role() != Role.provider_admin) {
      throw ApiException.forbidden("a token cannot have more rights than its maker");
    }
    if (name == null || name.isBlank() || name.length() > 100) {
      throw ApiException.badRequest("a token needs a name of 1 to 100 characters");
    }
    String id = Digests.randomHex(random, 8);
    String token = "ort_" + id + "_" + Digests.randomUrlSafe(random, 32);
    StoredToken stored =
        new StoredToken(
            id, Digests.sha256(token), tenant, role, name, maker.username(), clock.instant());
    if (!repository.insert(maker.scope(), stored)) {
      throw ApiException.notFound("customer " + tenant);
    }
    LOG.info("{} - API token {} made for {} as {}", maker.username(), id, tenant, role);
    return new NewToken(id, token, tenant, role, name);
  }

  /** The principal of a live token; empty for anything else. */
  public Optional<UserPrincipal> authenticate(String token) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      return Optional.empty();
    }
    String id = token.substring(4, 20);
    return repository
        .find(id)
        .filter(
            t ->
                MessageDigest.isEqual(
                    t.tokenHash().getBytes(StandardCharsets.US_ASCII),
                    Digests.sha256(token).getBytes(StandardCharsets.US_ASCII)))
        .map(t -> new UserPrincipal("token:" + t.id(), t.tenant(), t.role()));
  }

  public List<StoredToken> list(UserPrincipal caller, String after, int limit) {
    return repository.list(caller.scope(), after, limit);
  }

  public void revoke(UserPrincipal caller, String id) {
    caller.requireChange();
    if (!repository.revoke(caller.scope(), id, clock.instant())) {
      throw ApiException.notFound("token " + id);
    }
    LOG.info("{} - API token {} revoked", caller.username(), id);
  }
}
