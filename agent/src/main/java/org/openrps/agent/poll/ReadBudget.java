package org.openrps.agent.poll;

import java.time.Duration;
import java.util.Objects;

/**
 * What one device may cost a poll. A device over budget keeps what was read and says {@code
 * truncated} with the reason (a {@link ReadFailure} whose {@code what} is {@value #TRUNCATED}).
 *
 * @param rowsPerTable the most rows read from one table (a walk); a table that never ends costs
 *     this many
 * @param varbindsPerDevice the most variables read from one device, over all its requests
 * @param timePerDevice the longest a device's read may go on; the tables not yet asked are skipped
 */
public record ReadBudget(int rowsPerTable, int varbindsPerDevice, Duration timePerDevice) {

  /** The {@code what} of a budget's read failure. */
  public static final String TRUNCATED = "truncated";

  /** The default rows per table. */
  public static final int DEFAULT_ROWS_PER_TABLE = 500;

  /** The default variables per device. */
  public static final int DEFAULT_VARBINDS_PER_DEVICE = 5_000;

  /** The default time per device, in seconds. */
  public static final int DEFAULT_SECONDS_PER_DEVICE = 20;

  /** 500 rows per table, 5,000 variables and 20 s per device. */
  public static final ReadBudget DEFAULT =
      new ReadBudget(
          DEFAULT_ROWS_PER_TABLE,
          DEFAULT_VARBINDS_PER_DEVICE,
          Duration.ofSeconds(DEFAULT_SECONDS_PER_DEVICE));

  public ReadBudget {
    if (rowsPerTable < 1 || rowsPerTable > 200_000) {
      throw new IllegalArgumentException("rowsPerTable must be 1 to 200000, not " + rowsPerTable);
    }
    if (varbindsPerDevice < 1 || varbindsPerDevice > 1_000_000) {
      throw new IllegalArgumentException(
          "varbindsPerDevice must be 1 to 1000000, not " + varbindsPerDevice);
    }
    Objects.requireNonNull(timePerDevice, "timePerDevice");
    if (timePerDevice.isNegative() || timePerDevice.isZero()) {
      throw new IllegalArgumentException("timePerDevice must be more than 0: " + timePerDevice);
    }
  }
}
