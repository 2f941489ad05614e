package org.openrps.agent.poll;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.openrps.snmp.SnmpCredentials;

/**
 * How to ask devices.
 *
 * @param snmpPort UDP port the devices answer on (161 in the field)
 * @param credentials credential sets in the order they are tried (each possibly scoped to some
 *     addresses); the first that answers is remembered per device
 * @param timeout how long to wait for each attempt of each request
 * @param retries how many times to resend after a timeout
 * @param maxInFlight the most SNMP requests outstanding at once, across all devices
 * @param v1Fallback when a v2c community gets no answer, try the same community with SNMPv1 (for
 *     old devices; costs a second timeout on every silent address)
 * @param requestsPerSecond the scan budget: at most this many requests started per second, so a
 *     sweep does not trip an IDS; 0 for no budget. A walk counts once per request it sends
 * @param fips FIPS mode: SNMPv3 sets with MD5 or DES are refused
 * @param budget what one device may cost (rows per table, variables, time); {@link
 *     ReadBudget#DEFAULT} unless given
 * @param portProbe the optional print-port probe of addresses not read as printers (off by default)
 */
public record PollSettings(
    int snmpPort,
    List<CredentialSet> credentials,
    Duration timeout,
    int retries,
    int maxInFlight,
    boolean v1Fallback,
    int requestsPerSecond,
    boolean fips,
    ReadBudget budget,
    PortProbe portProbe) {

  /** The default bound on requests in flight. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;

  public PollSettings {
    if (snmpPort < 1 || snmpPort > 65_535) {
      throw new IllegalArgumentException("snmpPort must be 1 to 65535, not " + snmpPort);
    }
    credentials = List.copyOf(Objects.requireNonNull(credentials, "credentials"));
    if (credentials.isEmpty()) {
      throw new IllegalArgumentException("at least one credential set is needed");
    }
    for (CredentialSet c : credentials) {
      if (c.credentials() instanceof SnmpCredentials.Community community
          && community.community().isEmpty()) {
        throw new IllegalArgumentException(c.name() + ": community must not be empty");
      }
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
    if (requestsPerSecond < 0 || requestsPerSecond > 1_000_000) {
      throw new IllegalArgumentException(
          "requestsPerSecond must be 0 (no budget) to 1000000, not " + requestsPerSecond);
    }
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(portProbe, "portProbe");
    if (fips) {
      for (CredentialSet c : credentials) {
        if (c.credentials() instanceof SnmpCredentials.Usm usm && !usm.isFipsApproved()) {
          throw new IllegalArgumentException(
              c.name()
                  + ": FIPS mode refuses MD5 and DES ("
                  + usm.user().auth().token()
                  + "/"
                  + usm.user().priv().token()
                  + ")");
        }
      }
    }
  }

  /** Settings with the default read budget and without the print-port probe. */
  public PollSettings(
      int snmpPort,
      List<CredentialSet> credentials,
      Duration timeout,
      int retries,
      int maxInFlight,
      boolean v1Fallback,
      int requestsPerSecond,
      boolean fips) {
    this(
        snmpPort,
        credentials,
        timeout,
        retries,
        maxInFlight,
        v1Fallback,
        requestsPerSecond,
        fips,
        ReadBudget.DEFAULT,
        PortProbe.off());
  }

  /** These settings with other credential sets, tried in the order given. */
  public PollSettings withCredentials(List<CredentialSet> sets) {
    return new PollSettings(
        snmpPort,
        sets,
        timeout,
        retries,
        maxInFlight,
        v1Fallback,
        requestsPerSecond,
        fips,
        budget,
        portProbe);
  }

  /** These settings with another read budget. */
  public PollSettings withBudget(ReadBudget budget) {
    return new PollSettings(
        snmpPort,
        credentials,
        timeout,
        retries,
        maxInFlight,
        v1Fallback,
        requestsPerSecond,
        fips,
        budget,
        portProbe);
  }

  /** These settings with the print-port probe {@code probe}. */
  public PollSettings withPortProbe(PortProbe probe) {
    return new PollSettings(
        snmpPort,
        credentials,
        timeout,
        retries,
        maxInFlight,
        v1Fallback,
        requestsPerSecond,
        fips,
        budget,
        probe);
  }

  /** Settings without FIPS mode. */
  public PollSettings(
      int snmpPort,
      List<CredentialSet> credentials,
      Duration timeout,
      int retries,
      int maxInFlight,
      boolean v1Fallback,
      int requestsPerSecond) {
    this(
        snmpPort, credentials, timeout, retries, maxInFlight, v1Fallback, requestsPerSecond, false);
  }

  /**
   * One v2c community for every address, no v1 fallback (it doubles the time spent on silent
   * addresses), no budget.
   */
  public PollSettings(
      int snmpPort, String community, Duration timeout, int retries, int maxInFlight) {
    this(
        snmpPort,
        List.of(
            CredentialSet.everywhere(
                "community", SnmpCredentials.Community.v2c(requireCommunity(community)))),
        timeout,
        retries,
        maxInFlight,
        false,
        0,
        false);
  }

  private static String requireCommunity(String community) {
    Objects.requireNonNull(community, "community");
    if (community.isEmpty()) {
      throw new IllegalArgumentException("community must not be empty");
    }
    return community;
  }

  @Override
  public String toString() {
    // CredentialSet and SnmpCredentials mask their secrets.
    return "PollSettings[snmpPort="
        + snmpPort
        + ", credentials="
        + credentials
        + ", timeout="
        + timeout
        + ", retries="
        + retries
        + ", maxInFlight="
        + maxInFlight
        + ", v1Fallback="
        + v1Fallback
        + ", requestsPerSecond="
        + requestsPerSecond
        + ", fips="
        + fips
        + ", budget="
        + budget
        + ", portProbe="
        + portProbe
        + "]";
  }
}
