package org.openrps.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.openrps.agent.poll.PollSettings;
import org.openrps.agent.store.RetentionPolicy;
import org.openrps.agent.target.TargetList;

/**
 * What an agent needs to run, validated once here: a broken value stops start-up with a message
 * that names the setting and the rule.
 *
 * @param database the SQLite file (created when missing)
 * @param targets the addresses to scan, as {@link TargetList#of(String)} reads them
 * @param poll how to ask the devices: port, credential sets in order, timeouts, budget, FIPS;
 *     communities and v3 keys are never logged and never sent to the server
 * @param retention how long readings are kept in the agent's database
 * @param serverUrl the server's base URL; https only
 * @param agentId the agent's client id, as issued by the server
 * @param secret the agent's secret; copied on the way in and out, masked in {@link #toString()}
 * @param trustedCertificatePem a PEM file with the server's certificate or its CA; empty = the
 *     system trust store
 * @param siteName the site's name, sent with the site information of each report; empty = none
 * @param credentialsFile the file the id and secret came from; the agent rewrites it when it
 *     rotates its secret; empty = the secret is never rotated
 * @param rotateEvery how often the agent asks for a new secret, checked after each successful sync;
 *     {@link Duration#ZERO} = never (the server can still ask, by command)
 * @param proxy the HTTP proxy every request to the server goes through; empty = straight there
 */
public record AgentConfig(
    Path database,
    String targets,
    PollSettings poll,
    RetentionPolicy retention,
    URI serverUrl,
    String agentId,
    char[] secret,
    Optional<Path> trustedCertificatePem,
    Optional<String> siteName,
    Optional<Path> credentialsFile,
    Duration rotateEvery,
    Optional<org.openrps.client.HttpProxy> proxy) {

  /** The longest site name: what the wire's site information carries. */
  public static final int MAX_SITE_NAME = 256;

  /** How often the secret is rotated unless told otherwise. */
  public static final Duration DEFAULT_ROTATE_EVERY = Duration.ofDays(90);

  /** The shortest rotation period other than never. */
  public static final Duration MIN_ROTATE_EVERY = Duration.ofMinutes(1);

  public AgentConfig {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(targets, "targets");
    try {
      TargetList.of(targets);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("targets: " + e.getMessage(), e);
    }
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(retention, "retention");
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
    Objects.requireNonNull(siteName, "siteName");
    siteName = siteName.map(String::strip).filter(name -> !name.isEmpty());
    if (siteName.isPresent()
        && (siteName.get().length() > MAX_SITE_NAME
            || siteName.get().chars().anyMatch(Character::isISOControl))) {
      throw new IllegalArgumentException(
          "siteName must be at most " + MAX_SITE_NAME + " characters, none of them control ones");
    }
    Objects.requireNonNull(credentialsFile, "credentialsFile");
    Objects.requireNonNull(rotateEvery, "rotateEvery");
    if (!rotateEvery.isZero() && rotateEvery.compareTo(MIN_ROTATE_EVERY) < 0) {
      throw new IllegalArgumentException(
          "rotateEvery must be 0 (never) or at least 1 minute, not " + rotateEvery);
    }
    Objects.requireNonNull(proxy, "proxy");
  }

  /** A configuration with a site name, without a credentials file, rotation or proxy. */
  public AgentConfig(
      Path database,
      String targets,
      PollSettings poll,
      RetentionPolicy retention,
      URI serverUrl,
      String agentId,
      char[] secret,
      Optional<Path> trustedCertificatePem,
      Optional<String> siteName) {
    this(
        database,
        targets,
        poll,
        retention,
        serverUrl,
        agentId,
        secret,
        trustedCertificatePem,
        siteName,
        Optional.empty(),
        DEFAULT_ROTATE_EVERY,
        Optional.empty());
  }

  /** A configuration without a site name. */
  public AgentConfig(
      Path database,
      String targets,
      PollSettings poll,
      RetentionPolicy retention,
      URI serverUrl,
      String agentId,
      char[] secret,
      Optional<Path> trustedCertificatePem) {
    this(
        database,
        targets,
        poll,
        retention,
        serverUrl,
        agentId,
        secret,
        trustedCertificatePem,
        Optional.empty());
  }

  /** This configuration with a site name. */
  public AgentConfig withSiteName(String name) {
    return new AgentConfig(
        database,
        targets,
        poll,
        retention,
        serverUrl,
        agentId,
        secret,
        trustedCertificatePem,
        Optional.of(name),
        credentialsFile,
        rotateEvery,
        proxy);
  }

  /**
   * This configuration with the credentials file its id and secret came from (and that a rotation
   * rewrites); it may also hold the previous secret of a rotation not confirmed yet.
   */
  public AgentConfig withCredentialsFile(Path file) {
    return new AgentConfig(
        database,
        targets,
        poll,
        retention,
        serverUrl,
        agentId,
        secret,
        trustedCertificatePem,
        siteName,
        Optional.of(file),
        rotateEvery,
        proxy);
  }

  /** This configuration with its secret rotated every {@code period} ({@code ZERO}: never). */
  public AgentConfig withRotateEvery(Duration period) {
    return new AgentConfig(
        database,
        targets,
        poll,
        retention,
        serverUrl,
        agentId,
        secret,
        trustedCertificatePem,
        siteName,
        credentialsFile,
        period,
        proxy);
  }

  /** This configuration with every request to the server going through {@code httpProxy}. */
  public AgentConfig withProxy(org.openrps.client.HttpProxy httpProxy) {
    return new AgentConfig(
        database,
        targets,
        poll,
        retention,
        serverUrl,
        agentId,
        secret,
        trustedCertificatePem,
        siteName,
        credentialsFile,
        rotateEvery,
        Optional.of(httpProxy));
  }

  /**
   * The simple form: one SNMPv2c community for every address, default retention.
   *
   * @param snmpPort UDP port the printers answer on (161 in the field)
   * @param community SNMP v2c community
   * @param timeout per attempt of each SNMP request
   * @param retries resends after an SNMP timeout
   * @param maxInFlight the most SNMP requests outstanding at once
   */
  public AgentConfig(
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
    this(
        database,
        targets,
        communitySettings(snmpPort, community, timeout, retries, maxInFlight),
        RetentionPolicy.DEFAULT,
        serverUrl,
        agentId,
        secret,
        trustedCertificatePem);
  }

  private static PollSettings communitySettings(
      int snmpPort, String community, Duration timeout, int retries, int maxInFlight) {
    try {
      return new PollSettings(snmpPort, community, timeout, retries, maxInFlight);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("snmp settings: " + e.getMessage(), e);
    }
  }

  /** A copy of the secret; the caller should clear it when done. */
  @Override
  public char[] secret() {
    return secret.clone();
  }

  /** The SNMP part of this configuration. */
  public PollSettings pollSettings() {
    return poll;
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
        && poll.equals(c.poll)
        && retention.equals(c.retention)
        && serverUrl.equals(c.serverUrl)
        && agentId.equals(c.agentId)
        && Arrays.equals(secret, c.secret)
        && trustedCertificatePem.equals(c.trustedCertificatePem)
        && siteName.equals(c.siteName)
        && credentialsFile.equals(c.credentialsFile)
        && rotateEvery.equals(c.rotateEvery)
        && proxy.equals(c.proxy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(database, targets, poll, serverUrl, agentId);
  }

  /** The effective configuration, with communities, keys and the secret masked: safe to log. */
  @Override
  public String toString() {
    return "AgentConfig[database="
        + database
        + ", targets="
        + targets
        + ", poll="
        + poll
        + ", retention="
        + retention.days()
        + " days, serverUrl="
        + serverUrl
        + ", agentId="
        + agentId
        + ", secret=****, trustedCertificatePem="
        + trustedCertificatePem.map(Path::toString).orElse("(system trust store)")
        + ", siteName="
        + siteName.orElse("(none)")
        + ", credentialsFile="
        + credentialsFile.map(Path::toString).orElse("(none)")
        + ", rotateEvery="
        + (rotateEvery.isZero()
            ? "never"
            : rotateEvery.toSeconds() % 86_400 == 0 ? rotateEvery.toDays() + " days" : rotateEvery)
        + ", proxy="
        + proxy.map(Object::toString).orElse("(none)")
        + "]";
  }
}
