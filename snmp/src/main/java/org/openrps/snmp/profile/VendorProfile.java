package org.openrps.snmp.profile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openrps.snmp.Oid;

/**
 * What to read from one make of printer, beyond the standard MIBs. Loaded from a data file by
 * {@link VendorProfiles}; see the profiles' README for the file format.
 *
 * @param make the make's name
 * @param enterprises the private enterprise numbers whose sysObjectID means this make
 * @param serialOids serial-number OIDs, in preference order (after prtGeneralSerialNumber)
 * @param serialInSysDescr a pattern whose group 1 is the serial inside sysDescr, the last resort
 * @param serialQuirks the make's named serial quirks
 * @param modelOids model-name OIDs, in preference order
 * @param firmwareOids firmware-version OIDs, in preference order
 * @param meters billing meters, in name order
 * @param partNumberPatterns patterns whose group 1 is a part number in a supply description
 * @param names how the make's devices are named: orders of trust of the model and brand sources,
 *     IEEE 1284 device ID OIDs, brands
 */
public record VendorProfile(
    String make,
    Set<Long> enterprises,
    List<Oid> serialOids,
    Optional<Pattern> serialInSysDescr,
    Set<SerialQuirk> serialQuirks,
    List<Oid> modelOids,
    List<Oid> firmwareOids,
    List<MeterDefinition> meters,
    List<Pattern> partNumberPatterns,
    NameRules names) {

  public VendorProfile {
    Objects.requireNonNull(make, "make");
    if (make.isBlank() || make.length() > 64) {
      throw new IllegalArgumentException("make must be 1 to 64 characters: \"" + make + "\"");
    }
    enterprises = Set.copyOf(enterprises);
    if (enterprises.isEmpty()) {
      throw new IllegalArgumentException("make " + make + " has no enterprise number");
    }
    serialOids = List.copyOf(serialOids);
    Objects.requireNonNull(serialInSysDescr, "serialInSysDescr");
    serialQuirks = Set.copyOf(serialQuirks);
    modelOids = List.copyOf(modelOids);
    firmwareOids = List.copyOf(firmwareOids);
    meters = List.copyOf(meters);
    if (meters.stream().map(MeterDefinition::name).distinct().count() != meters.size()) {
      throw new IllegalArgumentException("make " + make + " names a meter twice");
    }
    partNumberPatterns = List.copyOf(partNumberPatterns);
    Objects.requireNonNull(names, "names");
  }

  /**
   * The OIDs read for the device's identity beyond the discovery GET: serial, model, firmware and
   * IEEE 1284 device ID OIDs, each once, in that order.
   */
  public List<Oid> identityOids() {
    java.util.Set<Oid> oids = new java.util.LinkedHashSet<>(serialOids);
    oids.addAll(modelOids);
    oids.addAll(firmwareOids);
    oids.addAll(names.deviceIdOids());
    return List.copyOf(oids);
  }

  /** The meters worth reading: those not marked {@link Confidence#low}. */
  public List<MeterDefinition> metersToRead() {
    return meters.stream().filter(m -> m.confidence() != Confidence.low).toList();
  }

  /** The part number inside a supply description, by the first pattern that finds one. */
  public Optional<String> partNumberIn(String description) {
    for (Pattern p : partNumberPatterns) {
      Matcher m = p.matcher(description);
      if (m.find() && m.groupCount() >= 1 && m.group(1) != null && !m.group(1).isBlank()) {
        String part = m.group(1).strip();
        return looksLikeAPartNumber(part) ? Optional.of(part) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * True for text that can be a part number: 4 to 64 characters of letters, digits and {@code -./},
   * at least one digit, and not a word that stands for none ("unknown", "n/a", ...). Whatever a
   * make's pattern matched, a description that holds no part number gives none.
   */
  static boolean looksLikeAPartNumber(String part) {
    if (part.length() < 4 || part.length() > 64 || !part.matches("[A-Za-z0-9][A-Za-z0-9./-]*")) {
      return false;
    }
    if (part.chars().noneMatch(Character::isDigit)) {
      return false;
    }
    String lower = part.toLowerCase(java.util.Locale.ROOT);
    return !(lower.equals("n/a") || lower.startsWith("unknown") || lower.equals("none"));
  }

  /** The serial inside sysDescr, if the make writes it there. */
  public Optional<String> serialInSysDescr(String sysDescr) {
    return serialInSysDescr.flatMap(
        p -> {
          Matcher m = p.matcher(sysDescr);
          return m.find() ? SerialNumbers.normalise(m.group(1), serialQuirks) : Optional.empty();
        });
  }
}
