package org.openrps.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.openrps.agent.AgentDaemon;
import org.openrps.agent.SyncOutcome;
import org.openrps.agent.status.NextSteps;
import org.openrps.wire.WireJson;

/**
 * Answers the running agent's control socket: {@code sync-now} syncs (after the step under way) and
 * answers with the outcome; {@code status} answers with the next scheduled steps, {@code
 * status-json} with the same as {@link NextSteps} JSON (for {@code agent status}).
 */
final class ControlRequests implements Function<String, String> {

  static final String SYNC_NOW = "sync-now";
  static final String POLL_AND_SYNC_NOW = "poll-and-sync-now";
  static final String STATUS = "status";
  static final String STATUS_JSON = "status-json";
  static final String OK = "ok: ";
  static final String FAILED = "failed: ";

  private static final ObjectMapper MAPPER = WireJson.newMapper();

  private final AgentDaemon daemon;
  private final DaemonPrinter printer;

  ControlRequests(AgentDaemon daemon, DaemonPrinter printer) {
    this.daemon = daemon;
    this.printer = printer;
  }

  @Override
  public String apply(String request) {
    switch (request) {
      case SYNC_NOW:
        return syncNow();
      case POLL_AND_SYNC_NOW:
        daemon.requestPoll();
        return syncNow();
      case STATUS:
        return OK + printer.next(daemon.status());
      case STATUS_JSON:
        return OK + json(NextSteps.of(daemon.status()));
      case "ping":
        return OK + "running";
      default:
        return FAILED
            + "unknown request '"
            + request
            + "' (known: sync-now, poll-and-sync-now, status, status-json)";
    }
  }

  private static String json(NextSteps next) {
    try {
      return MAPPER.writeValueAsString(next);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the next steps", e);
    }
  }

  /** The running agent's next steps from a {@code status-json} answer. */
  static NextSteps nextSteps(String answer) {
    if (!answer.startsWith(OK)) {
      throw new IllegalStateException("the agent answered: " + answer);
    }
    try {
      return MAPPER.readValue(answer.substring(OK.length()), NextSteps.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the agent's answer cannot be read: " + e.getMessage(), e);
    }
  }

  private String syncNow() {
    SyncOutcome outcome;
    try {
      outcome = daemon.requestSync().get();
    } catch (CancellationException e) {
      return FAILED + "the agent is stopping; nothing sent";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FAILED + "interrupted";
    } catch (ExecutionException e) {
      return FAILED + e.getCause();
    }
    if (outcome.failure().isPresent()) {
      String why = outcome.failure().get().getMessage();
      return FAILED
          + (why.startsWith("sync failed: ") ? why.substring("sync failed: ".length()) : why)
          + "; the agent tries again later";
    }
    String refused =
        outcome.refused().isEmpty()
            ? ""
            : String.format(
                Locale.ROOT, "; %d refused by the server (kept)", outcome.refused().size());
    return String.format(
        Locale.ROOT,
        "%ssync done: %d reports acknowledged (%d readings)%s",
        OK,
        outcome.reportsAcknowledged(),
        outcome.snapshotsAcknowledged(),
        refused);
  }
}
