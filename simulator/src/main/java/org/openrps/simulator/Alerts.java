package org.openrps.simulator;

/** The prtAlertTable rows a simulated printer can show, by prtAlertIndex. */
final class Alerts {

  private Alerts() {}

  /** A paper jam (prtAlertCode jam(8), group mediaPath(13)). */
  static final int JAM = 1;

  /** Tray 1 empty (inputMediaSupplyEmpty(808), group input(8)). */
  static final int PAPER = 2;

  /** Front door open (doorOpen(501), group cover(6)). */
  static final int DOOR = 3;

  /**
   * SUPPLY + row: a toner row low or empty (markerTonerAlmostEmpty(1104) / markerTonerEmpty(1101)).
   */
  static final int SUPPLY = 10;
}
