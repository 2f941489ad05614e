package org.openrps.snmp.profile;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A billing meter of a make: its name and how to read it.
 *
 * @param name e.g. {@code mono}, {@code copy.colour}; never {@code total} (prtMarkerLifeCount's)
 * @param terms the parts whose sum is the meter's value; all must be answered
 * @param confidence how sure the sources are; {@link Confidence#low} meters are not read
 */
public record MeterDefinition(String name, List<MeterTerm> terms, Confidence confidence) {

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
    terms = List.copyOf(Objects.requireNonNull(terms, "terms"));
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("meter " + name + " has no terms");
    }
    Objects.requireNonNull(confidence, "confidence");
  }

  /** The OID recorded with a reading of this meter: the only OID, or the first of a sum. */
  public String describe() {
    return String.join(" + ", terms.stream().map(Object::toString).toList());
  }
}
