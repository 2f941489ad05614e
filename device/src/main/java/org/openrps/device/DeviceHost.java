package org.openrps.device;

import org.openrps.wire.DeviceDiagnostics;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.command.Command;

/**
 * The callback through which the printer hosting the module supplies its data and carries out
 * commands. The module calls it from its own thread, one call at a time.
 */
public interface DeviceHost {

  /**
   * The printer as it is now: identity (its make and serial are its device key), meters, supplies,
   * status, alerts and installed options.
   */
  DeviceSnapshot snapshot();

  /** What the printer knows beyond SNMP: faults, failure history, versions, settings, parts. */
  DeviceDiagnostics diagnostics();

  /**
   * Carries out a command the module has checked: its type is one a device applies, its parameters
   * are there, it has not expired and was not applied before. Returns what happened; a type the
   * printer does not support is {@link Applied#failed}.
   */
  Applied apply(Command command);

  /** What became of a command on the printer. */
  record Applied(boolean done, String message, java.util.Map<String, String> details) {
    public Applied {
      java.util.Objects.requireNonNull(message, "message");
      details = details == null ? java.util.Map.of() : java.util.Map.copyOf(details);
    }

    public static Applied done(String message) {
      return new Applied(true, message, java.util.Map.of());
    }

    public static Applied done(String message, java.util.Map<String, String> details) {
      return new Applied(true, message, details);
    }

    public static Applied failed(String message) {
      return new Applied(false, message, java.util.Map.of());
    }
  }
}
