package org.openrps.agent.poll.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.StandardMib;

/**
 * Printer or not, from what the device answers, never from its make: hrDeviceType = hrDevicePrinter
 * at any hrDeviceIndex, or any Printer MIB table (prtGeneralTable, prtMarkerLifeCount,
 * prtMarkerSuppliesTable). Some printers (e.g. a Xerox AltaLink walk) show no Host Resources MIB at
 * all.
 */
public final class DiscoveryDecoder {

  private static final int FIRST = 1;

  private DiscoveryDecoder() {}

  /**
   * What the request driver asks first of every address: system group, index 1 probes, and the
   * character set of index 1's localized strings.
   */
  public static List<Oid> discoveryOids() {
    List<Oid> oids = new ArrayList<>(PROBES);
    oids.addAll(LocalizationDecoder.discoveryOids(FIRST));
    return List.copyOf(oids);
  }

  private static final List<Oid> PROBES =
      List.of(
          StandardMib.SYS_DESCR,
          StandardMib.SYS_OBJECT_ID,
          StandardMib.SYS_NAME,
          StandardMib.SYS_UP_TIME,
          StandardMib.SYS_LOCATION,
          StandardMib.HR_DEVICE_TYPE.append(FIRST),
          StandardMib.HR_DEVICE_DESCR.append(FIRST),
          StandardMib.HR_DEVICE_STATUS.append(FIRST),
          StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(FIRST),
          StandardMib.PRT_GENERAL_PRINTER_NAME.append(FIRST),
          StandardMib.PRT_MARKER_LIFE_COUNT.append(FIRST, FIRST),
          StandardMib.PRT_MARKER_SUPPLIES_DESCRIPTION.append(FIRST, FIRST),
          StandardMib.PRT_MARKER_SUPPLIES_LEVEL.append(FIRST, FIRST));

  /** The GET of a printer device's own row when it is not at hrDeviceIndex 1. */
  public static List<Oid> deviceRowOids(int deviceIndex) {
    return List.of(
        StandardMib.HR_DEVICE_DESCR.append(deviceIndex),
        StandardMib.HR_DEVICE_STATUS.append(deviceIndex),
        StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(deviceIndex),
        StandardMib.PRT_GENERAL_PRINTER_NAME.append(deviceIndex),
        StandardMib.PRT_GENERAL_CURRENT_LOCALIZATION.append(deviceIndex));
  }

  /** True when the device answered any value at all (else it is out of scope). */
  public static boolean answeredAnything(Rows discovery) {
    return discovery.all().stream().anyMatch(vb -> vb.value().isValue());
  }

  /** True when a Printer MIB table answered at index 1. */
  public static boolean printerMibAtFirst(Rows discovery) {
    return answered(discovery, StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(FIRST))
        || answered(discovery, StandardMib.PRT_GENERAL_PRINTER_NAME.append(FIRST))
        || answered(discovery, StandardMib.PRT_MARKER_LIFE_COUNT.append(FIRST, FIRST))
        || answered(discovery, StandardMib.PRT_MARKER_SUPPLIES_DESCRIPTION.append(FIRST, FIRST))
        || answered(discovery, StandardMib.PRT_MARKER_SUPPLIES_LEVEL.append(FIRST, FIRST));
  }

  /**
   * True when the device is a printer at hrDeviceIndex 1: hrDeviceType says so, or the Printer MIB
   * answered and hrDeviceType does not name another kind of device.
   */
  public static boolean printerAtFirst(Rows discovery) {
    SnmpValue type = discovery.at(StandardMib.HR_DEVICE_TYPE.append(FIRST));
    boolean printerType =
        type instanceof SnmpValue.ObjectId t && t.value().equals(StandardMib.HR_DEVICE_PRINTER);
    boolean otherType = type != null && type.isValue() && !printerType;
    return printerType || (printerMibAtFirst(discovery) && !otherType);
  }

  /** The hrDeviceIndex of the first printer in an hrDeviceType walk, if any. */
  public static OptionalInt printerIndex(Rows hrDeviceTypes) {
    for (VarBind vb : hrDeviceTypes.under(StandardMib.HR_DEVICE_TYPE)) {
      if (vb.value() instanceof SnmpValue.ObjectId t
          && t.value().equals(StandardMib.HR_DEVICE_PRINTER)
          && vb.oid().size() == StandardMib.HR_DEVICE_TYPE.size() + 1) {
        return OptionalInt.of(vb.oid().last());
      }
    }
    return OptionalInt.empty();
  }

  private static boolean answered(Rows values, Oid oid) {
    SnmpValue v = values.at(oid);
    return v != null && v.isValue();
  }
}
