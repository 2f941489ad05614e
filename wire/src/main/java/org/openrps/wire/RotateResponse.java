package org.openrps.wire;

import java.util.Objects;

/**
 * The server's answer to {@code POST api/v1/credentials/rotate} (HTTP 200): a new secret for the
 * same client id; the old secret no longer works.
 *
 * @param clientId the client's id, unchanged
 * @param secret the new secret
 */
public record RotateResponse(String clientId, String secret) {

  public RotateResponse {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(secret, "secret");
  }

  @Override
  public String toString() {
    return "RotateResponse[" + clientId + ", secret=****]";
  }
}
