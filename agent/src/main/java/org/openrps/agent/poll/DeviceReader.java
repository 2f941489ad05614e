package org.openrps.agent.poll;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpException;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.StandardMib;
import org.openrps.snmp.VarBind;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.MeterReading;
import org.openrps.wire.SupplyReading;

/**
 * Reads one address: discovery (is it there, is it a printer), then, for a printer, identity, life
 * counters, supplies and status. Each step is one SNMP request through the shared {@link
 * AsyncLimiter}; a step that fails is recorded as a {@link ReadFailure} and the device is kept with
 * what the other steps gave.
 *
 * <p>Meters: each row of prtMarkerLifeCount becomes one {@link MeterReading} with its exact OID.
 * The printer's first marker (lowest marker index) is {@link MeterReading#TOTAL}; any further
 * marker {@code N} is {@code total.markerN}. They are not summed: one marker's life count is what
 * RFC 3805 defines, and a sum of markers (e.g. a colour engine's) would count pages twice.
 */
final class DeviceReader {

  static final int MAX_TEXT = 256;
  static final int MAX_SERIAL = 128;
  static final int MAX_SUPPLIES = 256;
  static final int MAX_METERS = 512;

  /** hrPrinterEntry: hrPrinterStatus and hrPrinterDetectedErrorState in one walk. */
  static final Oid HR_PRINTER_ENTRY = Oid.of("1.3.6.1.2.1.25.3.5.1");

  private static final int FIRST = 1;
  private static final String NO_OID = "0.0";
  private static final int COL_CLASS = 4;
  private static final int COL_TYPE = 5;
  private static final int COL_DESCRIPTION = 6;
  private static final int COL_UNIT = 7;
  private static final int COL_MAX = 8;
  private static final int COL_LEVEL = 9;

  private final SnmpClient client;
  private final PollSettings settings;
  private final AsyncLimiter limiter;
  private final Makes makes;
  private final Clock clock;
  private final Duration getGuard;
  private final Duration walkGuard;

  DeviceReader(
      SnmpClient client, PollSettings settings, AsyncLimiter limiter, Makes makes, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.limiter = limiter;
    this.makes = makes;
    this.clock = clock;
    // A last line of defence in case a request never completes: the client's own timeout and
    // retries should always end it first.
    this.getGuard =
        settings.timeout().multipliedBy(settings.retries() + 1L).plus(Duration.ofSeconds(5));
    this.walkGuard = getGuard.multipliedBy(20);
  }

  /** What one address turned out to be. */
  sealed interface Outcome {
    String address();
  }

  record Printer(String address, PolledDevice device) implements Outcome {}

  record OutOfScope(String address) implements Outcome {}

  record NoAnswer(String address, String reason) implements Outcome {}

  CompletableFuture<Outcome> read(InetAddress address) {
    SnmpTarget target =
        new SnmpTarget(
            new InetSocketAddress(address, settings.snmpPort()),
            SnmpCredentials.Community.v2c(settings.community()),
            settings.timeout(),
            settings.retries());
    Poll poll = new Poll(address.getHostAddress(), target);
    List<Oid> discovery =
        List.of(
            StandardMib.SYS_DESCR,
            StandardMib.SYS_OBJECT_ID,
            StandardMib.SYS_NAME,
            StandardMib.SYS_UP_TIME,
            StandardMib.HR_DEVICE_TYPE.append(FIRST),
            StandardMib.HR_DEVICE_DESCR.append(FIRST),
            StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(FIRST));
    return get(target, discovery)
        .handle(
            (vbs, error) -> {
              if (error != null) {
                return CompletableFuture.<Outcome>completedFuture(
                    new NoAnswer(poll.address, reason(error)));
              }
              return classify(poll, vbs);
            })
        .thenCompose(f -> f);
  }

  private CompletableFuture<Outcome> classify(Poll poll, List<VarBind> discovery) {
    poll.seenAt = clock.instant();
    Map<Oid, SnmpValue> values = new HashMap<>();
    for (VarBind vb : discovery) {
      values.put(vb.oid(), vb.value());
    }
    poll.discovery = values;
    boolean anything = values.values().stream().anyMatch(SnmpValue::isValue);
    if (!anything) {
      return CompletableFuture.completedFuture(new OutOfScope(poll.address));
    }
    SnmpValue type = values.get(StandardMib.HR_DEVICE_TYPE.append(FIRST));
    SnmpValue serial = values.get(StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(FIRST));
    boolean printer =
        (type instanceof SnmpValue.ObjectId t && t.value().equals(StandardMib.HR_DEVICE_PRINTER))
            || (serial != null && serial.isValue());
    if (printer) {
      return readPrinter(poll);
    }
    // Not at index 1: look for a printer anywhere in hrDeviceTable (one request for most hosts).
    return walk(poll.target, StandardMib.HR_DEVICE_TYPE)
        .handle(
            (rows, error) -> {
              List<VarBind> got = rows != null ? rows : partialOf(error);
              for (VarBind vb : got) {
                if (vb.value() instanceof SnmpValue.ObjectId t
                    && t.value().equals(StandardMib.HR_DEVICE_PRINTER)
                    && vb.oid().size() == StandardMib.HR_DEVICE_TYPE.size() + 1) {
                  poll.deviceIndex = vb.oid().last();
                  return readPrinter(poll);
                }
              }
              return CompletableFuture.<Outcome>completedFuture(new OutOfScope(poll.address));
            })
        .thenCompose(f -> f);
  }

  private CompletableFuture<Outcome> readPrinter(Poll poll) {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    if (poll.deviceIndex != FIRST) {
      chain =
          chain.thenCompose(
              x ->
                  get(
                          poll.target,
                          List.of(
                              StandardMib.HR_DEVICE_DESCR.append(poll.deviceIndex),
                              StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(poll.deviceIndex)))
                      .handle(
                          (vbs, error) -> {
                            if (error != null) {
                              poll.fail("hrDeviceDescr/prtGeneralSerialNumber", error);
                            } else {
                              vbs.forEach(vb -> poll.discovery.put(vb.oid(), vb.value()));
                            }
                            return null;
                          }));
    }
    return chain
        .thenCompose(x -> step(poll, "hrPrinterTable", HR_PRINTER_ENTRY))
        .thenCompose(x -> step(poll, "ifPhysAddress", StandardMib.IF_PHYS_ADDRESS))
        .thenCompose(x -> step(poll, "prtMarkerLifeCount", StandardMib.PRT_MARKER_LIFE_COUNT))
        .thenCompose(
            x -> step(poll, "prtMarkerSuppliesTable", StandardMib.PRT_MARKER_SUPPLIES_TABLE))
        .thenApply(x -> (Outcome) new Printer(poll.address, assemble(poll)));
  }

  /** One walk; its rows (or the rows read before a failure) are kept under {@code name}. */
  private CompletableFuture<Void> step(Poll poll, String name, Oid root) {
    return walk(poll.target, root)
        .handle(
            (rows, error) -> {
              if (error != null) {
                poll.fail(name, error);
                poll.tables.put(name, partialOf(error));
              } else {
                poll.tables.put(name, rows);
              }
              poll.readAt.put(name, clock.instant());
              return null;
            });
  }

  private PolledDevice assemble(Poll poll) {
    Map<Oid, SnmpValue> d = poll.discovery;
    int idx = poll.deviceIndex;

    String sysObjectId = NO_OID;
    Oid sysOid = null;
    if (d.get(StandardMib.SYS_OBJECT_ID) instanceof SnmpValue.ObjectId o) {
      sysOid = o.value();
      sysObjectId = sysOid.toString();
    } else {
      poll.failures.add(new ReadFailure("sysObjectID", describe(d.get(StandardMib.SYS_OBJECT_ID))));
    }
    String make = sysOid == null ? "unknown" : makes.makeOf(sysOid);
    Optional<String> model =
        text(poll, "hrDeviceDescr", d.get(StandardMib.HR_DEVICE_DESCR.append(idx)), MAX_TEXT)
            .or(() -> text(poll, "sysDescr", d.get(StandardMib.SYS_DESCR), MAX_TEXT));
    String serial =
        text(
                poll,
                "prtGeneralSerialNumber",
                d.get(StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(idx)),
                MAX_SERIAL)
            .orElse("");
    if (serial.isEmpty()) {
      poll.failures.add(new ReadFailure("prtGeneralSerialNumber", "no serial number"));
    }
    Optional<String> sysName = text(poll, "sysName", d.get(StandardMib.SYS_NAME), MAX_TEXT);
    Optional<String> mac = mac(poll.tables.getOrDefault("ifPhysAddress", List.of()));
    DeviceIdentity identity =
        new DeviceIdentity(
            make,
            model.orElse("unknown"),
            serial,
            sysObjectId,
            mac,
            Optional.empty(),
            sysName,
            poll.seenAt);
    List<MeterReading> meters = meters(poll, idx);
    List<SupplyReading> supplies = supplies(poll);
    DeviceStatus status = status(poll, idx);
    DeviceSnapshot snapshot =
        new DeviceSnapshot(identity, poll.address, poll.seenAt, meters, supplies, status);
    return new PolledDevice(snapshot, poll.failures);
  }

  private List<MeterReading> meters(Poll poll, int idx) {
    String name = "prtMarkerLifeCount";
    Instant at = poll.readAt.getOrDefault(name, poll.seenAt);
    TreeMap<Integer, VarBind> mine = new TreeMap<>();
    TreeMap<Integer, VarBind> any = new TreeMap<>();
    for (VarBind vb : poll.tables.getOrDefault(name, List.of())) {
      if (!vb.oid().startsWith(StandardMib.PRT_MARKER_LIFE_COUNT) || !vb.value().isValue()) {
        continue;
      }
      int[] index = vb.oid().suffixAfter(StandardMib.PRT_MARKER_LIFE_COUNT);
      if (index.length != 2) {
        continue;
      }
      (index[0] == idx ? mine : any).putIfAbsent(index[1], vb);
    }
    TreeMap<Integer, VarBind> rows = mine.isEmpty() ? any : mine;
    List<MeterReading> out = new ArrayList<>();
    boolean first = true;
    for (Map.Entry<Integer, VarBind> row : rows.entrySet()) {
      String meter = first ? MeterReading.TOTAL : MeterReading.TOTAL + ".marker" + row.getKey();
      first = false;
      OptionalLong value = counter(row.getValue().value());
      if (value.isEmpty()) {
        poll.failures.add(
            new ReadFailure(
                name + " " + row.getValue().oid(),
                "not a counter: " + describe(row.getValue().value())));
        continue;
      }
      if (out.size() < MAX_METERS) {
        out.add(new MeterReading(meter, value.getAsLong(), row.getValue().oid().toString(), at));
      }
    }
    if (rows.isEmpty() && poll.tables.containsKey(name) && !poll.failed(name)) {
      poll.failures.add(new ReadFailure(name, "no rows"));
    }
    return out;
  }

  private List<SupplyReading> supplies(Poll poll) {
    String name = "prtMarkerSuppliesTable";
    Instant at = poll.readAt.getOrDefault(name, poll.seenAt);
    // StandardMib names the entry (…43.11.1.1): the column is the next arc, then the row index.
    Oid table = StandardMib.PRT_MARKER_SUPPLIES_TABLE;
    // row index (hrDeviceIndex.supplyIndex as text) -> column -> value
    Map<String, Map<Integer, SnmpValue>> rows = new TreeMap<>(DeviceReader::compareIndex);
    for (VarBind vb : poll.tables.getOrDefault(name, List.of())) {
      if (!vb.oid().startsWith(table) || !vb.value().isValue()) {
        continue;
      }
      int[] suffix = vb.oid().suffixAfter(table);
      if (suffix.length < 2) {
        continue;
      }
      StringBuilder index = new StringBuilder();
      for (int i = 1; i < suffix.length; i++) {
        index.append(i > 1 ? "." : "").append(Integer.toUnsignedString(suffix[i]));
      }
      rows.computeIfAbsent(index.toString(), k -> new HashMap<>()).put(suffix[0], vb.value());
    }
    List<SupplyReading> out = new ArrayList<>();
    for (Map.Entry<String, Map<Integer, SnmpValue>> row : rows.entrySet()) {
      String what = name + " row " + row.getKey();
      Map<Integer, SnmpValue> cols = row.getValue();
      String[] parts = row.getKey().split("\\.");
      long supplyIndex = Long.parseLong(parts[parts.length - 1]);
      OptionalLong cls = integer(cols.get(COL_CLASS));
      OptionalLong type = integer(cols.get(COL_TYPE));
      OptionalLong unit = integer(cols.get(COL_UNIT));
      OptionalLong max = integer(cols.get(COL_MAX));
      OptionalLong level = integer(cols.get(COL_LEVEL));
      String problem = null;
      if (cls.isEmpty() || type.isEmpty() || unit.isEmpty()) {
        problem = "class, type or unit missing or not an integer";
      } else if (max.isEmpty() || level.isEmpty()) {
        problem =
            "max capacity or level missing or not an integer ("
                + describe(cols.get(COL_MAX))
                + ", "
                + describe(cols.get(COL_LEVEL))
                + ")";
      } else if (max.getAsLong() < -2 || max.getAsLong() > Integer.MAX_VALUE) {
        problem = "max capacity " + max.getAsLong() + " is not valid (RFC 3805)";
      } else if (level.getAsLong() < -3 || level.getAsLong() > Integer.MAX_VALUE) {
        problem = "level " + level.getAsLong() + " is not valid (RFC 3805)";
      } else if (supplyIndex < 1 || supplyIndex > Integer.MAX_VALUE) {
        problem = "index " + supplyIndex + " is not valid";
      }
      if (problem != null) {
        poll.failures.add(new ReadFailure(what, problem));
        continue;
      }
      String description =
          cols.get(COL_DESCRIPTION) instanceof SnmpValue.OctetString s
              ? clean(s.text(), MAX_TEXT)
              : "";
      if (out.size() >= MAX_SUPPLIES) {
        poll.failures.add(
            new ReadFailure(name, "more than " + MAX_SUPPLIES + " rows; rest dropped"));
        break;
      }
      out.add(
          new SupplyReading(
              (int) supplyIndex,
              description,
              name(StandardMib.SUPPLY_TYPE_NAMES, type.getAsLong()),
              name(StandardMib.SUPPLY_CLASS_NAMES, cls.getAsLong()),
              name(StandardMib.SUPPLY_UNIT_NAMES, unit.getAsLong()),
              (int) max.getAsLong(),
              (int) level.getAsLong(),
              at));
    }
    return out;
  }

  private DeviceStatus status(Poll poll, int idx) {
    String name = "hrPrinterTable";
    Instant at = poll.readAt.getOrDefault(name, poll.seenAt);
    SnmpValue status = null;
    SnmpValue errors = null;
    for (VarBind vb : poll.tables.getOrDefault(name, List.of())) {
      if (vb.oid().equals(StandardMib.HR_PRINTER_STATUS.append(idx))) {
        status = vb.value();
      } else if (vb.oid().equals(StandardMib.HR_PRINTER_DETECTED_ERROR_STATE.append(idx))) {
        errors = vb.value();
      }
    }
    String printerStatus = "unknown";
    OptionalLong code = integer(status);
    if (code.isPresent()) {
      printerStatus = name(StandardMib.HR_PRINTER_STATUS_NAMES, code.getAsLong());
    } else if (!poll.failed(name)) {
      poll.failures.add(new ReadFailure("hrPrinterStatus", describe(status)));
    }
    List<String> errorNames = List.of();
    if (errors instanceof SnmpValue.OctetString s) {
      errorNames = StandardMib.decodePrinterErrors(s.bytes());
    } else if (!poll.failed(name)) {
      poll.failures.add(new ReadFailure("hrPrinterDetectedErrorState", describe(errors)));
    }
    return new DeviceStatus(printerStatus, errorNames, at);
  }

  private static Optional<String> mac(List<VarBind> rows) {
    for (VarBind vb : rows) {
      if (vb.oid().startsWith(StandardMib.IF_PHYS_ADDRESS)
          && vb.value() instanceof SnmpValue.OctetString s) {
        byte[] b = s.bytes();
        boolean zero = true;
        for (byte x : b) {
          zero &= x == 0;
        }
        if (b.length == 6 && !zero) {
          StringBuilder mac = new StringBuilder(17);
          for (int i = 0; i < 6; i++) {
            mac.append(i > 0 ? ":" : "").append(String.format("%02x", b[i] & 0xFF));
          }
          return Optional.of(mac.toString());
        }
      }
    }
    return Optional.empty();
  }

  /** A counter value: Counter32/Counter64/Gauge32 or a non-negative Integer32; nothing else. */
  static OptionalLong counter(SnmpValue v) {
    if (v instanceof SnmpValue.Counter32
        || v instanceof SnmpValue.Gauge32
        || v instanceof SnmpValue.Counter64
        || v instanceof SnmpValue.Integer32) {
      OptionalLong n = v.asLong();
      return n.isPresent() && n.getAsLong() >= 0 ? n : OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  private static OptionalLong integer(SnmpValue v) {
    if (v instanceof SnmpValue.Integer32 i) {
      return OptionalLong.of(i.value());
    }
    if (v instanceof SnmpValue.Gauge32 g) {
      return OptionalLong.of(g.value());
    }
    return OptionalLong.empty();
  }

  private static String name(Map<Integer, String> names, long code) {
    String n =
        code >= Integer.MIN_VALUE && code <= Integer.MAX_VALUE ? names.get((int) code) : null;
    return n != null ? n : "other(" + code + ")";
  }

  private static Optional<String> text(Poll poll, String what, SnmpValue v, int max) {
    if (v == null || !v.isValue()) {
      return Optional.empty();
    }
    if (v instanceof SnmpValue.OctetString s) {
      String t = clean(s.text(), max);
      return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }
    poll.failures.add(new ReadFailure(what, "not a string: " + describe(v)));
    return Optional.empty();
  }

  /** Trimmed, without NULs or other control characters, at most {@code max} characters. */
  static String clean(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max));
    s.codePoints().filter(c -> !Character.isISOControl(c)).forEach(b::appendCodePoint);
    String t = b.toString().strip();
    return t.length() <= max ? t : t.substring(0, max).strip();
  }

  private static String describe(SnmpValue v) {
    if (v == null) {
      return "not answered";
    }
    if (v instanceof SnmpValue.Exception e) {
      return e.name();
    }
    return v.getClass().getSimpleName();
  }

  private static int compareIndex(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private CompletableFuture<List<VarBind>> get(SnmpTarget target, List<Oid> oids) {
    return limiter.submit(() -> client.get(target, oids).orTimeout(guardMillis(getGuard), MILLIS));
  }

  private CompletableFuture<List<VarBind>> walk(SnmpTarget target, Oid root) {
    return limiter.submit(
        () -> client.walk(target, root).orTimeout(guardMillis(walkGuard), MILLIS));
  }

  private static final java.util.concurrent.TimeUnit MILLIS =
      java.util.concurrent.TimeUnit.MILLISECONDS;

  private static long guardMillis(Duration d) {
    return d.toMillis();
  }

  static String reason(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof SnmpException s) {
      return s.kind() + (s.getMessage() == null ? "" : " (" + s.getMessage() + ")");
    }
    if (e instanceof TimeoutException) {
      return "timeout (no completion within the agent's guard time)";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static List<VarBind> partialOf(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e instanceof SnmpException s ? s.partial() : List.of();
  }

  /** What one device's poll has gathered so far; touched by one stage of its chain at a time. */
  private static final class Poll {
    final String address;
    final SnmpTarget target;
    final List<ReadFailure> failures = new ArrayList<>();
    final Map<String, List<VarBind>> tables = new HashMap<>();
    final Map<String, Instant> readAt = new HashMap<>();
    Map<Oid, SnmpValue> discovery = new HashMap<>();
    Instant seenAt;
    int deviceIndex = FIRST;

    Poll(String address, SnmpTarget target) {
      this.address = address;
      this.target = target;
    }

    void fail(String what, Throwable error) {
      failures.add(new ReadFailure(what, reason(error)));
    }

    boolean failed(String what) {
      return failures.stream().anyMatch(f -> f.what().equals(what));
    }
  }
}
