package org.openrps.server.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One value of a report's table, typed so that each renderer writes it its own way: a count with
 * thousands separators in HTML and as a plain number in CSV, an instant as ISO-8601 in CSV, a value
 * the server does not have (or withholds, such as a held meter) as an empty CSV field and, in HTML,
 * the reason.
 */
public sealed interface Cell {

  /** A blank cell without a reason. */
  Cell NONE = new None("");

  /** Text, shown as it is (escaped in HTML, guarded against formulas in CSV). */
  record Text(String value) implements Cell {
    public Text {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A whole number: pages, devices, reports. */
  record Count(long value) implements Cell {}

  /** A percentage, 0 to 100. */
  record Percent(double value) implements Cell {}

  /** An instant. */
  record Time(Instant value) implements Cell {
    public Time {
      Objects.requireNonNull(value, "value");
    }
  }

  /** How long ago something was, never negative. */
  record Age(Duration value) implements Cell {
    public Age {
      Objects.requireNonNull(value, "value");
      if (value.isNegative()) {
        value = Duration.ZERO;
      }
    }
  }

  /**
   * No value: unknown, or withheld (a held read is not a number billed). Empty in CSV; in HTML the
   * reason, when there is one.
   */
  record None(String why) implements Cell {
    public None {
      Objects.requireNonNull(why, "why");
    }
  }

  static Cell text(String value) {
    return new Text(value);
  }

  /** The text, or {@link #NONE} when there is none. */
  static Cell text(Optional<String> value) {
    return value.<Cell>map(Text::new).orElse(NONE);
  }

  static Cell count(long value) {
    return new Count(value);
  }

  /** The count, or {@link #NONE} when unknown. */
  static Cell count(OptionalLong value) {
    return value.isPresent() ? new Count(value.getAsLong()) : NONE;
  }

  /** The percentage, or {@link #NONE} when unknown. */
  static Cell percent(OptionalDouble value) {
    return value.isPresent() ? new Percent(value.getAsDouble()) : NONE;
  }

  static Cell time(Instant value) {
    return new Time(value);
  }

  /** The instant, or {@link #NONE} when unknown. */
  static Cell time(Optional<Instant> value) {
    return value.<Cell>map(Time::new).orElse(NONE);
  }

  /** The time from {@code then} to {@code now}, or {@link #NONE} when {@code then} is unknown. */
  static Cell age(Optional<Instant> then, Instant now) {
    return then.<Cell>map(t -> new Age(Duration.between(t, now))).orElse(NONE);
  }

  /** A blank cell that says why in HTML. */
  static Cell none(String why) {
    return new None(why);
  }
}
