package org.openrps.wire.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import org.openrps.wire.SupplyReading;

/**
 * A supply as people read it, the one shape of the server's API and {@code openrps scan --json}:
 * the values as the device sent them, and what they mean. RFC 3805's -1/-2/-3 are a {@code state},
 * never a percentage.
 *
 * @param percent the remaining share, {@code null} when level or capacity is not a real amount
 * @param state {@code known}, {@code other}, {@code unknown}, {@code someRemaining} or {@code
 *     invalid}
 * @param source who read it ({@code agent:<id>} or {@code device:<id>}); {@code null} in a scan
 */
public record SupplyView(
    int index,
    String description,
    String type,
    @JsonProperty("class") String supplyClass,
    String unit,
    int level,
    int max,
    Double percent,
    String state,
    String partNumber,
    Instant readAt,
    String source) {

  public SupplyView {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(readAt, "readAt");
  }

  /** The reading, as a scan shows it. */
  public static SupplyView of(SupplyReading s) {
    return of(s, null);
  }

  /** The reading with the client that read it. */
  public static SupplyView of(SupplyReading s, String source) {
    return new SupplyView(
        s.index(),
        s.description(),
        s.type(),
        s.supplyClass(),
        s.unit(),
        s.level(),
        s.maxCapacity(),
        s.percent().isPresent() ? s.percent().getAsDouble() : null,
        s.levelState().name(),
        s.partNumber().orElse(null),
        s.readAt(),
        source);
  }
}
