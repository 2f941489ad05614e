package org.openrps.simulator;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openrps.snmp.UsmUser;

/**
 * What fleet to simulate.
 *
 * @param printers how many printers (at least 1)
 * @param firstAddress where printer 0 answers; the others follow (see {@link Simulator}). Must be
 *     an IPv4 address in 127.0.0.0/8: the simulator never binds anything else
 * @param port the UDP port every printer answers on; 0 picks a free one (see {@link
 *     SimulatedPrinter#address()} for the one chosen)
 * @param community the SNMPv1/v2c community every printer accepts
 * @param seed makes every simulated value reproducible: same seed, same fleet
 * @param options models, mix, faults, life, recordings and processes
 */
public record SimulatorConfig(
    int printers,
    InetAddress firstAddress,
    int port,
    String community,
    long seed,
    SimulatorOptions options) {

  public static final int DEFAULT_PRINTERS = 50;
  public static final int DEFAULT_PORT = 1161;
  public static final String DEFAULT_COMMUNITY = "public";

  public SimulatorConfig {
    Objects.requireNonNull(firstAddress, "firstAddress");
    Objects.requireNonNull(community, "community");
    Objects.requireNonNull(options, "options");
    if (printers < 1) {
      throw new IllegalArgumentException("printers must be at least 1: " + printers);
    }
    if (!(firstAddress instanceof Inet4Address) || firstAddress.getAddress()[0] != 127) {
      throw new IllegalArgumentException(
          "simulated printers live in 127.0.0.0/8 only, not on " + firstAddress.getHostAddress());
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (community.isEmpty()) {
      throw new IllegalArgumentException("community must not be empty");
    }
  }

  /** A steady fleet of the built-in models (see {@link SimulatorOptions#defaults()}). */
  public SimulatorConfig(
      int printers, InetAddress firstAddress, int port, String community, long seed) {
    this(printers, firstAddress, port, community, seed, SimulatorOptions.defaults());
  }

  /** {@code printers} printers from 127.50.0.1, port 1161, community "public", seed 1. */
  public static SimulatorConfig defaults(int printers) {
    try {
      return new SimulatorConfig(
          printers,
          InetAddress.getByAddress(new byte[] {127, 50, 0, 1}),
          DEFAULT_PORT,
          DEFAULT_COMMUNITY,
          1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a literal IPv4 address", e);
    }
  }

  public SimulatorConfig withPrinters(int n) {
    return new SimulatorConfig(n, firstAddress, port, community, seed, options);
  }

  public SimulatorConfig withFirstAddress(InetAddress address) {
    return new SimulatorConfig(printers, address, port, community, seed, options);
  }

  public SimulatorConfig withPort(int newPort) {
    return new SimulatorConfig(printers, firstAddress, newPort, community, seed, options);
  }

  public SimulatorConfig withCommunity(String newCommunity) {
    return new SimulatorConfig(printers, firstAddress, port, newCommunity, seed, options);
  }

  public SimulatorConfig withSeed(long newSeed) {
    return new SimulatorConfig(printers, firstAddress, port, community, newSeed, options);
  }

  public SimulatorConfig withOptions(SimulatorOptions newOptions) {
    return new SimulatorConfig(printers, firstAddress, port, community, seed, newOptions);
  }

  /** {@code kind} on a share (0..1) of the fleet, chosen from the seed. */
  public SimulatorConfig withFault(FaultKind kind, double share) {
    return withOptions(options.withFault(FaultRule.of(kind, share)));
  }

  /** {@code kind} on the printers at these fleet indexes. */
  public SimulatorConfig withFaultAt(FaultKind kind, Integer... indexes) {
    return withOptions(options.withFault(FaultRule.at(kind, indexes)));
  }

  public SimulatorConfig withLife(Life life) {
    return withOptions(options.withLife(life));
  }

  public SimulatorConfig withMix(Map<String, Integer> mix) {
    return withOptions(options.withMix(mix));
  }

  public SimulatorConfig withRecordings(Path directory) {
    return withOptions(options.withRecordings(directory));
  }

  /** The SNMPv3 users every printer knows (empty: v1/v2c only). */
  public SimulatorConfig withUsers(List<UsmUser> users) {
    return withOptions(options.withUsers(users));
  }

  public SimulatorConfig withProcesses(int processes) {
    return withOptions(options.withProcesses(processes));
  }

  @Override
  public String toString() {
    return "SimulatorConfig[printers="
        + printers
        + ", firstAddress="
        + firstAddress.getHostAddress()
        + ", port="
        + port
        + ", community=****, seed="
        + seed
        + ", "
        + options
        + "]";
  }
}
