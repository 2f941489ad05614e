package org.openrps.server.asr;

/**
 * A customer's replenishment rules.
 *
 * @param enabled whether orders are raised for the customer at all
 * @param leadDays days from an order to the cartridge on site
 * @param marginDays safety margin on top of the lead time
 * @param thresholdPercent with too short a history for a rate: order at or under this level
 */
public record AsrSettings(boolean enabled, int leadDays, int marginDays, int thresholdPercent) {

  /** Three days' lead, two days' margin, 15 % when the history is too short. */
  public static final AsrSettings DEFAULTS = new AsrSettings(true, 3, 2, 15);

  public AsrSettings {
    if (leadDays < 0 || leadDays > 60 || marginDays < 0 || marginDays > 60) {
      throw new IllegalArgumentException("leadDays and marginDays must be 0 to 60");
    }
    if (thresholdPercent < 0 || thresholdPercent > 100) {
      throw new IllegalArgumentException("thresholdPercent must be 0 to 100");
    }
  }

  /** Lead time plus margin: an order is due when the pessimistic days to empty fall under it. */
  public int orderWithinDays() {
    return leadDays + marginDays;
  }
}
