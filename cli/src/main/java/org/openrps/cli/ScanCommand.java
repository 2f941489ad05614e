package org.openrps.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openrps.agent.poll.PollSettings;
import org.openrps.agent.poll.PolledDevice;
import org.openrps.agent.poll.Poller;
import org.openrps.agent.poll.ScanResult;
import org.openrps.agent.target.TargetList;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.InputTray;
import org.openrps.wire.InstalledOption;
import org.openrps.wire.MeterReading;
import org.openrps.wire.SupplyReading;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openrps scan}: discover and read once, print, store and send nothing. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Discovers and reads printers once and prints what was read; stores and sends nothing.",
      "",
      "Prints a table, or with --json one JSON object per printer per line. Devices that",
      "answer SNMP but are not printers are only counted (on stderr). Credential sets are",
      "tried in order: the SNMPv3 user (if given), then each --community-for, then each",
      "--community; the first that answers is used for that device."
    })
final class ScanCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "TARGETS",
      description =
          "Addresses: ranges (a-b), CIDR blocks, single addresses, host names; !TARGET excludes.")
  List<String> targets;

  @Option(
      names = "--exclude",
      paramLabel = "TARGETS",
      description = "Addresses to leave out (same forms as TARGETS); repeatable.")
  List<String> excludes = new ArrayList<>();

  @Mixin SnmpOptions snmp;

  @Option(names = "--json", description = "One JSON object per printer per line.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Logging.quiet();
    TargetList list;
    PollSettings settings;
    try {
      StringBuilder text = new StringBuilder(String.join(",", targets));
      excludes.forEach(x -> text.append(",!").append(x));
      list = TargetList.of(text.toString());
      settings = snmp.settings();
    } catch (IllegalArgumentException e) {
      throw new UserFacingException(e.getMessage(), e);
    }
    PrintWriter err = spec.commandLine().getErr();
    ProgressLine progress = new ProgressLine(err, System.console() != null);
    long start = System.nanoTime();
    ScanResult result = Poller.scanOnce(list, settings, Clock.systemUTC(), progress::update);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    progress.clear();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper(); // plain maps: nulls are written, as "unknown"
      for (PolledDevice device : result.printers()) {
        out.println(toJson(mapper, device));
      }
    } else {
      printTable(out, result.printers());
    }
    out.flush();
    err.printf(
        Locale.ROOT,
        "scan: %d addresses, %d found: %d printers, %d out of scope; %d unreachable; %.1f s%n",
        result.addressesScanned(),
        result.printers().size() + result.outOfScope().size(),
        result.printers().size(),
        result.outOfScope().size(),
        result.unreachable().size(),
        took.toMillis() / 1000.0);
    err.flush();
    return 0;
  }

  /** The JSON shape of one printer, as administrators and scripts read it. */
  static String toJson(ObjectMapper mapper, PolledDevice device) throws JsonProcessingException {
    DeviceSnapshot s = device.snapshot();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("address", s.address());
    o.put("make", s.identity().make());
    o.put("model", s.identity().model());
    o.put("serial", s.identity().serial());
    o.put("mac", s.identity().mac().orElse(null));
    o.put("firmware", s.identity().firmware().orElse(null));
    o.put("sysName", s.identity().sysName().orElse(null));
    o.put("location", s.identity().location().orElse(null));
    o.put("uptimeSeconds", s.status().uptimeSeconds().orElse(null));
    Map<String, Object> counters = new LinkedHashMap<>();
    for (MeterReading m : s.counters()) {
      Map<String, Object> counter = new LinkedHashMap<>();
      counter.put("value", m.value());
      counter.put("oid", m.oid());
      counter.put("oids", m.oids());
      counters.put(m.name(), counter);
    }
    o.put("counters", counters);
    List<Map<String, Object>> supplies = new ArrayList<>();
    for (SupplyReading r : s.supplies()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("description", r.description());
      row.put("type", r.type());
      row.put("class", r.supplyClass());
      row.put("unit", r.unit());
      row.put("level", r.level());
      row.put("max", r.maxCapacity());
      row.put("percent", r.percent().isPresent() ? r.percent().getAsDouble() : null);
      row.put("state", r.levelState().name());
      row.put("partNumber", r.partNumber().orElse(null));
      supplies.add(row);
    }
    o.put("supplies", supplies);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("printerStatus", s.status().printerStatus());
    status.put("deviceStatus", s.status().deviceStatus().orElse(null));
    status.put("errors", s.status().errors());
    o.put("status", status);
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (AlertReading a : s.alerts()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("severity", a.severity());
      row.put("trainingLevel", a.trainingLevel());
      row.put("group", a.group());
      row.put("code", a.code());
      row.put("description", a.description());
      alerts.add(row);
    }
    o.put("alerts", alerts);
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (InputTray t : s.inputs()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", t.name());
      row.put("media", t.mediaName().orElse(null));
      row.put("level", t.currentLevel());
      row.put("max", t.maxCapacity());
      inputs.add(row);
    }
    o.put("inputs", inputs);
    List<Map<String, Object>> options = new ArrayList<>();
    for (InstalledOption opt : s.options()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("type", opt.type());
      row.put("description", opt.description());
      row.put("status", opt.status().orElse(null));
      options.add(row);
    }
    o.put("options", options);
    Map<String, Object> snmp = new LinkedHashMap<>();
    snmp.put("version", device.access().map(a -> a.version()).orElse(null));
    snmp.put("security", device.access().map(a -> a.security()).orElse(null));
    o.put("snmp", snmp);
    o.put("partial", device.failures().stream().map(Object::toString).toList());
    return mapper.writeValueAsString(o);
  }

  private static void printTable(PrintWriter out, List<PolledDevice> printers) {
    out.printf(
        Locale.ROOT,
        "%-15s %-10s %-28s %-16s %12s %-6s %s%n",
        "ADDRESS",
        "MAKE",
        "MODEL",
        "SERIAL",
        "PAGES",
        "SNMP",
        "LOWEST SUPPLY");
    for (PolledDevice d : printers) {
      DeviceSnapshot s = d.snapshot();
      String pages =
          s.totalPages().isPresent()
              ? String.format(Locale.ROOT, "%,d", s.totalPages().getAsLong())
              : "?";
      String lowest =
          s.supplies().stream()
              .filter(r -> r.percent().isPresent())
              .min((a, b) -> Double.compare(a.percent().getAsDouble(), b.percent().getAsDouble()))
              .map(
                  r ->
                      String.format(
                          Locale.ROOT, "%.0f %% %s", r.percent().getAsDouble(), r.description()))
              .orElse("-");
      out.printf(
          Locale.ROOT,
          "%-15s %-10s %-28s %-16s %12s %-6s %s%s%n",
          s.address(),
          clip(s.identity().make(), 10),
          clip(s.identity().model(), 28),
          clip(s.identity().serial(), 16),
          pages,
          d.access().map(a -> a.version()).orElse("?"),
          clip(lowest, 40),
          d.partial() ? "  (partial: " + d.failures().size() + " failed)" : "");
    }
  }

  private static String clip(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }

  /**
   * A one-line progress report on stderr, redrawn in place with {@code \r}, only when a person
   * watches a terminal; at most a few times a second.
   */
  static final class ProgressLine {
    private static final long EVERY_NANOS = 200_000_000L;
    private final PrintWriter err;
    private final boolean enabled;
    private long last;
    private boolean shown;

    ProgressLine(PrintWriter err, boolean enabled) {
      this.err = err;
      this.enabled = enabled;
    }

    synchronized void update(int done, int total) {
      if (!enabled || total < 2) {
        return;
      }
      long now = System.nanoTime();
      if (done < total && shown && now - last < EVERY_NANOS) {
        return;
      }
      last = now;
      shown = true;
      int width = 30;
      int filled = (int) ((long) width * done / total);
      err.printf(
          Locale.ROOT,
          "\rscan [%s%s] %d/%d addresses",
          "#".repeat(filled),
          " ".repeat(width - filled),
          done,
          total);
      err.flush();
    }

    synchronized void clear() {
      if (shown) {
        err.print("\r" + " ".repeat(70) + "\r");
        err.flush();
      }
    }
  }
}
