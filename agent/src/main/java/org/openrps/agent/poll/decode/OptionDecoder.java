package org.openrps.agent.poll.decode;

import static org.openrps.agent.poll.decode.Values.MAX_TEXT;
import static org.openrps.agent.poll.decode.Values.clean;
import static org.openrps.agent.poll.decode.Values.integer;
import static org.openrps.agent.poll.decode.Values.name;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.PrinterMibNames;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.wire.InstalledOption;

/** hrDeviceTable rows other than the printer itself: disk, modem, finisher, network card... */
public final class OptionDecoder {

  /** The most options kept from one device. */
  public static final int MAX_OPTIONS = 64;

  private OptionDecoder() {}

  public static Decoded<List<InstalledOption>> decode(
      Walked devices, int deviceIndex, PrinterMibNames names) {
    Map<Long, Map<Integer, SnmpValue>> rows = new TreeMap<>();
    for (VarBind vb : devices.rows().under(StandardMib.HR_DEVICE_ENTRY)) {
      if (!vb.value().isValue()) {
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
      if (row.getKey() == deviceIndex
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
              ? names.name("deviceType", Integer.toUnsignedLong(type.value().last()))
              : "other(" + type.value() + ")";
      String description =
          c.get(3) instanceof SnmpValue.OctetString d ? clean(d.text(), MAX_TEXT) : "";
      Optional<String> status =
          integer(c.get(5)).stream()
              .mapToObj(n -> name(StandardMib.HR_DEVICE_STATUS_NAMES, n))
              .findFirst();
      out.add(
          new InstalledOption(
              (int) (long) row.getKey(), typeName, description, status, devices.readAt()));
    }
    return new Decoded<>(out, List.of());
  }
}
