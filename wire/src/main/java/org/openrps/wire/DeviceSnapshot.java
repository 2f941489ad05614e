package org.openrps.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What was read from one device in one poll. Each figure carries the time it was read.
 *
 * @param identity who the device is (make + serial is its key)
 * @param address the network address it answered on
 * @param seenAt when it last answered
 * @param counters page counters and billing meters
 * @param supplies toner, drums, waste containers and the like
 * @param status printer status and detected error conditions
 * @param alerts the Printer MIB alert table (prtAlertTable) as read; empty when none (and left out
 *     of the JSON)
 * @param inputs the input trays (prtInputTable); empty when none or not read
 * @param options the printer's other devices (hrDeviceTable): disk, modem, finisher...; empty when
 *     none or not read
 * @param snmp how the agent reached the device over SNMP (version and security, never a secret),
 *     when it did (since schema {@code openrps.report/2})
 * @param diagnostics what a Device Direct module reports beyond SNMP (since schema {@code
 *     openrps.report/6}); an agent sends none
 */
public record DeviceSnapshot(
    DeviceIdentity identity,
    String address,
    Instant seenAt,
    List<MeterReading> counters,
    List<SupplyReading> supplies,
    DeviceStatus status,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AlertReading> alerts,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<InputTray> inputs,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<InstalledOption> options,
    Optional<SnmpPosture> snmp,
    Optional<DeviceDiagnostics> diagnostics) {

  public DeviceSnapshot {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(seenAt, "seenAt");
    counters = List.copyOf(Objects.requireNonNull(counters, "counters"));
    supplies = List.copyOf(Objects.requireNonNull(supplies, "supplies"));
    Objects.requireNonNull(status, "status");
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    options = options == null ? List.of() : List.copyOf(options);
    snmp = snmp == null ? Optional.empty() : snmp;
    diagnostics = diagnostics == null ? Optional.empty() : diagnostics;
  }

  /** A snapshot without diagnostics (an agent's). */
  public DeviceSnapshot(
      DeviceIdentity identity,
      String address,
      Instant seenAt,
      List<MeterReading> counters,
      List<SupplyReading> supplies,
      DeviceStatus status,
      List<AlertReading> alerts,
      List<InputTray> inputs,
      List<InstalledOption> options,
      Optional<SnmpPosture> snmp) {
    this(
        identity,
        address,
        seenAt,
        counters,
        supplies,
        status,
        alerts,
        inputs,
        options,
        snmp,
        Optional.empty());
  }

  /** A snapshot without SNMP posture. */
  public DeviceSnapshot(
      DeviceIdentity identity,
      String address,
      Instant seenAt,
      List<MeterReading> counters,
      List<SupplyReading> supplies,
      DeviceStatus status,
      List<AlertReading> alerts,
      List<InputTray> inputs,
      List<InstalledOption> options) {
    this(
        identity,
        address,
        seenAt,
        counters,
        supplies,
        status,
        alerts,
        inputs,
        options,
        Optional.empty());
  }

  /** A snapshot without installed options. */
  public DeviceSnapshot(
      DeviceIdentity identity,
      String address,
      Instant seenAt,
      List<MeterReading> counters,
      List<SupplyReading> supplies,
      DeviceStatus status,
      List<AlertReading> alerts,
      List<InputTray> inputs) {
    this(identity, address, seenAt, counters, supplies, status, alerts, inputs, List.of());
  }

  /** A snapshot without alerts and input trays. */
  public DeviceSnapshot(
      DeviceIdentity identity,
      String address,
      Instant seenAt,
      List<MeterReading> counters,
      List<SupplyReading> supplies,
      DeviceStatus status) {
    this(identity, address, seenAt, counters, supplies, status, List.of(), List.of(), List.of());
  }

  /** This snapshot with other counters (e.g. the same ones, flagged). */
  public DeviceSnapshot withCounters(List<MeterReading> other) {
    return new DeviceSnapshot(
        identity,
        address,
        seenAt,
        other,
        supplies,
        status,
        alerts,
        inputs,
        options,
        snmp,
        diagnostics);
  }

  /** This snapshot with another identity (e.g. the same device under its device key). */
  public DeviceSnapshot withIdentity(DeviceIdentity other) {
    return new DeviceSnapshot(
        other,
        address,
        seenAt,
        counters,
        supplies,
        status,
        alerts,
        inputs,
        options,
        snmp,
        diagnostics);
  }

  /** This snapshot with how the device was reached over SNMP. */
  public DeviceSnapshot withSnmp(SnmpPosture posture) {
    return new DeviceSnapshot(
        identity,
        address,
        seenAt,
        counters,
        supplies,
        status,
        alerts,
        inputs,
        options,
        Optional.of(posture),
        diagnostics);
  }

  /** This snapshot with a Device Direct module's diagnostics. */
  public DeviceSnapshot withDiagnostics(DeviceDiagnostics other) {
    return new DeviceSnapshot(
        identity,
        address,
        seenAt,
        counters,
        supplies,
        status,
        alerts,
        inputs,
        options,
        snmp,
        Optional.of(other));
  }

  /** The total page count, the largest "total" meter, if the device gave one. */
  public java.util.OptionalLong totalPages() {
    return counters.stream()
        .filter(c -> c.name().equals(MeterReading.TOTAL))
        .mapToLong(MeterReading::value)
        .max();
  }
}
