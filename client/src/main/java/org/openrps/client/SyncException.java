package org.openrps.client;

import java.util.Objects;
import java.util.Optional;
import org.openrps.wire.ErrorBody;

/** An upload that did not end with the server's receipt. The outbox is left as it was. */
public final class SyncException extends Exception {

  /** Why an upload failed. */
  public enum Kind {
    /** The server's certificate is not trusted: nothing was sent. */
    untrustedCertificate,
    /** The certificate is trusted but names another host: nothing was sent. */
    hostMismatch,
    /** The TLS handshake failed otherwise (e.g. no common protocol): nothing was sent. */
    tls,
    /** The server could not be reached or the connection broke. */
    network,
    /**
     * The proxy could not be reached, or refused the tunnel or the credentials: the server got
     * nothing.
     */
    proxy,
    /** The server answered 4xx: it refused the report (see {@link #error()}). */
    refused,
    /** The server answered 5xx. */
    serverError,
    /** The server answered something that is not a receipt for this report. */
    protocol
  }

  private final Kind kind;
  private final int status;
  private final transient ErrorBody error;
  private final transient WireBody body;

  SyncException(Kind kind, String message, int status, ErrorBody error, Throwable cause) {
    this(kind, message, status, error, cause, null);
  }

  private SyncException(
      Kind kind, String message, int status, ErrorBody error, Throwable cause, WireBody body) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.status = status;
    this.error = error;
    this.body = body;
  }

  /** The same failure, knowing the body that was built for the upload. */
  SyncException withBody(WireBody wire) {
    SyncException e = new SyncException(kind, getMessage(), status, error, getCause(), wire);
    e.setStackTrace(getStackTrace());
    return e;
  }

  /**
   * The gzip body built for the upload (length and SHA-256), when one was built. Whether any of it
   * left: see {@link #nothingSent()}.
   */
  public Optional<WireBody> body() {
    return Optional.ofNullable(body);
  }

  /**
   * True when the failure came before any byte of the request left (certificate, host name, TLS
   * handshake, the proxy): the server got nothing.
   */
  public boolean nothingSent() {
    return kind == Kind.untrustedCertificate
        || kind == Kind.hostMismatch
        || kind == Kind.tls
        || kind == Kind.proxy;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** The server's error body, when it sent one. */
  public Optional<ErrorBody> error() {
    return Optional.ofNullable(error);
  }

  /**
   * True when the server refused the content itself (a 4xx other than 401/403, credentials, and
   * 408/429, come back later): sending the same report again cannot succeed.
   */
  public boolean contentRefused() {
    return kind == Kind.refused && status != 401 && status != 403 && status != 408 && status != 429;
  }
}
