package org.openrps.wire;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a Device Direct module knows about its own printer that an agent cannot read by SNMP (since
 * schema {@code openrps.report/6}): fault codes with their descriptions, the failure history,
 * software versions, configuration settings, part replacement counters and performance figures.
 * Installed options travel in the snapshot's {@code options}, as from an agent.
 *
 * @param faults the faults active now, by the maker's code
 * @param history faults raised and cleared before, oldest first (the module keeps a bounded tail)
 * @param versions software versions by component ({@code firmware}, {@code engine}, {@code
 *     network}, ...)
 * @param settings configuration settings by name ({@code location}, {@code sleepMinutes}, ...),
 *     never a secret
 * @param parts replacement counters of the service parts (fuser, drum, transfer belt, ...)
 * @param performance figures by name ({@code jamsPer1000Pages}, {@code warmupSeconds}, ...)
 * @param readAt when the module assembled them
 */
public record DeviceDiagnostics(
    List<Fault> faults,
    List<Fault> history,
    Map<String, String> versions,
    Map<String, String> settings,
    List<PartCounter> parts,
    Map<String, Double> performance,
    Instant readAt) {

  /**
   * One fault.
   *
   * @param code the maker's fault code (e.g. {@code 13.20.00}, {@code SC542})
   * @param description what the code means, in the maker's words
   * @param severity {@code critical}, {@code warning} or {@code info}
   * @param raisedAt when the device raised it
   * @param clearedAt when it cleared; empty while it is active
   */
  public record Fault(
      String code,
      String description,
      String severity,
      Instant raisedAt,
      Optional<Instant> clearedAt) {
    public Fault {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(raisedAt, "raisedAt");
      clearedAt = clearedAt == null ? Optional.empty() : clearedAt;
    }
  }

  /**
   * A service part's counter since it was last replaced.
   *
   * @param part the part's name ({@code fuser}, {@code drum}, ...)
   * @param pages pages since it was replaced
   * @param lifePages the pages it is rated for, if known
   * @param replacements how many times it was replaced
   * @param replacedAt when it was last replaced, if known
   */
  public record PartCounter(
      String part,
      long pages,
      OptionalLong lifePages,
      int replacements,
      Optional<Instant> replacedAt) {
    public PartCounter {
      Objects.requireNonNull(part, "part");
      lifePages = lifePages == null ? OptionalLong.empty() : lifePages;
      replacedAt = replacedAt == null ? Optional.empty() : replacedAt;
      if (pages < 0 || replacements < 0) {
        throw new IllegalArgumentException("a part counter is never negative: " + part);
      }
    }
  }

  public DeviceDiagnostics {
    faults = List.copyOf(Objects.requireNonNull(faults, "faults"));
    history = List.copyOf(Objects.requireNonNull(history, "history"));
    versions = Map.copyOf(Objects.requireNonNull(versions, "versions"));
    settings = Map.copyOf(Objects.requireNonNull(settings, "settings"));
    parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
    performance = Map.copyOf(Objects.requireNonNull(performance, "performance"));
    Objects.requireNonNull(readAt, "readAt");
  }
}
