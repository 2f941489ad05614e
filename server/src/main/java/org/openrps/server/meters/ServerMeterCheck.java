package org.openrps.server.meters;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openrps.wire.MeterReading;

/**
 * The server's own meter integrity check, whatever the source checked, against the latest value
 * stored for the same meter of the same device (read earlier; a reading older than the stored one,
 * a late upload, is history and not checked against it).
 *
 * <ul>
 *   <li>Both from one path (agent then agent, device then device): a reading below the stored one
 *       is {@code wrapped} when a Counter32 wrap explains it, {@code backwards} otherwise.
 *   <li>From the two paths (an agent's reading after the device's own, or the other way round):
 *       {@link #SOURCES_DISAGREE} when they do not fit together, that is when the newer reading is
 *       below the older one, or above it by more than a printer could print in the time between
 *       them ({@link #MAX_PAGES_PER_MINUTE} plus {@link #SLACK_PAGES}). The two paths may read
 *       different counters under one name; no wrap is guessed across them, and nothing is averaged:
 *       the value stored is the one read.
 * </ul>
 */
public final class ServerMeterCheck {

  /** The server's flag for readings of one meter by the two paths that do not fit together. */
  public static final String SOURCES_DISAGREE = "sourcesDisagree";

  /** Every flag the server itself may give a reading. */
  public static final List<String> FLAGS =
      List.of(MeterReading.WRAPPED, MeterReading.BACKWARDS, SOURCES_DISAGREE);

  /**
   * More pages a minute than any production printer makes (the fastest cut-sheet devices print some
   * 150 a minute): a reading of the other path that ran further ahead than this disagrees.
   */
  public static final long MAX_PAGES_PER_MINUTE = 300;

  /**
   * Pages allowed on top of the rate: the two paths read at slightly different moments, with clocks
   * that may differ by a few seconds, and a job in progress finishes its sheets.
   */
  public static final long SLACK_PAGES = 50;

  /** Counter32 wraps here (RFC 2578). */
  static final long COUNTER32_MODULUS = 1L << 32;

  /** The most a wrapped counter may have moved on: half the Counter32 range. */
  static final long MAX_WRAP_ADVANCE = 1L << 31;

  /**
   * The stored latest value of one meter.
   *
   * @param source who read it ({@code agent:<id>} or {@code device:<id>}); empty when stored before
   *     sources were kept with it
   */
  public record Previous(long value, Instant readAt, Optional<String> source) {
    public Previous {
      Objects.requireNonNull(readAt, "readAt");
      Objects.requireNonNull(source, "source");
    }

    /** A value whose source is not known. */
    public Previous(long value, Instant readAt) {
      this(value, readAt, Optional.empty());
    }
  }

  private ServerMeterCheck() {}

  /** The server's flags for the reading, whose source is not known to differ; empty when sound. */
  public static List<String> flags(MeterReading reading, Optional<Previous> previous) {
    return flags(reading, "", previous);
  }

  /**
   * The server's flags for the reading by {@code source} ({@code agent:<id>} or {@code
   * device:<id>}); empty when it is sound.
   */
  public static List<String> flags(
      MeterReading reading, String source, Optional<Previous> previous) {
    if (previous.isEmpty() || !previous.get().readAt().isBefore(reading.readAt())) {
      return List.of();
    }
    long before = previous.get().value();
    long now = reading.value();
    if (otherPath(source, previous.get().source())) {
      long seconds = Duration.between(previous.get().readAt(), reading.readAt()).getSeconds();
      long mostPages =
          seconds > Long.MAX_VALUE / MAX_PAGES_PER_MINUTE
              ? Long.MAX_VALUE
              : seconds * MAX_PAGES_PER_MINUTE / 60 + SLACK_PAGES;
      boolean fits = now >= before && now - before <= mostPages;
      return fits ? List.of() : List.of(SOURCES_DISAGREE);
    }
    if (now >= before) {
      return List.of();
    }
    long advance = now + COUNTER32_MODULUS - before;
    boolean wrap = before < COUNTER32_MODULUS && advance < MAX_WRAP_ADVANCE;
    return List.of(wrap ? MeterReading.WRAPPED : MeterReading.BACKWARDS);
  }

  /** Whether the two sources are the two paths: one an agent, the other a device. */
  static boolean otherPath(String source, Optional<String> before) {
    return before.isPresent()
        && !kind(source).isEmpty()
        && !kind(before.get()).isEmpty()
        && !kind(source).equals(kind(before.get()));
  }

  private static String kind(String source) {
    int colon = source.indexOf(':');
    return colon < 0 ? "" : source.substring(0, colon);
  }
}
