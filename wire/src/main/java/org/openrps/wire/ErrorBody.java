package org.openrps.wire;

import java.util.Objects;

/**
 * The server's answer to a refused request.
 *
 * @param code a stable machine-readable code, such as {@code report.too_large}
 * @param message a sentence for a person
 */
public record ErrorBody(String code, String message) {

  public ErrorBody {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
