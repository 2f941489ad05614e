package org.openrps.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.openrps.device.DeviceHost;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.PrinterMibNames;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceDiagnostics;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.MeterReading;
import org.openrps.wire.SupplyReading;
import org.openrps.wire.command.Command;
import org.openrps.wire.command.CommandTypes;

/**
 * The firmware side of a simulated printer, as a Device Direct module inside it sees it: what it
 * reports is read from the same functions that answer its SNMP requests, and what commands do
 * changes those answers ({@link Remote}): a cleared alert leaves prtAlertTable, a reboot restarts
 * sysUpTime, a new location shows in sysLocation.
 */
final class DirectPrinter implements DeviceHost {

  /** prtMarkerLifeCount of marker 1: the counter the module reports as its total. */
  private static final String LIFE_COUNT_OID = "1.3.6.1.2.1.43.10.2.1.4.1.1";

  private static final int HISTORY = 32;

  /** The maker's codes for the conditions a simulated printer has, with their descriptions. */
  private static final Map<String, String[]> FAULTS =
      Map.of(
          "jammed", new String[] {"13.01.00", "Paper jam in the paper path", "critical"},
          "noPaper", new String[] {"41.03.01", "Tray 1 empty", "warning"},
          "doorOpen", new String[] {"30.01.05", "Front door open", "critical"},
          "noToner", new String[] {"10.32.00", "Toner cartridge empty", "critical"},
          "lowToner", new String[] {"10.00.33", "Toner cartridge low", "warning"});

  /** Service parts with their rated life in pages. */
  private static final Map<String, Long> PARTS =
      new TreeMap<>(Map.of("fuser", 150_000L, "transferRoller", 120_000L, "pickupRoller", 75_000L));

  private final Printer printer;
  private final Map<String, DeviceDiagnostics.Fault> active = new LinkedHashMap<>();
  private final List<DeviceDiagnostics.Fault> history = new ArrayList<>();
  private int selfTests;

  DirectPrinter(Printer printer) {
    this.printer = printer;
  }

  Printer printer() {
    return printer;
  }

  @Override
  public synchronized DeviceSnapshot snapshot() {
    Instant now = now();
    PrinterTruth truth = printer.truthAt(now).orElseThrow();
    PrinterModel model = printer.printerModel();
    DeviceIdentity identity =
        new DeviceIdentity(
            printer.make(),
            printer.model(),
            truth.serial(),
            model.sysObjectId().toString(),
            Optional.of(printer.macText()),
            Optional.of(model.firmware()),
            text(StandardMib.SYS_NAME),
            now,
            text(StandardMib.SYS_LOCATION),
            Optional.empty(),
            Optional.of(printer.brand()),
            List.of());
    List<MeterReading> counters =
        List.of(new MeterReading(MeterReading.TOTAL, truth.lifeCount(), LIFE_COUNT_OID, now));
    List<SupplyReading> supplies = new ArrayList<>();
    List<PrinterModel.Supply> specs = model.supplies();
    for (PrinterTruth.Supply s : truth.supplies()) {
      PrinterModel.Supply spec = specs.get(s.index() - 1);
      supplies.add(
          new SupplyReading(
              s.index(),
              s.description().replace("\0", ""),
              StandardMib.SUPPLY_TYPE_NAMES.getOrDefault(spec.type(), "other"),
              StandardMib.SUPPLY_CLASS_NAMES.getOrDefault(spec.supplyClass(), "other"),
              StandardMib.SUPPLY_UNIT_NAMES.getOrDefault(spec.unit(), "other"),
              spec.maxCapacity(),
              s.level(),
              now));
    }
    String status = truth.faults().isEmpty() ? "idle" : "other";
    DeviceStatus deviceStatus =
        new DeviceStatus(
            status,
            truth.faults(),
            now,
            Optional.of(truth.faults().isEmpty() ? "running" : "warning"),
            Optional.of(printer.uptimeMillis(now.toEpochMilli()) / 1000));
    return new DeviceSnapshot(
        identity,
        printer.address().getAddress().getHostAddress(),
        now,
        counters,
        supplies,
        deviceStatus,
        alerts(now),
        List.of(),
        List.of());
  }

  @Override
  public synchronized DeviceDiagnostics diagnostics() {
    Instant now = now();
    PrinterTruth truth = printer.truthAt(now).orElseThrow();
    Map<String, DeviceDiagnostics.Fault> seen = new LinkedHashMap<>();
    for (String condition : truth.faults()) {
      String[] f = FAULTS.get(condition);
      if (f != null) {
        DeviceDiagnostics.Fault before = active.get(f[0]);
        seen.put(
            f[0],
            before != null
                ? before
                : new DeviceDiagnostics.Fault(f[0], f[1], f[2], now, Optional.empty()));
      }
    }
    for (DeviceDiagnostics.Fault gone : active.values()) {
      if (!seen.containsKey(gone.code())) {
        history.add(
            new DeviceDiagnostics.Fault(
                gone.code(),
                gone.description(),
                gone.severity(),
                gone.raisedAt(),
                Optional.of(now)));
      }
    }
    while (history.size() > HISTORY) {
      history.remove(0);
    }
    active.clear();
    active.putAll(seen);
    long pages = truth.lifeCount();
    List<DeviceDiagnostics.PartCounter> parts = new ArrayList<>();
    PARTS.forEach(
        (part, life) ->
            parts.add(
                new DeviceDiagnostics.PartCounter(
                    part,
                    pages % life,
                    OptionalLong.of(life),
                    (int) (pages / life),
                    Optional.empty())));
    Remote remote = printer.remote();
    Map<String, String> settings = new TreeMap<>();
    text(StandardMib.SYS_LOCATION).ifPresent(l -> settings.put("location", l));
    text(StandardMib.SYS_CONTACT)
        .filter(c -> !c.isEmpty())
        .ifPresent(c -> settings.put("contact", c));
    settings.put("sleepMinutes", "15");
    remote.thresholds().forEach((k, v) -> settings.put("alertThreshold." + k, v + "%"));
    remote.services().forEach((k, v) -> settings.put("service." + k, v ? "on" : "off"));
    long jams = truth.counts().getOrDefault("jams", 0L);
    Map<String, Double> performance = new TreeMap<>();
    performance.put(
        "jamsPer1000Pages", pages == 0 ? 0.0 : Math.round(jams * 10_000.0 / pages) / 10.0);
    performance.put("uptimeHours", printer.uptimeMillis(now.toEpochMilli()) / 3_600_000.0);
    performance.put("selfTests", (double) selfTests);
    return new DeviceDiagnostics(
        List.copyOf(active.values()),
        List.copyOf(history),
        Map.of(
            "firmware",
            printer.printerModel().firmware(),
            "engine",
            "E" + Math.floorMod(printer.serial().hashCode(), 90 + 10) + ".2",
            "network",
            "N4.1"),
        settings,
        parts,
        performance,
        now);
  }

  @Override
  public synchronized Applied apply(Command command) {
    Remote remote = printer.remote();
    long now = now().toEpochMilli();
    switch (command.type()) {
      case CommandTypes.SYNC_TIME:
        return Applied.done("clock set to the server's time");
      case CommandTypes.SET_CONTACT:
        remote.contact(command.params().get("contact"));
        return Applied.done("sysContact is now " + command.params().get("contact"));
      case CommandTypes.SET_LOCATION:
        remote.location(command.params().get("location"));
        return Applied.done("sysLocation is now " + command.params().get("location"));
      case CommandTypes.SET_ALERT_THRESHOLD:
        return threshold(remote, command);
      case CommandTypes.SET_SERVICE:
        {
          String enabled = command.params().get("enabled");
          if (!enabled.equals("true") && !enabled.equals("false")) {
            return Applied.failed("enabled must be true or false, not " + enabled);
          }
          remote.service(command.params().get("service"), Boolean.parseBoolean(enabled));
          return Applied.done(
              "service "
                  + command.params().get("service")
                  + (enabled.equals("true") ? " on" : " off"));
        }
      case CommandTypes.CLEAR_ALERT:
        return clearAlert(remote, command, now);
      case CommandTypes.REBOOT:
        remote.rebootAt(now);
        return Applied.done("restarted; uptime 0 s", Map.of("uptimeSeconds", "0"));
      case CommandTypes.SELF_TEST:
        selfTests++;
        return Applied.done(
            "self-test passed",
            Map.of("engine", "pass", "network", "pass", "memory", "pass", "fuser", "pass"));
      default:
        return Applied.failed("this printer does not support " + command.type());
    }
  }

  private Applied threshold(Remote remote, Command command) {
    int supply;
    int percent;
    try {
      supply = Integer.parseInt(command.params().get("supply"));
      percent = Integer.parseInt(command.params().get("percent"));
    } catch (NumberFormatException e) {
      return Applied.failed("supply and percent must be whole numbers");
    }
    if (supply < 1
        || supply > printer.printerModel().supplies().size()
        || percent < 0
        || percent > 100) {
      return Applied.failed(
          "no supply " + supply + " or percent " + percent + " not within 0..100");
    }
    remote.threshold(supply, percent);
    return Applied.done("supply " + supply + " warns at " + percent + "%");
  }

  private Applied clearAlert(Remote remote, Command command, long now) {
    int index;
    try {
      index = Integer.parseInt(command.params().get("alert"));
    } catch (NumberFormatException e) {
      return Applied.failed("alert must be a prtAlertIndex, not " + command.params().get("alert"));
    }
    Optional<AlertReading> shown =
        alerts(Instant.ofEpochMilli(now)).stream().filter(a -> a.index() == index).findFirst();
    if (shown.isEmpty()) {
      return Applied.failed("no alert " + index + " in the alert table");
    }
    remote.clear(index, now);
    return Applied.done("alert " + index + " (" + shown.get().description() + ") cleared");
  }

  /** The prtAlertTable as the printer answers it now, walked from its own MIB view. */
  private List<AlertReading> alerts(Instant now) {
    PrinterMibNames names = PrinterMibNames.standard();
    Map<Integer, Map<Integer, SnmpValue>> rows = new TreeMap<>();
    Oid entry = StandardMib.PRT_ALERT_ENTRY;
    Oid at = entry;
    while (true) {
      Optional<VarBind> next = printer.next(at);
      if (next.isEmpty() || !next.get().oid().startsWith(entry)) {
        break;
      }
      at = next.get().oid();
      int[] suffix = at.suffixAfter(entry);
      rows.computeIfAbsent(suffix[suffix.length - 1], k -> new TreeMap<>())
          .put(suffix[0], next.get().value());
    }
    List<AlertReading> out = new ArrayList<>();
    rows.forEach(
        (index, columns) ->
            out.add(
                new AlertReading(
                    index,
                    names.name("severity", number(columns.get(2))),
                    names.name("training", number(columns.get(3))),
                    names.name("group", number(columns.get(4))),
                    names.name("code", number(columns.get(7))),
                    columns.get(8) instanceof SnmpValue.OctetString s ? s.text() : "",
                    now)));
    return out;
  }

  private static long number(SnmpValue v) {
    return v instanceof SnmpValue.Integer32 i ? i.value() : 1;
  }

  private Optional<String> text(Oid oid) {
    return printer
        .get(oid)
        .filter(v -> v instanceof SnmpValue.OctetString)
        .map(v -> ((SnmpValue.OctetString) v).text());
  }

  private Instant now() {
    return Instant.ofEpochMilli(printer.fleetClock().millis());
  }
}
