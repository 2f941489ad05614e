package org.openrps.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openrps.agent.AgentDaemon;
import org.openrps.agent.AgentException;
import org.openrps.agent.PollResult;
import org.openrps.agent.SyncOutcome;
import org.openrps.agent.mail.AlertMonitor;
import org.openrps.agent.mail.CheckResult;

/**
 * The agent's e-mail alerts checked after each poll and each sync of the running agent: wraps the
 * daemon's {@link AgentDaemon.Listener} (the daemon itself knows nothing of mail), and prints one
 * line per e-mail sent or not sent.
 */
final class AlertLines implements AgentDaemon.Listener {

  private final AgentDaemon.Listener inner;
  private final AlertMonitor monitor;
  private final Clock clock;
  private final PrintWriter out;
  private final PrintWriter err;

  AlertLines(
      AgentDaemon.Listener inner,
      AlertMonitor monitor,
      Clock clock,
      PrintWriter out,
      PrintWriter err) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
  }

  @Override
  public void polled(PollResult result) {
    inner.polled(result);
    check();
  }

  @Override
  public void pollFailed(AgentException e) {
    inner.pollFailed(e);
  }

  @Override
  public void synced(SyncOutcome outcome, long kept, Optional<Instant> retryAt) {
    inner.synced(outcome, kept, retryAt);
    check();
  }

  @Override
  public void missed(AgentDaemon.Step step, Instant due, Instant next) {
    inner.missed(step, due, next);
  }

  @Override
  public void waiting(AgentDaemon.Status status) {
    inner.waiting(status);
  }

  @Override
  public void commands(org.openrps.agent.command.AgentCommands.Check check) {
    inner.commands(check);
  }

  @Override
  public void reconfigured(org.openrps.agent.remote.EffectiveSettings settings) {
    inner.reconfigured(settings);
  }

  /** Checks the rules now and prints what went. */
  void check() {
    print(monitor.check(clock.instant()), out, err);
  }

  /** One line per e-mail sent (standard output) or not sent (standard error). */
  static void print(CheckResult result, PrintWriter out, PrintWriter err) {
    for (CheckResult.Mail m : result.mailed()) {
      out.println("openrps agent: mail sent to " + String.join(", ", m.to()) + ": " + m.subject());
    }
    out.flush();
    for (CheckResult.Failure f : result.failed()) {
      err.println(
          "openrps agent: mail to "
              + String.join(", ", f.mail().to())
              + " not sent, kept for the next check: "
              + f.reason());
    }
    err.flush();
  }
}
