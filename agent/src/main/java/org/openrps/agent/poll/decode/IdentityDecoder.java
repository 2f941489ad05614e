package org.openrps.agent.poll.decode;

import static org.openrps.agent.poll.decode.Values.MAX_TEXT;
import static org.openrps.agent.poll.decode.Values.describe;
import static org.openrps.agent.poll.decode.Values.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.snmp.profile.Brand;
import org.openrps.snmp.profile.NameRules;
import org.openrps.snmp.profile.NameSource;
import org.openrps.snmp.profile.SerialNumbers;
import org.openrps.snmp.profile.SerialQuirk;
import org.openrps.snmp.profile.VendorProfile;
import org.openrps.snmp.text.Ieee1284DeviceId;
import org.openrps.snmp.text.ModelNames;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.SerialSource;
import org.openrps.wire.key.Makes;

/**
 * Identity from the discovery GET (system group, hrDeviceTable and prtGeneralTable of the printer
 * device), ifPhysAddress and the make's profile OIDs: make, model, serial, MAC, firmware, name and
 * location.
 *
 * <p>Names as the make's {@link NameRules} say (the profile's {@code model.order} and {@code
 * brand.order}, else the defaults): the model and the brand from an IEEE 1284 device ID, the
 * profile's model OIDs, hrDeviceDescr, prtGeneralPrinterName and sysDescr; the manufacturer under
 * its current name from the make table. Serial: prtGeneralSerialNumber, then the profile's serial
 * OIDs, then the profile's pattern in sysDescr, the first that answers; all are read, and where
 * they disagree every source is reported with its serial.
 */
public final class IdentityDecoder {

  private static final String NO_OID = "0.0";

  /** The source name of the standard serial. */
  static final String PRT_GENERAL_SERIAL_NUMBER = "prtGeneralSerialNumber";

  /** The longest IEEE 1284 device ID read (the Printer Port Monitor MIB allows 255 octets). */
  private static final int MAX_DEVICE_ID = 1024;

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
    NameRules rules = profile.map(VendorProfile::names).orElse(NameRules.standard());
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
    Optional<Makes.Make> row = sysOid == null ? Optional.empty() : makes.bySysObjectId(sysObjectId);
    Optional<String> sysDescr =
        text(failures, "sysDescr", discovery.at(StandardMib.SYS_DESCR), MAX_TEXT);
    List<SerialSource> serials =
        serials(failures, discovery, profileValues, idx, profile, quirks, sysDescr);
    Optional<String> serial = serials.stream().map(SerialSource::serial).findFirst();
    if (serial.isEmpty()) {
      failures.add(new ReadFailure("serial number", "no serial number answered"));
    }
    Optional<String> firmware =
        firstText(
            failures, profileValues, profile.map(VendorProfile::firmwareOids).orElse(List.of()));
    List<Oid> modelOids = profile.map(VendorProfile::modelOids).orElse(List.of());
    Optional<Ieee1284DeviceId> deviceId = deviceId(failures, profileValues, rules.deviceIdOids());
    Map<NameSource, Supplier<Optional<String>>> texts = new EnumMap<>(NameSource.class);
    texts.put(
        NameSource.hrDeviceDescr,
        () ->
            text(
                failures,
                "hrDeviceDescr",
                discovery.at(StandardMib.HR_DEVICE_DESCR.append(idx)),
                MAX_TEXT));
    texts.put(NameSource.vendor, () -> firstText(failures, profileValues, modelOids));
    texts.put(NameSource.ieee1284, () -> deviceId.flatMap(Ieee1284DeviceId::model));
    texts.put(
        NameSource.prtGeneralPrinterName,
        () ->
            text(
                failures,
                "prtGeneralPrinterName",
                discovery.at(StandardMib.PRT_GENERAL_PRINTER_NAME.append(idx)),
                MAX_TEXT));
    texts.put(NameSource.sysDescr, () -> sysDescr);
    Map<NameSource, Supplier<Optional<String>>> once = once(texts);
    List<Supplier<Optional<String>>> modelSources = new ArrayList<>();
    for (NameSource s : rules.modelOrder()) {
      modelSources.add(once.get(s));
    }
    Optional<String> model = model(modelSources, firmware, serial);
    once.put(NameSource.model, () -> model);
    List<Brand> known = new ArrayList<>(rules.brands());
    for (String name : makes.names()) {
      known.add(new Brand(name, List.of()));
    }
    Optional<String> brand =
        brand(rules.brandOrder(), once, deviceId, known)
            .or(() -> row.flatMap(Makes.Make::brand))
            .or(() -> row.map(Makes.Make::current));
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
            location,
            row.map(Makes.Make::current),
            brand,
            disagreement(serials));
    return new Decoded<>(identity, failures);
  }

  /**
   * The serial of every source the profile lists that gave one, in order of trust:
   * prtGeneralSerialNumber, the profile's serial OIDs, the profile's pattern in sysDescr; each
   * normalised with the make's quirks.
   */
  static List<SerialSource> serials(
      List<ReadFailure> failures,
      Rows discovery,
      Rows profileValues,
      int idx,
      Optional<VendorProfile> profile,
      Set<SerialQuirk> quirks,
      Optional<String> sysDescr) {
    List<SerialSource> out = new ArrayList<>();
    serial(failures, discovery.at(StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(idx)), quirks)
        .ifPresent(s -> out.add(new SerialSource(PRT_GENERAL_SERIAL_NUMBER, s)));
    for (Oid oid : profile.map(VendorProfile::serialOids).orElse(List.of())) {
      serial(failures, profileValues.at(oid), quirks)
          .ifPresent(s -> out.add(new SerialSource(oid.toString(), s)));
    }
    if (profile.isPresent() && sysDescr.isPresent()) {
      profile
          .get()
          .serialInSysDescr(sysDescr.get())
          .ifPresent(s -> out.add(new SerialSource("sysDescr", s)));
    }
    return out;
  }

  /**
   * Empty when the sources agree (serials equal but for case); else every source, the most trusted
   * first, without a source that repeats an earlier one's serial.
   */
  static List<SerialSource> disagreement(List<SerialSource> serials) {
    List<SerialSource> distinct = new ArrayList<>();
    for (SerialSource s : serials) {
      if (distinct.stream().noneMatch(d -> d.serial().equalsIgnoreCase(s.serial()))) {
        distinct.add(s);
      }
    }
    return distinct.size() < 2 ? List.of() : distinct;
  }

  /** The first IEEE 1284 device ID among {@code oids} that holds a manufacturer or a model. */
  private static Optional<Ieee1284DeviceId> deviceId(
      List<ReadFailure> failures, Rows values, List<Oid> oids) {
    for (Oid oid : oids) {
      Optional<Ieee1284DeviceId> id =
          text(failures, oid.toString(), values.at(oid), MAX_DEVICE_ID)
              .flatMap(Ieee1284DeviceId::parse);
      if (id.isPresent()) {
        return id;
      }
    }
    return Optional.empty();
  }

  /**
   * The brand from its sources in order of trust: a device ID's {@code MFG:} (under the name a
   * known brand has for it, else as the device writes it), or the leading words of a text source
   * where they are a known brand ("Develop ineo+ 280": Develop).
   */
  static Optional<String> brand(
      List<NameSource> order,
      Map<NameSource, Supplier<Optional<String>>> texts,
      Optional<Ieee1284DeviceId> deviceId,
      List<Brand> known) {
    for (NameSource s : order) {
      if (s == NameSource.ieee1284) {
        Optional<String> mfg =
            deviceId
                .flatMap(Ieee1284DeviceId::manufacturer)
                .map(String::strip)
                .filter(m -> !m.isEmpty() && m.length() <= DeviceIdentity.MAX_NAME_LENGTH);
        if (mfg.isPresent()) {
          String m = mfg.get();
          return Optional.of(
              known.stream().filter(b -> b.is(m)).findFirst().map(Brand::name).orElse(m));
        }
        continue;
      }
      Optional<String> text = texts.getOrDefault(s, Optional::empty).get();
      if (text.isEmpty()) {
        continue;
      }
      Optional<String> leading = leadingBrand(text.get(), known);
      if (leading.isPresent()) {
        return leading;
      }
    }
    return Optional.empty();
  }

  /** The known brand {@code text} starts with, the longest spelling first. */
  static Optional<String> leadingBrand(String text, List<Brand> known) {
    Brand best = null;
    int bestLength = 0;
    for (Brand b : known) {
      Optional<Integer> n = b.leads(text);
      if (n.isPresent() && n.get() > bestLength) {
        best = b;
        bestLength = n.get();
      }
    }
    return Optional.ofNullable(best).map(Brand::name);
  }

  /** Each source asked once however often it is used (the model and the brand share them). */
  private static Map<NameSource, Supplier<Optional<String>>> once(
      Map<NameSource, Supplier<Optional<String>>> sources) {
    Map<NameSource, Supplier<Optional<String>>> out = new EnumMap<>(NameSource.class);
    for (Map.Entry<NameSource, Supplier<Optional<String>>> e : sources.entrySet()) {
      Supplier<Optional<String>> source = e.getValue();
      out.put(
          e.getKey(),
          new Supplier<>() {
            private Optional<String> value;

            @Override
            public Optional<String> get() {
              if (value == null) {
                value = source.get();
              }
              return value;
            }
          });
    }
    return out;
  }

  /**
   * The model from its sources in order of trust (read lazily: a source is asked only when the ones
   * before it gave no exact model): the model of an IEEE 1284 device ID where a source holds one (a
   * whole 160-character sysDescr is not a model), without the firmware version or serial some
   * devices append; a family name ("... Series") only when no source gives an exact model.
   */
  static Optional<String> model(
      List<Supplier<Optional<String>>> sources,
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
