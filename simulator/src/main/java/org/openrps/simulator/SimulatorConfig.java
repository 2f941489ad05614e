package org.openrps.simulator;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

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
 */
public record SimulatorConfig(
    int printers, InetAddress firstAddress, int port, String community, long seed) {

  public static final int DEFAULT_PRINTERS = 50;
  public static final int DEFAULT_PORT = 1161;
  public static final String DEFAULT_COMMUNITY = "public";

  public SimulatorConfig {
    Objects.requireNonNull(firstAddress, "firstAddress");
    Objects.requireNonNull(community, "community");
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

  public SimulatorConfig withFirstAddress(InetAddress address) {
    return new SimulatorConfig(printers, address, port, community, seed);
  }

  public SimulatorConfig withPort(int newPort) {
    return new SimulatorConfig(printers, firstAddress, newPort, community, seed);
  }

  public SimulatorConfig withCommunity(String newCommunity) {
    return new SimulatorConfig(printers, firstAddress, port, newCommunity, seed);
  }

  public SimulatorConfig withSeed(long newSeed) {
    return new SimulatorConfig(printers, firstAddress, port, community, newSeed);
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
        + "]";
  }
}
