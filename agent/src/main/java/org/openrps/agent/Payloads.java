package org.openrps.agent;

/**
 * What the agent puts on the wire for its snapshots (ADR 0010).
 *
 * <p>{@link #DELTAS} is the default. {@link #FULL} is what agents sent before schema {@code
 * openrps.report/4}: for comparison (the payload benchmark) and as a way out if deltas ever
 * misbehave.
 */
public enum Payloads {
  /** Every snapshot whole, the site information with every report. */
  FULL(false, false, true),
  /**
   * A snapshot of a device with an acknowledged base goes as what changed since it; the site
   * information goes with the first report of each sync.
   */
  DELTAS(true, false, false),
  /** As {@link #DELTAS}, but every delta carries the device's meters whole, changed or not. */
  DELTAS_METERS_ALWAYS(true, true, false);

  private final boolean deltas;
  private final boolean metersAlways;
  private final boolean siteEveryReport;

  Payloads(boolean deltas, boolean metersAlways, boolean siteEveryReport) {
    this.deltas = deltas;
    this.metersAlways = metersAlways;
    this.siteEveryReport = siteEveryReport;
  }

  boolean deltas() {
    return deltas;
  }

  boolean metersAlways() {
    return metersAlways;
  }

  boolean siteEveryReport() {
    return siteEveryReport;
  }
}
