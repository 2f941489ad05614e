package org.openrps.snmp.mib;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openrps.snmp.Oid;

/**
 * OIDs and enumerations of the standard MIBs a printer answers: SNMPv2-MIB system group (RFC 3418),
 * IF-MIB ifPhysAddress (RFC 2863), Host Resources MIB (RFC 2790) and Printer MIB v2 (RFC 3805).
 * Scalars end in {@code .0}; table columns are given without the row index.
 *
 * <p>The one place of standard MIB knowledge (issue 10 point 7): the agent's reader and decoders,
 * the simulator's printers and the vendor profiles take their OIDs from here, and the Printer MIB
 * alert enumerations from {@link PrinterMibNames}.
 */
public final class StandardMib {

  private StandardMib() {}

  // SNMPv2-MIB system group
  public static final Oid SYS_DESCR = Oid.of("1.3.6.1.2.1.1.1.0");
  public static final Oid SYS_OBJECT_ID = Oid.of("1.3.6.1.2.1.1.2.0");
  public static final Oid SYS_UP_TIME = Oid.of("1.3.6.1.2.1.1.3.0");
  public static final Oid SYS_CONTACT = Oid.of("1.3.6.1.2.1.1.4.0");
  public static final Oid SYS_NAME = Oid.of("1.3.6.1.2.1.1.5.0");
  public static final Oid SYS_LOCATION = Oid.of("1.3.6.1.2.1.1.6.0");
  public static final Oid SYS_SERVICES = Oid.of("1.3.6.1.2.1.1.7.0");

  /** The private enterprises arc: sysObjectID starts with this plus the make's number. */
  public static final Oid ENTERPRISES = Oid.of("1.3.6.1.4.1");

  // IF-MIB
  public static final Oid IF_NUMBER = Oid.of("1.3.6.1.2.1.2.1.0");

  /** ifEntry: a column is the next arc, then ifIndex. */
  public static final Oid IF_ENTRY = Oid.of("1.3.6.1.2.1.2.2.1");

  public static final Oid IF_PHYS_ADDRESS = Oid.of("1.3.6.1.2.1.2.2.1.6");

  // HOST-RESOURCES-MIB
  public static final Oid HR_SYSTEM_UPTIME = Oid.of("1.3.6.1.2.1.25.1.1.0");
  public static final Oid HR_MEMORY_SIZE = Oid.of("1.3.6.1.2.1.25.2.2.0");

  /** hrStorageEntry (RFC 2790). */
  public static final Oid HR_STORAGE_ENTRY = Oid.of("1.3.6.1.2.1.25.2.3.1");

  public static final Oid HR_DEVICE_TYPE = Oid.of("1.3.6.1.2.1.25.3.2.1.2");
  public static final Oid HR_DEVICE_DESCR = Oid.of("1.3.6.1.2.1.25.3.2.1.3");
  public static final Oid HR_DEVICE_STATUS = Oid.of("1.3.6.1.2.1.25.3.2.1.5");
  public static final Oid HR_PRINTER_STATUS = Oid.of("1.3.6.1.2.1.25.3.5.1.1");
  public static final Oid HR_PRINTER_DETECTED_ERROR_STATE = Oid.of("1.3.6.1.2.1.25.3.5.1.2");

  /** hrDeviceEntry (RFC 2790). */
  public static final Oid HR_DEVICE_ENTRY = Oid.of("1.3.6.1.2.1.25.3.2.1");

  /** hrDeviceTypes (RFC 2790): an hrDeviceType value is this plus one arc. */
  public static final Oid HR_DEVICE_TYPES = Oid.of("1.3.6.1.2.1.25.3.1");

  /** hrDeviceOther (RFC 2790). */
  public static final Oid HR_DEVICE_OTHER = Oid.of("1.3.6.1.2.1.25.3.1.1");

  /** hrStorageRam (RFC 2790). */
  public static final Oid HR_STORAGE_RAM = Oid.of("1.3.6.1.2.1.25.2.1.2");

  /** hrPrinterEntry: hrPrinterStatus and hrPrinterDetectedErrorState in one walk. */
  public static final Oid HR_PRINTER_ENTRY = Oid.of("1.3.6.1.2.1.25.3.5.1");

  /** hrDeviceType value of a printer (hrDevicePrinter). */
  public static final Oid HR_DEVICE_PRINTER = Oid.of("1.3.6.1.2.1.25.3.1.5");

  // Printer-MIB (RFC 3805)
  /** prtGeneralPrinterName (RFC 3805), a Printer MIB probe and a model fallback. */
  public static final Oid PRT_GENERAL_PRINTER_NAME = Oid.of("1.3.6.1.2.1.43.5.1.1.16");

  /**
   * prtGeneralCurrentLocalization (RFC 3805), without its hrDeviceIndex: the prtLocalizationIndex
   * of the localization the device's localized strings (supplies, alerts, inputs) are in.
   */
  public static final Oid PRT_GENERAL_CURRENT_LOCALIZATION = Oid.of("1.3.6.1.2.1.43.5.1.1.2");

  /**
   * prtLocalizationCharacterSet (RFC 3805), without its index (hrDeviceIndex,
   * prtLocalizationIndex): the IANA MIBenum of that localization's coded character set.
   */
  public static final Oid PRT_LOCALIZATION_CHARACTER_SET = Oid.of("1.3.6.1.2.1.43.7.1.1.4");

  /** prtGeneralEntry (RFC 3805): a column is the next arc, then hrDeviceIndex. */
  public static final Oid PRT_GENERAL_ENTRY = Oid.of("1.3.6.1.2.1.43.5.1.1");

  /** prtMarkerEntry (RFC 3805): column, hrDeviceIndex, prtMarkerIndex. */
  public static final Oid PRT_MARKER_ENTRY = Oid.of("1.3.6.1.2.1.43.10.2.1");

  /** prtMarkerColorantEntry (RFC 3805). */
  public static final Oid PRT_MARKER_COLORANT_ENTRY = Oid.of("1.3.6.1.2.1.43.12.1.1");

  /** prtConsoleDisplayBufferText (RFC 3805), without its index. */
  public static final Oid PRT_CONSOLE_DISPLAY_BUFFER_TEXT = Oid.of("1.3.6.1.2.1.43.16.5.1.2");

  /** prtInputEntry (RFC 3805). */
  public static final Oid PRT_INPUT_ENTRY = Oid.of("1.3.6.1.2.1.43.8.2.1");

  /** prtAlertEntry (RFC 3805). */
  public static final Oid PRT_ALERT_ENTRY = Oid.of("1.3.6.1.2.1.43.18.1.1");

  public static final Oid PRT_GENERAL_SERIAL_NUMBER = Oid.of("1.3.6.1.2.1.43.5.1.1.17");
  public static final Oid PRT_MARKER_LIFE_COUNT = Oid.of("1.3.6.1.2.1.43.10.2.1.4");
  public static final Oid PRT_MARKER_SUPPLIES_TABLE = Oid.of("1.3.6.1.2.1.43.11.1.1");
  public static final Oid PRT_MARKER_SUPPLIES_MARKER_INDEX = Oid.of("1.3.6.1.2.1.43.11.1.1.2");
  public static final Oid PRT_MARKER_SUPPLIES_COLORANT_INDEX = Oid.of("1.3.6.1.2.1.43.11.1.1.3");
  public static final Oid PRT_MARKER_SUPPLIES_CLASS = Oid.of("1.3.6.1.2.1.43.11.1.1.4");
  public static final Oid PRT_MARKER_SUPPLIES_TYPE = Oid.of("1.3.6.1.2.1.43.11.1.1.5");
  public static final Oid PRT_MARKER_SUPPLIES_DESCRIPTION = Oid.of("1.3.6.1.2.1.43.11.1.1.6");
  public static final Oid PRT_MARKER_SUPPLIES_SUPPLY_UNIT = Oid.of("1.3.6.1.2.1.43.11.1.1.7");
  public static final Oid PRT_MARKER_SUPPLIES_MAX_CAPACITY = Oid.of("1.3.6.1.2.1.43.11.1.1.8");
  public static final Oid PRT_MARKER_SUPPLIES_LEVEL = Oid.of("1.3.6.1.2.1.43.11.1.1.9");

  /**
   * prtMarkerColorantValue: the colorant's name, e.g. "black" (rows as
   * prtMarkerSuppliesColorantIndex).
   */
  public static final Oid PRT_MARKER_COLORANT_VALUE = Oid.of("1.3.6.1.2.1.43.12.1.1.4");

  /** hrPrinterStatus values (RFC 2790). */
  public static final Map<Integer, String> HR_PRINTER_STATUS_NAMES =
      Map.of(1, "other", 2, "unknown", 3, "idle", 4, "printing", 5, "warmup");

  /** hrDeviceStatus values (RFC 2790). */
  public static final Map<Integer, String> HR_DEVICE_STATUS_NAMES =
      Map.of(1, "unknown", 2, "running", 3, "warning", 4, "testing", 5, "down");

  /** prtMarkerSuppliesClass values (RFC 3805). */
  public static final Map<Integer, String> SUPPLY_CLASS_NAMES =
      Map.of(1, "other", 3, "supplyThatIsConsumed", 4, "receptacleThatIsFilled");

  /** PrtMarkerSuppliesTypeTC values (RFC 3805 and IANA-PRINTER-MIB). */
  public static final Map<Integer, String> SUPPLY_TYPE_NAMES =
      Map.ofEntries(
          Map.entry(1, "other"),
          Map.entry(2, "unknown"),
          Map.entry(3, "toner"),
          Map.entry(4, "wasteToner"),
          Map.entry(5, "ink"),
          Map.entry(6, "inkCartridge"),
          Map.entry(7, "inkRibbon"),
          Map.entry(8, "wasteInk"),
          Map.entry(9, "opc"),
          Map.entry(10, "developer"),
          Map.entry(11, "fuserOil"),
          Map.entry(12, "solidWax"),
          Map.entry(13, "ribbonWax"),
          Map.entry(14, "wasteWax"),
          Map.entry(15, "fuser"),
          Map.entry(16, "coronaWire"),
          Map.entry(17, "fuserOilWick"),
          Map.entry(18, "cleanerUnit"),
          Map.entry(19, "fuserCleaningPad"),
          Map.entry(20, "transferUnit"),
          Map.entry(21, "tonerCartridge"),
          Map.entry(22, "fuserOiler"),
          Map.entry(23, "water"),
          Map.entry(24, "wasteWater"),
          Map.entry(25, "glueWaterAdditive"),
          Map.entry(26, "wastePaper"),
          Map.entry(27, "bindingSupply"),
          Map.entry(28, "bandingSupply"),
          Map.entry(29, "stitchingWire"),
          Map.entry(30, "shrinkWrap"),
          Map.entry(31, "paperWrap"),
          Map.entry(32, "staples"),
          Map.entry(33, "inserts"),
          Map.entry(34, "covers"));

  /**
   * PrtMarkerSuppliesSupplyUnitTC values (RFC 3805; the numbering has gaps: 5, 6, 9 and 10 are not
   * assigned).
   */
  public static final Map<Integer, String> SUPPLY_UNIT_NAMES =
      Map.ofEntries(
          Map.entry(1, "other"),
          Map.entry(2, "unknown"),
          Map.entry(3, "tenThousandthsOfInches"),
          Map.entry(4, "micrometers"),
          Map.entry(7, "impressions"),
          Map.entry(8, "sheets"),
          Map.entry(11, "hours"),
          Map.entry(12, "thousandthsOfOunces"),
          Map.entry(13, "tenthsOfGrams"),
          Map.entry(14, "hundrethsOfFluidOunces"),
          Map.entry(15, "tenthsOfMilliliters"),
          Map.entry(16, "feet"),
          Map.entry(17, "meters"),
          Map.entry(18, "items"),
          Map.entry(19, "percent"));

  /**
   * hrPrinterDetectedErrorState bit names, in bit order (RFC 2790 and its RFC 3805 extension). Bit
   * 0 is the most significant bit of the first octet.
   */
  public static final List<String> HR_PRINTER_ERROR_BITS =
      List.of(
          "lowPaper",
          "noPaper",
          "lowToner",
          "noToner",
          "doorOpen",
          "jammed",
          "offline",
          "serviceRequested",
          "inputTrayMissing",
          "outputTrayMissing",
          "markerSupplyMissing",
          "outputNearFull",
          "outputFull",
          "inputTrayEmpty",
          "overduePreventMaint");

  /** The names of the bits set in an hrPrinterDetectedErrorState octet string. */
  public static List<String> decodePrinterErrors(byte[] state) {
    List<String> set = new ArrayList<>();
    for (int bit = 0; bit < HR_PRINTER_ERROR_BITS.size(); bit++) {
      int octet = bit / 8;
      if (octet < state.length && (state[octet] & (0x80 >>> (bit % 8))) != 0) {
        set.add(HR_PRINTER_ERROR_BITS.get(bit));
      }
    }
    return List.copyOf(set);
  }

  /** The inverse of {@link #decodePrinterErrors}: the octets with the named bits set. */
  public static byte[] encodePrinterErrors(List<String> names) {
    byte[] out = new byte[2];
    for (String name : names) {
      int bit = HR_PRINTER_ERROR_BITS.indexOf(name);
      if (bit < 0) {
        throw new IllegalArgumentException("not an hrPrinterDetectedErrorState bit: " + name);
      }
      out[bit / 8] |= (byte) (0x80 >>> (bit % 8));
    }
    return out;
  }
}
