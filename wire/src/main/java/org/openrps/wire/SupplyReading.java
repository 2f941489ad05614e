package org.openrps.wire;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One row of the Printer MIB's prtMarkerSuppliesTable, values as the device said them.
 *
 * <p>RFC 3805 gives {@code level} and {@code maxCapacity} special values: -1 "other", -2 "unknown",
 * -3 "some remaining" (level only). They are kept as sent and interpreted by {@link #levelState()}
 * and {@link #percent()}, never used as numbers.
 *
 * @param index the supply's index in the table
 * @param description prtMarkerSuppliesDescription
 * @param type prtMarkerSuppliesType, as its RFC 3805 name (e.g. {@code toner})
 * @param supplyClass prtMarkerSuppliesClass: {@code supplyThatIsConsumed} or {@code
 *     receptacleThatIsFilled}
 * @param unit prtMarkerSuppliesSupplyUnit, as its RFC 3805 name (e.g. {@code percent})
 * @param maxCapacity prtMarkerSuppliesMaxCapacity
 * @param level prtMarkerSuppliesLevel
 * @param readAt when it was read
 * @param partNumber the maker's part number, where the make publishes one (vendor profile)
 */
public record SupplyReading(
    int index,
    String description,
    String type,
    String supplyClass,
    String unit,
    int maxCapacity,
    int level,
    Instant readAt,
    Optional<String> partNumber) {

  /** What a level value means. */
  public enum LevelState {
    /** A real amount: {@link #percent()} may be known. */
    known,
    /** -1: the device uses another way to say it. */
    other,
    /** -2: the device does not know. */
    unknown,
    /** -3: at least some is left, amount unknown. */
    someRemaining,
    /** Any other negative value: not valid per RFC 3805. */
    invalid
  }

  public SupplyReading {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(supplyClass, "supplyClass");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(readAt, "readAt");
    partNumber = partNumber == null ? Optional.empty() : partNumber;
  }

  /** A reading without a part number. */
  public SupplyReading(
      int index,
      String description,
      String type,
      String supplyClass,
      String unit,
      int maxCapacity,
      int level,
      Instant readAt) {
    this(index, description, type, supplyClass, unit, maxCapacity, level, readAt, Optional.empty());
  }

  /** The meaning of {@link #level()}. */
  public LevelState levelState() {
    if (level >= 0) {
      return LevelState.known;
    }
    return switch (level) {
      case -1 -> LevelState.other;
      case -2 -> LevelState.unknown;
      case -3 -> LevelState.someRemaining;
      default -> LevelState.invalid;
    };
  }

  /** The remaining share in percent, when both level and capacity are real amounts. */
  public OptionalDouble percent() {
    if (level < 0 || maxCapacity <= 0 || level > maxCapacity) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(100.0 * level / maxCapacity);
  }
}
