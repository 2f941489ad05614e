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
import org.openrps.client.Credentials;
import org.openrps.client.EnrolmentClient;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.DeviceDirectFleet;
import org.openrps.simulator.Life;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;

/**
 * The whole of OpenRPS on one machine: a server on SQLite, a simulated fleet, and an agent that
 * trusts the server's self-signed certificate. The composition root of {@code openrps demo}.
 */
final class Demo implements AutoCloseable {

  static final String USER = "demo";
  static final String PASSWORD = "openrps-demo";

  /**
   * What the demo runs on.
   *
   * @param dataDir where the server's and the agent's files go
   * @param printers fleet size
   * @param serverPort HTTPS port (0 = any free one)
   * @param firstAddress the first simulated printer's loopback address
   * @param snmpPort the simulated printers' UDP port
   * @param life how the simulated fleet lives (steady: counters rise, nothing else happens)
   * @param deviceDirect the share (0..1) of the printers with a Device Direct module inside
   */
  record Options(
      Path dataDir,
      int printers,
      int serverPort,
      InetAddress firstAddress,
      int snmpPort,
      Life life,
      double deviceDirect) {

    /** A fleet without Device Direct. */
    Options(
        Path dataDir,
        int printers,
        int serverPort,
        InetAddress firstAddress,
        int snmpPort,
        Life life) {
      this(dataDir, printers, serverPort, firstAddress, snmpPort, life, 0);
    }

    /** A steady fleet. */
    Options(Path dataDir, int printers, int serverPort, InetAddress firstAddress, int snmpPort) {
      this(dataDir, printers, serverPort, firstAddress, snmpPort, Life.steady());
    }

    Options withDeviceDirect(double share) {
      return new Options(dataDir, printers, serverPort, firstAddress, snmpPort, life, share);
    }
  }

  private final Shutdown resources = new Shutdown();
  private final ServerApp server;
  private final Simulator simulator;
  private final Agent agent;
  private final Optional<DeviceDirectFleet> direct;

  private Demo(Options options, Clock clock) {
    try {
      server = resources.closeLater(ServerCommand.start(serverConfig(options)));
      server.putUser(USER, PASSWORD.toCharArray());
      Credentials credentials =
          enrolAgent(server, options.dataDir().resolve("agent").resolve("credentials.properties"));
      char[] secret = credentials.secret();
      simulator =
          resources.closeLater(
              startSimulator(
                  new SimulatorConfig(
                          options.printers(),
                          options.firstAddress(),
                          options.snmpPort(),
                          "public",
                          1)
                      .withLife(options.life()),
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
                      credentials.agentId(),
                      secret,
                      Optional.of(server.certificatePem())),
                  clock));
      direct =
          options.deviceDirect() > 0
              ? Optional.of(resources.closeLater(startDeviceDirect(options, clock)))
              : Optional.empty();
    } catch (RuntimeException e) {
      resources.closeAll();
      throw e;
    }
  }

  /**
   * Modules inside the share of the printers: each enrols at its first contact with a one-time code
   * the server makes for it (a module enrolled before keeps its credentials in its directory).
   */
  private DeviceDirectFleet startDeviceDirect(Options options, Clock clock) {
    Path dir = options.dataDir().resolve("device-direct");
    try {
      return DeviceDirectFleet.start(
          simulator,
          options.deviceDirect(),
          new DeviceDirectFleet.Settings(
              URI.create("https://127.0.0.1:" + server.port()),
              Optional.of(server.certificatePem()),
              dir,
              Duration.ofMinutes(1),
              false),
          p -> Optional.of(server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code()),
          clock);
    } catch (IOException | RuntimeException e) {
      throw new UserFacingException("Device Direct could not start: " + e.getMessage(), e);
    }
  }

  /**
   * Has every Device Direct module contact the server (commands only) every {@code every}, on a
   * thread of the demo's, until it closes: commands sent while the demo runs are applied.
   */
  void contactDeviceDirectEvery(Duration every) {
    if (direct.isEmpty()) {
      return;
    }
    java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "demo-device-direct");
              t.setDaemon(true);
              return t;
            });
    resources.closeLater((AutoCloseable) timer::shutdownNow);
    timer.scheduleWithFixedDelay(
        () -> direct.get().contactAll(false),
        every.toMillis(),
        every.toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** The Device Direct modules, if the demo runs any. */
  Optional<DeviceDirectFleet> deviceDirect() {
    return direct;
  }

  /**
   * The agent's credentials: read from its file when it enrolled before, otherwise obtained the way
   * an agent in the field gets them: the server makes a one-time code for the default site, the
   * agent exchanges it over TLS for its own id and secret and keeps them in a 0600 file.
   */
  static Credentials enrolAgent(ServerApp server, Path file) {
    if (Files.exists(file)) {
      return Credentials.load(file);
    }
    String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();
    try {
      Credentials credentials =
          new EnrolmentClient(
                  URI.create("https://127.0.0.1:" + server.port()),
                  Optional.of(server.certificatePem()))
              .enrol(code);
      credentials.save(file);
      return credentials;
    } catch (EnrolmentClient.EnrolmentException e) {
      throw new UserFacingException("the demo agent could not enrol: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserFacingException("interrupted while enrolling the demo agent", e);
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

  static Simulator startSimulator(SimulatorConfig config, Clock clock) {
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
