package org.openrps.agent.poll.decode;

import static org.openrps.agent.poll.decode.Values.MAX_TEXT;
import static org.openrps.agent.poll.decode.Values.clean;
import static org.openrps.agent.poll.decode.Values.integer;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.mib.PrinterMibNames;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.wire.AlertReading;

/** prtAlertTable rows of the printer device (or of any device, when none are its own). */
public final class AlertDecoder {

  static final String TABLE = "prtAlertTable";

  /** The most alerts kept from one device. */
  public static final int MAX_ALERTS = 256;

  private AlertDecoder() {}

  /** The alerts, descriptions read with no declared character set. */
  public static Decoded<List<AlertReading>> decode(
      Walked alerts, int deviceIndex, PrinterMibNames names) {
    return decode(alerts, deviceIndex, names, Optional.empty());
  }

  /** The alerts; descriptions in the character set the device declares, if any. */
  public static Decoded<List<AlertReading>> decode(
      Walked alerts, int deviceIndex, PrinterMibNames names, Optional<Charset> declared) {
    List<ReadFailure> failures = new ArrayList<>();
    Map<Long, Map<Integer, SnmpValue>> rows =
        Values.rows(alerts.rows(), StandardMib.PRT_ALERT_ENTRY, deviceIndex);
    List<AlertReading> out = new ArrayList<>();
    for (Map.Entry<Long, Map<Integer, SnmpValue>> row : rows.entrySet()) {
      Map<Integer, SnmpValue> c = row.getValue();
      OptionalLong severity = integer(c.get(2));
      OptionalLong code = integer(c.get(7));
      if (severity.isEmpty()
          || code.isEmpty()
          || row.getKey() < 1
          || row.getKey() > Integer.MAX_VALUE) {
        failures.add(
            new ReadFailure(
                TABLE + " row " + row.getKey(), "severity or code missing or not an integer"));
        continue;
      }
      if (out.size() >= MAX_ALERTS) {
        break;
      }
      out.add(
          new AlertReading(
              (int) (long) row.getKey(),
              names.name("severity", severity.getAsLong()),
              integer(c.get(3)).stream()
                  .mapToObj(n -> names.name("training", n))
                  .findFirst()
                  .orElse("unknown"),
              integer(c.get(4)).stream()
                  .mapToObj(n -> names.name("group", n))
                  .findFirst()
                  .orElse("unknown"),
              names.name("code", code.getAsLong()),
              c.get(8) instanceof SnmpValue.OctetString s ? clean(s.text(declared), MAX_TEXT) : "",
              alerts.readAt()));
    }
    return new Decoded<>(out, failures);
  }
}
