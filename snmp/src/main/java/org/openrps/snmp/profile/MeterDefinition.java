package org.openrps.snmp.profile;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A billing meter of a make: its name and how to read it.
 *
 * @param name e.g. {@code mono}, {@code copy.colour}; never {@code total} (prtMarkerLifeCount's)
 * @param alternatives ways to read it, tried in order: the first whose terms are all answered gives
 *     the value, the sum of its terms (models of one make keep the same counter in different
 *     tables)
 * @param confidence how sure the sources are; {@link Confidence#low} meters are not read
 */
public record MeterDefinition(
    String name, List<List<MeterTerm>> alternatives, Confidence confidence) {

  private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*");

  public MeterDefinition {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches() || name.length() > 64) {
      throw new IllegalArgumentException(
          "meter name \"" + name + "\" must be lower-case words joined by dots, at most 64");
    }
    if (name.equals("total")) {
      throw new IllegalArgumentException("meter name \"total\" is reserved for prtMarkerLifeCount");
    }
    alternatives =
        Objects.requireNonNull(alternatives, "alternatives").stream().map(List::copyOf).toList();
    if (alternatives.isEmpty() || alternatives.stream().anyMatch(List::isEmpty)) {
      throw new IllegalArgumentException("meter " + name + " has an empty alternative");
    }
    Objects.requireNonNull(confidence, "confidence");
  }

  /** A meter read one way only. */
  public static MeterDefinition of(String name, List<MeterTerm> terms, Confidence confidence) {
    return new MeterDefinition(name, List.of(terms), confidence);
  }

  /** The terms of the first way to read it. */
  public List<MeterTerm> terms() {
    return alternatives.get(0);
  }
}
