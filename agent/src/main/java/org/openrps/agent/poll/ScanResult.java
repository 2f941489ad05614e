package org.openrps.agent.poll;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one sweep over a target list.
 *
 * @param addressesScanned how many addresses were asked
 * @param printers the devices that answered as printers, with what they gave, in address order
 * @param outOfScope addresses that answered SNMP but are not printers; not polled further
 * @param unreachable addresses that gave no usable answer, with why; an address whose print port
 *     accepted is in {@code printPorts} instead
 * @param printPorts with the print-port probe ({@link PortProbe}): addresses not read as printers
 *     whose print port accepted; those without SNMP ({@code print port only}) are in no other list,
 *     those with SNMP are also in {@code outOfScope}
 */
public record ScanResult(
    int addressesScanned,
    List<PolledDevice> printers,
    List<String> outOfScope,
    List<Unreachable> unreachable,
    List<PrintPort> printPorts) {

  public ScanResult {
    printers = List.copyOf(Objects.requireNonNull(printers, "printers"));
    outOfScope = List.copyOf(Objects.requireNonNull(outOfScope, "outOfScope"));
    unreachable = List.copyOf(Objects.requireNonNull(unreachable, "unreachable"));
    printPorts = List.copyOf(Objects.requireNonNull(printPorts, "printPorts"));
  }

  /** A result without a print-port probe. */
  public ScanResult(
      int addressesScanned,
      List<PolledDevice> printers,
      List<String> outOfScope,
      List<Unreachable> unreachable) {
    this(addressesScanned, printers, outOfScope, unreachable, List.of());
  }

  /** Addresses with an open print port and no SNMP answer. */
  public List<PrintPort> printPortOnly() {
    return PrintPort.withoutSnmp(printPorts);
  }
}
