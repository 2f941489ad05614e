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
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.MeterReading;
import org.openrps.wire.SupplyReading;
import picocli.CommandLine.Command;
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
      "answer SNMP but are not printers are only counted (on stderr)."
    })
final class ScanCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "TARGETS",
      description = "Addresses: ranges (a-b), CIDR blocks, single addresses.")
  List<String> targets;

  @Option(
      names = "--port",
      defaultValue = "161",
      description = "SNMP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--community",
      defaultValue = "public",
      description = "SNMPv2c community (default: ${DEFAULT-VALUE}).")
  String community;

  @Option(
      names = "--timeout",
      defaultValue = "PT2S",
      description = "Per-request timeout, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--retries",
      defaultValue = "1",
      description = "Retries after a timeout (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(
      names = "--max-in-flight",
      defaultValue = "64",
      description = "Requests outstanding at once (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--json", description = "One JSON object per printer per line.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Logging.quiet();
    TargetList list;
    PollSettings settings;
    try {
      list = TargetList.of(String.join(",", targets));
      settings = new PollSettings(port, community, timeout, retries, maxInFlight);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException(e.getMessage(), e);
    }
    long start = System.nanoTime();
    ScanResult result = Poller.scanOnce(list, settings, Clock.systemUTC());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
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
    PrintWriter err = spec.commandLine().getErr();
    err.printf(
        Locale.ROOT,
        "scan: %d addresses, %d answered: %d printers, %d out of scope; %d unreachable; %.1f s%n",
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
    Map<String, Object> counters = new LinkedHashMap<>();
    for (MeterReading m : s.counters()) {
      counters.put(m.name(), Map.of("value", m.value(), "oid", m.oid()));
    }
    o.put("counters", counters);
    List<Map<String, Object>> supplies = new ArrayList<>();
    for (SupplyReading r : s.supplies()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("description", r.description());
      row.put("type", r.type());
      row.put("unit", r.unit());
      row.put("level", r.level());
      row.put("max", r.maxCapacity());
      row.put("percent", r.percent().isPresent() ? r.percent().getAsDouble() : null);
      row.put("state", r.levelState().name());
      supplies.add(row);
    }
    o.put("supplies", supplies);
    o.put(
        "status",
        Map.of("printerStatus", s.status().printerStatus(), "errors", s.status().errors()));
    o.put("alerts", List.of());
    o.put("snmp", Map.of("version", "v2c", "security", "community"));
    o.put("partial", device.failures().stream().map(Object::toString).toList());
    return mapper.writeValueAsString(o);
  }

  private static void printTable(PrintWriter out, List<PolledDevice> printers) {
    out.printf(
        Locale.ROOT,
        "%-15s %-10s %-28s %-16s %12s  %s%n",
        "ADDRESS",
        "MAKE",
        "MODEL",
        "SERIAL",
        "PAGES",
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
          "%-15s %-10s %-28s %-16s %12s  %s%s%n",
          s.address(),
          clip(s.identity().make(), 10),
          clip(s.identity().model(), 28),
          clip(s.identity().serial(), 16),
          pages,
          lowest,
          d.partial() ? "  (partial: " + d.failures().size() + " failed)" : "");
    }
  }

  private static String clip(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }
}
