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
  WRONG_COMMUNITY("wrongCommunity"),
  /** Answers a GET with its variables in reverse order (v1/v2c). */
  REORDERED("reordered", true),
  /**
   * Answers a GET with every variable, then each again with its neighbour's value (v1/v2c): only
   * the first of duplicates is right.
   */
  DUPLICATED("duplicated", true),
  /** Answers a GET of several variables without the last one (v1/v2c). */
  MISSING("missing", true),
  /** Answers a GET with an unasked sysContact in front of the variables asked for (v1/v2c). */
  EXTRA("extra", true),
  /**
   * Answers a GET that asks for sysLocation with a 5-byte INTEGER in its place (an integer too
   * large for its type, which SNMP4J cannot decode), one that asks for hrDeviceStatus.1 with 40
   * nested SEQUENCEs in its place (deep BER nesting), and one that asks for sysName with an OBJECT
   * IDENTIFIER of 300 arcs in its place (v1/v2c).
   */
  BAD_VARBIND("badVarbind", true),
  /** prtInputTable never ends: prtInputType rows go on without end. */
  ENDLESS_TABLE("endlessTable"),
  /** The first supply's level is 2^31-1 with max capacity 0. */
  SENTINEL_LEVEL("sentinelLevel"),
  /** The first marker's life count is the Integer32 -5. */
  NEGATIVE_COUNTER("negativeCounter");

  private final String text;
  private final boolean wire;

  FaultKind(String text) {
    this(text, false);
  }

  FaultKind(String text, boolean wire) {
    this.text = text;
    this.wire = wire;
  }

  /** The name used on the command line, e.g. "garbled". */
  public String text() {
    return text;
  }

  /**
   * True when the fault needs raw control over the datagrams (served through a proxy); of those,
   * {@link #rewritesReplies()} answer, with their replies changed.
   */
  boolean onTheWire() {
    return ordinal() <= TOO_BIG.ordinal() || wire;
  }

  /** True for the wire faults whose device answers, with the variables of its replies changed. */
  boolean rewritesReplies() {
    return wire;
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
