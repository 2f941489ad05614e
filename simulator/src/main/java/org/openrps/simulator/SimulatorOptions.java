package org.openrps.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openrps.snmp.UsmUser;

/**
 * What a fleet is made of and how it behaves, beyond its size and addresses.
 *
 * @param mix shares per make, model or kind (see {@link #withMix}); empty keeps the model file's
 *     weights
 * @param models a model file of the operator's instead of the built-in one
 * @param faults which devices misbehave, and how
 * @param life how the fleet changes over time
 * @param recordings a directory of {@code *.snmprec} files served instead of models: file i (in
 *     name order, repeated when the fleet is larger) on printer i
 * @param processes 0 picks: one process up to {@link #PRINTERS_PER_PROCESS} printers, else worker
 *     processes of at most that many; 1 keeps the fleet in this JVM; n ≥ 2 spreads it over n worker
 *     processes
 * @param slowDelay how late a {@link FaultKind#SLOW} device answers
 * @param lateDelay how late a {@link FaultKind#LATE} device answers
 * @param users the SNMPv3 (USM) users every printer knows; empty: no v3 at all. Default {@link
 *     UsmUser#defaultSet()}: 31 users {@code <auth>-<priv>} with passphrases {@code
 *     authpass-openrps} and {@code privpass-openrps}
 */
public record SimulatorOptions(
    Map<String, Integer> mix,
    Optional<Path> models,
    List<FaultRule> faults,
    Life life,
    Optional<Path> recordings,
    int processes,
    Duration slowDelay,
    Duration lateDelay,
    List<UsmUser> users) {

  /** The most printers one process serves (one socket each, under the 20,000 open-file cap). */
  public static final int PRINTERS_PER_PROCESS = 5_000;

  public SimulatorOptions {
    mix = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(mix, "mix")));
    Objects.requireNonNull(models, "models");
    faults = List.copyOf(faults);
    Objects.requireNonNull(life, "life");
    Objects.requireNonNull(recordings, "recordings");
    Objects.requireNonNull(slowDelay, "slowDelay");
    Objects.requireNonNull(lateDelay, "lateDelay");
    users = List.copyOf(users);
    if (processes < 0 || processes > 64) {
      throw new IllegalArgumentException("processes must be 0 (automatic) to 64: " + processes);
    }
    double shares = faults.stream().mapToDouble(FaultRule::share).sum();
    if (shares > 1) {
      throw new IllegalArgumentException("fault shares add up to more than 100 %: " + shares);
    }
  }

  /** Built-in models by their weights, no faults, a steady fleet, processes picked by size. */
  public static SimulatorOptions defaults() {
    return new SimulatorOptions(
        Map.of(),
        Optional.empty(),
        List.of(),
        Life.steady(),
        Optional.empty(),
        0,
        Duration.ofMillis(500),
        Duration.ofSeconds(5),
        UsmUser.defaultSet());
  }

  /**
   * Shares per make ("HP"), model ("HP LaserJet Enterprise M507") or kind ("printer", "switch",
   * "ups"), case-insensitive; a make's share is split over its models by their weights.
   */
  public SimulatorOptions withMix(Map<String, Integer> newMix) {
    return new SimulatorOptions(
        newMix, models, faults, life, recordings, processes, slowDelay, lateDelay, users);
  }

  public SimulatorOptions withModels(Path file) {
    return new SimulatorOptions(
        mix, Optional.of(file), faults, life, recordings, processes, slowDelay, lateDelay, users);
  }

  public SimulatorOptions withFault(FaultRule rule) {
    List<FaultRule> more = new ArrayList<>(faults);
    more.add(rule);
    return new SimulatorOptions(
        mix, models, more, life, recordings, processes, slowDelay, lateDelay, users);
  }

  public SimulatorOptions withLife(Life newLife) {
    return new SimulatorOptions(
        mix, models, faults, newLife, recordings, processes, slowDelay, lateDelay, users);
  }

  public SimulatorOptions withRecordings(Path directory) {
    return new SimulatorOptions(
        mix, models, faults, life, Optional.of(directory), processes, slowDelay, lateDelay, users);
  }

  public SimulatorOptions withProcesses(int n) {
    return new SimulatorOptions(
        mix, models, faults, life, recordings, n, slowDelay, lateDelay, users);
  }

  public SimulatorOptions withDelays(Duration slow, Duration late) {
    return new SimulatorOptions(
        mix, models, faults, life, recordings, processes, slow, late, users);
  }

  /** The SNMPv3 users every printer knows (empty: v1/v2c only). */
  public SimulatorOptions withUsers(List<UsmUser> newUsers) {
    return new SimulatorOptions(
        mix, models, faults, life, recordings, processes, slowDelay, lateDelay, newUsers);
  }
}
