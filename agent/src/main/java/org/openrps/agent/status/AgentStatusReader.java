package org.openrps.agent.status;

import java.time.Instant;
import java.util.Optional;
import org.openrps.agent.poll.SnmpAccess;
import org.openrps.agent.store.AgentEvent;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.StatusQueries;
import org.openrps.wire.SnmpPosture;

/**
 * Reads the {@link AgentStatus} from the agent's store (opened read-only, or the agent's own), with
 * the next steps told by the running agent or computed from its schedule. Writes nothing.
 */
public final class AgentStatusReader {

  private AgentStatusReader() {}

  /** The status at {@code now}. */
  /** How many configuration changes and commands the status shows. */
  static final int RECENT = 10;

  private static AgentStatus.Remote remote(AgentStore store) {
    return new AgentStatus.Remote(
        new org.openrps.agent.store.ConfigOverrides(store).current(),
        new org.openrps.agent.store.ConfigOverrides(store).changes(RECENT),
        new org.openrps.agent.store.CommandLog(store).recent(RECENT));
  }

  public static AgentStatus read(AgentStore store, NextSteps next, Instant now) {
    StatusQueries q = new StatusQueries(store);
    Optional<AgentStatus.LastPoll> lastPoll = lastPoll(store, q);
    StatusQueries.Backlog waiting = q.backlog();
    StatusQueries.Refused refused = q.refused();
    AgentStatus.Backlog backlog =
        new AgentStatus.Backlog(
            store.openReportCount(),
            waiting.readings(),
            store.unassignedCount(),
            waiting.bytes(),
            waiting.oldest(),
            refused.reports(),
            refused.readings());
    Instant silentBefore = now.minus(AgentStatus.SILENT_AFTER);
    java.util.Map<String, String> sets = store.credentialSets();
    return new AgentStatus(
        now,
        next,
        lastPoll,
        q.lastAnsweredUpload().map(AgentStatusReader::exchange),
        q.lastUpload().map(AgentStatusReader::exchange),
        store.lastTime(AgentEvent.SYNC_ATTEMPTED),
        store.lastTime(AgentEvent.SYNCED),
        backlog,
        q.devices().stream()
            .map(
                d -> {
                  Instant heard = d.polledAt().orElse(d.lastSeen());
                  return new AgentStatus.Device(
                      d.key(),
                      d.make(),
                      d.model(),
                      d.serial(),
                      d.sysName(),
                      d.address(),
                      heard,
                      posture(d.snmpVersion(), d.snmpSecurity()),
                      d.failures(),
                      heard.isBefore(silentBefore),
                      Optional.ofNullable(sets.get(d.address())));
                })
            .toList(),
        remote(store),
        store.lastTime(AgentEvent.SECRET_ROTATED));
  }

  private static Optional<AgentStatus.LastPoll> lastPoll(AgentStore store, StatusQueries q) {
    Optional<Instant> polled = store.lastTime(AgentEvent.POLLED);
    Optional<StatusQueries.PollRun> run = q.lastPollRun();
    if (run.isPresent()
        && (polled.isEmpty() || !run.get().endedAt().isBefore(polled.get().minusSeconds(1)))) {
      StatusQueries.PollRun r = run.get();
      return Optional.of(
          new AgentStatus.LastPoll(
              r.endedAt(),
              Optional.of(r.startedAt()),
              Optional.of(r.addresses()),
              Optional.of(r.printers()),
              Optional.of(r.unreachable())));
    }
    return polled.map(
        t ->
            new AgentStatus.LastPoll(
                t, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
  }

  private static AgentStatus.Exchange exchange(StatusQueries.Upload u) {
    return new AgentStatus.Exchange(
        u.attemptedAt(),
        u.outcome().name(),
        u.httpStatus() == 0 ? Optional.empty() : Optional.of(u.httpStatus()),
        u.reportId(),
        u.devices(),
        u.message().isEmpty() ? Optional.empty() : Optional.of(u.message()));
  }

  /** {@code v2c community}, {@code v3 authPriv SHA-256/AES-256}; empty when not known. */
  static Optional<SnmpPosture> posture(Optional<String> version, Optional<String> security) {
    if (version.isEmpty() || security.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SnmpAccess(version.get(), security.get(), "").posture());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
