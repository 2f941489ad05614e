package org.openrps.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.MeterReading;
import org.openrps.wire.SupplyReading;

/**
 * Builds a {@link DeviceSnapshot} from plausible defaults, so a test states only what it is about.
 *
 * <p>Defaults: model "{@code make} Model 1", sysObjectID 1.3.6.1.4.1.11.2.3.9.1, MAC
 * 00:1b:78:00:00:01, sysName "prn-{@code serial}", address 127.50.0.1, read at 2026-01-01T00:00Z,
 * total pages 1000, black toner at 40 %, waste toner at 5 %, cyan toner -3 ("some remaining"),
 * status idle with lowToner. Every figure is stamped with the builder's {@link #at(Instant)}.
 *
 * <pre>{@code
 * DeviceSnapshot s = SnapshotBuilder.printer("HP", "CN123").pages(52_000).tonerLevel(7).at(t).build();
 * }</pre>
 */
public final class SnapshotBuilder {

  /** The instant a snapshot is read at unless {@link #at(Instant)} says otherwise. */
  public static final Instant DEFAULT_AT = Instant.parse("2026-01-01T00:00:00Z");

  /** prtMarkerLifeCount.1.1, where the total page counter is read. */
  public static final String TOTAL_OID = "1.3.6.1.2.1.43.10.2.1.4.1.1";

  private final String make;
  private final String serial;
  private String model;
  private String sysObjectId = "1.3.6.1.4.1.11.2.3.9.1";
  private Optional<String> mac = Optional.of("00:1b:78:00:00:01");
  private String address = "127.50.0.1";
  private Instant at = DEFAULT_AT;
  private long pages = 1000;
  private int tonerLevel = 40;
  private boolean standardSupplies = true;
  private final List<Meter> meters = new ArrayList<>();
  private final List<Supply> supplies = new ArrayList<>();
  private String printerStatus = "idle";
  private List<String> errors = List.of("lowToner");

  private record Meter(String name, long value, String oid) {}

  private record Supply(String description, String type, String supplyClass, int max, int level) {}

  private SnapshotBuilder(String make, String serial) {
    this.make = Objects.requireNonNull(make, "make");
    this.serial = Objects.requireNonNull(serial, "serial");
    this.model = make + " Model 1";
  }

  /** A builder for the printer whose key is {@code make} + {@code serial}. */
  public static SnapshotBuilder printer(String make, String serial) {
    return new SnapshotBuilder(make, serial);
  }

  /** The model name. */
  public SnapshotBuilder model(String model) {
    this.model = Objects.requireNonNull(model, "model");
    return this;
  }

  /** The dotted sysObjectID. */
  public SnapshotBuilder sysObjectId(String sysObjectId) {
    this.sysObjectId = Objects.requireNonNull(sysObjectId, "sysObjectId");
    return this;
  }

  /** The MAC address; empty when the device did not give one. */
  public SnapshotBuilder mac(Optional<String> mac) {
    this.mac = Objects.requireNonNull(mac, "mac");
    return this;
  }

  /** The address the device answered on. */
  public SnapshotBuilder address(String address) {
    this.address = Objects.requireNonNull(address, "address");
    return this;
  }

  /** When the device was read: the time of the snapshot and of each of its figures. */
  public SnapshotBuilder at(Instant at) {
    this.at = Objects.requireNonNull(at, "at");
    return this;
  }

  /** The total page counter (prtMarkerLifeCount). */
  public SnapshotBuilder pages(long pages) {
    this.pages = pages;
    return this;
  }

  /**
   * The level of the default black toner, in percent (or an RFC 3805 special value: -1, -2, -3).
   */
  public SnapshotBuilder tonerLevel(int level) {
    this.tonerLevel = level;
    return this;
  }

  /** Adds a meter after the total counter, e.g. {@code meter("color", 1200, "1.3.6.1.4.1…")}. */
  public SnapshotBuilder meter(String name, long value, String oid) {
    meters.add(new Meter(name, value, oid));
    return this;
  }

  /**
   * Replaces the three default supplies by the ones added with this method (indexed 1, 2, … in the
   * order added): a consumed supply measured in percent.
   */
  public SnapshotBuilder supply(String description, String type, int maxCapacity, int level) {
    standardSupplies = false;
    supplies.add(new Supply(description, type, "supplyThatIsConsumed", maxCapacity, level));
    return this;
  }

  /** No supplies at all (a device that does not publish prtMarkerSuppliesTable). */
  public SnapshotBuilder noSupplies() {
    standardSupplies = false;
    supplies.clear();
    return this;
  }

  /** hrPrinterStatus and the hrPrinterDetectedErrorState bits, by their RFC 2790 names. */
  public SnapshotBuilder status(String printerStatus, String... errors) {
    this.printerStatus = Objects.requireNonNull(printerStatus, "printerStatus");
    this.errors = List.of(errors);
    return this;
  }

  /** The snapshot. */
  public DeviceSnapshot build() {
    DeviceIdentity identity =
        new DeviceIdentity(
            make,
            model,
            serial,
            sysObjectId,
            mac,
            Optional.empty(),
            Optional.of("prn-" + serial),
            at);
    List<MeterReading> counters = new ArrayList<>();
    counters.add(new MeterReading(MeterReading.TOTAL, pages, TOTAL_OID, at));
    for (Meter m : meters) {
      counters.add(new MeterReading(m.name(), m.value(), m.oid(), at));
    }
    return new DeviceSnapshot(
        identity,
        address,
        at,
        counters,
        supplyReadings(),
        new DeviceStatus(printerStatus, errors, at));
  }

  private List<SupplyReading> supplyReadings() {
    if (standardSupplies) {
      return List.of(
          new SupplyReading(
              1, "Black Toner", "toner", "supplyThatIsConsumed", "percent", 100, tonerLevel, at),
          new SupplyReading(
              2, "Waste Toner", "wasteToner", "receptacleThatIsFilled", "percent", 100, 5, at),
          new SupplyReading(
              3, "Cyan Toner", "toner", "supplyThatIsConsumed", "percent", 100, -3, at));
    }
    List<SupplyReading> out = new ArrayList<>();
    for (int i = 0; i < supplies.size(); i++) {
      Supply s = supplies.get(i);
      out.add(
          new SupplyReading(
              i + 1,
              s.description(),
              s.type(),
              s.supplyClass(),
              "percent",
              s.max(),
              s.level(),
              at));
    }
    return out;
  }
}
