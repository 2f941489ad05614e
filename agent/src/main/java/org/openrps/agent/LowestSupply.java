package org.openrps.agent;

import java.util.Objects;

/**
 * The toner (or ink) with the least left, across the printers of a cycle.
 *
 * @param deviceSerial the serial number of its printer
 * @param description the supply's description, as the printer gave it
 * @param percent what is left, 0 to 100
 */
public record LowestSupply(String deviceSerial, String description, double percent) {
  public LowestSupply {
    Objects.requireNonNull(deviceSerial, "deviceSerial");
    Objects.requireNonNull(description, "description");
  }
}
