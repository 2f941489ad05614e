package org.openrps.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.openrps.snmp.MibView;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpResponder;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.StandardMib;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Devices served from this process: one responder (selector threads) for all of them, a fault proxy
 * for the ones whose fault is on the wire, and a life thread that powers devices off and on and
 * moves them, as the clock says.
 */
final class LocalFleet implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalFleet.class);
  private static final int CHECK_WINDOW = 64;
  private static final int PROGRESS_STEP = 500;

  private final List<? extends SimulatedPrinter> devices;
  private final String community;
  private final Clock clock;
  private final SnmpResponder responder;
  private final Duration slow;
  private final Duration late;
  private Optional<FaultProxy> proxy = Optional.empty();
  private final InetSocketAddress[] bound;
  private final InetSocketAddress[] backends;
  private final int[] dynamic;
  private Optional<ScheduledExecutorService> life = Optional.empty();

  private LocalFleet(
      List<? extends SimulatedPrinter> devices,
      String community,
      Clock clock,
      SnmpResponder responder,
      Duration slow,
      Duration late) {
    this.devices = devices;
    this.community = community;
    this.clock = clock;
    this.responder = responder;
    this.slow = slow;
    this.late = late;
    this.bound = new InetSocketAddress[devices.size()];
    this.backends = new InetSocketAddress[devices.size()];
    List<Integer> changing = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      if (devices.get(i) instanceof Printer p && p.changesOverTime()) {
        changing.add(i);
      }
    }
    this.dynamic = changing.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Binds every device that is on now and returns when each of them answers.
   *
   * @throws IOException when an address cannot be bound or a device stays silent
   */
  static LocalFleet start(
      List<? extends SimulatedPrinter> devices,
      String community,
      Clock clock,
      Duration slow,
      Duration late,
      IntConsumer progress)
      throws IOException {
    int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    SnmpResponder responder = SnmpResponder.start("simulator-snmp", threads);
    LocalFleet fleet = new LocalFleet(devices, community, clock, responder, slow, late);
    try {
      long now = clock.millis();
      for (int i = 0; i < devices.size(); i++) {
        Optional<InetSocketAddress> place = fleet.placeAt(i, now);
        if (place.isPresent()) {
          fleet.bind(i, place.get());
        }
        if ((i + 1) % PROGRESS_STEP == 0 || i + 1 == devices.size()) {
          progress.accept(i + 1);
        }
      }
      fleet.awaitAnswers();
      if (fleet.dynamic.length > 0) {
        ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "simulator-life");
                  t.setDaemon(true);
                  return t;
                });
        executor.scheduleWithFixedDelay(fleet::syncQuietly, 1, 1, TimeUnit.SECONDS);
        fleet.life = Optional.of(executor);
      }
      return fleet;
    } catch (IOException | RuntimeException e) {
      fleet.close();
      throw e;
    }
  }

  private Optional<InetSocketAddress> placeAt(int i, long now) {
    SimulatedPrinter device = devices.get(i);
    if (device instanceof Printer p) {
      return p.poweredAt(now) ? Optional.of(p.addressAt(now)) : Optional.empty();
    }
    return Optional.of(device.address());
  }

  private Optional<FaultKind> faultOf(int i) {
    return devices.get(i) instanceof Printer p ? p.fault() : Optional.empty();
  }

  private void bind(int i, InetSocketAddress address) throws IOException {
    MibView view = (MibView) devices.get(i);
    Optional<FaultKind> fault = faultOf(i);
    if (fault.isEmpty()) {
      responder.bind(address, community, view);
    } else if (fault.get() == FaultKind.WRONG_COMMUNITY) {
      responder.bind(address, community + "-other", view);
    } else if (!fault.get().onTheWire()) {
      responder.bind(address, community, new FaultyView(view, fault.get()));
    } else {
      FaultProxy p = proxy();
      if (fault.get() == FaultKind.SILENT) {
        p.bind(address, FaultKind.SILENT, Optional.empty());
      } else {
        InetSocketAddress backend =
            responder.bind(new InetSocketAddress(address.getAddress(), 0), community, view);
        backends[i] = backend;
        p.bind(address, fault.get(), Optional.of(backend));
      }
    }
    bound[i] = address;
  }

  private FaultProxy proxy() throws IOException {
    if (proxy.isEmpty()) {
      proxy = Optional.of(new FaultProxy(slow, late));
    }
    return proxy.get();
  }

  private void unbind(int i) {
    if (bound[i] == null) {
      return;
    }
    Optional<FaultKind> fault = faultOf(i);
    if (fault.isPresent() && fault.get().onTheWire()) {
      proxy.ifPresent(p -> p.unbind(bound[i]));
      if (backends[i] != null) {
        responder.unbind(backends[i]);
        backends[i] = null;
      }
    } else {
      responder.unbind(bound[i]);
    }
    bound[i] = null;
  }

  /** Powers devices off and on and moves them as the clock now says. */
  synchronized void sync() throws IOException {
    long now = clock.millis();
    int off = 0;
    for (int i : dynamic) {
      Optional<InetSocketAddress> place = placeAt(i, now);
      InetSocketAddress want = place.orElse(null);
      if (!Objects.equals(want, bound[i])) {
        InetSocketAddress was = bound[i];
        unbind(i);
        if (want != null) {
          bind(i, want);
          if (was != null) {
            log.info("{} - moved from {} (DHCP)", want, was);
          }
        }
      }
      if (want == null) {
        off++;
      }
    }
    log.debug("{} of {} changing devices are off", off, dynamic.length);
  }

  private void syncQuietly() {
    try {
      sync();
    } catch (IOException | RuntimeException e) {
      log.warn("simulated fleet - a device could not change state: {}", e.toString());
    }
  }

  /** Asks every device that should answer for its sysObjectID, a window at a time. */
  private void awaitAnswers() throws IOException {
    List<SimulatedPrinter> check = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      Optional<FaultKind> fault = faultOf(i);
      boolean answers =
          fault.isEmpty() || !(fault.get().onTheWire() || fault.get() == FaultKind.WRONG_COMMUNITY);
      if (bound[i] != null && answers) {
        check.add(devices.get(i));
      }
    }
    try (SnmpClient client = Snmp.openClient()) {
      for (int from = 0; from < check.size(); from += CHECK_WINDOW) {
        List<CompletableFuture<?>> window = new ArrayList<>();
        int to = Math.min(check.size(), from + CHECK_WINDOW);
        for (int k = from; k < to; k++) {
          InetSocketAddress address = bound[indexOf(check.get(k), from)];
          SnmpTarget target =
              new SnmpTarget(
                  address, SnmpCredentials.Community.v2c(community), Duration.ofSeconds(2), 5);
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

  private int indexOf(SimulatedPrinter device, int hint) {
    for (int i = hint; i < devices.size(); i++) {
      if (devices.get(i) == device) {
        return i;
      }
    }
    return devices.indexOf(device);
  }

  /** How many devices answer now (bound), of all. */
  synchronized int boundCount() {
    int n = 0;
    for (InetSocketAddress a : bound) {
      if (a != null) {
        n++;
      }
    }
    return n;
  }

  @Override
  public void close() {
    life.ifPresent(
        executor -> {
          executor.shutdownNow();
          try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    proxy.ifPresent(FaultProxy::close);
    responder.close();
  }
}
