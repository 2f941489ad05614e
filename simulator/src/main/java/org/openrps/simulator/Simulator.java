package org.openrps.simulator;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpResponder;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.StandardMib;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of simulated SNMP printers on loopback addresses. Printer <i>i</i> (0-based) answers on
 * the <i>i</i>-th address counting up from {@link SimulatorConfig#firstAddress()}, skipping host
 * parts .0 and .255 (127.50.0.254 is followed by 127.50.1.1), all on the same UDP port. Each is a
 * real SNMPv1/v2c agent (GET, GETNEXT, GETBULK) with the system group, ifPhysAddress, the Host
 * Resources printer rows, the Printer MIB serial, life count and supplies table. Models come from a
 * data file; values from the seed, the printer's index and the clock.
 */
public final class Simulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Simulator.class);

  private static final int PORT_ATTEMPTS = 5;
  private static final int CHECK_WINDOW = 256;

  private final SnmpResponder responder;
  private final List<SimulatedPrinter> printers;

  private Simulator(SnmpResponder responder, List<SimulatedPrinter> printers) {
    this.responder = responder;
    this.printers = List.copyOf(printers);
  }

  /**
   * Starts the fleet and returns when every printer answers SNMP.
   *
   * @param clock the simulation's time: page counters rise and toner drains as it moves
   * @throws IOException when an address cannot be bound (port in use) or a printer does not answer
   */
  public static Simulator start(SimulatorConfig config, Clock clock) throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    return start(config, clock, ModelCatalog.builtIn());
  }

  static Simulator start(SimulatorConfig config, Clock clock, ModelCatalog catalog)
      throws IOException {
    List<InetAddress> addresses = Addresses.consecutive(config.firstAddress(), config.printers());
    long startMillis = clock.millis();
    int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    for (int attempt = 1; ; attempt++) {
      int port = config.port() != 0 ? config.port() : freePort(addresses.get(0));
      SnmpResponder responder = SnmpResponder.start("simulator-snmp", threads);
      try {
        List<SimulatedPrinter> printers = new ArrayList<>(addresses.size());
        for (int i = 0; i < addresses.size(); i++) {
          InetSocketAddress address = new InetSocketAddress(addresses.get(i), port);
          Printer printer = Printer.create(catalog, config.seed(), i, address, clock, startMillis);
          responder.bind(address, config.community(), printer);
          printers.add(printer);
        }
        awaitAnswers(printers, config.community());
        log.info(
            "{} simulated printers answering on {} .. {} port {}",
            printers.size(),
            addresses.get(0).getHostAddress(),
            addresses.get(addresses.size() - 1).getHostAddress(),
            port);
        return new Simulator(responder, printers);
      } catch (BindException e) {
        responder.close();
        if (config.port() != 0 || attempt >= PORT_ATTEMPTS) {
          throw new BindException("cannot bind UDP port " + port + ": " + e.getMessage());
        }
        log.debug("port {} taken on some address, trying another", port);
      } catch (IOException | RuntimeException e) {
        responder.close();
        throw e;
      }
    }
  }

  /** A UDP port that is free on {@code address} right now. */
  private static int freePort(InetAddress address) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0))) {
      return socket.getLocalPort();
    }
  }

  /** Asks every printer for its sysObjectID, a window at a time; fails if one stays silent. */
  private static void awaitAnswers(List<SimulatedPrinter> printers, String community)
      throws IOException {
    try (SnmpClient client = Snmp.openClient()) {
      for (int from = 0; from < printers.size(); from += CHECK_WINDOW) {
        List<CompletableFuture<?>> window = new ArrayList<>();
        for (SimulatedPrinter printer :
            printers.subList(from, Math.min(printers.size(), from + CHECK_WINDOW))) {
          SnmpTarget target =
              new SnmpTarget(
                  printer.address(),
                  SnmpCredentials.Community.v2c(community),
                  Duration.ofSeconds(1),
                  3);
          window.add(client.get(target, List.of(StandardMib.SYS_OBJECT_ID)));
        }
        try {
          CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
          throw new IOException(
              "a simulated printer does not answer: " + e.getCause().getMessage());
        }
      }
    }
  }

  /** The printers, in address order. */
  public List<SimulatedPrinter> printers() {
    return printers;
  }

  /** Stops every printer and frees its address. */
  @Override
  public void close() {
    responder.close();
    log.info("{} simulated printers stopped", printers.size());
  }
}
