package org.openrps.device;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * How a Device Direct module reaches its server.
 *
 * @param server the server's base URL, https only
 * @param trust the pinned CA or server certificate (PEM); empty for the system trust store
 * @param enrolmentCode the one-time code for the first start; not needed once enrolled
 * @param dataDir where the module keeps its credentials, its queue of unsent reports and the
 *     commands it applied (a few kilobytes)
 * @param reportAt the time of day of the daily report
 * @param zone the zone of {@code reportAt}
 * @param queueSize how many unsent reports wait at most; past it the oldest is dropped and counted
 * @param faultCheck how often the module looks for a new fault (reported at once)
 * @param commandPoll the longest wait between two command fetches while one is pending (the server
 *     may ask for sooner)
 * @param version the module's version, as reported
 * @param clock the device's clock (its errors do not matter for expiry, judged on server time)
 */
public record DeviceDirectConfig(
    URI server,
    Optional<Path> trust,
    Optional<String> enrolmentCode,
    Path dataDir,
    LocalTime reportAt,
    ZoneId zone,
    int queueSize,
    Duration faultCheck,
    Duration commandPoll,
    String version,
    Clock clock) {

  /** The queue size when none is given. */
  public static final int DEFAULT_QUEUE_SIZE = 32;

  public DeviceDirectConfig {
    Objects.requireNonNull(server, "server");
    if (!"https".equalsIgnoreCase(server.getScheme())) {
      throw new IllegalArgumentException("the server URL must be https: " + server);
    }
    trust = trust == null ? Optional.empty() : trust;
    enrolmentCode = enrolmentCode == null ? Optional.empty() : enrolmentCode;
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(reportAt, "reportAt");
    Objects.requireNonNull(zone, "zone");
    if (queueSize < 1) {
      throw new IllegalArgumentException("the queue holds at least one report: " + queueSize);
    }
    Objects.requireNonNull(faultCheck, "faultCheck");
    Objects.requireNonNull(commandPoll, "commandPoll");
    if (faultCheck.isNegative() || faultCheck.isZero() || commandPoll.isNegative()) {
      throw new IllegalArgumentException("fault check and command poll must be positive");
    }
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * A configuration with the defaults: daily at 02:00 UTC, 32 reports, faults checked each 30 s.
   */
  public static DeviceDirectConfig of(
      URI server, Optional<Path> trust, Optional<String> enrolmentCode, Path dataDir) {
    return new DeviceDirectConfig(
        server,
        trust,
        enrolmentCode,
        dataDir,
        LocalTime.of(2, 0),
        ZoneId.of("UTC"),
        DEFAULT_QUEUE_SIZE,
        Duration.ofSeconds(30),
        Duration.ofMinutes(3),
        "0.1.0",
        Clock.systemUTC());
  }

  public DeviceDirectConfig withReportAt(LocalTime time, ZoneId in) {
    return new DeviceDirectConfig(
        server,
        trust,
        enrolmentCode,
        dataDir,
        time,
        in,
        queueSize,
        faultCheck,
        commandPoll,
        version,
        clock);
  }

  public DeviceDirectConfig withQueueSize(int size) {
    return new DeviceDirectConfig(
        server,
        trust,
        enrolmentCode,
        dataDir,
        reportAt,
        zone,
        size,
        faultCheck,
        commandPoll,
        version,
        clock);
  }

  public DeviceDirectConfig withFaultCheck(Duration every) {
    return new DeviceDirectConfig(
        server,
        trust,
        enrolmentCode,
        dataDir,
        reportAt,
        zone,
        queueSize,
        every,
        commandPoll,
        version,
        clock);
  }

  public DeviceDirectConfig withCommandPoll(Duration every) {
    return new DeviceDirectConfig(
        server,
        trust,
        enrolmentCode,
        dataDir,
        reportAt,
        zone,
        queueSize,
        faultCheck,
        every,
        version,
        clock);
  }

  public DeviceDirectConfig withClock(Clock other) {
    return new DeviceDirectConfig(
        server,
        trust,
        enrolmentCode,
        dataDir,
        reportAt,
        zone,
        queueSize,
        faultCheck,
        commandPoll,
        version,
        other);
  }
}
