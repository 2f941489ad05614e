package org.openrps.agent.poll;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openrps.wire.DeviceSnapshot;

/**
 * A printer as read in one poll: what it gave, and what it did not.
 *
 * @param snapshot what was read, in wire form. {@code identity().serial()} is empty when the device
 *     has no serial number
 * @param failures the tables and values that could not be read; empty for a complete poll
 * @param access how the device answered (SNMP version and security), when known
 */
public record PolledDevice(
    DeviceSnapshot snapshot, List<ReadFailure> failures, Optional<SnmpAccess> access) {
  public PolledDevice {
    Objects.requireNonNull(snapshot, "snapshot");
    failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
    Objects.requireNonNull(access, "access");
  }

  /** A poll result without access information. */
  public PolledDevice(DeviceSnapshot snapshot, List<ReadFailure> failures) {
    this(snapshot, failures, Optional.empty());
  }

  /** True when something could not be read. */
  public boolean partial() {
    return !failures.isEmpty();
  }
}
