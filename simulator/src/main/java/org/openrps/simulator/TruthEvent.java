package org.openrps.simulator;

/**
 * A change in a simulated printer's truth between two instants, as {@link Truth#events} finds it.
 *
 * @param at when it was first seen, ISO-8601 (within one step of when it happened)
 * @param address where the printer answers then
 * @param serial the device's serial then (for {@code deviceReplaced}: the new one)
 * @param kind what happened
 * @param detail the fault's name, the supply's index and description, or the old serial
 */
public record TruthEvent(String at, String address, String serial, Kind kind, String detail) {

  /** What happened. */
  public enum Kind {
    poweredOff,
    poweredOn,
    faultRaised,
    faultCleared,
    supplyEmptied,
    supplyReplaced,
    deviceReplaced
  }
}
