package org.openrps.server.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.openrps.wire.DeviceDiagnostics;

/**
 * A device's diagnostics as {@code GET …/devices/{make}/{serial}/diagnostics} shows them: the
 * latest a Device Direct module reported, with its source, and every fault it ever reported.
 *
 * @param source who reported the latest diagnostics and when they were read; {@code null} when none
 *     were reported
 * @param latest the latest diagnostics as the module sent them; {@code null} when none
 * @param faultHistory each fault once (by code and raising time), the newest raised first
 */
public record DeviceDiagnosticsView(
    String make,
    String serial,
    FieldSources.Source source,
    DeviceDiagnostics latest,
    List<Fault> faultHistory) {

  /** A fault as stored: {@code clearedAt} is {@code null} while it is active or not known. */
  public record Fault(
      String code,
      String description,
      String severity,
      Instant raisedAt,
      Instant clearedAt,
      String source) {}

  /**
   * What the device detail shows of the diagnostics.
   *
   * @param activeFaults the codes of the faults active in the latest diagnostics
   * @param faultsRecorded how many faults the server holds for the device, active or cleared
   */
  public record Summary(
      Instant readAt,
      String source,
      List<String> activeFaults,
      int faultsRecorded,
      Map<String, String> versions,
      int parts) {}
}
