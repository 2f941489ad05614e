package org.openrps.wire;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the Printer MIB's prtInputTable (RFC 3805): a paper tray.
 *
 * <p>{@code maxCapacity} and {@code currentLevel} keep RFC 3805's special values as sent: -1 other,
 * -2 unknown, -3 (level only) at least one sheet left.
 *
 * @param index prtInputIndex
 * @param name prtInputName (e.g. {@code Tray 1}); empty when the device gave none
 * @param mediaName prtInputMediaName (e.g. {@code A4}), if given
 * @param maxCapacity prtInputMaxCapacity
 * @param currentLevel prtInputCurrentLevel
 * @param readAt when it was read
 */
public record InputTray(
    int index,
    String name,
    Optional<String> mediaName,
    int maxCapacity,
    int currentLevel,
    Instant readAt) {

  public InputTray {
    Objects.requireNonNull(name, "name");
    mediaName = mediaName == null ? Optional.empty() : mediaName;
    Objects.requireNonNull(readAt, "readAt");
    if (index < 1) {
      throw new IllegalArgumentException("input index must be positive: " + index);
    }
  }
}
