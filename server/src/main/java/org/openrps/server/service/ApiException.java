package org.openrps.server.service;

import java.util.Objects;

/**
 * A refused request: an HTTP status, a stable code and a sentence. Thrown where the refusal is
 * decided and turned into a JSON error body in one place, the HTTP layer's exception mapper.
 */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
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
