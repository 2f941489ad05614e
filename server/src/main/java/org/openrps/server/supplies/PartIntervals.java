package org.openrps.server.supplies;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.openrps.wire.MeterReading;
import org.openrps.wire.SupplyReading;

/**
 * Part replacement intervals (issue 11 point 3): for each part a technician replaces (drum, fuser,
 * transfer unit, maintenance kit, ...), when it was last replaced, how many pages the device has
 * printed since, against its rated life. A pure function of the supply and meter histories.
 *
 * <p>A replacement is a rise of the level by more than a tenth of its capacity, or a new part
 * number. Rated life is the capacity when the part counts in impressions; otherwise, once a
 * twentieth of it is used, estimated from the pages printed and the share used (and said so). Pages
 * come from the device's {@code total} meter; a part with no total reading at both ends has no page
 * count.
 */
public final class PartIntervals {

  /** Supply types (Printer MIB prtMarkerSuppliesType) that are parts, not consumables. */
  static final Set<String> PART_TYPES =
      Set.of(
          "opc",
          "developer",
          "fuser",
          "transferUnit",
          "cleanerUnit",
          "coronaWire",
          "fuserCleaningPad",
          "fuserOilWick");

  /**
   * One part.
   *
   * @param replacedAt the last replacement seen; empty when none was seen (counted from {@code
   *     since})
   * @param since where the count starts: the replacement, or the first reading kept
   * @param pagesSince pages printed since then, when the total meter covers both ends
   * @param ratedLife pages the part is rated for, when known or estimated
   * @param lifeBasis {@code capacity} (in impressions), {@code estimated} (from level and pages) or
   *     {@code unknown}
   * @param usedPercent share of its life used, when known
   * @param replacements replacements seen in the history kept
   * @param lastInterval pages between the last two replacements seen, when there were two
   */
  public record Part(
      int index,
      String description,
      String type,
      Optional<Instant> replacedAt,
      Instant since,
      OptionalLong pagesSince,
      OptionalLong ratedLife,
      String lifeBasis,
      OptionalDouble usedPercent,
      int replacements,
      OptionalLong lastInterval) {}

  private PartIntervals() {}

  /** Whether a supply is a part (by type, or a maintenance kit or drum named as one). */
  static boolean isPart(SupplyReading s) {
    if (PART_TYPES.contains(s.type())) {
      return true;
    }
    String d = s.description().toLowerCase(Locale.ROOT);
    return d.contains("maintenance") || d.contains("drum") || d.contains("fuser");
  }

  /**
   * The parts of a device.
   *
   * @param supplies its supply readings, oldest first
   * @param meters its meter readings (any order)
   */
  public static List<Part> of(List<SupplyReading> supplies, List<MeterReading> meters) {
    TreeMap<Instant, Long> total = new TreeMap<>();
    for (MeterReading m : meters) {
      if (m.name().equals(MeterReading.TOTAL) && m.flags().isEmpty()) {
        total.put(m.readAt(), m.value());
      }
    }
    Map<Integer, List<SupplyReading>> byIndex = new TreeMap<>();
    for (SupplyReading s : supplies) {
      if (isPart(s)) {
        byIndex.computeIfAbsent(s.index(), i -> new ArrayList<>()).add(s);
      }
    }
    List<Part> out = new ArrayList<>();
    byIndex.forEach((index, history) -> out.add(part(history, total)));
    return out;
  }

  private static Part part(List<SupplyReading> history, TreeMap<Instant, Long> total) {
    List<Instant> replaced = new ArrayList<>();
    SupplyReading before = null;
    for (SupplyReading s : history) {
      if (before != null && replacement(before, s)) {
        replaced.add(s.readAt());
      }
      before = s;
    }
    SupplyReading last = history.get(history.size() - 1);
    Instant since =
        replaced.isEmpty() ? history.get(0).readAt() : replaced.get(replaced.size() - 1);
    OptionalLong pages = pagesBetween(total, since, last.readAt());
    OptionalLong interval =
        replaced.size() < 2
            ? OptionalLong.empty()
            : pagesBetween(
                total, replaced.get(replaced.size() - 2), replaced.get(replaced.size() - 1));
    OptionalDouble used =
        last.percent().isPresent()
            ? OptionalDouble.of(100 - last.percent().getAsDouble())
            : OptionalDouble.empty();
    OptionalLong life = OptionalLong.empty();
    String basis = "unknown";
    if ("impressions".equals(last.unit()) && last.maxCapacity() > 0) {
      life = OptionalLong.of(last.maxCapacity());
      basis = "capacity";
    } else if (pages.isPresent() && used.isPresent() && used.getAsDouble() >= 5) {
      life = OptionalLong.of(Math.round(pages.getAsLong() * 100 / used.getAsDouble()));
      basis = "estimated";
    }
    return new Part(
        last.index(),
        last.description(),
        last.type(),
        replaced.isEmpty() ? Optional.empty() : Optional.of(since),
        since,
        pages,
        life,
        basis,
        used,
        replaced.size(),
        interval);
  }

  private static boolean replacement(SupplyReading a, SupplyReading b) {
    if (a.partNumber().isPresent()
        && b.partNumber().isPresent()
        && !a.partNumber().equals(b.partNumber())) {
      return true;
    }
    if (a.level() < 0 || b.level() < 0 || b.maxCapacity() <= 0) {
      return false;
    }
    return b.level() - a.level() > b.maxCapacity() / 10.0;
  }

  /** Pages between two instants from the total meter: at or before each end. */
  private static OptionalLong pagesBetween(TreeMap<Instant, Long> total, Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Map.Entry<Instant, Long> start = total.floorEntry(from);
    if (start == null) {
      start = total.ceilingEntry(from);
    }
    Map.Entry<Instant, Long> end = total.floorEntry(to);
    if (start == null || end == null || end.getValue() < start.getValue()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(end.getValue() - start.getValue());
  }
}
