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
import org.openrps.snmp.text.ModelNames;
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
    List<Oid> modelOids = profile.map(VendorProfile::modelOids).orElse(List.of());
    Optional<String> model =
        model(
            List.of(
                () ->
                    text(
                        failures,
                        "hrDeviceDescr",
                        discovery.at(StandardMib.HR_DEVICE_DESCR.append(idx)),
                        MAX_TEXT),
                () -> firstText(failures, profileValues, modelOids),
                () ->
                    text(
                        failures,
                        "prtGeneralPrinterName",
                        discovery.at(StandardMib.PRT_GENERAL_PRINTER_NAME.append(idx)),
                        MAX_TEXT),
                () -> sysDescr),
            firmware,
            serial);
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

  /**
   * The model from its sources in order of trust (read lazily: a source is asked only when the ones
   * before it gave no exact model): the model of an IEEE 1284 device ID where a source holds one (a
   * whole 160-character sysDescr is not a model), without the firmware version or serial some
   * devices append; a family name ("... Series") only when no source gives an exact model.
   */
  static Optional<String> model(
      List<java.util.function.Supplier<Optional<String>>> sources,
      Optional<String> firmware,
      Optional<String> serial) {
    Optional<String> family = Optional.empty();
    for (int i = 0; i < sources.size(); i++) {
      boolean lastResort = i == sources.size() - 1;
      Optional<String> text = sources.get(i).get();
      Optional<String> deviceIdModel = text.flatMap(ModelNames::fromDeviceId);
      if (lastResort && family.isPresent() && deviceIdModel.isEmpty()) {
        return family; // a family name says more than a whole description
      }
      Optional<String> candidate =
          deviceIdModel
              .or(() -> text)
              .map(t -> ModelNames.strip(t, firmware, serial))
              .filter(t -> !t.isBlank());
      if (candidate.isEmpty()) {
        continue;
      }
      if (!ModelNames.isFamily(candidate.get())) {
        return candidate;
      }
      if (family.isEmpty()) {
        family = candidate;
      }
    }
    return family;
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
