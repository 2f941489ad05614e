package org.openrps.server.accounts;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openrps.server.http.ClientPrincipal;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.store.ClientKind;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.wire.DeviceRef;

/**
 * Agent and user credentials: create, replace, verify. The stored row is read on every request, so
 * a revoked agent is refused on its next request.
 *
 * <p><b>Attempt limits count failures only</b>, in the database (shared by every node), in windows
 * of {@link RateLimiter#WINDOW}; a correct secret or password is never counted, so a client that is
 * right is never slowed however often it calls. When a bucket is full, further attempts in it are
 * refused with {@code auth.rate_limited} (429, {@code Retry-After}) before any Argon2id
 * verification, so refusing costs one small query.
 *
 * <ul>
 *   <li><b>Agents and devices</b>: failures per client id and per client address. A client whose
 *       secret this node already verified against the stored hash ({@link VerifiedSecrets}) is let
 *       in even while its id or its address is over the limit: guessing cannot lock out a working
 *       agent, and the memo only matches the right secret. Any other attempt (an unknown id, a
 *       wrong secret, or a right one this node has not seen yet, e.g. after a restart) is refused
 *       while either bucket is full.
 *   <li><b>Users</b>: failures per user name <em>from one address</em> and per address. Wrong
 *       passwords for {@code admin} from address A fill A's buckets only, so nobody can lock the
 *       admin out from elsewhere; there is deliberately no global per-user bucket that could. While
 *       a bucket of A is full, attempts from A are refused, the right password included (checking
 *       it would let guessing go on).
 * </ul>
 */
public final class Accounts {

  /** Names usable as the user part of HTTP Basic: no colon, no spaces. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@:-]{1,128}");

  /** How many wrong passwords a minute, per user name from one address and per address. */
  public record LoginLimits(int perUser, int perAddress) {
    public LoginLimits {
      if (perUser < 1 || perAddress < 1) {
        throw new IllegalArgumentException("login limits must be at least 1 a minute");
      }
    }
  }

  /** How many failed secret checks a minute, per client id and per client address. */
  public record SecretLimits(int perClient, int perAddress) {
    public SecretLimits {
      if (perClient < 1 || perAddress < 1) {
        throw new IllegalArgumentException("secret limits must be at least 1 a minute");
      }
    }
  }

  private static final String LIMITED = "auth.rate_limited";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Accounts.class);

  private final AccountRepository repository;
  private final Passwords passwords;
  private final RateLimiter limiter;
  private final LoginLimits limits;
  private final SecretLimits secretLimits;
  private final Clock clock;
  private final VerifiedSecrets verified;

  public Accounts(
      AccountRepository repository,
      Passwords passwords,
      RateLimiter limiter,
      LoginLimits limits,
      SecretLimits secretLimits,
      Clock clock) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.passwords = Objects.requireNonNull(passwords, "passwords");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.secretLimits = Objects.requireNonNull(secretLimits, "secretLimits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.verified = new VerifiedSecrets(passwords.random());
  }

  public void putAgent(String agentId, char[] secret, TenantId tenant, SiteId site) {
    checkName("agent id", agentId);
    repository.putAgent(
        new StoredAgent(agentId, tenant, site, passwords.hash(secret)), clock.instant());
  }

  /** Creates or replaces a Device Direct device's credential, bound to the device's key. */
  public void putDevice(
      String clientId, char[] secret, TenantId tenant, SiteId site, DeviceRef device) {
    checkName("client id", clientId);
    Optional<DeviceRef> bound = Enrolment.boundDevice(ClientKind.device, Optional.of(device));
    repository.putAgent(
        new StoredAgent(clientId, ClientKind.device, tenant, site, passwords.hash(secret), bound),
        clock.instant());
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
   * VerifiedSecrets}). Refuses with {@code auth.rate_limited} (429) as the class comment says.
   *
   * <p>While a rotation is under way the pending secret is accepted too, and the first request with
   * it promotes it: the previous secret stops working, on every node (their memo entries are tied
   * to the previous hash, which is no longer the stored one).
   */
  public Optional<ClientPrincipal> authenticateAgent(
      String agentId, char[] secret, String clientAddress) {
    Optional<StoredAgent> agent =
        NAME.matcher(agentId).matches() ? repository.findAgent(agentId) : Optional.empty();
    if (agent.isPresent()
        && verified.contains(agent.get().id(), agent.get().secretHash(), secret)) {
      return Optional.of(principal(agent.get()));
    }
    String idBucket = "secret-id:" + agentId;
    String addressBucket = "secret-ip:" + clientAddress;
    limiter.refuseIfOver(idBucket, secretLimits.perClient(), LIMITED);
    limiter.refuseIfOver(addressBucket, secretLimits.perAddress(), LIMITED);
    if (agent.isEmpty()) {
      passwords.spendVerificationTime(secret);
    } else if (passwords.matches(secret, agent.get().secretHash())) {
      verified.remember(agent.get().id(), agent.get().secretHash(), secret);
      return Optional.of(principal(agent.get()));
    } else if (agent.get().pendingSecretHash().isPresent()
        && passwords.matches(secret, agent.get().pendingSecretHash().get())) {
      return Optional.of(promote(agent.get(), secret));
    }
    limiter.count(idBucket);
    limiter.count(addressBucket);
    return Optional.empty();
  }

  /** The first use of a pending secret: it becomes the only one. */
  private ClientPrincipal promote(StoredAgent agent, char[] secret) {
    String hash = agent.pendingSecretHash().orElseThrow();
    if (repository.promoteSecret(agent.id(), hash, clock.instant())) {
      LOG.info("{} - new secret in use; the previous one no longer works", agent.id());
    }
    // Promoted here or by a request a moment before: either way it is now the stored hash.
    verified.remember(agent.id(), hash, secret);
    return principal(agent);
  }

  private static ClientPrincipal principal(StoredAgent a) {
    return new ClientPrincipal(a.id(), a.kind(), a.tenant(), a.site(), a.device());
  }

  /**
   * Checks a user's password; refuses with {@code auth.rate_limited} (429) when this user from this
   * address, or this address, had too many wrong passwords this minute (see the class comment).
   */
  public Optional<UserPrincipal> authenticateUser(
      String username, char[] password, String clientAddress) {
    String userBucket = "login-user:" + username.toLowerCase(Locale.ROOT) + "@" + clientAddress;
    String addressBucket = "login-ip:" + clientAddress;
    limiter.refuseIfOver(userBucket, limits.perUser(), LIMITED);
    limiter.refuseIfOver(addressBucket, limits.perAddress(), LIMITED);
    Optional<StoredUser> user =
        NAME.matcher(username).matches() ? repository.findUser(username) : Optional.empty();
    if (user.isEmpty()) {
      passwords.spendVerificationTime(password);
    } else if (passwords.matches(password, user.get().passwordHash())) {
      StoredUser u = user.get();
      return Optional.of(new UserPrincipal(u.username(), u.tenant(), u.role()));
    }
    limiter.count(userBucket);
    limiter.count(addressBucket);
    return Optional.empty();
  }

  private static void checkName(String what, String name) {
    Objects.requireNonNull(name, what);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " must match " + NAME + ": " + name);
    }
  }
}
