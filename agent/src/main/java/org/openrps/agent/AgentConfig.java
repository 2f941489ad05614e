package org.openrps.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.openrps.agent.poll.PollSettings;
import org.openrps.agent.target.TargetList;

/**
 * What an agent needs to run, validated once here: a broken value stops start-up with a message
 * that names the setting and the rule.
 *
 * @param database the SQLite file (created when missing)
 * @param targets the addresses to scan, as {@link TargetList#of(String)} reads them
 * @param snmpPort UDP port the printers answer on (161 in the field)
 * @param community SNMP v2c community; never logged, never sent to the server
 * @param timeout per attempt of each SNMP request
 * @param retries resends after an SNMP timeout
 * @param maxInFlight the most SNMP requests outstanding at once
 * @param serverUrl the server's base URL; https only
 * @param agentId the agent's client id, as issued by the server
 * @param secret the agent's secret; copied on the way in and out, masked in {@link #toString()}
 * @param trustedCertificatePem a PEM file with the server's certificate or its CA; empty = the
 *     system trust store
 */
public record AgentConfig(
    Path database,
    String targets,
    int snmpPort,
    String community,
    Duration timeout,
    int retries,
    int maxInFlight,
    URI serverUrl,
    String agentId,
    char[] secret,
    Optional<Path> trustedCertificatePem) {

  public AgentConfig {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(targets, "targets");
    try {
      TargetList.of(targets);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("targets: " + e.getMessage(), e);
    }
    try {
      new PollSettings(snmpPort, community, timeout, retries, maxInFlight);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("snmp settings: " + e.getMessage(), e);
    }
    Objects.requireNonNull(serverUrl, "serverUrl");
    if (!"https".equalsIgnoreCase(serverUrl.getScheme()) || serverUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "serverUrl must be an https URL with a host (TLS only), not " + serverUrl);
    }
    if (serverUrl.getQuery() != null || serverUrl.getFragment() != null) {
      throw new IllegalArgumentException(
          "serverUrl must not have a query or fragment: " + serverUrl);
    }
    Objects.requireNonNull(agentId, "agentId");
    if (!agentId.matches("[A-Za-z0-9._:-]{1,128}")) {
      throw new IllegalArgumentException(
          "agentId must be 1 to 128 of letters, digits, '.', '_', ':' or '-', not \""
              + agentId
              + "\"");
    }
    Objects.requireNonNull(secret, "secret");
    if (secret.length == 0) {
      throw new IllegalArgumentException("secret must not be empty");
    }
    secret = secret.clone();
    Objects.requireNonNull(trustedCertificatePem, "trustedCertificatePem");
  }

  /** A copy of the secret; the caller should clear it when done. */
  @Override
  public char[] secret() {
    return secret.clone();
  }

  /** The SNMP part of this configuration. */
  public PollSettings pollSettings() {
    return new PollSettings(snmpPort, community, timeout, retries, maxInFlight);
  }

  /** The targets, parsed. */
  public TargetList targetList() {
    return TargetList.of(targets);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AgentConfig c
        && database.equals(c.database)
        && targets.equals(c.targets)
        && snmpPort == c.snmpPort
        && community.equals(c.community)
        && timeout.equals(c.timeout)
        && retries == c.retries
        && maxInFlight == c.maxInFlight
        && serverUrl.equals(c.serverUrl)
        && agentId.equals(c.agentId)
        && Arrays.equals(secret, c.secret)
        && trustedCertificatePem.equals(c.trustedCertificatePem);
  }

  @Override
  public int hashCode() {
    return Objects.hash(database, targets, snmpPort, serverUrl, agentId);
  }

  /** The effective configuration, with the community and the secret masked: safe to log. */
  @Override
  public String toString() {
    return "AgentConfig[database="
        + database
        + ", targets="
        + targets
        + ", snmpPort="
        + snmpPort
        + ", community=****, timeout="
        + timeout
        + ", retries="
        + retries
        + ", maxInFlight="
        + maxInFlight
        + ", serverUrl="
        + serverUrl
        + ", agentId="
        + agentId
        + ", secret=****, trustedCertificatePem="
        + trustedCertificatePem.map(Path::toString).orElse("(system trust store)")
        + "]";
  }
}
