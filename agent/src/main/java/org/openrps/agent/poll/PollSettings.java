package org.openrps.agent.poll;

import java.time.Duration;
import java.util.Objects;

/**
 * How to ask devices.
 *
 * @param snmpPort UDP port the devices answer on (161 in the field)
 * @param community SNMP v2c community
 * @param timeout how long to wait for each attempt of each request
 * @param retries how many times to resend after a timeout
 * @param maxInFlight the most SNMP requests outstanding at once, across all devices
 */
public record PollSettings(
    int snmpPort, String community, Duration timeout, int retries, int maxInFlight) {

  /** The default bound on requests in flight. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;

  public PollSettings {
    if (snmpPort < 1 || snmpPort > 65_535) {
      throw new IllegalArgumentException("snmpPort must be 1 to 65535, not " + snmpPort);
    }
    Objects.requireNonNull(community, "community");
    if (community.isEmpty()) {
      throw new IllegalArgumentException("community must not be empty");
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException(
          "timeout must be more than 0 and at most 1 minute: " + timeout);
    }
    if (retries < 0 || retries > 10) {
      throw new IllegalArgumentException("retries must be 0 to 10, not " + retries);
    }
    if (maxInFlight < 1 || maxInFlight > 10_000) {
      throw new IllegalArgumentException("maxInFlight must be 1 to 10000, not " + maxInFlight);
    }
  }

  @Override
  public String toString() {
    return "PollSettings[snmpPort="
        + snmpPort
        + ", community=****, timeout="
        + timeout
        + ", retries="
        + retries
        + ", maxInFlight="
        + maxInFlight
        + "]";
  }
}
