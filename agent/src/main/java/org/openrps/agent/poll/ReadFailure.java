package org.openrps.agent.poll;

import java.util.Objects;

/**
 * Something that could not be read from a device that otherwise answered: the device is kept with
 * what it gave.
 *
 * @param what the table or value, e.g. {@code prtMarkerSuppliesTable}
 * @param reason why, e.g. {@code timeout} or {@code not a number: OctetString}
 */
public record ReadFailure(String what, String reason) {
  public ReadFailure {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return what + ": " + reason;
  }
}
