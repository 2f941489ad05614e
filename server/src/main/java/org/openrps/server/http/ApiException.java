package org.openrps.server.http;

import java.util.Objects;

/**
 * A refused request: an HTTP status, a stable code and a sentence. Thrown where the refusal is
 * decided and turned into a JSON error body in one place, the HTTP layer's exception mapper.
 */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final long retryAfterSeconds;

  public ApiException(int status, String code, String message) {
    this(status, code, message, 0);
  }

  private ApiException(int status, String code, String message, long retryAfterSeconds) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Seconds until a rate-limited request may be tried again; 0 when not rate-limited. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static ApiException rateLimited(String code, long retryAfterSeconds) {
    return new ApiException(
        429,
        code,
        "too many requests; try again in " + retryAfterSeconds + " s",
        retryAfterSeconds);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "auth.forbidden", message);
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, "not_found", "no such " + what);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "request.invalid", message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, "request.conflict", message);
  }

  public static ApiException limitExceeded(String message) {
    return new ApiException(413, "report.limit_exceeded", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException malformed(String message) {
    return new ApiException(400, "report.malformed", message);
  }

  public static ApiException invalid(String message) {
    return new ApiException(422, "report.invalid", message);
  }

  public static ApiException badEncoding(String message) {
    return new ApiException(400, "report.bad_encoding", message);
  }

  public static ApiException tooLarge(String message) {
    return new ApiException(413, "report.too_large", message);
  }

  public static ApiException unsupportedMediaType(String message) {
    return new ApiException(415, "report.unsupported_media_type", message);
  }

  public static ApiException invalidCredentials() {
    return new ApiException(401, "auth.invalid_credentials", "missing or wrong credentials");
  }

  public static ApiException sourceMismatch(String message) {
    return new ApiException(403, "report.source_mismatch", message);
  }
}
