package org.openrps.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.openrps.agent.Agent;
import org.openrps.agent.AgentConfig;
import org.openrps.agent.AgentException;
import org.openrps.agent.CycleResult;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;

/**
 * The whole of OpenRPS on one machine: a server on SQLite, a simulated fleet, and an agent that
 * trusts the server's self-signed certificate. The composition root of {@code openrps demo}.
 */
final class Demo implements AutoCloseable {

  static final String USER = "demo";
  static final String PASSWORD = "openrps-demo";
  static final String AGENT_ID = "demo-agent";

  /**
   * What the demo runs on.
   *
   * @param dataDir where the server's and the agent's files go
   * @param printers fleet size
   * @param serverPort HTTPS port (0 = any free one)
   * @param firstAddress the first simulated printer's loopback address
   * @param snmpPort the simulated printers' UDP port
   */
  record Options(
      Path dataDir, int printers, int serverPort, InetAddress firstAddress, int snmpPort) {}

  private final Shutdown resources = new Shutdown();
  private final ServerApp server;
  private final Simulator simulator;
  private final Agent agent;

  private Demo(Options options, Clock clock) {
    try {
      server = resources.closeLater(ServerCommand.start(serverConfig(options)));
      server.putUser(USER, PASSWORD.toCharArray());
      char[] secret = Secrets.newSecret();
      server.putAgent(AGENT_ID, secret);
      simulator =
          resources.closeLater(
              startSimulator(
                  new SimulatorConfig(
                      options.printers(), options.firstAddress(), options.snmpPort(), "public", 1),
                  clock));
      agent =
          resources.closeLater(
              Agent.open(
                  new AgentConfig(
                      options.dataDir().resolve("agent").resolve("agent.db"),
                      SimulateCommand.addressRange(simulator.printers()),
                      options.snmpPort(),
                      "public",
                      Duration.ofSeconds(2),
                      1,
                      64,
                      URI.create("https://127.0.0.1:" + server.port()),
                      AGENT_ID,
                      secret,
                      Optional.of(server.certificatePem())),
                  clock));
    } catch (RuntimeException e) {
      resources.closeAll();
      throw e;
    }
  }

  /** Starts the server, the fleet and the agent; fails with a clear message. */
  static Demo start(Options options, Clock clock) {
    try {
      Files.createDirectories(options.dataDir());
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot create " + options.dataDir() + ": " + e.getMessage(), e);
    }
    return new Demo(options, clock);
  }

  private static ServerConfig serverConfig(Options options) {
    return new ServerConfig(
        options.dataDir().resolve("server"), options.serverPort(), Optional.empty(), Set.of());
  }

  private static Simulator startSimulator(SimulatorConfig config, Clock clock) {
    try {
      return Simulator.start(config, clock);
    } catch (IOException | RuntimeException e) {
      throw new UserFacingException(
          "the simulator could not start on udp/" + config.port() + ": " + e.getMessage(), e);
    }
  }

  /** One agent cycle: discover, poll, store, sync. */
  CycleResult cycle() {
    try {
      return agent.runCycle();
    } catch (AgentException e) {
      throw new UserFacingException(e.getMessage(), e);
    }
  }

  ServerApp server() {
    return server;
  }

  Simulator simulator() {
    return simulator;
  }

  /** Keeps running until Ctrl-C, then stops everything. */
  void awaitSignal() {
    resources.awaitSignal();
  }

  @Override
  public void close() {
    resources.closeAll();
  }
}
