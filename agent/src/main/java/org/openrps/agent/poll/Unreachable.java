package org.openrps.agent.poll;

import java.util.Objects;

/**
 * An address that gave no usable SNMP answer.
 *
 * @param address the address, as text
 * @param reason why, e.g. {@code timeout}
 */
public record Unreachable(String address, String reason) {
  public Unreachable {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(reason, "reason");
  }
}
