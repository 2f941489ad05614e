package org.openrps.agent.poll.decode;

import static org.openrps.agent.poll.decode.Values.MAX_TEXT;
import static org.openrps.agent.poll.decode.Values.describe;
import static org.openrps.agent.poll.decode.Values.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.snmp.profile.SerialNumbers;
import org.openrps.snmp.profile.SerialQuirk;
import org.openrps.snmp.profile.VendorProfile;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.key.Makes;

/**
 * Identity from the discovery GET (system group, hrDeviceTable and prtGeneralTable of the printer
 * device), ifPhysAddress and the make's profile OIDs: make, model, serial, MAC, firmware, name and
 * location.
 *
 * <p>Model: hrDeviceDescr, then the profile's model OIDs, prtGeneralPrinterName, sysDescr. Serial:
 * prtGeneralSerialNumber, then the profile's serial OIDs, then the profile's pattern in sysDescr.
 */
public final class IdentityDecoder {

  private static final String NO_OID = "0.0";

  private IdentityDecoder() {}

  /**
   * @param discovery the values of the discovery GET (and of the printer device's own row when it
   *     is not at hrDeviceIndex 1)
   * @param ifPhysAddress the ifPhysAddress walk
   * @param profileValues the values of the profile's OIDs
   * @param deviceIndex the printer's hrDeviceIndex
   * @param seenAt when the device answered the discovery GET
   */
  public static Decoded<DeviceIdentity> decode(
      Rows discovery,
      Rows ifPhysAddress,
      Rows profileValues,
      int deviceIndex,
      Optional<VendorProfile> profile,
      Makes makes,
      Instant seenAt) {
    List<ReadFailure> failures = new ArrayList<>();
    int idx = deviceIndex;
    Set<SerialQuirk> quirks = profile.map(VendorProfile::serialQuirks).orElse(Set.of());
    String sysObjectId = NO_OID;
    Oid sysOid = null;
    if (discovery.at(StandardMib.SYS_OBJECT_ID) instanceof SnmpValue.ObjectId o) {
      sysOid = o.value();
      sysObjectId = sysOid.toString();
    } else {
      failures.add(
          new ReadFailure("sysObjectID", describe(discovery.at(StandardMib.SYS_OBJECT_ID))));
    }
    String make =
        profile
            .map(VendorProfile::make)
            .orElse(sysOid == null ? "unknown" : makes.makeOf(sysObjectId));
    Optional<String> sysDescr =
        text(failures, "sysDescr", discovery.at(StandardMib.SYS_DESCR), MAX_TEXT);
    List<Oid> modelOids = profile.map(VendorProfile::modelOids).orElse(List.of());
    Optional<String> model =
        text(
                failures,
                "hrDeviceDescr",
                discovery.at(StandardMib.HR_DEVICE_DESCR.append(idx)),
                MAX_TEXT)
            .or(() -> firstText(failures, profileValues, modelOids))
            .or(
                () ->
                    text(
                        failures,
                        "prtGeneralPrinterName",
                        discovery.at(StandardMib.PRT_GENERAL_PRINTER_NAME.append(idx)),
                        MAX_TEXT))
            .or(() -> sysDescr);
    Optional<String> serial =
        serial(failures, discovery.at(StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(idx)), quirks);
    for (Oid oid : profile.map(VendorProfile::serialOids).orElse(List.of())) {
      if (serial.isPresent()) {
        break;
      }
      serial = serial(failures, profileValues.at(oid), quirks);
    }
    if (serial.isEmpty() && profile.isPresent() && sysDescr.isPresent()) {
      serial = profile.get().serialInSysDescr(sysDescr.get());
    }
    if (serial.isEmpty()) {
      failures.add(new ReadFailure("serial number", "no serial number answered"));
    }
    Optional<String> firmware =
        firstText(
            failures, profileValues, profile.map(VendorProfile::firmwareOids).orElse(List.of()));
    Optional<String> sysName =
        text(failures, "sysName", discovery.at(StandardMib.SYS_NAME), MAX_TEXT);
    Optional<String> location =
        text(failures, "sysLocation", discovery.at(StandardMib.SYS_LOCATION), MAX_TEXT);
    DeviceIdentity identity =
        new DeviceIdentity(
            make,
            model.orElse("unknown"),
            serial.orElse(""),
            sysObjectId,
            mac(ifPhysAddress),
            firmware,
            sysName,
            seenAt,
            location);
    return new Decoded<>(identity, failures);
  }

  private static Optional<String> serial(
      List<ReadFailure> failures, SnmpValue v, Set<SerialQuirk> quirks) {
    if (v == null || !v.isValue()) {
      return Optional.empty();
    }
    if (v instanceof SnmpValue.OctetString s) {
      return SerialNumbers.normalise(s.bytes(), quirks);
    }
    failures.add(new ReadFailure("serial number", "not a string: " + describe(v)));
    return Optional.empty();
  }

  private static Optional<String> firstText(
      List<ReadFailure> failures, Rows values, List<Oid> oids) {
    for (Oid oid : oids) {
      Optional<String> t = text(failures, oid.toString(), values.at(oid), MAX_TEXT);
      if (t.isPresent()) {
        return t;
      }
    }
    return Optional.empty();
  }

  /** The first non-zero 6-byte ifPhysAddress, as {@code aa:bb:cc:dd:ee:ff}. */
  static Optional<String> mac(Rows rows) {
    for (VarBind vb : rows.under(StandardMib.IF_PHYS_ADDRESS)) {
      if (vb.value() instanceof SnmpValue.OctetString s) {
        byte[] b = s.bytes();
        boolean zero = true;
        for (byte x : b) {
          zero &= x == 0;
        }
        if (b.length == 6 && !zero) {
          StringBuilder mac = new StringBuilder(17);
          for (int i = 0; i < 6; i++) {
            mac.append(i > 0 ? ":" : "").append(String.format("%02x", b[i] & 0xFF));
          }
          return Optional.of(mac.toString());
        }
      }
    }
    return Optional.empty();
  }
}
