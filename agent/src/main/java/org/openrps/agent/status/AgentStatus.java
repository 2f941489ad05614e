package org.openrps.agent.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openrps.wire.SnmpPosture;

/**
 * The agent's sync window at one moment: what {@code openrps agent status} prints and the local
 * page shows. Made by {@link AgentStatusReader} from the store, with the running agent's next
 * steps.
 *
 * @param at when it was read
 * @param next the next poll and sync: the running agent's, or the schedule's when it does not run
 * @param lastPoll the last poll of the targets, if any
 * @param lastExchange the last upload the server answered (an HTTP status came back)
 * @param lastUpload the last upload attempt, whatever came of it (the server may not have answered)
 * @param lastSyncAttempt when a sync last began talking to the server
 * @param lastSuccessfulSync when a sync last left nothing to send
 * @param backlog what waits for the server
 * @param devices every device the agent knows, by make, model and serial
 * @param remote what the server set and asked for through the command channel
 * @param lastSecretRotation when the agent's secret was last rotated (and the rotation confirmed)
 */
public record AgentStatus(
    Instant at,
    NextSteps next,
    Optional<LastPoll> lastPoll,
    Optional<Exchange> lastExchange,
    Optional<Exchange> lastUpload,
    Optional<Instant> lastSyncAttempt,
    Optional<Instant> lastSuccessfulSync,
    Backlog backlog,
    List<Device> devices,
    Remote remote,
    Optional<Instant> lastSecretRotation) {

  /** A device not heard for longer than this is flagged. */
  public static final Duration SILENT_AFTER = Duration.ofDays(1);

  public AgentStatus {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(next, "next");
    devices = List.copyOf(devices);
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(lastSecretRotation, "lastSecretRotation");
  }

  /**
   * The server's part in the agent's settings.
   *
   * @param fromServer the settings the server set, by configuration key, over the agent's file
   * @param changes the configuration changes the server asked for, newest first, applied or not
   * @param commands the commands the agent took, newest first, with their results
   */
  public record Remote(
      java.util.Map<String, String> fromServer,
      List<org.openrps.agent.store.ConfigOverrides.Change> changes,
      List<org.openrps.agent.store.CommandLog.Entry> commands) {
    public Remote {
      fromServer = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(fromServer));
      changes = List.copyOf(changes);
      commands = List.copyOf(commands);
    }

    /** Nothing from the server. */
    public static final Remote NONE = new Remote(java.util.Map.of(), List.of(), List.of());
  }

  /** Devices not heard for more than {@link #SILENT_AFTER}. */
  public long silentDevices() {
    return devices.stream().filter(Device::silent).count();
  }

  /**
   * The last poll of the targets.
   *
   * @param startedAt empty for a poll noted by an agent from before the poll log
   * @param addresses the addresses scanned; empty as {@code startedAt}
   * @param answered the printers that answered; empty as {@code startedAt}
   * @param unreachable the addresses that did not answer; empty as {@code startedAt}
   */
  public record LastPoll(
      Instant endedAt,
      Optional<Instant> startedAt,
      Optional<Integer> addresses,
      Optional<Integer> answered,
      Optional<Integer> unreachable) {}

  /**
   * An upload to the server.
   *
   * @param outcome acknowledged, duplicate, refused or failed
   * @param httpStatus the server's HTTP status; empty when none came
   * @param message the refusal or the error; empty when acknowledged
   */
  public record Exchange(
      Instant at,
      String outcome,
      Optional<Integer> httpStatus,
      String reportId,
      int devices,
      Optional<String> message) {}

  /**
   * What waits for the server.
   *
   * @param reports reports made and not acknowledged yet (sent again with the same id)
   * @param readings snapshots waiting, in those reports or not in a report yet
   * @param readingsNotInAReport snapshots queued since the last report was made
   * @param bytes the waiting snapshots' size as stored (JSON, before gzip)
   * @param oldest when the oldest waiting reading was taken
   * @param refusedReports reports the server refused, kept for another agent version
   * @param refusedReadings the snapshots in them
   */
  public record Backlog(
      long reports,
      long readings,
      long readingsNotInAReport,
      long bytes,
      Optional<Instant> oldest,
      long refusedReports,
      long refusedReadings) {}

  /**
   * A device and how it answered its latest poll.
   *
   * @param key {@code serial:<make>|<serial>} or {@code mac:<mac>}
   * @param sysName as the device calls itself (its own text: show it escaped)
   * @param lastHeard when it last answered a poll
   * @param snmp how it answered: SNMP version and security; empty when unknown
   * @param failures what could not be read at its latest poll, e.g. {@code supplies: timeout}
   * @param silent not heard for more than {@link #SILENT_AFTER}
   * @param credentialSet the name of the credential set that last opened its address (tried first
   *     at the next poll); empty when none is remembered
   */
  public record Device(
      String key,
      String make,
      String model,
      Optional<String> serial,
      Optional<String> sysName,
      String address,
      Instant lastHeard,
      Optional<SnmpPosture> snmp,
      List<String> failures,
      boolean silent,
      Optional<String> credentialSet) {
    public Device {
      failures = List.copyOf(failures);
      java.util.Objects.requireNonNull(credentialSet, "credentialSet");
    }
  }
}
