package org.openrps.agent.poll.decode;

import static org.openrps.agent.poll.decode.Values.describe;
import static org.openrps.agent.poll.decode.Values.integer;
import static org.openrps.agent.poll.decode.Values.name;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.wire.DeviceStatus;

/**
 * Status from hrPrinterTable (hrPrinterStatus, hrPrinterDetectedErrorState) and the discovery GET
 * (hrDeviceStatus, sysUpTime).
 */
public final class StatusDecoder {

  static final String TABLE = "hrPrinterTable";

  private StatusDecoder() {}

  public static Decoded<DeviceStatus> decode(Walked hrPrinter, Rows discovery, int deviceIndex) {
    List<ReadFailure> failures = new ArrayList<>();
    int idx = deviceIndex;
    SnmpValue status = hrPrinter.rows().at(StandardMib.HR_PRINTER_STATUS.append(idx));
    SnmpValue errors = hrPrinter.rows().at(StandardMib.HR_PRINTER_DETECTED_ERROR_STATE.append(idx));
    String printerStatus = "unknown";
    OptionalLong code = integer(status);
    if (code.isPresent()) {
      printerStatus = name(StandardMib.HR_PRINTER_STATUS_NAMES, code.getAsLong());
    } else if (!hrPrinter.failed()) {
      failures.add(new ReadFailure("hrPrinterStatus", describe(status)));
    }
    List<String> errorNames = List.of();
    if (errors instanceof SnmpValue.OctetString s) {
      errorNames = StandardMib.decodePrinterErrors(s.bytes());
    } else if (!hrPrinter.failed()) {
      failures.add(new ReadFailure("hrPrinterDetectedErrorState", describe(errors)));
    }
    Optional<String> deviceStatus = Optional.empty();
    OptionalLong ds = integer(discovery.at(StandardMib.HR_DEVICE_STATUS.append(idx)));
    if (ds.isPresent()) {
      deviceStatus = Optional.of(name(StandardMib.HR_DEVICE_STATUS_NAMES, ds.getAsLong()));
    }
    Optional<Long> uptime = Optional.empty();
    if (discovery.at(StandardMib.SYS_UP_TIME) instanceof SnmpValue.TimeTicks t) {
      uptime = Optional.of(t.value() / 100);
    }
    return new Decoded<>(
        new DeviceStatus(printerStatus, errorNames, hrPrinter.readAt(), deviceStatus, uptime),
        failures);
  }
}
