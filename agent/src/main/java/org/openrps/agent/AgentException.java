package org.openrps.agent;

import java.util.Objects;
import org.openrps.client.SyncException;

/**
 * A step of the agent failed. The message starts with the step ({@code "discovery failed: "},
 * {@code "store failed: "}, {@code "sync failed: "}) and says why in words an operator can act on;
 * {@link #kind()} says what kind of failure it is, for exit codes and for what happens next.
 */
public final class AgentException extends Exception {

  /** The steps of a cycle. */
  public enum Step {
    open,
    discovery,
    store,
    sync
  }

  /** What kind of failure: ordinary ones each have a kind; {@code other} is a fault. */
  public enum Kind {
    /** No connection to the server (refused, timed out, broken). */
    unreachable,
    /** The proxy could not be reached, or refused the tunnel or the credentials. */
    proxy,
    /** The server's certificate is not trusted or names another host. */
    untrustedCertificate,
    /** The TLS handshake failed otherwise. */
    tls,
    /** The server refused the agent's credentials (401/403). */
    notAuthorized,
    /** The server answered 5xx, 408 or 429: it may pass. */
    serverError,
    /** The server answered something that is not a receipt. */
    protocol,
    /** The disk (or the store's cap) is full. */
    diskFull,
    /** The store failed otherwise. */
    storage,
    interrupted,
    other
  }

  private final Step step;
  private final Kind kind;

  AgentException(Step step, String reason, Throwable cause) {
    this(step, Kind.other, reason, cause);
  }

  AgentException(Step step, Kind kind, String reason, Throwable cause) {
    super(prefix(step) + reason, cause);
    this.step = step;
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** A failed upload, by what the client saw. */
  static AgentException sync(SyncException e) {
    Kind kind =
        switch (e.kind()) {
          case network -> Kind.unreachable;
          case proxy -> Kind.proxy;
          case untrustedCertificate, hostMismatch -> Kind.untrustedCertificate;
          case tls -> Kind.tls;
          case refused ->
              e.status() == 401 || e.status() == 403 ? Kind.notAuthorized : Kind.serverError;
          case serverError -> Kind.serverError;
          case protocol -> Kind.protocol;
        };
    return new AgentException(Step.sync, kind, e.getMessage(), e);
  }

  /** Which step failed. */
  public Step step() {
    return step;
  }

  public Kind kind() {
    return kind;
  }

  private static String prefix(Step step) {
    return switch (step) {
      case open -> "agent start failed: ";
      case discovery -> "discovery failed: ";
      case store -> "store failed: ";
      case sync -> "sync failed: ";
    };
  }
}
