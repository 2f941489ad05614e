package org.openrps.snmp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A device to ask, with how to ask it.
 *
 * @param address where it answers (UDP)
 * @param credentials how to authenticate
 * @param timeout how long to wait for each attempt
 * @param retries how many times to resend after a timeout
 */
public record SnmpTarget(
    InetSocketAddress address, SnmpCredentials credentials, Duration timeout, int retries) {
  public SnmpTarget {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative: " + retries);
    }
  }
}
