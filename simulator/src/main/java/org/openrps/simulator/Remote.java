package org.openrps.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What remote commands changed on one simulated printer (through the Device Direct module inside
 * it): its location and contact, its last reboot, the alerts cleared, thresholds and services. The
 * printer's answers read it, so a change shows over SNMP as on a real device. Empty unless a module
 * runs inside the printer; it lives in the printer's process only.
 */
final class Remote {

  private volatile String location;
  private volatile String contact;
  private volatile long rebootMillis = Long.MIN_VALUE;
  private final Map<Integer, Long> cleared = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> thresholds = new ConcurrentHashMap<>();
  private final Map<String, Boolean> services = new ConcurrentHashMap<>();

  Optional<String> location() {
    return Optional.ofNullable(location);
  }

  void location(String text) {
    location = text;
  }

  Optional<String> contact() {
    return Optional.ofNullable(contact);
  }

  void contact(String text) {
    contact = text;
  }

  /** The printer restarts at {@code millis}: its uptime counts from there. */
  void rebootAt(long millis) {
    rebootMillis = millis;
  }

  /** The boot time the printer shows at {@code now}, given the one it would show otherwise. */
  long bootAt(long now, long otherwise) {
    long reboot = rebootMillis;
    return reboot <= now ? Math.max(otherwise, reboot) : otherwise;
  }

  /** The alert row was cleared at {@code millis}: gone until the condition comes again. */
  void clear(int alertIndex, long millis) {
    cleared.put(alertIndex, millis);
  }

  /** Whether the occurrence of the alert that began at {@code since} was cleared. */
  boolean clearedSince(int alertIndex, long since) {
    Long at = cleared.get(alertIndex);
    return at != null && at >= since;
  }

  void threshold(int supply, int percent) {
    thresholds.put(supply, percent);
  }

  Map<Integer, Integer> thresholds() {
    return Map.copyOf(thresholds);
  }

  void service(String name, boolean enabled) {
    services.put(name, enabled);
  }

  Map<String, Boolean> services() {
    return Map.copyOf(services);
  }
}
