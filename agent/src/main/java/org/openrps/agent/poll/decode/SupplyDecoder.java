package org.openrps.agent.poll.decode;

import static org.openrps.agent.poll.decode.Values.MAX_TEXT;
import static org.openrps.agent.poll.decode.Values.clean;
import static org.openrps.agent.poll.decode.Values.describe;
import static org.openrps.agent.poll.decode.Values.integer;
import static org.openrps.agent.poll.decode.Values.name;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.snmp.profile.VendorProfile;
import org.openrps.wire.SupplyReading;

/**
 * prtMarkerSuppliesTable rows as supplies: class, type and unit by their RFC 3805 names, level and
 * max capacity as sent (RFC 3805's -1/-2/-3 kept for {@link SupplyReading#levelState()}), the part
 * number from the description where the make's profile knows its pattern. Figures the MIB does not
 * allow are reported {@code unknown} with their raw values in a failure ({@link #notAllowed}).
 */
public final class SupplyDecoder {

  static final String TABLE = "prtMarkerSuppliesTable";

  /** The most supplies kept from one device. */
  public static final int MAX_SUPPLIES = 256;

  private static final int SENTINEL_INT = Integer.MAX_VALUE;
  private static final int UNKNOWN = -2;
  private static final int COL_CLASS = 4;
  private static final int COL_TYPE = 5;
  private static final int COL_DESCRIPTION = 6;
  private static final int COL_UNIT = 7;
  private static final int COL_MAX = 8;
  private static final int COL_LEVEL = 9;

  private SupplyDecoder() {}

  /** The supplies, their descriptions read with no declared character set. */
  public static Decoded<List<SupplyReading>> decode(
      Walked supplies, Optional<VendorProfile> profile) {
    return decode(supplies, profile, Optional.empty());
  }

  /**
   * The supplies; descriptions in the character set the device declares for its localized strings
   * ({@link LocalizationDecoder}), if any.
   */
  public static Decoded<List<SupplyReading>> decode(
      Walked supplies, Optional<VendorProfile> profile, Optional<Charset> declared) {
    List<ReadFailure> failures = new ArrayList<>();
    // StandardMib names the entry (…43.11.1.1): the column is the next arc, then the row index.
    Oid table = StandardMib.PRT_MARKER_SUPPLIES_TABLE;
    // row index (hrDeviceIndex.supplyIndex as text) -> column -> value
    Map<String, Map<Integer, SnmpValue>> rows = new TreeMap<>(SupplyDecoder::compareIndex);
    for (VarBind vb : supplies.rows().under(table)) {
      if (!vb.value().isValue()) {
        continue;
      }
      int[] suffix = vb.oid().suffixAfter(table);
      if (suffix.length < 2) {
        continue;
      }
      StringBuilder index = new StringBuilder();
      for (int i = 1; i < suffix.length; i++) {
        index.append(i > 1 ? "." : "").append(Integer.toUnsignedString(suffix[i]));
      }
      rows.computeIfAbsent(index.toString(), k -> new HashMap<>()).put(suffix[0], vb.value());
    }
    List<SupplyReading> out = new ArrayList<>();
    Set<String> notAnswered = new LinkedHashSet<>();
    for (Map.Entry<String, Map<Integer, SnmpValue>> row : rows.entrySet()) {
      String what = TABLE + " row " + row.getKey();
      Map<Integer, SnmpValue> cols = row.getValue();
      String[] parts = row.getKey().split("\\.");
      long supplyIndex = Long.parseLong(parts[parts.length - 1]);
      String cls =
          enumName(
              failures,
              what,
              "class",
              cols.get(COL_CLASS),
              StandardMib.SUPPLY_CLASS_NAMES,
              notAnswered);
      String type =
          enumName(
              failures,
              what,
              "type",
              cols.get(COL_TYPE),
              StandardMib.SUPPLY_TYPE_NAMES,
              notAnswered);
      String unit =
          enumName(
              failures,
              what,
              "unit",
              cols.get(COL_UNIT),
              StandardMib.SUPPLY_UNIT_NAMES,
              notAnswered);
      OptionalLong max = integer(cols.get(COL_MAX));
      OptionalLong level = integer(cols.get(COL_LEVEL));
      String problem = null;
      if (max.isEmpty() || level.isEmpty()) {
        problem =
            "max capacity or level missing or not an integer ("
                + describe(cols.get(COL_MAX))
                + ", "
                + describe(cols.get(COL_LEVEL))
                + ")";
      } else if (max.getAsLong() < -2 || max.getAsLong() > Integer.MAX_VALUE) {
        problem = "max capacity " + max.getAsLong() + " is not valid (RFC 3805)";
      } else if (level.getAsLong() < -3 || level.getAsLong() > Integer.MAX_VALUE) {
        problem = "level " + level.getAsLong() + " is not valid (RFC 3805)";
      } else if (supplyIndex < 1 || supplyIndex > Integer.MAX_VALUE) {
        problem = "index " + supplyIndex + " is not valid";
      }
      if (problem != null) {
        failures.add(new ReadFailure(what, problem));
        continue;
      }
      int maxCapacity = (int) max.getAsLong();
      int levelValue = (int) level.getAsLong();
      Optional<String> notAllowed = notAllowed(maxCapacity, levelValue);
      if (notAllowed.isPresent()) {
        failures.add(new ReadFailure(what, notAllowed.get()));
        if (maxCapacity == SENTINEL_INT) {
          maxCapacity = UNKNOWN;
        }
        if (levelValue >= 0
            && (levelValue == SENTINEL_INT || notAllowed(maxCapacity, levelValue).isPresent())) {
          levelValue = UNKNOWN;
        }
      }
      String description =
          cols.get(COL_DESCRIPTION) instanceof SnmpValue.OctetString s
              ? clean(s.text(declared), MAX_TEXT)
              : "";
      if (out.size() >= MAX_SUPPLIES) {
        failures.add(new ReadFailure(TABLE, "more than " + MAX_SUPPLIES + " rows; rest dropped"));
        break;
      }
      Optional<String> partNumber = profile.flatMap(p -> p.partNumberIn(description));
      out.add(
          new SupplyReading(
              (int) supplyIndex,
              description,
              type,
              cls,
              unit,
              maxCapacity,
              levelValue,
              supplies.readAt(),
              partNumber));
    }
    if (!notAnswered.isEmpty()) {
      // Kept with "unknown" in their place: level and capacity do not depend on them.
      failures.add(
          new ReadFailure(TABLE, "columns not answered: " + String.join(", ", notAnswered)));
    }
    return new Decoded<>(out, failures);
  }

  /**
   * An enumerated supply column as its RFC 3805 name; {@code unknown} when the device did not
   * answer the column (partial walks, agents that skip columns), recorded once per table.
   */
  private static String enumName(
      List<ReadFailure> failures,
      String what,
      String column,
      SnmpValue v,
      Map<Integer, String> names,
      Set<String> notAnswered) {
    if (v == null) {
      notAnswered.add(column);
      return "unknown";
    }
    OptionalLong code = integer(v);
    if (code.isEmpty()) {
      failures.add(new ReadFailure(what, column + " is not an integer: " + describe(v)));
      return "unknown";
    }
    return name(names, code.getAsLong());
  }

  /**
   * Why a level and capacity that RFC 3805's ranges let through still cannot be a known amount: the
   * 2^31-1 sentinel (in either), a level above a known capacity, a level against a capacity of 0.
   * The value is then reported {@code unknown} (-2) and the raw figures are kept in the failure. A
   * level against capacity -1 (no restriction) or -2 (unknown) is an amount in its unit and stays
   * as sent.
   */
  static Optional<String> notAllowed(int max, int level) {
    String raw = " (raw level " + level + ", max capacity " + max + ")";
    if (max == SENTINEL_INT) {
      return Optional.of("max capacity unknown: 2^31-1 is a sentinel" + raw);
    }
    if (level == SENTINEL_INT) {
      return Optional.of("level unknown: 2^31-1 is a sentinel" + raw);
    }
    if (max == 0 && level >= 0) {
      return Optional.of("level unknown: a level against max capacity 0" + raw);
    }
    if (max > 0 && level > max) {
      return Optional.of("level unknown: above the max capacity" + raw);
    }
    return Optional.empty();
  }

  private static int compareIndex(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
