package org.openrps.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.LoggedUpload;
import org.openrps.agent.store.UploadAttempt;
import org.openrps.agent.store.UploadOutcome;
import org.openrps.wire.Receipt;
import org.openrps.wire.WireJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code openrps agent outbox}: what the agent sent, from its upload log, and what waits. Reads the
 * agent's database only, and works while the agent runs.
 */
@Command(
    name = "outbox",
    mixinStandardHelpOptions = true,
    description = {
      "Lists every upload the agent made, and what waits for the next sync.",
      "",
      "Newest first: time, report id, devices, bytes on the wire and their SHA-256"
          + " (compare with the server's logs), and the server's receipt, refusal or the"
          + " error. Reads the agent's database only: needs neither the server nor the"
          + " printers, and works while the agent runs."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:listed", "2:no agent database there, or not the agent's"})
final class AgentOutboxCommand implements Callable<Integer> {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @ParentCommand AgentCommand parent;
  @Mixin AgentDataOptions where;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "The most uploads listed, newest first (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print JSON, for scripts.")
  boolean json;

  /** The log as {@code --json} prints it. */
  record Outbox(List<Entry> uploads, long uploadsLogged, Waiting waiting, List<Refused> refused) {}

  /** One upload; {@code bytes} and {@code sha256} are absent when no body was built. */
  record Entry(
      Instant attemptedAt,
      String reportId,
      int devices,
      Optional<Integer> bytes,
      Optional<String> sha256,
      boolean sent,
      UploadOutcome outcome,
      Optional<Integer> httpStatus,
      Optional<Receipt> receipt,
      Optional<String> refusalCode,
      Optional<String> message) {}

  /** What the next sync sends. */
  record Waiting(long reports, long snapshots, long snapshotsNotInAReport) {}

  /** A refused report kept for another agent version. */
  record Refused(
      String reportId,
      Instant refusedAt,
      int status,
      String code,
      String message,
      String refusedVersion,
      int snapshots) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Logging.quiet();
    if (limit < 1) {
      throw new UserFacingException("--limit must be at least 1, not " + limit);
    }
    Path dir = where.dataDir(parent, err);
    Path db = dir.resolve("agent.db");
    if (!Files.isRegularFile(db)) {
      err.println("openrps agent outbox: no agent database in " + dir);
      err.flush();
      return 2;
    }
    AgentStore store;
    try {
      store = AgentStore.openReadOnly(db, WireJson.newMapper());
    } catch (AgentStore.Unusable e) {
      throw new UserFacingException(e.getMessage(), e);
    }
    Outbox outbox;
    try (store) {
      List<Entry> uploads = store.uploads(limit).stream().map(AgentOutboxCommand::entry).toList();
      long pending = store.pendingCount();
      Waiting waiting = new Waiting(store.openReportCount(), pending, store.unassignedCount());
      List<Refused> refused =
          store.refused().stream()
              .map(
                  r ->
                      new Refused(
                          r.reportId(),
                          r.refusedAt(),
                          r.status(),
                          r.code(),
                          r.message(),
                          r.refusedVersion(),
                          r.items()))
              .toList();
      outbox = new Outbox(uploads, store.uploadCount(), waiting, refused);
    }
    if (json) {
      ObjectMapper mapper = WireJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
      out.println(mapper.writeValueAsString(outbox));
    } else {
      print(out, outbox, ZoneId.systemDefault());
    }
    out.flush();
    return 0;
  }

  private static Entry entry(LoggedUpload u) {
    return new Entry(
        u.attemptedAt(),
        u.reportId(),
        u.devices(),
        u.body().map(UploadAttempt.Body::bytes),
        u.body().map(UploadAttempt.Body::sha256),
        u.sent(),
        u.outcome(),
        u.httpStatus() == 0 ? Optional.empty() : Optional.of(u.httpStatus()),
        u.receipt(),
        u.refusalCode().isEmpty() ? Optional.empty() : Optional.of(u.refusalCode()),
        u.message().isEmpty() ? Optional.empty() : Optional.of(u.message()));
  }

  static void print(PrintWriter out, Outbox outbox, ZoneId zone) {
    if (outbox.uploads().isEmpty()) {
      out.println("No uploads yet.");
    } else {
      out.printf(
          "Uploads, newest first (%d of %d; local time, %s):%n",
          outbox.uploads().size(), outbox.uploadsLogged(), zone.getId());
      for (Entry e : outbox.uploads()) {
        out.println();
        out.printf(
            "%s  %-12s  report %s, %d %s%n",
            LOCAL.format(e.attemptedAt().atZone(zone)),
            e.outcome(),
            e.reportId(),
            e.devices(),
            e.devices() == 1 ? "device" : "devices");
        if (e.bytes().isPresent()) {
          out.printf(
              "  %s  sha256 %s%n",
              e.sent()
                  ? String.format(Locale.ROOT, "%,d bytes", e.bytes().get())
                  : String.format(Locale.ROOT, "not sent (%,d bytes built)", e.bytes().get()),
              e.sha256().orElse(""));
        }
        out.println("  " + answer(e, zone));
      }
    }
    Waiting w = outbox.waiting();
    out.println();
    out.printf(
        Locale.ROOT,
        "Waiting for the next sync: %d %s made and not acknowledged, %d %s in all (%d not in a"
            + " report yet)%n",
        w.reports(),
        w.reports() == 1 ? "report" : "reports",
        w.snapshots(),
        w.snapshots() == 1 ? "snapshot" : "snapshots",
        w.snapshotsNotInAReport());
    if (outbox.refused().isEmpty()) {
      out.println("Refused reports kept: none");
    } else {
      out.printf(
          "Refused reports kept, sent again by another agent version: %d%n",
          outbox.refused().size());
      for (Refused r : outbox.refused()) {
        out.printf(
            "  report %s (%d snapshots), refused %s by agent %s: %s%n",
            r.reportId(),
            r.snapshots(),
            LOCAL.format(r.refusedAt().atZone(zone)),
            r.refusedVersion(),
            r.message());
      }
    }
  }

  private static String withStatus(String message, String status) {
    return message.contains("[HTTP ") ? message : message + status;
  }

  /** The server's receipt, refusal, or the error, in one line. */
  private static String answer(Entry e, ZoneId zone) {
    String status = e.httpStatus().map(s -> " [HTTP " + s + "]").orElse("");
    switch (e.outcome()) {
      case acknowledged:
      case duplicate:
        return e.receipt()
            .map(
                r ->
                    "receipt: report "
                        + r.reportId()
                        + ", "
                        + r.devices()
                        + " devices, stored by the server at "
                        + LOCAL.format(r.receivedAt().atZone(zone))
                        + (r.duplicate() ? " (already there: a re-send, stored once)" : "")
                        + status)
            .orElse("receipt" + status);
      case refused:
        return "refused: " + withStatus(e.message().orElse(""), status);
      default:
        return "error: " + withStatus(e.message().orElse("unknown"), status);
    }
  }
}
