package org.openrps.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openrps.agent.AgentVersion;
import org.openrps.agent.report.AuditReport;
import org.openrps.agent.report.AuditReportReader;
import org.openrps.agent.report.CsvReport;
import org.openrps.agent.report.HtmlReport;
import org.openrps.agent.store.AgentStore;
import org.openrps.client.Credentials;
import org.openrps.wire.WireJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code openrps agent report}: the audit report of what the agent holds, as HTML or CSV, from its
 * database (read only, also while the agent runs), written to a file atomically: the file is whole,
 * or as it was.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the audit report of everything the agent holds, as HTML or CSV.",
      "",
      "Every device (make, model, serial, address, name and location as read, first and last"
          + " seen, whether it answers and since when), its current meters (flagged ones as"
          + " flagged), supplies, active alerts and SNMP security posture (v1/v2c, MD5, SHA-1,"
          + " DES and no privacy flagged as weak), and the history of the uploads to the server"
          + " with the server's receipts. HTML is one self-contained page, printable; CSV is one"
          + " table with a leading section column (RFC 4180). Reads the agent's database only,"
          + " and works while the agent runs; the running agent's local page serves the same."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:written",
      "2:no agent database there, or not the agent's; or the file cannot be written"
    })
final class AgentReportCommand implements Callable<Integer> {

  /** The report's formats. */
  enum Format {
    html,
    csv
  }

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @ParentCommand AgentCommand parent;
  @Mixin AgentDataOptions where;

  @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "html or csv.")
  Format format;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Where to write the report (replaced whole, atomically).")
  Path outFile;

  /** Stands in for the wall clock in tests; the system clock otherwise. */
  Clock clock = Clock.systemDefaultZone();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Logging.quiet();
    Path dir = where.dataDir(parent, err);
    Path db = dir.resolve("agent.db");
    if (!Files.isRegularFile(db)) {
      err.println("openrps agent report: no agent database in " + dir + "; nothing written");
      err.flush();
      return 2;
    }
    AuditReport.Origin origin =
        new AuditReport.Origin(agentId(dir, err), AgentVersion.VERSION, siteName(err));
    AgentStore store;
    try {
      store = AgentStore.openReadOnly(db, WireJson.newMapper());
    } catch (AgentStore.Unusable e) {
      throw new UserFacingException(e.getMessage() + "; nothing written", e);
    }
    AuditReport report;
    try (store) {
      report = AuditReportReader.read(store, origin, clock.instant());
    } catch (RuntimeException e) {
      err.println(
          "openrps agent report: cannot read "
              + db
              + ": "
              + AgentStore.reason(e)
              + "; nothing written");
      err.flush();
      return 2;
    }
    String text =
        switch (format) {
          case html -> HtmlReport.render(report, zone(err));
          case csv -> CsvReport.render(report);
        };
    try {
      writeAtomically(outFile, text);
    } catch (IOException e) {
      err.println(
          "openrps agent report: cannot write "
              + outFile
              + ": "
              + reason(e)
              + "; nothing written there");
      err.flush();
      return 2;
    }
    out.printf(
        "openrps agent: report of %d %s written to %s%n",
        report.devices().size(), report.devices().size() == 1 ? "device" : "devices", outFile);
    out.flush();
    return 0;
  }

  /**
   * Writes {@code text} to a new file next to {@code file}, then moves it in its place in one step:
   * a reader sees the old file or the new one, never half of one.
   */
  static void writeAtomically(Path file, String text) throws IOException {
    Path target = file.toAbsolutePath();
    Path parent = target.getParent();
    Path tmp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The agent's id from its credentials file, when there is one (the secret is not kept). */
  private Optional<String> agentId(Path dir, PrintWriter err) {
    Path file = where.credentialsFile(dir, parent, err);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Credentials.load(file).agentId());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private Optional<String> siteName(PrintWriter err) {
    var given = parent.spec.commandLine().getParseResult();
    if (given != null && given.hasMatchedOption("--site-name")) {
      return parent.siteName.map(String::strip).filter(s -> !s.isEmpty());
    }
    return where.configValue(parent, err, "site-name").filter(s -> !s.isEmpty());
  }

  private ZoneId zone(PrintWriter err) {
    try {
      return parent
          .timeZone
          .or(() -> where.configValue(parent, err, "time-zone").map(ZoneId::of))
          .orElse(ZoneId.systemDefault());
    } catch (java.time.DateTimeException e) {
      throw new UserFacingException("time-zone: " + e.getMessage(), e);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
