package org.openrps.agent.poll;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.openrps.agent.poll.decode.AlertDecoder;
import org.openrps.agent.poll.decode.Decoded;
import org.openrps.agent.poll.decode.DiscoveryDecoder;
import org.openrps.agent.poll.decode.IdentityDecoder;
import org.openrps.agent.poll.decode.LifeCounterDecoder;
import org.openrps.agent.poll.decode.LocalizationDecoder;
import org.openrps.agent.poll.decode.OptionDecoder;
import org.openrps.agent.poll.decode.Rows;
import org.openrps.agent.poll.decode.StatusDecoder;
import org.openrps.agent.poll.decode.SupplyDecoder;
import org.openrps.agent.poll.decode.TrayDecoder;
import org.openrps.agent.poll.decode.VendorMeterDecoder;
import org.openrps.agent.poll.decode.Walked;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpException;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.PrinterMibNames;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.snmp.profile.NameRules;
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
 * <p>Printer or not is decided by what the device answers, never by its make ({@link
 * DiscoveryDecoder}).
 *
 * <p>Each device reads within its {@link ReadBudget} (rows per table, variables, time): over it,
 * what was read is kept and a {@code truncated} failure says what was not.
 *
 * <p>This is the request driver: it asks and collects raw rows ({@link Rows}, {@link Walked}), and
 * knows nothing of what the values mean. The snapshot is made by the pure decoders of {@code
 * org.openrps.agent.poll.decode} (identity, life counters, vendor meters, supplies, status, alerts,
 * trays, options), each tested on rows alone.
 */
final class DeviceReader {

  static final int MAX_METERS = LifeCounterDecoder.MAX_METERS;
  static final int GET_CHUNK = 16;

  private static final int FIRST = 1;

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
  private final ReadBudget budget;
  private final LongSupplier nanoTime;

  DeviceReader(
      SnmpClient client,
      PollSettings settings,
      AsyncLimiter limiter,
      Makes makes,
      VendorProfiles profiles,
      PrinterMibNames mibNames,
      ConcurrentMap<String, CredentialSet> remembered,
      Clock clock) {
    this(client, settings, limiter, makes, profiles, mibNames, remembered, clock, System::nanoTime);
  }

  /**
   * @param nanoTime the monotonic time the per-device time budget is measured by
   */
  DeviceReader(
      SnmpClient client,
      PollSettings settings,
      AsyncLimiter limiter,
      Makes makes,
      VendorProfiles profiles,
      PrinterMibNames mibNames,
      ConcurrentMap<String, CredentialSet> remembered,
      Clock clock,
      LongSupplier nanoTime) {
    this.budget = settings.budget();
    this.nanoTime = nanoTime;
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
    List<Oid> discovery = DiscoveryDecoder.discoveryOids();
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
              if (vbs.stream().noneMatch(vb -> vb.value().isValue())
                  && vbs.stream().anyMatch(vb -> vb.value() instanceof SnmpValue.Bad)) {
                return discover(
                    address,
                    attempts,
                    i + 1,
                    oids,
                    "malformed (no value of the discovery GET could be decoded)");
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
    poll.startedNanos = nanoTime.getAsLong();
    poll.varbinds += discovery.size();
    Map<Oid, SnmpValue> values = new HashMap<>();
    for (VarBind vb : discovery) {
      values.put(vb.oid(), vb.value());
    }
    poll.discovery = values;
    Rows rows = Rows.of(values);
    if (!DiscoveryDecoder.answeredAnything(rows)) {
      return CompletableFuture.completedFuture(new OutOfScope(poll.address));
    }
    if (DiscoveryDecoder.printerAtFirst(rows)) {
      return readPrinter(poll);
    }
    boolean printerMib = DiscoveryDecoder.printerMibAtFirst(rows);
    // Not at index 1: look for a printer anywhere in hrDeviceTable (one request for most hosts).
    return walk(poll.target, StandardMib.HR_DEVICE_TYPE, budget.rowsPerTable())
        .handle(
            (found, error) -> {
              OptionalInt index =
                  DiscoveryDecoder.printerIndex(Rows.of(found != null ? found : partialOf(error)));
              if (index.isPresent()) {
                poll.deviceIndex = index.getAsInt();
                return readPrinter(poll);
              }
              if (printerMib) {
                // Printer MIB answered at index 1, hrDeviceTable names no printer: still a printer.
                return readPrinter(poll);
              }
              return CompletableFuture.<Outcome>completedFuture(new OutOfScope(poll.address));
            })
        .thenCompose(f -> f);
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
                  get(poll.target, DiscoveryDecoder.deviceRowOids(poll.deviceIndex))
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
        .thenCompose(x -> readCharacterSet(poll))
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

  /**
   * The character set of the localization the device names, when the discovery GET did not hold it
   * already (a device at another index, or a localization other than 1): one GET.
   */
  private CompletableFuture<Void> readCharacterSet(Poll poll) {
    Optional<Oid> ask =
        LocalizationDecoder.characterSetToAsk(Rows.of(poll.discovery), poll.deviceIndex);
    if (ask.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return get(poll.target, List.of(ask.get()))
        .handle(
            (vbs, error) -> {
              if (error != null) {
                poll.fail("prtLocalizationCharacterSet", error);
              } else {
                poll.varbinds += vbs.size();
                vbs.forEach(vb -> poll.discovery.putIfAbsent(vb.oid(), vb.value()));
              }
              return null;
            });
  }

  /**
   * The make's own OIDs: type columns of table meters first, then one GET per chunk of OIDs. A make
   * without a profile: the standard IEEE 1284 device ID OIDs ({@link NameRules#standard()}).
   */
  private CompletableFuture<Void> readProfile(Poll poll) {
    if (poll.profile.isEmpty()) {
      return readOids(poll, "identity OIDs", NameRules.standard().deviceIdOids());
    }
    VendorProfile profile = poll.profile.get();
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (Oid column : VendorMeterDecoder.typeColumns(profile)) {
      chain =
          chain.thenCompose(
              x ->
                  budgetedWalk(
                      poll,
                      profile.make() + " meter table " + column,
                      column,
                      (rows, failed) -> poll.typeColumns.put(column, rows)));
    }
    return chain.thenCompose(
        x ->
            readOids(
                poll,
                profile.make() + " profile OIDs",
                VendorMeterDecoder.oidsToGet(profile, poll.typeColumns)));
  }

  /** One GET per chunk of {@code all}, the values kept as the profile's. */
  private CompletableFuture<Void> readOids(Poll poll, String what, List<Oid> all) {
    CompletableFuture<Void> gets = CompletableFuture.completedFuture(null);
    for (int from = 0; from < all.size(); from += GET_CHUNK) {
      List<Oid> chunk = all.subList(from, Math.min(all.size(), from + GET_CHUNK));
      gets =
          gets.thenCompose(
              y ->
                  overBudget(poll, what)
                      ? CompletableFuture.<Void>completedFuture(null)
                      : get(poll.target, chunk)
                          .handle(
                              (vbs, error) -> {
                                if (error != null) {
                                  poll.fail(what, error);
                                } else {
                                  poll.varbinds += vbs.size();
                                  vbs.forEach(
                                      vb -> poll.profileValues.putIfAbsent(vb.oid(), vb.value()));
                                }
                                if (poll.profileReadAt == null) {
                                  poll.profileReadAt = clock.instant();
                                }
                                return null;
                              }));
    }
    return gets;
  }

  /** One walk; its rows (or the rows read before a failure) are kept under {@code name}. */
  private CompletableFuture<Void> step(Poll poll, String name, Oid root) {
    return budgetedWalk(
        poll,
        name,
        root,
        (rows, failed) -> poll.tables.put(name, new Walked(rows, clock.instant(), failed)));
  }

  /** What a walk gave: its rows, and whether it failed (the failure is recorded). */
  @FunctionalInterface
  private interface WalkResult {
    void accept(Rows rows, boolean failed);
  }

  /**
   * A walk within the device's budget: skipped (and said) when the device is over its time or
   * variables; at most the rows per table, or the variables left; over that, the rows read are kept
   * and the failure says {@code truncated}.
   */
  private CompletableFuture<Void> budgetedWalk(
      Poll poll, String name, Oid root, WalkResult result) {
    if (overBudget(poll, name)) {
      result.accept(Rows.empty(), true);
      return CompletableFuture.completedFuture(null);
    }
    int left = budget.varbindsPerDevice() - poll.varbinds;
    int maxRows = Math.min(budget.rowsPerTable(), left);
    return walk(poll.target, root, maxRows)
        .handle(
            (rows, error) -> {
              List<VarBind> got = error != null ? partialOf(error) : rows;
              poll.varbinds += got.size();
              if (error != null && kind(error) == SnmpException.Kind.truncated) {
                poll.failures.add(
                    new ReadFailure(
                        ReadBudget.TRUNCATED,
                        maxRows == budget.rowsPerTable()
                            ? name + " over " + maxRows + " rows"
                            : name
                                + " stopped at the device's budget of "
                                + budget.varbindsPerDevice()
                                + " variables"));
              } else if (error != null) {
                poll.fail(name, error);
              }
              result.accept(Rows.of(got), error != null);
              return null;
            });
  }

  /** True (and said, naming what is skipped) when the device has used its time or its variables. */
  private boolean overBudget(Poll poll, String skipped) {
    Duration spent = Duration.ofNanos(nanoTime.getAsLong() - poll.startedNanos);
    if (spent.compareTo(budget.timePerDevice()) > 0) {
      poll.failures.add(
          new ReadFailure(
              ReadBudget.TRUNCATED,
              "device over its time budget of "
                  + seconds(budget.timePerDevice())
                  + "; not read: "
                  + skipped));
      return true;
    }
    if (poll.varbinds >= budget.varbindsPerDevice()) {
      poll.failures.add(
          new ReadFailure(
              ReadBudget.TRUNCATED,
              "device over its budget of "
                  + budget.varbindsPerDevice()
                  + " variables; not read: "
                  + skipped));
      return true;
    }
    return false;
  }

  /** The snapshot: every decoder over the rows the poll collected, their failures in order. */
  private PolledDevice assemble(Poll poll) {
    Rows discovery = Rows.of(poll.discovery);
    int idx = poll.deviceIndex;
    Optional<VendorProfile> profile = poll.profile;
    List<ReadFailure> failures = poll.failures;
    Rows profileValues = Rows.of(poll.profileValues);
    for (Rows values : List.of(discovery, profileValues)) {
      for (VarBind vb : values.all()) {
        if (vb.value() instanceof SnmpValue.Bad bad) {
          failures.add(new ReadFailure(vb.oid().toString(), "bad value: " + bad.reason()));
        }
      }
    }
    DeviceIdentity identity =
        take(
            failures,
            IdentityDecoder.decode(
                discovery,
                poll.table("ifPhysAddress").rows(),
                profileValues,
                idx,
                profile,
                makes,
                poll.seenAt));
    List<MeterReading> meters =
        new ArrayList<>(
            take(failures, LifeCounterDecoder.decode(poll.table("prtMarkerLifeCount"), idx)));
    profile.ifPresent(
        p ->
            meters.addAll(
                take(
                    failures,
                    VendorMeterDecoder.decode(
                        p,
                        poll.typeColumns,
                        profileValues,
                        poll.profileReadAt != null ? poll.profileReadAt : poll.seenAt))));
    Optional<Charset> declared = take(failures, LocalizationDecoder.decode(discovery, idx));
    List<SupplyReading> supplies =
        take(
            failures,
            SupplyDecoder.decode(poll.table("prtMarkerSuppliesTable"), profile, declared));
    DeviceStatus status =
        take(failures, StatusDecoder.decode(poll.table("hrPrinterTable"), discovery, idx));
    List<AlertReading> alerts =
        take(failures, AlertDecoder.decode(poll.table("prtAlertTable"), idx, mibNames, declared));
    List<InputTray> trays =
        take(failures, TrayDecoder.decode(poll.table("prtInputTable"), idx, declared));
    List<InstalledOption> options =
        take(failures, OptionDecoder.decode(poll.table("hrDeviceTable"), idx, mibNames));
    DeviceSnapshot snapshot =
        new DeviceSnapshot(
            identity,
            poll.address,
            poll.seenAt,
            meters.size() > MAX_METERS ? meters.subList(0, MAX_METERS) : meters,
            supplies,
            status,
            alerts,
            trays,
            options,
            Optional.of(poll.access.posture()));
    return new PolledDevice(snapshot, failures, Optional.of(poll.access));
  }

  private static <T> T take(List<ReadFailure> failures, Decoded<T> decoded) {
    failures.addAll(decoded.failures());
    return decoded.value();
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
              if (oids.size() == 1 && kind(error) == SnmpException.Kind.malformed) {
                // a reply that cannot be decoded costs this value, not the device
                return CompletableFuture.completedFuture(
                    List.of(new VarBind(oids.get(0), new SnmpValue.Bad(reason(error)))));
              }
              if (oids.size() > 1
                  && (kind(error) == SnmpException.Kind.errorStatus
                      || kind(error) == SnmpException.Kind.malformed)) {
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

  /** {@code 20 s}, or {@code 1500 ms} for a budget that is not whole seconds. */
  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** The kind of an SNMP failure, or null for any other failure. */
  private static SnmpException.Kind kind(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e instanceof SnmpException s ? s.kind() : null;
  }

  private CompletableFuture<List<VarBind>> walk(SnmpTarget target, Oid root, int maxRows) {
    return limiter.submit(
        () ->
            client
                .walk(target, root, maxRows)
                .orTimeout(walkGuard.toMillis(), TimeUnit.MILLISECONDS));
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
    final Map<String, Walked> tables = new HashMap<>();
    final Map<Oid, Rows> typeColumns = new LinkedHashMap<>();
    final Map<Oid, SnmpValue> profileValues = new HashMap<>();
    Instant profileReadAt;
    Map<Oid, SnmpValue> discovery = new HashMap<>();
    Optional<VendorProfile> profile = Optional.empty();
    Instant seenAt;
    int deviceIndex = FIRST;
    long startedNanos;
    int varbinds;

    Poll(String address, SnmpTarget target, SnmpAccess access) {
      this.address = address;
      this.target = target;
      this.access = access;
    }

    void fail(String what, Throwable error) {
      failures.add(new ReadFailure(what, reason(error)));
    }

    /** What the walk named {@code name} gave; nothing (as of discovery) if it was not made. */
    Walked table(String name) {
      return tables.getOrDefault(name, Walked.nothing(seenAt));
    }
  }
}
