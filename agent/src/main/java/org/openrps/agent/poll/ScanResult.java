package org.openrps.agent.poll;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one sweep over a target list.
 *
 * @param addressesScanned how many addresses were asked
 * @param printers the devices that answered as printers, with what they gave, in address order
 * @param outOfScope addresses that answered SNMP but are not printers; not polled further
 * @param unreachable addresses that gave no usable answer, with why
 */
public record ScanResult(
    int addressesScanned,
    List<PolledDevice> printers,
    List<String> outOfScope,
    List<Unreachable> unreachable) {

  public ScanResult {
    printers = List.copyOf(Objects.requireNonNull(printers, "printers"));
    outOfScope = List.copyOf(Objects.requireNonNull(outOfScope, "outOfScope"));
    unreachable = List.copyOf(Objects.requireNonNull(unreachable, "unreachable"));
  }
}
