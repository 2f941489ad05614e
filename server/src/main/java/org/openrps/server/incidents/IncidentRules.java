package org.openrps.server.incidents;

import java.time.Duration;
import java.util.Objects;

/**
 * The incident job's thresholds, from the server's configuration ({@code incidents.*} keys).
 *
 * @param holdDown how long a condition stays away before its incident closes (flapping)
 * @param deviceSilentAfter how long a device may go unheard (its agent still reporting, or a Device
 *     Direct device itself) before it is an incident
 * @param agentSilentAfter how long an agent may go without calling in before it is an incident
 */
public record IncidentRules(
    Duration holdDown, Duration deviceSilentAfter, Duration agentSilentAfter) {

  /**
   * 15 minutes' hold-down; 72 hours of silence, longer than a weekend, so printers and PCs switched
   * off from Friday evening to Monday morning are not incidents.
   */
  public static final IncidentRules DEFAULTS =
      new IncidentRules(Duration.ofMinutes(15), Duration.ofHours(72), Duration.ofHours(72));

  public IncidentRules {
    Objects.requireNonNull(holdDown, "holdDown");
    Objects.requireNonNull(deviceSilentAfter, "deviceSilentAfter");
    Objects.requireNonNull(agentSilentAfter, "agentSilentAfter");
    if (holdDown.isNegative()) {
      throw new IllegalArgumentException("holdDown must not be negative: " + holdDown);
    }
    if (deviceSilentAfter.compareTo(Duration.ofHours(1)) < 0
        || agentSilentAfter.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException("a silence threshold must be at least an hour");
    }
  }
}
