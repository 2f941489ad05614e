package org.openrps.server.accounts;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openrps.server.http.ClientPrincipal;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;

/**
 * Agent and user credentials: create, replace, verify. Nothing is cached, so a revoked agent is
 * refused on its next request. Password checks are rate-limited per user and per address in the
 * database, shared by every node.
 */
public final class Accounts {

  /** Names usable as the user part of HTTP Basic: no colon, no spaces. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@:-]{1,128}");

  /** How many password checks a minute, per user name and per client address. */
  public record LoginLimits(int perUser, int perAddress) {
    public LoginLimits {
      if (perUser < 1 || perAddress < 1) {
        throw new IllegalArgumentException("login limits must be at least 1 a minute");
      }
    }
  }

  private final AccountRepository repository;
  private final Passwords passwords;
  private final RateLimiter limiter;
  private final LoginLimits limits;
  private final Clock clock;
  private final VerifiedSecrets verified;

  public Accounts(
      AccountRepository repository,
      Passwords passwords,
      RateLimiter limiter,
      LoginLimits limits,
      Clock clock) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.passwords = Objects.requireNonNull(passwords, "passwords");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.verified = new VerifiedSecrets(passwords.random());
  }

  public void putAgent(String agentId, char[] secret, TenantId tenant, SiteId site) {
    checkName("agent id", agentId);
    repository.putAgent(
        new StoredAgent(agentId, tenant, site, passwords.hash(secret)), clock.instant());
  }

  public void putUser(String username, char[] password, TenantId tenant, Role role) {
    checkName("username", username);
    repository.putUser(
        new StoredUser(username, tenant, role, passwords.hash(password)), clock.instant());
  }

  /**
   * Checks a client's secret. The client row is read from the database on every request, so a
   * revoked or rotated client is refused at once; only the Argon2id verification is skipped when
   * this node already verified the same secret against the same stored hash (see {@link
   * VerifiedSecrets}).
   */
  public Optional<ClientPrincipal> authenticateAgent(String agentId, char[] secret) {
    Optional<StoredAgent> agent =
        NAME.matcher(agentId).matches() ? repository.findAgent(agentId) : Optional.empty();
    if (agent.isEmpty()) {
      passwords.spendVerificationTime(secret);
      return Optional.empty();
    }
    StoredAgent a = agent.get();
    boolean ok =
        verified.contains(a.id(), a.secretHash(), secret)
            || (passwords.matches(secret, a.secretHash())
                && verified.remember(a.id(), a.secretHash(), secret));
    return ok
        ? Optional.of(new ClientPrincipal(a.id(), a.kind(), a.tenant(), a.site()))
        : Optional.empty();
  }

  /**
   * Checks a user's password; refuses with {@code auth.rate_limited} (429) when the user name or
   * the client address has had too many attempts this minute.
   */
  public Optional<UserPrincipal> authenticateUser(
      String username, char[] password, String clientAddress) {
    limiter.hit(
        "login-user:" + username.toLowerCase(Locale.ROOT), limits.perUser(), "auth.rate_limited");
    limiter.hit("login-ip:" + clientAddress, limits.perAddress(), "auth.rate_limited");
    Optional<StoredUser> user =
        NAME.matcher(username).matches() ? repository.findUser(username) : Optional.empty();
    if (user.isEmpty()) {
      passwords.spendVerificationTime(password);
      return Optional.empty();
    }
    StoredUser u = user.get();
    return passwords.matches(password, u.passwordHash())
        ? Optional.of(new UserPrincipal(u.username(), u.tenant(), u.role()))
        : Optional.empty();
  }

  private static void checkName(String what, String name) {
    Objects.requireNonNull(name, what);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " must match " + NAME + ": " + name);
    }
  }
}
