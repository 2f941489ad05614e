package org.openrps.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openrps.agent.control.ControlClient;
import org.openrps.agent.remote.RemoteSettings;
import org.openrps.agent.schedule.Schedule;
import org.openrps.agent.status.AgentStatus;
import org.openrps.agent.status.AgentStatusReader;
import org.openrps.agent.status.NextSteps;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.CommandLog;
import org.openrps.agent.store.ConfigOverrides;
import org.openrps.wire.WireJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code openrps agent status}: the sync window, from the agent's database (read only) and, when
 * the agent runs, its next steps through the control socket.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the agent's sync window and how each device answered.",
      "",
      "The last data from the devices, the last exchange with the server, the last"
          + " successful sync, the next poll and sync, the outbox backlog, and each device with"
          + " when it was last heard and how it answered. Reads the agent's database only, and"
          + " works whether the agent runs or not (when it does not, the next times are the"
          + " schedule's: give the agent's --sync-at, --poll-every, --time-zone or --config)."
          + " The running agent's local page shows the same."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "2:no agent database there, or not the agent's"})
final class AgentStatusCommand implements Callable<Integer> {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @ParentCommand AgentCommand parent;
  @Mixin AgentDataOptions where;

  @Option(names = "--json", description = "Print JSON, for scripts.")
  boolean json;

  /** Stands in for the wall clock in tests; the system clock otherwise. */
  Clock clock = Clock.systemDefaultZone();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Logging.quiet();
    Path dir = where.dataDir(parent, err);
    Path db = dir.resolve("agent.db");
    if (!Files.isRegularFile(db)) {
      err.println("openrps agent status: no agent database in " + dir);
      err.flush();
      return 2;
    }
    Schedule schedule = schedule(err);
    Instant now = clock.instant();
    AgentStore store;
    try {
      store = AgentStore.openReadOnly(db, WireJson.newMapper());
    } catch (AgentStore.Unusable e) {
      throw new UserFacingException(e.getMessage(), e);
    }
    AgentStatus status;
    try (store) {
      try {
        // What the server set wins over the file's schedule, as in the running agent.
        schedule = RemoteSettings.schedule(schedule, new ConfigOverrides(store).current());
      } catch (IllegalArgumentException e) {
        // the running agent sets such a configuration aside too
      }
      NextSteps next;
      try {
        next = ControlRequests.nextSteps(ControlClient.send(dir, ControlRequests.STATUS_JSON));
      } catch (ControlClient.NotRunning e) {
        next = NextSteps.notRunning(schedule, now);
      }
      status = AgentStatusReader.read(store, next, now);
    }
    if (json) {
      ObjectMapper mapper = WireJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
      out.println(mapper.writeValueAsString(status));
    } else {
      print(out, status, dir, schedule);
    }
    out.flush();
    return 0;
  }

  /**
   * The agent's schedule: the parent's options when given, else the config file's, else defaults.
   */
  private Schedule schedule(PrintWriter err) {
    var given = parent.spec.commandLine().getParseResult();
    LocalTime syncAt =
        given != null && given.hasMatchedOption("--sync-at")
            ? parent.syncAt
            : where.configValue(parent, err, "sync-at").map(LocalTime::parse).orElse(parent.syncAt);
    Duration every =
        given != null && given.hasMatchedOption("--poll-every")
            ? parent.pollEvery
            : where
                .configValue(parent, err, "poll-every")
                .map(v -> new DurationConverter().convert(v))
                .orElse(parent.pollEvery);
    ZoneId zone =
        parent
            .timeZone
            .or(() -> where.configValue(parent, err, "time-zone").map(ZoneId::of))
            .orElse(ZoneId.systemDefault());
    try {
      return new Schedule(every, syncAt, zone, false);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException(e.getMessage(), e);
    }
  }

  static void print(PrintWriter out, AgentStatus s, Path dir, Schedule schedule) {
    ZoneId zone = schedule.zone();
    Instant now = s.at();
    out.printf("Agent status (data directory %s; local time, %s)%n%n", dir, zone.getId());
    var next = s.next();
    line(
        out,
        "Agent",
        next.agentRunning()
            ? "running" + next.running().map(r -> ", " + r + " under way").orElse("")
            : String.format(
                Locale.ROOT,
                "not running (next times from the schedule: poll every %s, sync at %s)",
                Durations.human(schedule.pollEvery()),
                schedule.syncAt()));
    line(
        out,
        "Last data from devices",
        s.lastPoll()
            .map(
                p -> {
                  StringBuilder t = new StringBuilder(when(p.endedAt(), now, zone));
                  p.answered()
                      .ifPresent(
                          n -> t.append(": ").append(n).append(n == 1 ? " printer" : " printers"));
                  p.answered().ifPresent(n -> t.append(" answered"));
                  p.addresses().ifPresent(n -> t.append(" (").append(n).append(" addresses"));
                  p.unreachable().ifPresent(n -> t.append(", ").append(n).append(" unreachable"));
                  p.addresses().ifPresent(n -> t.append(")"));
                  return t.toString();
                })
            .orElse("never"));
    line(out, "Last exchange", s.lastExchange().map(x -> exchange(x, now, zone)).orElse("never"));
    s.lastUpload()
        .filter(u -> s.lastExchange().map(x -> !x.at().equals(u.at())).orElse(true))
        .ifPresent(u -> line(out, "Last upload attempt", exchange(u, now, zone)));
    line(
        out,
        "Last successful sync",
        s.lastSuccessfulSync().map(t -> when(t, now, zone)).orElse("never"));
    line(
        out,
        "Secret last rotated",
        s.lastSecretRotation().map(t -> when(t, now, zone)).orElse("never"));
    line(out, "Next poll", when(next.nextPoll(), now, zone));
    line(out, "Next sync", when(next.nextSync(), now, zone));
    line(out, "Sync retry", next.syncRetryAt().map(t -> when(t, now, zone)).orElse("none pending"));
    AgentStatus.Backlog b = s.backlog();
    line(
        out,
        "Outbox backlog",
        String.format(
            Locale.ROOT,
            "%d %s, %d %s (%d not in a report yet), %,d bytes",
            b.reports(),
            b.reports() == 1 ? "report" : "reports",
            b.readings(),
            b.readings() == 1 ? "reading" : "readings",
            b.readingsNotInAReport(),
            b.bytes()));
    line(out, "Oldest waiting", b.oldest().map(t -> when(t, now, zone)).orElse("none"));
    line(
        out,
        "Refused, kept",
        String.format(
            Locale.ROOT,
            "%d %s (%d readings)",
            b.refusedReports(),
            b.refusedReports() == 1 ? "report" : "reports",
            b.refusedReadings()));
    remote(out, s.remote(), now, zone);
    out.println();
    if (s.devices().isEmpty()) {
      out.println("Devices: none found yet");
      return;
    }
    out.printf(
        "Devices (%d%s):%n",
        s.devices().size(),
        s.silentDevices() > 0 ? ", " + s.silentDevices() + " not heard for more than a day" : "");
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {"DEVICE", "SERIAL", "ADDRESS", "LAST HEARD", "SNMP", "SET", "LAST POLL"});
    for (AgentStatus.Device d : s.devices()) {
      rows.add(
          new String[] {
            name(d),
            d.serial().orElse(d.key()),
            d.address(),
            LOCAL.format(d.lastHeard().atZone(zone))
                + " ("
                + Durations.human(Duration.between(d.lastHeard(), now))
                + " ago)"
                + (d.silent() ? " SILENT" : ""),
            d.snmp().map(p -> p.version() + " " + p.security()).orElse("unknown"),
            d.credentialSet().orElse("-"),
            d.failures().isEmpty() ? "complete" : String.join("; ", d.failures())
          });
    }
    table(out, rows);
  }

  /** "HP LaserJet M507", not "HP HP LaserJet M507": models often start with their make. */
  static String name(AgentStatus.Device d) {
    return d.model().toLowerCase(Locale.ROOT).startsWith(d.make().toLowerCase(Locale.ROOT))
        ? d.model()
        : d.make() + " " + d.model();
  }

  private static void table(PrintWriter out, List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], printable(r[i]).length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < r.length; i++) {
        String cell = printable(r[i]);
        line.append(cell);
        if (i < r.length - 1) {
          line.append(" ".repeat(width[i] - cell.length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** A printer's own text without control characters (it goes to a terminal). */
  private static String printable(String text) {
    return text.codePoints()
        .map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }

  private static void line(PrintWriter out, String label, String value) {
    out.printf("%-24s%s%n", label + ":", printable(value));
  }

  private static String exchange(AgentStatus.Exchange x, Instant now, ZoneId zone) {
    return when(x.at(), now, zone)
        + ": "
        + x.outcome()
        + x.httpStatus().map(c -> ", HTTP " + c).orElse(", no answer")
        + " (report "
        + x.reportId()
        + ", "
        + x.devices()
        + (x.devices() == 1 ? " device)" : " devices)")
        + x.message().map(m -> ": " + m).orElse("");
  }

  /** "2026-12-02 10:10 (3 h ago)", "2026-12-03 02:00 (in 15 h 50 min)". */
  /** What the server set over the file, and the last changes it asked for and the commands. */
  static void remote(PrintWriter out, AgentStatus.Remote r, Instant now, ZoneId zone) {
    line(
        out,
        "Set by the server",
        r.fromServer().isEmpty()
            ? "nothing (the configuration file's settings)"
            : r.fromServer().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ")));
    if (r.changes().isEmpty()) {
      line(out, "Configuration changes", "none from the server");
    }
    for (ConfigOverrides.Change c : r.changes()) {
      line(
          out,
          "Configuration change",
          when(c.at(), now, zone)
              + (c.applied() ? " applied: " : " REFUSED: ")
              + c.summary()
              + c.commandId().map(id -> " (" + id + ")").orElse(""));
    }
    for (CommandLog.Entry e : r.commands()) {
      line(
          out,
          "Command",
          when(e.receivedAt(), now, zone)
              + " "
              + e.commandId()
              + " "
              + e.type()
              + ": "
              + e.result().map(x -> x.outcome() + " (" + x.message() + ")").orElse("being applied")
              + (e.result().isPresent() && e.reportedAt().isEmpty() ? ", not reported yet" : ""));
    }
  }

  static String when(Instant t, Instant now, ZoneId zone) {
    Duration d = Duration.between(now, t);
    return LOCAL.format(t.atZone(zone))
        + (d.isNegative()
            ? " (" + Durations.human(d.negated()) + " ago)"
            : " (in " + Durations.human(d) + ")");
  }
}
