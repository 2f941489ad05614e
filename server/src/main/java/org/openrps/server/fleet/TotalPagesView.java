package org.openrps.server.fleet;

import java.text.NumberFormat;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.openrps.server.meters.ServerMeterCheck;

/**
 * The life page count of a device, honestly: {@code pages} only when the latest reading is sound;
 * when it is flagged, {@code pages} is null and the note says what was reported, which value is
 * trusted and why.
 *
 * @param pages the page count, null when unknown or flagged
 * @param reported the value the device last reported, flagged or not
 * @param trusted the last reading nobody flagged
 */
public record TotalPagesView(
    Long pages,
    boolean flagged,
    List<String> flags,
    Long reported,
    Instant readAt,
    Long trusted,
    Instant trustedAt,
    String note) {

  static TotalPagesView of(DeviceState.Total t) {
    Long reported = t.reported().isPresent() ? t.reported().getAsLong() : null;
    Long trusted = t.trusted().isPresent() ? t.trusted().getAsLong() : null;
    return new TotalPagesView(
        t.pages().isPresent() ? t.pages().getAsLong() : null,
        t.flagged(),
        t.flags(),
        reported,
        t.readAt().orElse(null),
        trusted,
        t.trustedAt().orElse(null),
        note(t));
  }

  /** A sentence for a flagged count; null when the count is sound or unknown. */
  public static String note(DeviceState.Total t) {
    if (!t.flagged()) {
      return null;
    }
    NumberFormat n = NumberFormat.getIntegerInstance(Locale.ROOT);
    n.setGroupingUsed(true);
    StringBuilder s =
        new StringBuilder("held for review (")
            .append(String.join(", ", t.flags()))
            .append("): the device reported ")
            .append(n.format(t.reported().orElse(0)));
    t.readAt().ifPresent(at -> s.append(" at ").append(at));
    if (t.trusted().isPresent()) {
      s.append("; the last trusted reading is ").append(n.format(t.trusted().getAsLong()));
      t.trustedAt().ifPresent(at -> s.append(" of ").append(at));
    } else {
      s.append("; no earlier reading is trusted");
    }
    String why =
        t.flags().contains("wrapped")
            ? "a 32-bit counter wrapped, so the difference is not pages without a person's check"
            : t.flags().contains("deviceReplaced")
                ? "another device answers at this address, so the counts are not one device's"
                : t.flags().contains(ServerMeterCheck.SOURCES_DISAGREE)
                    ? "the agent and the device's own module read counts that do not fit"
                        + " together, so neither is pages without a person's check"
                    : "the counter went backwards (reset, board swap or roll-back)";
    return s.append(": ").append(why).toString();
  }
}
