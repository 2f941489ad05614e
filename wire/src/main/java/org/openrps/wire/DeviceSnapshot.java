package org.openrps.wire;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What was read from one device in one poll. Each figure carries the time it was read.
 *
 * @param identity who the device is (make + serial is its key)
 * @param address the network address it answered on
 * @param seenAt when it last answered
 * @param counters page counters and billing meters
 * @param supplies toner, drums, waste containers and the like
 * @param status printer status and detected error conditions
 */
public record DeviceSnapshot(
    DeviceIdentity identity,
    String address,
    Instant seenAt,
    List<MeterReading> counters,
    List<SupplyReading> supplies,
    DeviceStatus status) {

  public DeviceSnapshot {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(seenAt, "seenAt");
    counters = List.copyOf(Objects.requireNonNull(counters, "counters"));
    supplies = List.copyOf(Objects.requireNonNull(supplies, "supplies"));
    Objects.requireNonNull(status, "status");
  }

  /** The total page count, the largest "total" meter, if the device gave one. */
  public java.util.OptionalLong totalPages() {
    return counters.stream()
        .filter(c -> c.name().equals(MeterReading.TOTAL))
        .mapToLong(MeterReading::value)
        .max();
  }
}
