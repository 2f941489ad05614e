package org.openrps.agent.poll;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The optional print-port probe of discovery: for an address that gave no SNMP answer, or answered
 * but is not a printer, a TCP connect to each print port until one accepts, then close. Nothing is
 * ever sent (a byte to 9100 would print). An address with an open print port and no SNMP is
 * reported as {@code print port only}; an SNMP host that is not a printer but has one is flagged as
 * such (a print server, or a printer without the Printer MIB). Neither is a managed printer.
 *
 * <p>Each connect holds one of the poller's {@link PollSettings#maxInFlight()} slots, so the probe
 * shares the poller's concurrency bound.
 *
 * @param ports the TCP ports, tried in order; empty for no probe (the default)
 * @param connectTimeout how long one connect may take before the port counts as closed
 */
public record PortProbe(List<Integer> ports, Duration connectTimeout) {

  /** LPD, raw (JetDirect / AppSocket), and the two ports some print servers add. */
  public static final List<Integer> PRINT_PORTS = List.of(515, 9100, 2000, 2105);

  /** The connect timeout when none is given. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(300);

  public PortProbe {
    ports = List.copyOf(Objects.requireNonNull(ports, "ports"));
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (ports.size() > 8) {
      throw new IllegalArgumentException("at most 8 print ports, not " + ports.size());
    }
    for (int p : ports) {
      if (p < 1 || p > 65_535) {
        throw new IllegalArgumentException("a print port must be 1 to 65535, not " + p);
      }
    }
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || connectTimeout.compareTo(Duration.ofSeconds(5)) > 0) {
      throw new IllegalArgumentException(
          "probe timeout must be more than 0 and at most 5 s: " + connectTimeout);
    }
  }

  /** No probe. */
  public static PortProbe off() {
    return new PortProbe(List.of(), DEFAULT_TIMEOUT);
  }

  /** The print ports of DESIGN.md with the default timeout. */
  public static PortProbe standard() {
    return new PortProbe(PRINT_PORTS, DEFAULT_TIMEOUT);
  }

  /** True when there is something to probe. */
  public boolean enabled() {
    return !ports.isEmpty();
  }
}
