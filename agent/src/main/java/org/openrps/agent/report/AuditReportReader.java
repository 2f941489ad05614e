package org.openrps.agent.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import org.openrps.agent.status.AgentStatus;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.LoggedUpload;
import org.openrps.agent.store.ReportQueries;
import org.openrps.agent.store.StatusQueries;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceSnapshot;

/**
 * Reads one {@link AuditReport} from the agent's store (opened read-only while the agent runs, or
 * the agent's own). Writes nothing.
 */
public final class AuditReportReader {

  private AuditReportReader() {}

  /** The report as the store holds it at {@code now}. */
  public static AuditReport read(AgentStore store, AuditReport.Origin origin, Instant now) {
    ReportQueries q = new ReportQueries(store);
    List<StatusQueries.PollRun> runs = q.pollRuns();
    Map<Long, List<Instant>> polls =
        runs.isEmpty() ? Map.of() : q.pollTimes(runs.get(0).startedAt());
    var meters = q.latestMeters();
    var supplies = q.latestSupplies();
    var status = q.latestStatus();
    var snapshots = q.latestSnapshots();
    var sets = q.answeringSets();
    List<AuditReport.Device> devices =
        q.devices().stream()
            .map(
                d -> {
                  Optional<DeviceSnapshot> snapshot = Optional.ofNullable(snapshots.get(d.id()));
                  Optional<ReportQueries.AnsweringSet> set =
                      Optional.ofNullable(sets.get(d.address()));
                  return new AuditReport.Device(
                      d.key(),
                      d.make(),
                      d.model(),
                      d.serial(),
                      d.mac(),
                      d.address(),
                      d.sysName(),
                      snapshot.flatMap(s -> s.identity().location()),
                      d.firstSeen(),
                      d.lastSeen(),
                      reachability(d, runs, polls.getOrDefault(d.id(), List.of()), now),
                      meters.getOrDefault(d.id(), List.of()),
                      supplies.getOrDefault(d.id(), List.of()),
                      Optional.ofNullable(status.get(d.id())),
                      snapshot.map(DeviceSnapshot::alerts).map(AuditReportReader::sorted),
                      snmp(d, set));
                })
            .toList();
    List<AuditReport.Upload> uploads =
        store.uploads(Integer.MAX_VALUE).stream().map(AuditReportReader::upload).toList();
    return new AuditReport(now, origin, devices, uploads);
  }

  /**
   * Whether {@code d} answered the latest poll of the targets, and since when (see {@link
   * AuditReport.Reachability}). Without a remembered poll of the targets, a device heard within
   * {@link AgentStatus#SILENT_AFTER} counts as reachable.
   *
   * @param runs the polls of the targets, oldest first
   * @param times when the device answered, from the oldest of {@code runs} on
   */
  static AuditReport.Reachability reachability(
      ReportQueries.Device d, List<StatusQueries.PollRun> runs, List<Instant> times, Instant now) {
    if (runs.isEmpty()) {
      boolean heard = !d.lastSeen().isBefore(now.minus(AgentStatus.SILENT_AFTER));
      return new AuditReport.Reachability(heard, heard ? d.firstSeen() : d.lastSeen());
    }
    NavigableSet<Instant> answered = new TreeSet<>(times);
    Optional<StatusQueries.PollRun> lastMissed = Optional.empty();
    Optional<StatusQueries.PollRun> firstMissedSinceLastAnswer = Optional.empty();
    boolean missedLatest = false;
    for (int i = runs.size() - 1; i >= 0; i--) {
      StatusQueries.PollRun run = runs.get(i);
      if (run.endedAt().isBefore(d.firstSeen())) {
        break; // the device was not known yet
      }
      Instant hit = answered.ceiling(run.startedAt());
      boolean missed = hit == null || hit.isAfter(run.endedAt());
      if (i == runs.size() - 1) {
        missedLatest = missed;
      }
      if (!missed) {
        if (missedLatest) {
          break; // the first poll it missed after this answer is known
        }
        continue;
      }
      if (missedLatest) {
        firstMissedSinceLastAnswer = Optional.of(run);
      } else {
        lastMissed = Optional.of(run);
        break;
      }
    }
    if (missedLatest) {
      return new AuditReport.Reachability(
          false,
          firstMissedSinceLastAnswer.map(StatusQueries.PollRun::startedAt).orElse(d.lastSeen()));
    }
    Instant since =
        lastMissed
            .map(m -> Optional.ofNullable(answered.higher(m.endedAt())).orElse(d.lastSeen()))
            .orElse(d.firstSeen());
    return new AuditReport.Reachability(true, since);
  }

  private static Optional<AuditReport.Snmp> snmp(
      ReportQueries.Device d, Optional<ReportQueries.AnsweringSet> set) {
    Optional<String> setName = set.map(ReportQueries.AnsweringSet::setName);
    if (set.isPresent() && set.get().version().isPresent()) {
      ReportQueries.AnsweringSet s = set.get();
      return Optional.of(SnmpWeakness.posture(s.version().get(), s.auth(), s.priv(), setName));
    }
    if (d.snmpVersion().isEmpty()) {
      return Optional.empty();
    }
    // from the device's latest poll: "community", or the v3 protocols as "sha256/aes128"
    String version = d.snmpVersion().get();
    String[] protocols = d.snmpSecurity().orElse("").split("/", 2);
    boolean v3 = version.equals("v3");
    return Optional.of(
        SnmpWeakness.posture(
            version,
            v3 && !protocols[0].isEmpty() ? Optional.of(protocols[0]) : Optional.empty(),
            v3 && protocols.length > 1 ? Optional.of(protocols[1]) : Optional.empty(),
            setName));
  }

  private static List<AlertReading> sorted(List<AlertReading> alerts) {
    return alerts.stream().sorted(java.util.Comparator.comparingInt(AlertReading::index)).toList();
  }

  private static AuditReport.Upload upload(LoggedUpload u) {
    return new AuditReport.Upload(
        u.attemptedAt(),
        u.reportId(),
        u.devices(),
        u.outcome(),
        u.httpStatus() == 0 ? Optional.empty() : Optional.of(u.httpStatus()),
        u.receipt(),
        u.refusalCode(),
        u.message());
  }
}
