package org.openrps.wire;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Facts about the agent's own site, sent with each report of an agent (since schema {@code
 * openrps.report/3}; a Device Direct report has none). Every fact the agent could not read is
 * absent, never a guess and never 0. Sizes are bytes.
 *
 * <p>The facts describe the agent at {@link #collectedAt()}, not the readings of the report they
 * travel with: a report sent again after a failure keeps its id and its snapshots, but carries the
 * facts collected for that attempt. A receiver keeps the facts with the latest {@code collectedAt},
 * whatever the order in which reports arrive.
 *
 * <p>Since schema {@code openrps.report/7} the facts also say when the agent syncs (its schedule in
 * force: absent when it runs on none, e.g. one run by hand or disabled by the server) and what
 * waits in its outbox. The backlog is counted when the facts are collected, that is when a report
 * is sent: the snapshots of the report that carries them are still waiting then, and are counted.
 *
 * @param collectedAt when the agent collected these facts
 * @param agentVersion the agent's software version
 * @param hostName the agent host's DNS name (canonical host name of the local host)
 * @param siteName the site's name as the agent's administrator configured it
 * @param agentAddress the agent's IP address on the interface that routes to the server
 * @param osName the operating system's name ({@code os.name}, e.g. {@code Linux})
 * @param osVersion the operating system's version ({@code os.version})
 * @param osArch the architecture the agent runs on ({@code os.arch}, e.g. {@code amd64})
 * @param osBits 32 or 64, from that architecture
 * @param processor the processor's model name
 * @param processors the number of processors (hardware threads) available to the agent
 * @param memoryBytes the host's physical memory
 * @param memoryFreeBytes the host's free physical memory
 * @param diskBytes the size of the file system that holds the agent's database
 * @param diskFreeBytes the space on it the agent may still use
 * @param timeZone the agent host's time zone, as an IANA id (e.g. {@code Europe/Paris})
 * @param databaseBytes the size of the agent's database file (with its write-ahead log)
 * @param discoveryDataBytes the part of the database taken by the discovered devices and their poll
 *     records (tables and indexes)
 * @param devicesDiscovered the devices the agent's database holds
 * @param printersManaged the printers read in the agent's last cycle
 * @param printersOutOfScope the devices that answered in the agent's last cycle but are not
 *     printers
 * @param discoveryRulesVersion the version of the discovery rules (vendor profiles) in use
 * @param syncAt the local time of the agent's daily sync, {@code HH:MM} (or {@code HH:MM:SS}), in
 *     {@code syncTimeZone} (since schema 7)
 * @param syncTimeZone the time zone of {@code syncAt} and of the polls, as an IANA id: the
 *     schedule's, usually the host's {@code timeZone} (since schema 7)
 * @param pollEverySeconds the time between the agent's polls, in seconds (since schema 7)
 * @param nextSyncAt when the agent's schedule next syncs, after {@code collectedAt} (since schema
 *     7)
 * @param backlogReadings the snapshots in the agent's outbox waiting for the server's
 *     acknowledgement, refused ones not counted (since schema 7)
 * @param backlogBytes their size as the agent stores them (their JSON, before gzip) (since schema
 *     7)
 * @param backlogOldest when the oldest of them was read; absent when none waits (since schema 7)
 */
public record SiteFacts(
    Instant collectedAt,
    String agentVersion,
    Optional<String> hostName,
    Optional<String> siteName,
    Optional<String> agentAddress,
    Optional<String> osName,
    Optional<String> osVersion,
    Optional<String> osArch,
    Optional<Integer> osBits,
    Optional<String> processor,
    Optional<Integer> processors,
    Optional<Long> memoryBytes,
    Optional<Long> memoryFreeBytes,
    Optional<Long> diskBytes,
    Optional<Long> diskFreeBytes,
    Optional<String> timeZone,
    Optional<Long> databaseBytes,
    Optional<Long> discoveryDataBytes,
    Optional<Integer> devicesDiscovered,
    Optional<Integer> printersManaged,
    Optional<Integer> printersOutOfScope,
    Optional<String> discoveryRulesVersion,
    Optional<String> syncAt,
    Optional<String> syncTimeZone,
    Optional<Integer> pollEverySeconds,
    Optional<Instant> nextSyncAt,
    Optional<Long> backlogReadings,
    Optional<Long> backlogBytes,
    Optional<Instant> backlogOldest) {

  /** A local time of day: {@code HH:MM}, or {@code HH:MM:SS}. */
  private static final Pattern LOCAL_TIME =
      Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?");

  /** The longest time between polls: a day. */
  private static final int DAY_SECONDS = 86_400;

  public SiteFacts {
    Objects.requireNonNull(collectedAt, "collectedAt");
    Objects.requireNonNull(agentVersion, "agentVersion");
    hostName = orEmpty(hostName);
    siteName = orEmpty(siteName);
    agentAddress = orEmpty(agentAddress);
    osName = orEmpty(osName);
    osVersion = orEmpty(osVersion);
    osArch = orEmpty(osArch);
    osBits = orEmpty(osBits);
    if (osBits.isPresent() && osBits.get() != 32 && osBits.get() != 64) {
      throw new IllegalArgumentException("osBits is 32 or 64, not " + osBits.get());
    }
    processor = orEmpty(processor);
    processors = atLeast(orEmpty(processors), 1, "processors");
    memoryBytes = atLeast(orEmpty(memoryBytes), 0, "memoryBytes");
    memoryFreeBytes = atLeast(orEmpty(memoryFreeBytes), 0, "memoryFreeBytes");
    diskBytes = atLeast(orEmpty(diskBytes), 0, "diskBytes");
    diskFreeBytes = atLeast(orEmpty(diskFreeBytes), 0, "diskFreeBytes");
    timeZone = orEmpty(timeZone);
    databaseBytes = atLeast(orEmpty(databaseBytes), 0, "databaseBytes");
    discoveryDataBytes = atLeast(orEmpty(discoveryDataBytes), 0, "discoveryDataBytes");
    devicesDiscovered = atLeast(orEmpty(devicesDiscovered), 0, "devicesDiscovered");
    printersManaged = atLeast(orEmpty(printersManaged), 0, "printersManaged");
    printersOutOfScope = atLeast(orEmpty(printersOutOfScope), 0, "printersOutOfScope");
    discoveryRulesVersion = orEmpty(discoveryRulesVersion);
    syncAt = orEmpty(syncAt);
    if (syncAt.isPresent() && !LOCAL_TIME.matcher(syncAt.get()).matches()) {
      throw new IllegalArgumentException("syncAt is HH:MM or HH:MM:SS, not " + syncAt.get());
    }
    syncTimeZone = orEmpty(syncTimeZone);
    pollEverySeconds = atLeast(orEmpty(pollEverySeconds), 1, "pollEverySeconds");
    if (pollEverySeconds.isPresent() && pollEverySeconds.get() > DAY_SECONDS) {
      throw new IllegalArgumentException(
          "pollEverySeconds is at most " + DAY_SECONDS + ", not " + pollEverySeconds.get());
    }
    nextSyncAt = orEmpty(nextSyncAt);
    backlogReadings = atLeast(orEmpty(backlogReadings), 0, "backlogReadings");
    backlogBytes = atLeast(orEmpty(backlogBytes), 0, "backlogBytes");
    backlogOldest = orEmpty(backlogOldest);
  }

  /** Facts of which only the time and the agent's version are known. */
  public static SiteFacts unknown(Instant collectedAt, String agentVersion) {
    Optional<String> s = Optional.empty();
    Optional<Integer> i = Optional.empty();
    Optional<Long> l = Optional.empty();
    Optional<Instant> t = Optional.empty();
    return new SiteFacts(
        collectedAt,
        agentVersion,
        s,
        s,
        s,
        s,
        s,
        s,
        i,
        s,
        i,
        l,
        l,
        l,
        l,
        s,
        l,
        l,
        i,
        i,
        i,
        s,
        s,
        s,
        i,
        t,
        l,
        l,
        t);
  }

  /**
   * These facts with the agent's schedule and backlog (schema {@code openrps.report/7}) as given,
   * every other fact kept.
   */
  public SiteFacts withSync(
      Optional<String> syncAt,
      Optional<String> syncTimeZone,
      Optional<Integer> pollEverySeconds,
      Optional<Instant> nextSyncAt,
      Optional<Long> backlogReadings,
      Optional<Long> backlogBytes,
      Optional<Instant> backlogOldest) {
    return new SiteFacts(
        collectedAt,
        agentVersion,
        hostName,
        siteName,
        agentAddress,
        osName,
        osVersion,
        osArch,
        osBits,
        processor,
        processors,
        memoryBytes,
        memoryFreeBytes,
        diskBytes,
        diskFreeBytes,
        timeZone,
        databaseBytes,
        discoveryDataBytes,
        devicesDiscovered,
        printersManaged,
        printersOutOfScope,
        discoveryRulesVersion,
        syncAt,
        syncTimeZone,
        pollEverySeconds,
        nextSyncAt,
        backlogReadings,
        backlogBytes,
        backlogOldest);
  }

  /** Whether a fact of schema {@code openrps.report/7} (the schedule, the backlog) is present. */
  boolean needsSchema7() {
    return syncAt.isPresent()
        || syncTimeZone.isPresent()
        || pollEverySeconds.isPresent()
        || nextSyncAt.isPresent()
        || backlogReadings.isPresent()
        || backlogBytes.isPresent()
        || backlogOldest.isPresent();
  }

  private static <T> Optional<T> orEmpty(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }

  private static <T extends Number> Optional<T> atLeast(Optional<T> value, long min, String name) {
    if (value.isPresent() && value.get().longValue() < min) {
      throw new IllegalArgumentException(name + " is at least " + min + ", not " + value.get());
    }
    return value;
  }
}
