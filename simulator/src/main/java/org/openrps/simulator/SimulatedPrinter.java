package org.openrps.simulator;

import java.net.InetSocketAddress;
import java.util.OptionalLong;

/** One printer of a running {@link Simulator}, as a test sees it. */
public interface SimulatedPrinter {

  /** Where it answers SNMP (UDP). */
  InetSocketAddress address();

  /** The make, e.g. "HP", as an agent should report it. */
  String make();

  /**
   * The brand, the name on the device, as an agent should report it: the make, unless the model
   * says otherwise (an OEM device, e.g. a Develop-branded Konica Minolta).
   */
  default String brand() {
    return make();
  }

  /** The model, e.g. "LaserJet Enterprise M507". */
  String model();

  /** prtGeneralSerialNumber. */
  String serial();

  /**
   * Its SNMPv3 engine id (snmpEngineID), what USM keys are localised to: made from the make and the
   * MAC as real printers make it; for a replayed recording, the one its responder derives from the
   * address it answers on.
   */
  byte[] engineId();

  /** The life count (prtMarkerLifeCount) it would answer right now, by the simulator's clock. */
  long totalPages();

  /**
   * The count a model file's placeholder stands for right now, by the simulator's clock, e.g.
   * {@code count("printMono")}; empty for a name that is not a page count, and for a replayed
   * recording.
   */
  OptionalLong count(String placeholder);

  /**
   * What it really is at {@code at} by the simulation clock ({@link Truth}); empty for a replayed
   * recording, which only answers what was recorded.
   */
  default java.util.Optional<PrinterTruth> truthAt(java.time.Instant at) {
    return java.util.Optional.empty();
  }
}
