package org.openrps.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.openrps.agent.AgentDaemon;
import org.openrps.agent.AgentException;
import org.openrps.agent.PollResult;
import org.openrps.agent.SyncOutcome;
import org.openrps.agent.store.RefusedReport;

/** What the running agent tells its operator: one line per step, failures as one line each. */
final class DaemonPrinter implements AgentDaemon.Listener {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private final PrintWriter out;
  private final PrintWriter err;
  private final ZoneId zone;
  private final Clock clock;
  private boolean debug;

  DaemonPrinter(PrintWriter out, PrintWriter err, ZoneId zone, Clock clock) {
    this.out = out;
    this.err = err;
    this.zone = zone;
    this.clock = clock;
  }

  DaemonPrinter debug(boolean on) {
    this.debug = on;
    return this;
  }

  @Override
  public synchronized void polled(PollResult r) {
    out.printf(
        Locale.ROOT,
        "openrps agent: poll done: %d addresses, %d printers, %d out of scope, %d unreachable;"
            + " %d readings queued%n",
        r.addressesScanned(),
        r.printersFound(),
        r.outOfScope(),
        r.unreachable(),
        r.readingsQueued());
    out.flush();
    r.storeFailure()
        .ifPresent(
            e ->
                problem(
                    e.getMessage()
                        + ": this poll's readings were not stored; the next poll tries again",
                    e));
  }

  @Override
  public synchronized void pollFailed(AgentException e) {
    problem(e.getMessage() + ": nothing stored, the next poll tries again", e);
  }

  @Override
  public synchronized void synced(SyncOutcome outcome, long kept, Optional<Instant> retryAt) {
    for (RefusedReport r : outcome.refused()) {
      problem(AgentCommand.refusal(r), null);
    }
    if (outcome.failure().isPresent()) {
      AgentException e = outcome.failure().get();
      String next =
          retryAt
              .map(t -> ", next try in " + Durations.human(Duration.between(clock.instant(), t)))
              .orElse(" for the next sync");
      problem(AgentCommand.failure(e, kept, next, false), e);
      return;
    }
    out.printf(
        Locale.ROOT,
        "openrps agent: sync done: %d reports acknowledged (%d readings)%s%n",
        outcome.reportsAcknowledged(),
        outcome.snapshotsAcknowledged(),
        kept > 0 ? String.format(Locale.ROOT, "; %,d readings wait in the outbox", kept) : "");
    out.flush();
  }

  @Override
  public synchronized void missed(AgentDaemon.Step step, Instant due, Instant next) {
    out.printf(
        "openrps agent: the %s of %s was missed (host off or asleep); next %s at %s%n",
        step, at(due), step, at(next));
    out.flush();
  }

  @Override
  public synchronized void waiting(AgentDaemon.Status status) {
    out.println("openrps agent: " + next(status));
    out.flush();
  }

  @Override
  public synchronized void commands(org.openrps.agent.command.AgentCommands.Check check) {
    for (org.openrps.agent.command.AgentCommands.Finished f : check.finished()) {
      out.println(line(f));
    }
    out.flush();
    check.failure().ifPresent(f -> problem(f + "; tried again at the next check", null));
  }

  /** "openrps agent: command cmd-… configure done: applied: poll-every 2h -> 1h". */
  static String line(org.openrps.agent.command.AgentCommands.Finished f) {
    return "openrps agent: command "
        + f.command().id()
        + " "
        + f.command().type()
        + " "
        + f.result().outcome()
        + ": "
        + f.result().message();
  }

  @Override
  public synchronized void reconfigured(org.openrps.agent.remote.EffectiveSettings settings) {
    out.printf(
        "openrps agent: settings from the server applied: poll every %s, sync daily at %s%s%n",
        Durations.human(settings.schedule().pollEvery()),
        settings.schedule().syncAt(),
        settings.enabled() ? "" : "; DISABLED by the server (no polls or syncs until enabled)");
    out.flush();
  }

  /** "next poll at 2026-12-02 10:00 (in 1 h 12 min), next sync at ... ". */
  String next(AgentDaemon.Status status) {
    if (!status.enabled()) {
      return "disabled by the server: no polls or syncs until it enables this agent again";
    }
    StringBuilder line =
        new StringBuilder("next poll at ")
            .append(when(status.nextPoll()))
            .append(", next sync at ")
            .append(when(status.nextSync()));
    status
        .retryAt()
        .filter(r -> r.isBefore(status.nextSync()))
        .ifPresent(r -> line.append(", sync retry at ").append(when(r)));
    return line.toString();
  }

  private String when(Instant t) {
    Duration in = Duration.between(clock.instant(), t);
    return at(t) + " (in " + Durations.human(in.isNegative() ? Duration.ZERO : in) + ")";
  }

  private String at(Instant t) {
    return LOCAL.format(t.atZone(zone));
  }

  synchronized void problem(String line, Throwable cause) {
    AgentCommand.problem(err, line, cause, debug);
  }
}
