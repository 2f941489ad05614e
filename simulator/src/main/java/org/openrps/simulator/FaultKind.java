package org.openrps.simulator;

import java.util.Locale;

/** A way a simulated device misbehaves, for testing an agent against a hostile fleet. */
public enum FaultKind {
  /** Never answers (like a device whose SNMP agent is off). */
  SILENT("silent"),
  /** Answers after {@link SimulatorOptions#slowDelay()} (default 500 ms). */
  SLOW("slow"),
  /** Answers after {@link SimulatorOptions#lateDelay()} (default 5 s): after most timeouts. */
  LATE("late"),
  /** Sends only the first two thirds of each response datagram. */
  TRUNCATED("truncated"),
  /** Sends each response with bytes in its middle scrambled: BER that does not decode. */
  GARBLED("garbled"),
  /** Answers with a request id one off the request's. */
  WRONG_REQUEST_ID("wrongRequestId"),
  /** Answers tooBig to any response over 484 bytes (the smallest size SNMP allows). */
  TOO_BIG("tooBig"),
  /** Lacks prtMarkerLifeCount and prtGeneralSerialNumber: noSuchName (v1), noSuchObject (v2c). */
  NO_SUCH_NAME("noSuchName"),
  /** GETNEXT in the supplies table returns the OID asked for: an endless walk for naive clients. */
  NON_INCREASING("nonIncreasing"),
  /** sysDescr of 16 KB and supply descriptions of 2 KB. */
  HUGE_STRINGS("hugeStrings"),
  /** Accepts another community than the fleet's, so it drops every request the agent sends. */
  WRONG_COMMUNITY("wrongCommunity");

  private final String text;

  FaultKind(String text) {
    this.text = text;
  }

  /** The name used on the command line, e.g. "garbled". */
  public String text() {
    return text;
  }

  /** True when the fault needs raw control over the datagrams (served through a proxy). */
  boolean onTheWire() {
    return ordinal() <= TOO_BIG.ordinal();
  }

  /**
   * The kind named {@code text} (as {@link #text()}, case-insensitive).
   *
   * @throws IllegalArgumentException naming the known kinds
   */
  public static FaultKind of(String text) {
    for (FaultKind k : values()) {
      if (k.text.toLowerCase(Locale.ROOT).equals(text.strip().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    StringBuilder known = new StringBuilder();
    for (FaultKind k : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(k.text);
    }
    throw new IllegalArgumentException("unknown fault '" + text + "'; known: " + known);
  }
}
