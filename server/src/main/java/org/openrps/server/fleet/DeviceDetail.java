package org.openrps.server.fleet;

import java.time.Instant;
import java.util.List;
import org.openrps.server.alerts.AlertRoutes;
import org.openrps.wire.InputTray;
import org.openrps.wire.InstalledOption;
import org.openrps.wire.SerialSource;
import org.openrps.wire.view.MeterView;
import org.openrps.wire.view.SupplyView;

/**
 * One device with everything the server keeps of its latest state: identity, status, SNMP posture,
 * current meters (flagged ones as such), supplies, open alerts, trays, options and the source of
 * each group. The fields of the device list ({@code totalPages}, {@code lowestSupplyPercent},
 * {@code printerStatus}) keep their names and meaning; {@code total} adds what was reported and
 * what is trusted. {@code sources} names, for each group of the latest state (address, identity,
 * status, meters, supplies, alerts, inputs and options, diagnostics), the kind and id of the source
 * that read it and when (ADR 0020): a printer seen by an agent and by its own Device Direct module
 * is one device whose groups may come from either. {@code diagnostics} sums up the module's latest
 * diagnostics ({@code null} when none was reported); {@code …/diagnostics} has them whole.
 */
public record DeviceDetail(
    String customer,
    String site,
    String make,
    String model,
    String serial,
    String address,
    Instant lastSeen,
    Identity identity,
    Status status,
    Snmp snmp,
    Long totalPages,
    List<String> totalPagesFlags,
    String totalPagesNote,
    TotalPagesView total,
    Double lowestSupplyPercent,
    String printerStatus,
    List<MeterView> meters,
    List<SupplyView> supplies,
    List<AlertRoutes.AlertView> alerts,
    List<InputTray> inputs,
    List<InstalledOption> options,
    FieldSources sources,
    DeviceDiagnosticsView.Summary diagnostics,
    String lastReportId) {

  /**
   * Who the device is.
   *
   * @param manufacturer who made it, under its current name ({@code make} is the device key's)
   * @param brand the name on the device
   * @param serialDisagreement {@code null} when the serial's sources agreed in the latest identity;
   *     else each source with its serial, the reported one first
   */
  public record Identity(
      String sysObjectId,
      String mac,
      String firmware,
      String sysName,
      String location,
      String manufacturer,
      String brand,
      List<SerialSource> serialDisagreement) {}

  /** hrPrinterStatus, hrDeviceStatus, detected errors and uptime. */
  public record Status(
      String printerStatus, String deviceStatus, List<String> errors, Long uptimeSeconds) {}

  /** How the device answered SNMP: v1/v2c are cleartext community, v3 names auth and privacy. */
  public record Snmp(String version, String security) {}
}
