package org.openrps.server.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.openrps.server.http.UserPrincipal;

/**
 * Dashboard sessions. The browser holds a random token; the database holds its SHA-256 only, with
 * the session's CSRF token and its end.
 */
public final class Sessions {

  /** A session as the HTTP layer sees it. */
  public record Session(String token, UserPrincipal user, String csrfToken) {
    public Session {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(csrfToken, "csrfToken");
    }

    @Override
    public String toString() {
      return "Session[" + user.username() + "]";
    }
  }

  private final SessionRepository repository;
  private final SecureRandom random;
  private final Clock clock;
  private final Duration lifetime;

  public Sessions(
      SessionRepository repository, SecureRandom random, Clock clock, Duration lifetime) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
  }

  public Session open(UserPrincipal user) {
    Instant now = clock.instant();
    repository.deleteExpired(now);
    String token = newToken();
    String csrf = newToken();
    repository.insert(
        new StoredSession(
            hash(token), user.username(), user.tenant(), csrf, now, now.plus(lifetime)));
    return new Session(token, user, csrf);
  }

  public Optional<Session> find(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Optional.empty();
    }
    return repository
        .findLive(hash(token), clock.instant())
        .map(
            s ->
                new Session(
                    token, new UserPrincipal(s.username(), s.tenant(), s.role()), s.csrfToken()));
  }

  public void close(Session session) {
    repository.delete(hash(session.token()));
  }

  public Duration lifetime() {
    return lifetime;
  }

  /** A fresh 256-bit random token, URL-safe. */
  public String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Compares two tokens in constant time; false when either is missing. */
  public static boolean sameToken(String expected, String given) {
    if (expected == null || given == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static String hash(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
