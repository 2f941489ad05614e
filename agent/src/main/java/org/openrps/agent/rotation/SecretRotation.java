package org.openrps.agent.rotation;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openrps.agent.store.AgentEvent;
import org.openrps.agent.store.AgentStore;
import org.openrps.client.Credentials;
import org.openrps.client.EnrolmentClient;
import org.openrps.client.LiveCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's secret rotation, without a moment where neither secret works (ADR 0022). The server
 * keeps a new secret as pending next to the current one, both accepted until the first request with
 * the new one; so the agent:
 *
 * <ol>
 *   <li>asks for a new secret (an answer lost here changes nothing: the current one still works,
 *       and the next rotation replaces the pending one);
 *   <li>writes its credentials file atomically with the new secret and the current one as the
 *       previous (a crash before: as a lost answer; after: the next start finds both);
 *   <li>uses the new secret from the next request on, and makes one call with it, which promotes it
 *       on the server; then drops the previous from the file;
 *   <li>falls back to the previous secret when the new one is refused before that.
 * </ol>
 *
 * A rotation left unconfirmed (a crash, the server unreachable) is settled by {@link #settle()}
 * before the next sync talks to the server. Not thread-safe: the agent calls it under its lock.
 */
public final class SecretRotation {

  private static final Logger log = LoggerFactory.getLogger(SecretRotation.class);

  private final EnrolmentClient server;
  private final LiveCredentials live;
  private final Optional<Path> file;
  private final Duration every;
  private final AgentStore store;
  private final Clock clock;

  /**
   * @param server the server's enrolment endpoints, through the agent's trust and proxy
   * @param live the credentials every client of the agent reads at each request
   * @param file the credentials file; empty = the secret is never rotated
   * @param every the rotation period; {@code ZERO} = only when asked ({@link #rotate()})
   */
  public SecretRotation(
      EnrolmentClient server,
      LiveCredentials live,
      Optional<Path> file,
      Duration every,
      AgentStore store,
      Clock clock) {
    this.server = Objects.requireNonNull(server, "server");
    this.live = Objects.requireNonNull(live, "live");
    this.file = Objects.requireNonNull(file, "file");
    this.every = Objects.requireNonNull(every, "every");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Settles a rotation left unconfirmed: one call with the new secret; when the server takes it
   * (this promotes it), the previous one is dropped from the file; when it refuses it (401), the
   * agent goes back to the previous one. No answer: left as it is for the next time.
   */
  public void settle() {
    Credentials current = live.current();
    if (!current.hasPrevious()) {
      return;
    }
    try {
      server.check(current);
      confirmed(current);
      log.info("secret rotation confirmed by the server; the previous secret is dropped");
    } catch (EnrolmentClient.EnrolmentException e) {
      if (e.status() == 401) {
        fallBack(current);
        log.warn("the server refused the new secret (401): back to the previous one");
      } else {
        log.warn(
            "secret rotation not confirmed yet ({}); the next contact tries again", e.getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Rotates when the secret is older than the period (and remembers from when it counts). */
  public Optional<RotationOutcome> rotateIfDue() {
    if (every.isZero() || file.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Optional<Instant> from =
        store
            .lastTime(AgentEvent.SECRET_ROTATED)
            .or(() -> store.lastTime(AgentEvent.SECRET_AGE_FROM));
    if (from.isEmpty()) {
      store.noted(AgentEvent.SECRET_AGE_FROM, now);
      return Optional.empty();
    }
    if (now.isBefore(from.get().plus(every))) {
      return Optional.empty();
    }
    return Optional.of(rotate());
  }

  /** Asks the server for a new secret now; never throws for an ordinary failure. */
  public RotationOutcome rotate() {
    if (file.isEmpty()) {
      return RotationOutcome.notDone("no credentials file: the secret is not rotated");
    }
    settle();
    Credentials current = live.current();
    if (current.hasPrevious()) {
      return RotationOutcome.notDone(
          "the last rotation is not confirmed yet: the next contact confirms it, then a new one"
              + " can start");
    }
    Credentials issued;
    try {
      issued = server.rotate(current);
    } catch (EnrolmentClient.EnrolmentException e) {
      return RotationOutcome.notDone(
          "rotation failed: " + e.getMessage() + "; the current secret stays in use");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RotationOutcome.notDone("rotation interrupted; the current secret stays in use");
    }
    char[] fresh = issued.secret();
    Credentials next;
    try {
      next = current.rotatedTo(fresh);
    } finally {
      java.util.Arrays.fill(fresh, '\0');
    }
    try {
      next.save(file.get());
    } catch (UncheckedIOException e) {
      return RotationOutcome.notDone(
          e.getMessage() + " (" + e.getCause().getMessage() + "); the current secret stays in use");
    }
    live.set(next);
    try {
      server.check(next);
    } catch (EnrolmentClient.EnrolmentException e) {
      if (e.status() == 401) {
        fallBack(next);
        return RotationOutcome.notDone(
            "the server refused the new secret (401); back to the previous one");
      }
      return RotationOutcome.notDone(
          "new secret saved but not confirmed ("
              + e.getMessage()
              + "); the next contact confirms it or goes back to the previous one");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RotationOutcome.notDone(
          "interrupted before the new secret was confirmed; the next contact confirms it");
    }
    confirmed(next);
    log.info("secret rotated; the previous one no longer works");
    return RotationOutcome.done("secret rotated; the previous one no longer works");
  }

  private void confirmed(Credentials rotated) {
    Credentials only = rotated.withoutPrevious();
    live.set(only);
    try {
      only.save(file.orElseThrow());
    } catch (UncheckedIOException e) {
      // The file keeps both; the next start confirms again and drops the previous then.
      log.warn("{}: the previous secret stays in the file until the next start", e.getMessage());
    }
    try {
      store.noted(AgentEvent.SECRET_ROTATED, clock.instant());
    } catch (RuntimeException e) {
      log.warn("cannot note the secret rotation: {}", AgentStore.reason(e));
    }
  }

  private void fallBack(Credentials rotated) {
    Credentials previous = rotated.previous().orElseThrow();
    live.set(previous);
    try {
      previous.save(file.orElseThrow());
    } catch (UncheckedIOException e) {
      // The file keeps both; the next start tries the new one, is refused, and falls back again.
      log.warn("{}: the refused secret stays in the file until the next start", e.getMessage());
    }
  }
}
