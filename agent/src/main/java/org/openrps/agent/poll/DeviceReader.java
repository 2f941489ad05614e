package org.openrps.agent.poll;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpException;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.PrinterMibNames;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.snmp.profile.MeterDefinition;
import org.openrps.snmp.profile.MeterTerm;
import org.openrps.snmp.profile.SerialNumbers;
import org.openrps.snmp.profile.SerialQuirk;
import org.openrps.snmp.profile.VendorProfile;
import org.openrps.snmp.profile.VendorProfiles;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.InputTray;
import org.openrps.wire.InstalledOption;
import org.openrps.wire.MeterReading;
import org.openrps.wire.SupplyReading;
import org.openrps.wire.key.Makes;

/**
 * Reads one address: discovery (is it there, is it a printer), then, for a printer, identity, life
 * counters, the make's billing meters (vendor profile), supplies, status, alerts and input trays.
 * Each step is one SNMP request through the shared {@link AsyncLimiter}; a step that fails is
 * recorded as a {@link ReadFailure} and the device is kept with what the other steps gave.
 *
 * <p>Printer or not is decided by what the device answers, never by its make: hrDeviceType =
 * hrDevicePrinter at any hrDeviceIndex, or any Printer MIB table (prtGeneralTable,
 * prtMarkerLifeCount, prtMarkerSuppliesTable). Some printers (e.g. a Xerox AltaLink walk) show no
 * Host Resources MIB at all.
 *
 * <p>Meters: each row of prtMarkerLifeCount becomes one {@link MeterReading} with its exact OID.
 * The printer's first marker (lowest marker index) is {@link MeterReading#TOTAL}; any further
 * marker {@code N} is {@code total.markerN}. They are not summed: one marker's life count is what
 * RFC 3805 defines, and a sum of markers (e.g. a colour engine's) would count pages twice. The
 * profile's meters come next, each with the OIDs it was read from ({@code oid} is the first of a
 * sum, {@code oids} all of them).
 */
final class DeviceReader {

  static final int MAX_TEXT = 256;
  static final int MAX_SUPPLIES = 256;
  static final int MAX_METERS = 512;
  static final int MAX_ALERTS = 256;
  static final int MAX_INPUTS = 64;
  static final int GET_CHUNK = 16;

  static final int MAX_OPTIONS = 64;

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
  private final VendorProfiles profiles;
  private final PrinterMibNames mibNames;
  private final ConcurrentMap<String, CredentialSet> remembered;
  private final Clock clock;
  private final Duration getGuard;
  private final Duration walkGuard;

  DeviceReader(
      SnmpClient client,
      PollSettings settings,
      AsyncLimiter limiter,
      Makes makes,
      VendorProfiles profiles,
      PrinterMibNames mibNames,
      ConcurrentMap<String, CredentialSet> remembered,
      Clock clock) {
    this.client = client;
    this.settings = settings;
    this.limiter = limiter;
    this.makes = makes;
    this.profiles = profiles;
    this.mibNames = mibNames;
    this.remembered = remembered;
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

  /** One way to ask: a credential set, possibly with its v1 fallback. */
  private record Attempt(CredentialSet set, SnmpCredentials credentials) {}

  CompletableFuture<Outcome> read(InetAddress address) {
    String text = address.getHostAddress();
    List<Attempt> attempts = attempts(address);
    if (attempts.isEmpty()) {
      return CompletableFuture.completedFuture(
          new NoAnswer(text, "no credential set covers this address"));
    }
    List<Oid> discovery =
        List.of(
            StandardMib.SYS_DESCR,
            StandardMib.SYS_OBJECT_ID,
            StandardMib.SYS_NAME,
            StandardMib.SYS_UP_TIME,
            StandardMib.SYS_LOCATION,
            StandardMib.HR_DEVICE_TYPE.append(FIRST),
            StandardMib.HR_DEVICE_DESCR.append(FIRST),
            StandardMib.HR_DEVICE_STATUS.append(FIRST),
            StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(FIRST),
            StandardMib.PRT_GENERAL_PRINTER_NAME.append(FIRST),
            StandardMib.PRT_MARKER_LIFE_COUNT.append(FIRST, FIRST),
            StandardMib.PRT_MARKER_SUPPLIES_DESCRIPTION.append(FIRST, FIRST),
            StandardMib.PRT_MARKER_SUPPLIES_LEVEL.append(FIRST, FIRST));
    return discover(address, attempts, 0, discovery, null);
  }

  /**
   * The credential sets for {@code address}: the remembered one first, then the others in order.
   */
  private List<Attempt> attempts(InetAddress address) {
    List<CredentialSet> sets = new ArrayList<>();
    CredentialSet known = remembered.get(address.getHostAddress());
    if (known != null && known.covers(address)) {
      sets.add(known);
    }
    for (CredentialSet s : settings.credentials()) {
      if (s.covers(address) && !sets.contains(s)) {
        sets.add(s);
      }
    }
    List<Attempt> out = new ArrayList<>();
    for (CredentialSet s : sets) {
      out.add(new Attempt(s, s.credentials()));
      if (settings.v1Fallback()
          && s.credentials() instanceof SnmpCredentials.Community c
          && c.version() == SnmpCredentials.Version.V2C) {
        out.add(new Attempt(s, SnmpCredentials.Community.v1(c.community())));
      }
    }
    return out;
  }

  private CompletableFuture<Outcome> discover(
      InetAddress address, List<Attempt> attempts, int i, List<Oid> oids, String lastReason) {
    String text = address.getHostAddress();
    if (i >= attempts.size()) {
      return CompletableFuture.completedFuture(new NoAnswer(text, lastReason));
    }
    Attempt attempt = attempts.get(i);
    SnmpTarget target =
        new SnmpTarget(
            new InetSocketAddress(address, settings.snmpPort()),
            attempt.credentials(),
            settings.timeout(),
            settings.retries());
    return get(target, oids)
        .handle(
            (vbs, error) -> {
              if (error != null) {
                return discover(address, attempts, i + 1, oids, reason(error));
              }
              remembered.put(text, attempt.set());
              Poll poll =
                  new Poll(
                      text, target, SnmpAccess.of(attempt.credentials(), attempt.set().name()));
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
    boolean printerType =
        type instanceof SnmpValue.ObjectId t && t.value().equals(StandardMib.HR_DEVICE_PRINTER);
    boolean otherType = type != null && type.isValue() && !printerType;
    boolean printerMib =
        answered(values, StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(FIRST))
            || answered(values, StandardMib.PRT_GENERAL_PRINTER_NAME.append(FIRST))
            || answered(values, StandardMib.PRT_MARKER_LIFE_COUNT.append(FIRST, FIRST))
            || answered(values, StandardMib.PRT_MARKER_SUPPLIES_DESCRIPTION.append(FIRST, FIRST))
            || answered(values, StandardMib.PRT_MARKER_SUPPLIES_LEVEL.append(FIRST, FIRST));
    if (printerType || (printerMib && !otherType)) {
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
              if (printerMib) {
                // Printer MIB answered at index 1, hrDeviceTable names no printer: still a printer.
                return readPrinter(poll);
              }
              return CompletableFuture.<Outcome>completedFuture(new OutOfScope(poll.address));
            })
        .thenCompose(f -> f);
  }

  private static boolean answered(Map<Oid, SnmpValue> values, Oid oid) {
    SnmpValue v = values.get(oid);
    return v != null && v.isValue();
  }

  private CompletableFuture<Outcome> readPrinter(Poll poll) {
    if (poll.discovery.get(StandardMib.SYS_OBJECT_ID) instanceof SnmpValue.ObjectId o) {
      poll.profile = profiles.forSysObjectId(o.value());
    }
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    if (poll.deviceIndex != FIRST) {
      chain =
          chain.thenCompose(
              x ->
                  get(
                          poll.target,
                          List.of(
                              StandardMib.HR_DEVICE_DESCR.append(poll.deviceIndex),
                              StandardMib.HR_DEVICE_STATUS.append(poll.deviceIndex),
                              StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(poll.deviceIndex),
                              StandardMib.PRT_GENERAL_PRINTER_NAME.append(poll.deviceIndex)))
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
        .thenCompose(x -> step(poll, "hrPrinterTable", StandardMib.HR_PRINTER_ENTRY))
        .thenCompose(x -> step(poll, "ifPhysAddress", StandardMib.IF_PHYS_ADDRESS))
        .thenCompose(x -> step(poll, "prtMarkerLifeCount", StandardMib.PRT_MARKER_LIFE_COUNT))
        .thenCompose(
            x -> step(poll, "prtMarkerSuppliesTable", StandardMib.PRT_MARKER_SUPPLIES_TABLE))
        .thenCompose(x -> step(poll, "prtAlertTable", StandardMib.PRT_ALERT_ENTRY))
        .thenCompose(x -> step(poll, "prtInputTable", StandardMib.PRT_INPUT_ENTRY))
        .thenCompose(x -> step(poll, "hrDeviceTable", StandardMib.HR_DEVICE_ENTRY))
        .thenCompose(x -> readProfile(poll))
        .thenApply(x -> (Outcome) new Printer(poll.address, assemble(poll)));
  }

  /** The make's own OIDs: type columns of table meters first, then one GET per chunk of OIDs. */
  private CompletableFuture<Void> readProfile(Poll poll) {
    if (poll.profile.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    VendorProfile profile = poll.profile.get();
    Set<Oid> typeColumns = new LinkedHashSet<>();
    for (MeterDefinition m : profile.metersToRead()) {
      for (List<MeterTerm> alternative : m.alternatives()) {
        for (MeterTerm t : alternative) {
          if (t instanceof MeterTerm.TableRow r) {
            typeColumns.add(r.typeColumn());
          } else if (t instanceof MeterTerm.NamedRow r) {
            typeColumns.add(r.nameColumn());
          }
        }
      }
    }
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (Oid column : typeColumns) {
      chain =
          chain.thenCompose(
              x ->
                  walk(poll.target, column)
                      .handle(
                          (rows, error) -> {
                            List<VarBind> got = rows != null ? rows : partialOf(error);
                            if (error != null) {
                              poll.fail(profile.make() + " meter table " + column, error);
                            }
                            poll.typeColumns.put(column, got);
                            return null;
                          }));
    }
    return chain.thenCompose(
        x -> {
          Set<Oid> oids = new LinkedHashSet<>();
          oids.addAll(profile.serialOids());
          oids.addAll(profile.modelOids());
          oids.addAll(profile.firmwareOids());
          for (MeterDefinition m : profile.metersToRead()) {
            for (List<MeterTerm> alternative : m.alternatives()) {
              for (MeterTerm t : alternative) {
                resolve(poll, t).ifPresent(oids::add);
              }
            }
          }
          List<Oid> all = List.copyOf(oids);
          CompletableFuture<Void> gets = CompletableFuture.completedFuture(null);
          for (int from = 0; from < all.size(); from += GET_CHUNK) {
            List<Oid> chunk = all.subList(from, Math.min(all.size(), from + GET_CHUNK));
            gets =
                gets.thenCompose(
                    y ->
                        get(poll.target, chunk)
                            .handle(
                                (vbs, error) -> {
                                  if (error != null) {
                                    poll.fail(profile.make() + " profile OIDs", error);
                                  } else {
                                    vbs.forEach(vb -> poll.profileValues.put(vb.oid(), vb.value()));
                                  }
                                  poll.readAt.putIfAbsent("profile", clock.instant());
                                  return null;
                                }));
          }
          return gets;
        });
  }

  /** The OID a meter term reads: itself, or the value cell of the row whose type matches. */
  private static Optional<Oid> resolve(Poll poll, MeterTerm term) {
    if (term instanceof MeterTerm.Scalar s) {
      return Optional.of(s.oid());
    }
    if (term instanceof MeterTerm.NamedRow n) {
      for (VarBind vb : poll.typeColumns.getOrDefault(n.nameColumn(), List.of())) {
        if (vb.oid().startsWith(n.nameColumn())
            && vb.oid().size() > n.nameColumn().size()
            && vb.value() instanceof SnmpValue.OctetString text
            && clean(text.text(), MAX_TEXT).equals(n.name())) {
          return Optional.of(n.valueColumn().append(vb.oid().suffixAfter(n.nameColumn())));
        }
      }
      return Optional.empty();
    }
    MeterTerm.TableRow r = (MeterTerm.TableRow) term;
    for (VarBind vb : poll.typeColumns.getOrDefault(r.typeColumn(), List.of())) {
      if (vb.oid().startsWith(r.typeColumn())
          && vb.oid().size() > r.typeColumn().size()
          && vb.value().asLong().isPresent()
          && vb.value().asLong().getAsLong() == r.type()) {
        return Optional.of(r.valueColumn().append(vb.oid().suffixAfter(r.typeColumn())));
      }
    }
    return Optional.empty();
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
    Optional<VendorProfile> profile = poll.profile;
    Set<SerialQuirk> quirks = profile.map(VendorProfile::serialQuirks).orElse(Set.of());

    String sysObjectId = NO_OID;
    Oid sysOid = null;
    if (d.get(StandardMib.SYS_OBJECT_ID) instanceof SnmpValue.ObjectId o) {
      sysOid = o.value();
      sysObjectId = sysOid.toString();
    } else {
      poll.failures.add(new ReadFailure("sysObjectID", describe(d.get(StandardMib.SYS_OBJECT_ID))));
    }
    String make =
        profile
            .map(VendorProfile::make)
            .orElse(sysOid == null ? "unknown" : makes.makeOf(sysObjectId));
    Optional<String> sysDescr = text(poll, "sysDescr", d.get(StandardMib.SYS_DESCR), MAX_TEXT);
    Optional<String> model =
        text(poll, "hrDeviceDescr", d.get(StandardMib.HR_DEVICE_DESCR.append(idx)), MAX_TEXT)
            .or(() -> firstText(poll, profile.map(VendorProfile::modelOids).orElse(List.of())))
            .or(
                () ->
                    text(
                        poll,
                        "prtGeneralPrinterName",
                        d.get(StandardMib.PRT_GENERAL_PRINTER_NAME.append(idx)),
                        MAX_TEXT))
            .or(() -> sysDescr);
    Optional<String> serial =
        serial(poll, d.get(StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(idx)), quirks);
    for (Oid oid : profile.map(VendorProfile::serialOids).orElse(List.of())) {
      if (serial.isPresent()) {
        break;
      }
      serial = serial(poll, poll.profileValues.get(oid), quirks);
    }
    if (serial.isEmpty() && profile.isPresent() && sysDescr.isPresent()) {
      serial = profile.get().serialInSysDescr(sysDescr.get());
    }
    if (serial.isEmpty()) {
      poll.failures.add(new ReadFailure("serial number", "no serial number answered"));
    }
    Optional<String> firmware =
        firstText(poll, profile.map(VendorProfile::firmwareOids).orElse(List.of()));
    Optional<String> sysName = text(poll, "sysName", d.get(StandardMib.SYS_NAME), MAX_TEXT);
    Optional<String> location =
        text(poll, "sysLocation", d.get(StandardMib.SYS_LOCATION), MAX_TEXT);
    Optional<String> mac = mac(poll.tables.getOrDefault("ifPhysAddress", List.of()));
    DeviceIdentity identity =
        new DeviceIdentity(
            make,
            model.orElse("unknown"),
            serial.orElse(""),
            sysObjectId,
            mac,
            firmware,
            sysName,
            poll.seenAt,
            location);
    List<MeterReading> meters = meters(poll, idx);
    profile.ifPresent(p -> meters.addAll(profileMeters(poll, p)));
    List<SupplyReading> supplies = supplies(poll, profile);
    DeviceStatus status = status(poll, idx);
    DeviceSnapshot snapshot =
        new DeviceSnapshot(
            identity,
            poll.address,
            poll.seenAt,
            meters.size() > MAX_METERS ? meters.subList(0, MAX_METERS) : meters,
            supplies,
            status,
            alerts(poll),
            inputs(poll),
            options(poll),
            Optional.of(poll.access.posture()));
    return new PolledDevice(snapshot, poll.failures, Optional.of(poll.access));
  }

  private Optional<String> serial(Poll poll, SnmpValue v, Set<SerialQuirk> quirks) {
    if (v == null || !v.isValue()) {
      return Optional.empty();
    }
    if (v instanceof SnmpValue.OctetString s) {
      return SerialNumbers.normalise(s.bytes(), quirks);
    }
    poll.failures.add(new ReadFailure("serial number", "not a string: " + describe(v)));
    return Optional.empty();
  }

  private Optional<String> firstText(Poll poll, List<Oid> oids) {
    for (Oid oid : oids) {
      Optional<String> t = text(poll, oid.toString(), poll.profileValues.get(oid), MAX_TEXT);
      if (t.isPresent()) {
        return t;
      }
    }
    return Optional.empty();
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

  /**
   * The profile's meters. A meter some of whose terms the device does not have is left out (not
   * every model has every meter); a term answered with something that is not a counter is a
   * failure, and the meter is left out, never stored as a number.
   */
  private List<MeterReading> profileMeters(Poll poll, VendorProfile profile) {
    Instant at = poll.readAt.getOrDefault("profile", poll.seenAt);
    List<MeterReading> out = new ArrayList<>();
    for (MeterDefinition m : profile.metersToRead()) {
      for (List<MeterTerm> alternative : m.alternatives()) {
        Optional<MeterReading> reading = sum(poll, profile, m, alternative, at);
        if (reading.isPresent()) {
          out.add(reading.get());
          break;
        }
      }
    }
    return out;
  }

  /** One way to read a meter: the sum of its terms, or empty when one is not a counter. */
  private Optional<MeterReading> sum(
      Poll poll, VendorProfile profile, MeterDefinition m, List<MeterTerm> terms, Instant at) {
    long sum = 0;
    List<String> oids = new ArrayList<>();
    for (MeterTerm t : terms) {
      Optional<Oid> oid = resolve(poll, t);
      SnmpValue v = oid.map(poll.profileValues::get).orElse(null);
      if (v == null || !v.isValue()) {
        return Optional.empty();
      }
      OptionalLong n = counter(v);
      if (n.isEmpty()) {
        poll.failures.add(
            new ReadFailure(
                profile.make() + " meter " + m.name() + " " + oid.get(),
                "not a counter: " + describe(v)));
        return Optional.empty();
      }
      oids.add(oid.get().toString());
      if (Long.MAX_VALUE - sum < n.getAsLong()) {
        poll.failures.add(
            new ReadFailure(profile.make() + " meter " + m.name(), "sum does not fit 63 bits"));
        return Optional.empty();
      }
      sum += n.getAsLong();
    }
    return Optional.of(MeterReading.summed(m.name(), sum, oids, at));
  }

  private List<SupplyReading> supplies(Poll poll, Optional<VendorProfile> profile) {
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
    Set<String> notAnswered = new LinkedHashSet<>();
    for (Map.Entry<String, Map<Integer, SnmpValue>> row : rows.entrySet()) {
      String what = name + " row " + row.getKey();
      Map<Integer, SnmpValue> cols = row.getValue();
      String[] parts = row.getKey().split("\\.");
      long supplyIndex = Long.parseLong(parts[parts.length - 1]);
      String cls =
          enumName(
              poll,
              what,
              "class",
              cols.get(COL_CLASS),
              StandardMib.SUPPLY_CLASS_NAMES,
              notAnswered);
      String type =
          enumName(
              poll, what, "type", cols.get(COL_TYPE), StandardMib.SUPPLY_TYPE_NAMES, notAnswered);
      String unit =
          enumName(
              poll, what, "unit", cols.get(COL_UNIT), StandardMib.SUPPLY_UNIT_NAMES, notAnswered);
      OptionalLong max = integer(cols.get(COL_MAX));
      OptionalLong level = integer(cols.get(COL_LEVEL));
      String problem = null;
      if (max.isEmpty() || level.isEmpty()) {
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
      Optional<String> partNumber = profile.flatMap(p -> p.partNumberIn(description));
      out.add(
          new SupplyReading(
              (int) supplyIndex,
              description,
              type,
              cls,
              unit,
              (int) max.getAsLong(),
              (int) level.getAsLong(),
              at,
              partNumber));
    }
    if (!notAnswered.isEmpty()) {
      // Kept with "unknown" in their place: level and capacity do not depend on them.
      poll.failures.add(
          new ReadFailure(name, "columns not answered: " + String.join(", ", notAnswered)));
    }
    return out;
  }

  /**
   * An enumerated supply column as its RFC 3805 name; {@code unknown} when the device did not
   * answer the column (partial walks, agents that skip columns), recorded once per table.
   */
  private String enumName(
      Poll poll,
      String what,
      String column,
      SnmpValue v,
      Map<Integer, String> names,
      Set<String> notAnswered) {
    if (v == null) {
      notAnswered.add(column);
      return "unknown";
    }
    OptionalLong code = integer(v);
    if (code.isEmpty()) {
      poll.failures.add(new ReadFailure(what, column + " is not an integer: " + describe(v)));
      return "unknown";
    }
    return name(names, code.getAsLong());
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
    Optional<String> deviceStatus = Optional.empty();
    OptionalLong ds = integer(poll.discovery.get(StandardMib.HR_DEVICE_STATUS.append(idx)));
    if (ds.isPresent()) {
      deviceStatus = Optional.of(name(StandardMib.HR_DEVICE_STATUS_NAMES, ds.getAsLong()));
    }
    Optional<Long> uptime = Optional.empty();
    if (poll.discovery.get(StandardMib.SYS_UP_TIME) instanceof SnmpValue.TimeTicks t) {
      uptime = Optional.of(t.value() / 100);
    }
    return new DeviceStatus(printerStatus, errorNames, at, deviceStatus, uptime);
  }

  /** prtAlertTable rows of the printer device (or of any device, when none are its own). */
  private List<AlertReading> alerts(Poll poll) {
    String name = "prtAlertTable";
    Instant at = poll.readAt.getOrDefault(name, poll.seenAt);
    Map<Long, Map<Integer, SnmpValue>> rows =
        rows(
            poll.tables.getOrDefault(name, List.of()),
            StandardMib.PRT_ALERT_ENTRY,
            poll.deviceIndex);
    List<AlertReading> out = new ArrayList<>();
    for (Map.Entry<Long, Map<Integer, SnmpValue>> row : rows.entrySet()) {
      Map<Integer, SnmpValue> c = row.getValue();
      OptionalLong severity = integer(c.get(2));
      OptionalLong code = integer(c.get(7));
      if (severity.isEmpty()
          || code.isEmpty()
          || row.getKey() < 1
          || row.getKey() > Integer.MAX_VALUE) {
        poll.failures.add(
            new ReadFailure(
                name + " row " + row.getKey(), "severity or code missing or not an integer"));
        continue;
      }
      if (out.size() >= MAX_ALERTS) {
        break;
      }
      out.add(
          new AlertReading(
              (int) (long) row.getKey(),
              mibNames.name("severity", severity.getAsLong()),
              integer(c.get(3)).stream()
                  .mapToObj(n -> mibNames.name("training", n))
                  .findFirst()
                  .orElse("unknown"),
              integer(c.get(4)).stream()
                  .mapToObj(n -> mibNames.name("group", n))
                  .findFirst()
                  .orElse("unknown"),
              mibNames.name("code", code.getAsLong()),
              c.get(8) instanceof SnmpValue.OctetString s ? clean(s.text(), MAX_TEXT) : "",
              at));
    }
    return out;
  }

  /** prtInputTable rows: name, media, capacity and level as the device said them. */
  private List<InputTray> inputs(Poll poll) {
    String name = "prtInputTable";
    Instant at = poll.readAt.getOrDefault(name, poll.seenAt);
    Map<Long, Map<Integer, SnmpValue>> rows =
        rows(
            poll.tables.getOrDefault(name, List.of()),
            StandardMib.PRT_INPUT_ENTRY,
            poll.deviceIndex);
    List<InputTray> out = new ArrayList<>();
    for (Map.Entry<Long, Map<Integer, SnmpValue>> row : rows.entrySet()) {
      Map<Integer, SnmpValue> c = row.getValue();
      OptionalLong max = integer(c.get(9));
      OptionalLong level = integer(c.get(10));
      if (max.isEmpty()
          || level.isEmpty()
          || max.getAsLong() < -2
          || level.getAsLong() < -3
          || row.getKey() < 1
          || row.getKey() > Integer.MAX_VALUE) {
        continue; // a tray without usable capacity figures says nothing worth keeping
      }
      if (out.size() >= MAX_INPUTS) {
        break;
      }
      String trayName =
          c.get(13) instanceof SnmpValue.OctetString s ? clean(s.text(), MAX_TEXT) : "";
      Optional<String> media =
          c.get(12) instanceof SnmpValue.OctetString s
              ? Optional.of(clean(s.text(), MAX_TEXT)).filter(t -> !t.isEmpty())
              : Optional.empty();
      out.add(
          new InputTray(
              (int) (long) row.getKey(),
              trayName,
              media,
              (int) max.getAsLong(),
              (int) level.getAsLong(),
              at));
    }
    return out;
  }

  /** hrDeviceTable rows other than the printer itself: disk, modem, finisher, network card... */
  private List<InstalledOption> options(Poll poll) {
    String name = "hrDeviceTable";
    Instant at = poll.readAt.getOrDefault(name, poll.seenAt);
    Map<Long, Map<Integer, SnmpValue>> rows = new TreeMap<>();
    for (VarBind vb : poll.tables.getOrDefault(name, List.of())) {
      if (!vb.oid().startsWith(StandardMib.HR_DEVICE_ENTRY) || !vb.value().isValue()) {
        continue;
      }
      int[] s = vb.oid().suffixAfter(StandardMib.HR_DEVICE_ENTRY);
      if (s.length == 2) {
        rows.computeIfAbsent(Integer.toUnsignedLong(s[1]), k -> new HashMap<>())
            .put(s[0], vb.value());
      }
    }
    List<InstalledOption> out = new ArrayList<>();
    for (Map.Entry<Long, Map<Integer, SnmpValue>> row : rows.entrySet()) {
      Map<Integer, SnmpValue> c = row.getValue();
      if (row.getKey() == poll.deviceIndex
          || row.getKey() < 1
          || row.getKey() > Integer.MAX_VALUE
          || !(c.get(2) instanceof SnmpValue.ObjectId type)
          || type.value().equals(StandardMib.HR_DEVICE_PRINTER)) {
        continue;
      }
      if (out.size() >= MAX_OPTIONS) {
        break;
      }
      String typeName =
          type.value().startsWith(StandardMib.HR_DEVICE_TYPES)
                  && type.value().size() == StandardMib.HR_DEVICE_TYPES.size() + 1
              ? mibNames.name("deviceType", Integer.toUnsignedLong(type.value().last()))
              : "other(" + type.value() + ")";
      String description =
          c.get(3) instanceof SnmpValue.OctetString d ? clean(d.text(), MAX_TEXT) : "";
      Optional<String> status =
          integer(c.get(5)).stream()
              .mapToObj(n -> name(StandardMib.HR_DEVICE_STATUS_NAMES, n))
              .findFirst();
      out.add(new InstalledOption((int) (long) row.getKey(), typeName, description, status, at));
    }
    return out;
  }

  /** A table indexed by hrDeviceIndex.rowIndex: row -> column -> value, for one device. */
  private static Map<Long, Map<Integer, SnmpValue>> rows(List<VarBind> cells, Oid entry, int idx) {
    Map<Long, Map<Integer, SnmpValue>> mine = new TreeMap<>();
    Map<Long, Map<Integer, SnmpValue>> any = new TreeMap<>();
    for (VarBind vb : cells) {
      if (!vb.oid().startsWith(entry) || !vb.value().isValue()) {
        continue;
      }
      int[] s = vb.oid().suffixAfter(entry);
      if (s.length != 3) {
        continue;
      }
      (s[1] == idx ? mine : any)
          .computeIfAbsent(Integer.toUnsignedLong(s[2]), k -> new HashMap<>())
          .put(s[0], vb.value());
    }
    return mine.isEmpty() ? any : mine;
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

  /**
   * A GET; when a device refuses a GET of several variables with an error status (tooBig for a
   * response over its limit, or a genErr caused by one variable), the halves are asked separately,
   * as RFC 3416 expects of a manager after tooBig.
   */
  private CompletableFuture<List<VarBind>> get(SnmpTarget target, List<Oid> oids) {
    return limiter
        .submit(
            () -> client.get(target, oids).orTimeout(getGuard.toMillis(), TimeUnit.MILLISECONDS))
        .handle(
            (vbs, error) -> {
              if (error == null) {
                return CompletableFuture.completedFuture(vbs);
              }
              if (oids.size() > 1 && errorStatus(error)) {
                List<Oid> left = oids.subList(0, oids.size() / 2);
                List<Oid> right = oids.subList(oids.size() / 2, oids.size());
                return get(target, left)
                    .thenCombine(
                        get(target, right),
                        (a, b) -> {
                          List<VarBind> all = new ArrayList<>(a);
                          all.addAll(b);
                          return List.copyOf(all);
                        });
              }
              return CompletableFuture.<List<VarBind>>failedFuture(error);
            })
        .thenCompose(f -> f);
  }

  private static boolean errorStatus(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e instanceof SnmpException s && s.kind() == SnmpException.Kind.errorStatus;
  }

  private CompletableFuture<List<VarBind>> walk(SnmpTarget target, Oid root) {
    return limiter.submit(
        () -> client.walk(target, root).orTimeout(walkGuard.toMillis(), TimeUnit.MILLISECONDS));
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
    final SnmpAccess access;
    final List<ReadFailure> failures = new ArrayList<>();
    final Map<String, List<VarBind>> tables = new HashMap<>();
    final Map<String, Instant> readAt = new HashMap<>();
    final Map<Oid, List<VarBind>> typeColumns = new LinkedHashMap<>();
    final Map<Oid, SnmpValue> profileValues = new HashMap<>();
    Map<Oid, SnmpValue> discovery = new HashMap<>();
    Optional<VendorProfile> profile = Optional.empty();
    Instant seenAt;
    int deviceIndex = FIRST;

    Poll(String address, SnmpTarget target, SnmpAccess access) {
      this.address = address;
      this.target = target;
      this.access = access;
    }

    void fail(String what, Throwable error) {
      failures.add(new ReadFailure(what, reason(error)));
    }

    boolean failed(String what) {
      return failures.stream().anyMatch(f -> f.what().equals(what));
    }
  }
}
