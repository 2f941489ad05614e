package org.openrps.agent.poll.decode;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.snmp.text.IanaCharsets;

/**
 * The character set a printer declares for its localized strings (RFC 3805: supply, alert and input
 * descriptions are in the localization {@code prtGeneralCurrentLocalization} names, whose {@code
 * prtLocalizationCharacterSet} is an IANA MIBenum). Nothing declared, or a number not known here,
 * leaves the strings to {@link org.openrps.snmp.text.DeviceText}'s UTF-8-else-Latin-1 rule.
 */
public final class LocalizationDecoder {

  static final String WHAT = "prtLocalizationCharacterSet";

  private LocalizationDecoder() {}

  /**
   * The OIDs the discovery GET asks for index 1: the current localization and, for the common case
   * of localization 1, its character set in the same request.
   */
  public static List<Oid> discoveryOids(int deviceIndex) {
    return List.of(
        StandardMib.PRT_GENERAL_CURRENT_LOCALIZATION.append(deviceIndex),
        StandardMib.PRT_LOCALIZATION_CHARACTER_SET.append(deviceIndex, 1));
  }

  /**
   * The character set OID still to ask: the device names a current localization whose character set
   * the rows do not hold yet.
   */
  public static Optional<Oid> characterSetToAsk(Rows discovery, int deviceIndex) {
    return current(discovery, deviceIndex)
        .map(l -> StandardMib.PRT_LOCALIZATION_CHARACTER_SET.append(deviceIndex, l))
        .filter(oid -> discovery.at(oid) == null);
  }

  /** The declared character set, if the device declares one this JVM knows. */
  public static Decoded<Optional<Charset>> decode(Rows discovery, int deviceIndex) {
    Optional<Integer> localization = current(discovery, deviceIndex);
    if (localization.isEmpty()) {
      return new Decoded<>(Optional.empty(), List.of());
    }
    SnmpValue v =
        discovery.at(
            StandardMib.PRT_LOCALIZATION_CHARACTER_SET.append(deviceIndex, localization.get()));
    if (v == null || !v.isValue()) {
      return new Decoded<>(Optional.empty(), List.of());
    }
    OptionalLong mibEnum = Values.integer(v);
    if (mibEnum.isEmpty()) {
      return new Decoded<>(
          Optional.empty(),
          List.of(new ReadFailure(WHAT, "not an integer: " + Values.describe(v))));
    }
    Optional<Charset> charset = IanaCharsets.forMibEnum(mibEnum.getAsLong());
    if (charset.isEmpty()) {
      return new Decoded<>(
          Optional.empty(),
          List.of(
              new ReadFailure(
                  WHAT,
                  "character set "
                      + mibEnum.getAsLong()
                      + " (IANA MIBenum) not known here: strings read as UTF-8, else Latin-1")));
    }
    return new Decoded<>(charset, List.of());
  }

  /** prtGeneralCurrentLocalization, when it is a usable index (1 to 65535). */
  private static Optional<Integer> current(Rows discovery, int deviceIndex) {
    SnmpValue v = discovery.at(StandardMib.PRT_GENERAL_CURRENT_LOCALIZATION.append(deviceIndex));
    OptionalLong n = v == null ? OptionalLong.empty() : Values.integer(v);
    return n.isPresent() && n.getAsLong() >= 1 && n.getAsLong() <= 65_535
        ? Optional.of((int) n.getAsLong())
        : Optional.empty();
  }
}
