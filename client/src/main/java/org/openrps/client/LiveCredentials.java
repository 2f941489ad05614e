package org.openrps.client;

import java.util.Arrays;
import java.util.Objects;

/**
 * The credentials a client uses right now, read at each request: when the agent rotates its secret
 * (or falls back to the previous one), every client sharing this holder uses the new one from its
 * next request on. Thread-safe.
 */
public final class LiveCredentials {

  private volatile Credentials current;

  public LiveCredentials(Credentials initial) {
    this.current = Objects.requireNonNull(initial, "initial");
  }

  /** The credentials in use (with the previous secret, while a rotation is not confirmed). */
  public Credentials current() {
    return current;
  }

  /** Uses {@code next} from the next request on; it must be the same client id. */
  public void set(Credentials next) {
    Objects.requireNonNull(next, "next");
    if (!next.agentId().equals(current.agentId())) {
      throw new IllegalArgumentException(
          "credentials of " + next.agentId() + " cannot replace those of " + current.agentId());
    }
    current = next;
  }

  public String agentId() {
    return current.agentId();
  }

  /** The HTTP Basic header of the current id and secret. */
  String authorization() {
    Credentials c = current;
    char[] secret = c.secret();
    try {
      return BasicAuth.header(c.agentId(), secret);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  @Override
  public String toString() {
    return "LiveCredentials[" + current + "]";
  }
}
