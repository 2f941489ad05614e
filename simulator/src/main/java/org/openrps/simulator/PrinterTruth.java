package org.openrps.simulator;

import java.util.List;
import java.util.Map;

/**
 * What a simulated printer really is at one instant, worked out by the same functions that answer
 * its SNMP requests: what a correct reader of it must find (when it is powered and answering).
 *
 * @param address where it answers then, {@code ip:port}
 * @param serial the serial of the device at that address then (a swapped device has a new one)
 * @param make the make
 * @param model the model
 * @param at the instant, ISO-8601
 * @param powered whether it is switched on (a night-off printer is not, outside office power)
 * @param lifeCount prtMarkerLifeCount
 * @param counts every page count the model's vendor OIDs may show, by placeholder name ({@code
 *     printMono}, {@code copyColour}, ...)
 * @param supplies each supply with what is really left
 * @param faults the conditions going on (hrPrinterDetectedErrorState names: jammed, noPaper,
 *     doorOpen, lowToner, noToner)
 */
public record PrinterTruth(
    String address,
    String serial,
    String make,
    String model,
    String at,
    boolean powered,
    long lifeCount,
    Map<String, Long> counts,
    List<Supply> supplies,
    List<String> faults) {

  public PrinterTruth {
    counts = Map.copyOf(counts);
    supplies = List.copyOf(supplies);
    faults = List.copyOf(faults);
  }

  /**
   * One supply.
   *
   * @param index prtMarkerSuppliesIndex
   * @param description its description
   * @param toner whether it is a toner (its low and empty states raise alerts and error bits)
   * @param remaining the fraction left, 0 to 1 (0: empty)
   * @param level the level in its own unit (what an exact reader would show)
   */
  public record Supply(int index, String description, boolean toner, double remaining, int level) {}
}
