package org.openrps.server.service;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openrps.server.store.AccountRepository;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.StoredAgent;
import org.openrps.server.store.StoredUser;
import org.openrps.server.store.TenantId;

/** Agent and user credentials: create, replace, verify. Nothing is cached. */
public final class Accounts {

  /** Names usable as the user part of HTTP Basic: no colon, no spaces. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

  private final AccountRepository repository;
  private final Passwords passwords;
  private final Clock clock;

  public Accounts(AccountRepository repository, Passwords passwords, Clock clock) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.passwords = Objects.requireNonNull(passwords, "passwords");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public void putAgent(String agentId, char[] secret, TenantId tenant, SiteId site) {
    checkName("agent id", agentId);
    repository.putAgent(
        new StoredAgent(agentId, tenant, site, passwords.hash(secret)), clock.instant());
  }

  public void putUser(String username, char[] password, TenantId tenant) {
    checkName("username", username);
    repository.putUser(new StoredUser(username, tenant, passwords.hash(password)), clock.instant());
  }

  public Optional<AgentPrincipal> authenticateAgent(String agentId, char[] secret) {
    Optional<StoredAgent> agent =
        NAME.matcher(agentId).matches() ? repository.findAgent(agentId) : Optional.empty();
    if (agent.isEmpty()) {
      passwords.spendVerificationTime(secret);
      return Optional.empty();
    }
    StoredAgent a = agent.get();
    return passwords.matches(secret, a.secretHash())
        ? Optional.of(new AgentPrincipal(a.id(), a.tenant(), a.site()))
        : Optional.empty();
  }

  public Optional<UserPrincipal> authenticateUser(String username, char[] password) {
    Optional<StoredUser> user =
        NAME.matcher(username).matches() ? repository.findUser(username) : Optional.empty();
    if (user.isEmpty()) {
      passwords.spendVerificationTime(password);
      return Optional.empty();
    }
    StoredUser u = user.get();
    return passwords.matches(password, u.passwordHash())
        ? Optional.of(new UserPrincipal(u.username(), u.tenant()))
        : Optional.empty();
  }

  private static void checkName(String what, String name) {
    Objects.requireNonNull(name, what);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " must match " + NAME + ": " + name);
    }
  }
}
