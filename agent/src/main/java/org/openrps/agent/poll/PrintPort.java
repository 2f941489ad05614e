package org.openrps.agent.poll;

import java.util.List;
import java.util.Objects;

/**
 * An address whose print port accepted a TCP connect although it was not read as a printer.
 *
 * @param address the address, as text
 * @param port the first print port that accepted
 * @param snmp true when the address answered SNMP (as a non-printer: a print server, or a printer
 *     without the Printer MIB); false for {@code print port only} (a printer whose SNMP is off or
 *     has another community)
 */
public record PrintPort(String address, int port, boolean snmp) {
  public PrintPort {
    Objects.requireNonNull(address, "address");
  }

  /** How output shows it. */
  public String describe() {
    return snmp ? "SNMP but not a printer, print port " + port + " open" : "print port only";
  }

  static List<PrintPort> withoutSnmp(List<PrintPort> all) {
    return all.stream().filter(p -> !p.snmp()).toList();
  }
}
