package org.openrps.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openrps.agent.poll.PollSettings;
import org.openrps.agent.poll.PolledDevice;
import org.openrps.agent.poll.Poller;
import org.openrps.agent.poll.PrintPort;
import org.openrps.agent.poll.ScanResult;
import org.openrps.agent.poll.Unreachable;
import org.openrps.agent.target.TargetList;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.InputTray;
import org.openrps.wire.InstalledOption;
import org.openrps.wire.SerialSource;
import org.openrps.wire.SnmpPosture;
import org.openrps.wire.WireJson;
import org.openrps.wire.view.MeterView;
import org.openrps.wire.view.SupplyView;
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
      "Discovers and reads printers once; stores and sends nothing.",
      "",
      "Prints a table, or with --json one JSON object per printer per line. Devices that",
      "answer SNMP but are not printers are only counted (on stderr). Credential sets are",
      "tried in order: --v3-user, each --v3, each --v3-for, each --community-for, then each",
      "--community; the first that answers is used for that device. Addresses that refused",
      "every set out loud (SNMPv3 unknown user, wrong digest, decryption error) are listed",
      "under NOT READ (with --json: one object with a \"result\" field per address).",
      "With --probe-ports, addresses not read as printers get a TCP connect (nothing sent)",
      "to each print port: an open one without SNMP is listed as 'print port only'."
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
      // The wire mapper (ISO instants, Optional) with nulls written: null is "unknown".
      ObjectMapper mapper =
          WireJson.newMapper().setSerializationInclusion(JsonInclude.Include.ALWAYS);
      for (PolledDevice device : result.printers()) {
        out.println(toJson(mapper, device));
      }
      for (Unreachable u : telling(result)) {
        out.println(mapper.writeValueAsString(NotRead.of(u)));
      }
      for (PrintPort p : result.printPorts()) {
        out.println(mapper.writeValueAsString(PortOpen.of(p)));
      }
    } else {
      printTable(out, result.printers());
      printNotRead(out, telling(result));
      printPrintPorts(out, result.printPorts());
    }
    out.flush();
    err.printf(
        Locale.ROOT,
        "scan: %d addresses, %d found: %d printers, %d out of scope; %d unreachable (%d refused"
            + " or in error, the rest no answer: wrong community or not SNMP);"
            + " %d print port only; %.1f s%n",
        result.addressesScanned(),
        result.printers().size() + result.outOfScope().size(),
        result.printers().size(),
        result.outOfScope().size(),
        result.unreachable().size(),
        telling(result).size(),
        result.printPortOnly().size(),
        took.toMillis() / 1000.0);
    err.flush();
    return 0;
  }

  /**
   * One printer as {@code scan --json} writes it. Meters and supplies are the same records the
   * server's device API shows ({@link MeterView}, {@link SupplyView}); trays, options, alerts and
   * SNMP posture are the wire's own records. Unknown values are {@code null}.
   *
   * @param make the make of the device key
   * @param manufacturer who made the printer, under its current name
   * @param brand the name on the printer
   * @param serialDisagreement {@code null} when the serial's sources agree; else each source with
   *     its serial, the reported one first
   * @param partial what could not be read
   */
  record ScannedPrinter(
      String address,
      String make,
      String manufacturer,
      String brand,
      String model,
      String serial,
      List<SerialSource> serialDisagreement,
      String mac,
      String firmware,
      String sysName,
      String location,
      Long uptimeSeconds,
      List<MeterView> counters,
      List<SupplyView> supplies,
      Status status,
      List<AlertReading> alerts,
      List<InputTray> inputs,
      List<InstalledOption> options,
      SnmpPosture snmp,
      String credentialSet,
      List<String> partial) {

    /** hrPrinterStatus, hrDeviceStatus and the detected error conditions. */
    record Status(String printerStatus, String deviceStatus, List<String> errors) {}

    static ScannedPrinter of(PolledDevice device) {
      DeviceSnapshot s = device.snapshot();
      return new ScannedPrinter(
          s.address(),
          s.identity().make(),
          s.identity().manufacturer().orElse(null),
          s.identity().brand().orElse(null),
          s.identity().model(),
          s.identity().serial(),
          s.identity().serialDisagreement().isEmpty() ? null : s.identity().serialDisagreement(),
          s.identity().mac().orElse(null),
          s.identity().firmware().orElse(null),
          s.identity().sysName().orElse(null),
          s.identity().location().orElse(null),
          s.status().uptimeSeconds().orElse(null),
          s.counters().stream()
              .map(
                  m ->
                      new MeterView(
                          m.name(),
                          m.value(),
                          m.oids(),
                          m.readAt(),
                          m.flags(),
                          !m.flags().isEmpty(),
                          null,
                          null,
                          null))
              .toList(),
          s.supplies().stream().map(SupplyView::of).toList(),
          new Status(
              s.status().printerStatus(),
              s.status().deviceStatus().orElse(null),
              s.status().errors()),
          s.alerts(),
          s.inputs(),
          s.options(),
          s.snmp().orElse(null),
          device.access().map(a -> a.credentialSet()).orElse(null),
          device.failures().stream().map(Object::toString).toList());
    }
  }

  /**
   * An address that answered but was not read, as {@code scan --json} writes it: {@code result} is
   * {@code refused} (an SNMPv3 report, e.g. unknown user) or {@code error}; {@code attempts} say
   * what each credential set got. Silent addresses are only counted.
   */
  record NotRead(String address, String result, String reason, List<Attempt> attempts) {
    record Attempt(String credentialSet, String failure, String text) {}

    static NotRead of(Unreachable u) {
      return new NotRead(
          u.address(),
          u.kind().map(k -> k.refusal() ? "refused" : "error").orElse("error"),
          u.reason(),
          u.attempts().stream()
              .map(a -> new Attempt(a.credentialSet(), a.kind().name(), a.kind().text()))
              .toList());
    }
  }

  /**
   * An address not read as a printer whose print port accepted (--probe-ports): {@code result} is
   * {@code print port only} (no SNMP answer) or {@code out of scope, print port open} (SNMP, not a
   * printer: a print server, or a printer without the Printer MIB).
   */
  record PortOpen(String address, String result, int port) {
    static PortOpen of(PrintPort p) {
      return new PortOpen(
          p.address(), p.snmp() ? "out of scope, print port open" : "print port only", p.port());
    }
  }

  private static void printPrintPorts(PrintWriter out, List<PrintPort> ports) {
    if (ports.isEmpty()) {
      return;
    }
    out.printf(Locale.ROOT, "%nPRINT PORT OPEN, NOT READ AS A PRINTER%n");
    for (PrintPort p : ports) {
      out.printf(
          Locale.ROOT, "%-15s %s (tcp %d)%n", p.address(), PortOpen.of(p).result(), p.port());
    }
  }

  /** The unreachable addresses worth a line: those that said something (not plain silence). */
  private static List<Unreachable> telling(ScanResult result) {
    return result.unreachable().stream().filter(Unreachable::answeredSomething).toList();
  }

  private static void printNotRead(PrintWriter out, List<Unreachable> notRead) {
    if (notRead.isEmpty()) {
      return;
    }
    out.printf(Locale.ROOT, "%nNOT READ%n");
    for (Unreachable u : notRead) {
      out.printf(Locale.ROOT, "%-15s %s%n", u.address(), u.reason());
    }
  }

  /** The JSON line of one printer, as administrators and scripts read it. */
  static String toJson(ObjectMapper mapper, PolledDevice device) throws JsonProcessingException {
    return mapper.writeValueAsString(ScannedPrinter.of(device));
  }

  private static void printTable(PrintWriter out, List<PolledDevice> printers) {
    out.printf(
        Locale.ROOT,
        "%-15s %-10s %-28s %-16s %12s %-6s %-14s %s%n",
        "ADDRESS",
        "MAKE",
        "MODEL",
        "SERIAL",
        "PAGES",
        "SNMP",
        "SET",
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
          "%-15s %-10s %-28s %-16s %12s %-6s %-14s %s%s%n",
          s.address(),
          clip(s.identity().make(), 10),
          clip(s.identity().model(), 28),
          clip(s.identity().serial(), 16),
          pages,
          d.access().map(a -> a.version()).orElse("?"),
          clip(d.access().map(a -> a.credentialSet()).orElse("?"), 14),
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
