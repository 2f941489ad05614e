package org.openrps.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * A device snapshot sent as what changed since a base snapshot of the same device from the same
 * sender, one the receiver acknowledged (since schema {@code openrps.report/4}, ADR 0010).
 *
 * <p>The receiver rebuilds the full snapshot with {@link #applyTo}: a part present here replaces
 * the base's part whole; a part left out is the base's, read again at this poll and found the same,
 * so every {@code readAt} in it is the time {@link #readAt} gives for the part, or {@link #seenAt}
 * when it gives none. {@code address} and {@code snmp}, which carry no time, are the base's when
 * left out. A sender leaves a part out only when that rule gives back exactly what it read ({@link
 * #between} checks the whole rebuild), so nothing is lost and nothing invented.
 *
 * @param make the device's make, as in its snapshots (with {@code serial}: the device key)
 * @param serial the device's serial number
 * @param base the {@code seenAt} of the base snapshot: the receiver must hold that snapshot of this
 *     device from this sender, or refuse the report ({@code delta.base.unknown})
 * @param seenAt when the device answered
 * @param address where it answered; left out: the base's
 * @param identity left out: the base's, read at {@link #readAt} {@code identity}
 * @param counters every meter; left out: the base's, each read at {@code readAt.counters}
 * @param supplies every supply; left out: the base's
 * @param status left out: the base's
 * @param alerts the alert table (empty: none now); left out: the base's
 * @param inputs the input trays; left out: the base's
 * @param options the installed options; left out: the base's
 * @param snmp how the device was reached; left out: the base's
 * @param readAt for a part left out, when it was read, where that is not {@code seenAt}; keys are
 *     {@link #PARTS}
 */
public record DeviceDelta(
    String make,
    String serial,
    Instant base,
    Instant seenAt,
    Optional<String> address,
    Optional<DeviceIdentity> identity,
    Optional<List<MeterReading>> counters,
    Optional<List<SupplyReading>> supplies,
    Optional<DeviceStatus> status,
    Optional<List<AlertReading>> alerts,
    Optional<List<InputTray>> inputs,
    Optional<List<InstalledOption>> options,
    Optional<SnmpPosture> snmp,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Instant> readAt) {

  public static final String IDENTITY = "identity";
  public static final String COUNTERS = "counters";
  public static final String SUPPLIES = "supplies";
  public static final String STATUS = "status";
  public static final String ALERTS = "alerts";
  public static final String INPUTS = "inputs";
  public static final String OPTIONS = "options";

  /** The parts that carry reading times, the keys of {@link #readAt}. */
  public static final Set<String> PARTS =
      Set.of(IDENTITY, COUNTERS, SUPPLIES, STATUS, ALERTS, INPUTS, OPTIONS);

  public DeviceDelta {
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(seenAt, "seenAt");
    address = orEmpty(address);
    identity = orEmpty(identity);
    counters = orEmpty(counters).map(List::copyOf);
    supplies = orEmpty(supplies).map(List::copyOf);
    status = orEmpty(status);
    alerts = orEmpty(alerts).map(List::copyOf);
    inputs = orEmpty(inputs).map(List::copyOf);
    options = orEmpty(options).map(List::copyOf);
    snmp = orEmpty(snmp);
    readAt = readAt == null ? Map.of() : Map.copyOf(new TreeMap<>(readAt));
    for (String part : readAt.keySet()) {
      if (!PARTS.contains(part)) {
        throw new IllegalArgumentException("readAt: unknown part " + part);
      }
    }
  }

  /**
   * The full snapshot this delta describes, on {@code base}.
   *
   * @throws IllegalArgumentException when {@code base} is not the snapshot this delta is made on
   *     (another device, another {@code seenAt})
   */
  public DeviceSnapshot applyTo(DeviceSnapshot base) {
    if (!base.seenAt().equals(this.base)
        || !base.identity().make().equals(make)
        || !base.identity().serial().equals(serial)) {
      throw new IllegalArgumentException(
          "the delta of "
              + make
              + " "
              + serial
              + " is made on its snapshot of "
              + this.base
              + ", not on "
              + base.identity().make()
              + " "
              + base.identity().serial()
              + " of "
              + base.seenAt());
    }
    return new DeviceSnapshot(
        identity.orElseGet(() -> at(base.identity(), time(IDENTITY))),
        address.orElse(base.address()),
        seenAt,
        counters.orElseGet(() -> all(base.counters(), time(COUNTERS), DeviceDelta::at)),
        supplies.orElseGet(() -> all(base.supplies(), time(SUPPLIES), DeviceDelta::at)),
        status.orElseGet(() -> at(base.status(), time(STATUS))),
        alerts.orElseGet(() -> all(base.alerts(), time(ALERTS), DeviceDelta::at)),
        inputs.orElseGet(() -> all(base.inputs(), time(INPUTS), DeviceDelta::at)),
        options.orElseGet(() -> all(base.options(), time(OPTIONS), DeviceDelta::at)),
        snmp.isPresent() ? snmp : base.snmp());
  }

  /**
   * What changed from {@code base} to {@code now}, both full snapshots of one device: every part
   * that the rule of {@link #applyTo} gives back exactly is left out. Empty when no delta can say
   * it (another device, or an SNMP posture now unknown that was known).
   *
   * @param countersAlways true to send the meters whole in every delta, changed or not
   */
  public static Optional<DeviceDelta> between(
      DeviceSnapshot base, DeviceSnapshot now, boolean countersAlways) {
    DeviceIdentity id = now.identity();
    if (!base.identity().make().equals(id.make())
        || !base.identity().serial().equals(id.serial())
        || (now.snmp().isEmpty() && base.snmp().isPresent())) {
      return Optional.empty();
    }
    Map<String, Instant> times = new TreeMap<>();
    Instant seen = now.seenAt();
    Optional<DeviceIdentity> identity =
        one(IDENTITY, base.identity(), id, id.readAt(), DeviceDelta::at, seen, times);
    Optional<List<MeterReading>> counters =
        countersAlways
            ? Optional.of(now.counters())
            : many(
                COUNTERS,
                base.counters(),
                now.counters(),
                MeterReading::readAt,
                seen,
                times,
                DeviceDelta::at);
    Optional<List<SupplyReading>> supplies =
        many(
            SUPPLIES,
            base.supplies(),
            now.supplies(),
            SupplyReading::readAt,
            seen,
            times,
            DeviceDelta::at);
    Optional<DeviceStatus> status =
        one(
            STATUS,
            base.status(),
            now.status(),
            now.status().readAt(),
            DeviceDelta::at,
            seen,
            times);
    Optional<List<AlertReading>> alerts =
        many(
            ALERTS,
            base.alerts(),
            now.alerts(),
            AlertReading::readAt,
            seen,
            times,
            DeviceDelta::at);
    Optional<List<InputTray>> inputs =
        many(INPUTS, base.inputs(), now.inputs(), InputTray::readAt, seen, times, DeviceDelta::at);
    Optional<List<InstalledOption>> options =
        many(
            OPTIONS,
            base.options(),
            now.options(),
            InstalledOption::readAt,
            seen,
            times,
            DeviceDelta::at);
    DeviceDelta delta =
        new DeviceDelta(
            id.make(),
            id.serial(),
            base.seenAt(),
            seen,
            now.address().equals(base.address()) ? Optional.empty() : Optional.of(now.address()),
            identity,
            counters,
            supplies,
            status,
            alerts,
            inputs,
            options,
            now.snmp().equals(base.snmp()) ? Optional.empty() : now.snmp(),
            times);
    // Nothing lost, nothing invented: the receiver's rebuild is what was read, or no delta.
    return delta.applyTo(base).equals(now) ? Optional.of(delta) : Optional.empty();
  }

  /** The parts this delta carries, by name ({@link #PARTS}, plus address and snmp). */
  public List<String> partsSent() {
    List<String> sent = new ArrayList<>();
    address.ifPresent(a -> sent.add("address"));
    identity.ifPresent(a -> sent.add(IDENTITY));
    counters.ifPresent(a -> sent.add(COUNTERS));
    supplies.ifPresent(a -> sent.add(SUPPLIES));
    status.ifPresent(a -> sent.add(STATUS));
    alerts.ifPresent(a -> sent.add(ALERTS));
    inputs.ifPresent(a -> sent.add(INPUTS));
    options.ifPresent(a -> sent.add(OPTIONS));
    snmp.ifPresent(a -> sent.add("snmp"));
    return List.copyOf(sent);
  }

  private Instant time(String part) {
    return readAt.getOrDefault(part, seenAt);
  }

  private static <T> Optional<T> one(
      String part,
      T base,
      T now,
      Instant nowAt,
      BiFunction<T, Instant, T> retimed,
      Instant seen,
      Map<String, Instant> times) {
    if (!retimed.apply(base, nowAt).equals(now)) {
      return Optional.of(now);
    }
    if (!nowAt.equals(seen)) {
      times.put(part, nowAt);
    }
    return Optional.empty();
  }

  private static <T> Optional<List<T>> many(
      String part,
      List<T> base,
      List<T> now,
      java.util.function.Function<T, Instant> readAt,
      Instant seen,
      Map<String, Instant> times,
      BiFunction<T, Instant, T> retimed) {
    if (now.isEmpty()) {
      return base.isEmpty() ? Optional.empty() : Optional.of(now);
    }
    Instant at = readAt.apply(now.get(0));
    if (!all(base, at, retimed).equals(now)) {
      return Optional.of(now); // changed, or read at several times: sent whole
    }
    if (!at.equals(seen)) {
      times.put(part, at);
    }
    return Optional.empty();
  }

  private static <T> List<T> all(List<T> items, Instant at, BiFunction<T, Instant, T> retimed) {
    List<T> out = new ArrayList<>(items.size());
    for (T item : items) {
      out.add(retimed.apply(item, at));
    }
    return out;
  }

  private static DeviceIdentity at(DeviceIdentity i, Instant t) {
    return i.withReadAt(t);
  }

  private static DeviceStatus at(DeviceStatus s, Instant t) {
    return new DeviceStatus(s.printerStatus(), s.errors(), t, s.deviceStatus(), s.uptimeSeconds());
  }

  private static MeterReading at(MeterReading m, Instant t) {
    return new MeterReading(m.name(), m.value(), m.oid(), t, m.flags(), m.oids());
  }

  private static SupplyReading at(SupplyReading s, Instant t) {
    return new SupplyReading(
        s.index(),
        s.description(),
        s.type(),
        s.supplyClass(),
        s.unit(),
        s.maxCapacity(),
        s.level(),
        t,
        s.partNumber());
  }

  private static AlertReading at(AlertReading a, Instant t) {
    return new AlertReading(
        a.index(), a.severity(), a.trainingLevel(), a.group(), a.code(), a.description(), t);
  }

  private static InputTray at(InputTray i, Instant t) {
    return new InputTray(i.index(), i.name(), i.mediaName(), i.maxCapacity(), i.currentLevel(), t);
  }

  private static InstalledOption at(InstalledOption o, Instant t) {
    return new InstalledOption(o.index(), o.type(), o.description(), o.status(), t);
  }

  private static <T> Optional<T> orEmpty(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }
}
