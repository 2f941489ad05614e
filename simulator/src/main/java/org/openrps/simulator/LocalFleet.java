package org.openrps.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.openrps.snmp.AgentSecurity;
import org.openrps.snmp.MibView;
import org.openrps.snmp.SnmpResponder;
import org.openrps.snmp.UsmUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Devices served from this process: one responder (selector threads) for all of them, and a proxy
 * for the ones whose fault is on the wire or that come and go with the clock (powered off at night,
 * moved by DHCP).
 */
final class LocalFleet implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalFleet.class);
  private static final int CHECK_WINDOW = 64;
  private static final int PROGRESS_STEP = 500;

  private final List<? extends SimulatedPrinter> devices;
  private final String community;
  private final List<UsmUser> users;
  private final Map<String, AgentSecurity> securities = new HashMap<>();
  private final Clock clock;
  private final SnmpResponder responder;
  private final Duration slow;
  private final Duration late;
  private Optional<FaultProxy> proxy = Optional.empty();
  private final int[] dynamic;

  private LocalFleet(
      List<? extends SimulatedPrinter> devices,
      String community,
      List<UsmUser> users,
      Clock clock,
      SnmpResponder responder,
      Duration slow,
      Duration late) {
    this.devices = devices;
    this.community = community;
    this.users = List.copyOf(users);
    this.clock = clock;
    this.responder = responder;
    this.slow = slow;
    this.late = late;
    List<Integer> changing = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      if (devices.get(i) instanceof Printer p && p.changesOverTime()) {
        changing.add(i);
      }
    }
    this.dynamic = changing.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Binds every device that is on now and returns when each of them answers: v1/v2c with {@code
   * community}, v3 with {@code users} (in the model's context). SNMPv3's engineTime runs on real
   * time, whatever {@code clock} does (a manager checks the USM time window against its own).
   *
   * @throws IOException when an address cannot be bound or a device stays silent
   */
  static LocalFleet start(
      List<? extends SimulatedPrinter> devices,
      String community,
      List<UsmUser> users,
      Clock clock,
      Duration slow,
      Duration late,
      IntConsumer progress)
      throws IOException {
    int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    SnmpResponder responder = SnmpResponder.start("simulator-snmp", threads);
    LocalFleet fleet = new LocalFleet(devices, community, users, clock, responder, slow, late);
    try {
      for (int i = 0; i < devices.size(); i++) {
        fleet.bind(i);
        if ((i + 1) % PROGRESS_STEP == 0 || i + 1 == devices.size()) {
          progress.accept(i + 1);
        }
      }
      fleet.awaitAnswers();
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

  /**
   * Binds device {@code i}. Devices that never change and have no fault on the wire go straight to
   * the responder; the others through the proxy, which also drops requests while they are off or
   * moved away (so no address is ever re-bound while the fleet runs).
   */
  private void bind(int i) throws IOException {
    SimulatedPrinter device = devices.get(i);
    MibView view = (MibView) device;
    Optional<FaultKind> fault = faultOf(i);
    String accepted = community;
    if (fault.isPresent() && fault.get() == FaultKind.WRONG_COMMUNITY) {
      accepted = community + "-other";
    } else if (fault.isPresent() && !fault.get().onTheWire()) {
      view = new FaultyView(view, fault.get());
    }
    String context = device instanceof Printer p ? p.printerModel().context() : "";
    AgentSecurity security = security(accepted, context);
    Optional<byte[]> engineId =
        device instanceof Printer p ? Optional.of(p.engineId()) : Optional.empty();
    Optional<FaultKind> wire = fault.filter(FaultKind::onTheWire);
    boolean changes = device instanceof Printer p && p.changesOverTime();
    InetSocketAddress home = device.address();
    if (device instanceof Printer p) {
      home = p.addressAt(Long.MIN_VALUE / 2);
    }
    Optional<Printer> replacement =
        device instanceof Printer p ? p.replacement() : Optional.empty();
    if (wire.isEmpty() && !changes && replacement.isEmpty()) {
      bindResponder(home, security, view, engineId);
      return;
    }
    if (replacement.isPresent() && wire.isEmpty() && !changes) {
      // a swap: the new device has its own MAC, so its own engine id (and maybe another context)
      Printer next = replacement.get();
      long swap = ((Printer) device).swapMillis();
      InetSocketAddress any = new InetSocketAddress(home.getAddress(), 0);
      InetSocketAddress before = bindResponder(any, security, view, engineId);
      InetSocketAddress after =
          bindResponder(
              any,
              security(accepted, next.printerModel().context()),
              view,
              Optional.of(next.engineId()));
      proxy()
          .bind(
              home,
              Optional.empty(),
              () -> true,
              List.of(before, after),
              () -> clock.millis() >= swap ? 1 : 0);
      return;
    }
    Optional<InetSocketAddress> backend = Optional.empty();
    if (wire.isEmpty() || wire.get() != FaultKind.SILENT) {
      backend =
          Optional.of(
              bindResponder(new InetSocketAddress(home.getAddress(), 0), security, view, engineId));
    }
    FaultProxy p = proxy();
    if (device instanceof Printer printer && changes) {
      InetSocketAddress at = home;
      p.bind(home, wire, () -> at.equals(placeAt(i, clock.millis()).orElse(null)), backend);
      long later = Long.MAX_VALUE / 2;
      InetSocketAddress moved = printer.addressAt(later);
      if (!moved.equals(home)) {
        p.bind(moved, wire, () -> moved.equals(placeAt(i, clock.millis()).orElse(null)), backend);
      }
    } else {
      p.bind(home, wire, () -> true, backend);
    }
  }

  private InetSocketAddress bindResponder(
      InetSocketAddress address, AgentSecurity security, MibView view, Optional<byte[]> engineId)
      throws IOException {
    return engineId.isPresent()
        ? responder.bind(address, security, view, engineId.get())
        : responder.bind(address, security, view);
  }

  /**
   * The one security value for this community and context, shared by every printer that has them (a
   * handful per fleet): 20,000 printers hold a reference, not 31 users each.
   */
  private AgentSecurity security(String accepted, String context) {
    return securities.computeIfAbsent(
        accepted + "\u0000" + context,
        key ->
            users.isEmpty()
                ? AgentSecurity.community(accepted)
                : AgentSecurity.of(accepted, users).withContext(context));
  }

  private FaultProxy proxy() throws IOException {
    if (proxy.isEmpty()) {
      proxy = Optional.of(new FaultProxy(slow, late));
    }
    return proxy.get();
  }

  /**
   * Nothing to do any more: devices that come and go are gated per request by the clock. Kept so
   * callers can say "apply the clock now" without knowing that.
   */
  void sync() {
    log.debug("simulated fleet - {} devices change over time, gated per request", dynamic.length);
  }

  /** Asks every device that should answer for its sysObjectID (see {@link AnswerCheck}). */
  private void awaitAnswers() throws IOException {
    List<InetSocketAddress> places = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      Optional<FaultKind> fault = faultOf(i);
      boolean answers =
          fault.isEmpty() || !(fault.get().onTheWire() || fault.get() == FaultKind.WRONG_COMMUNITY);
      Optional<InetSocketAddress> place = placeAt(i, clock.millis());
      if (place.isPresent() && answers) {
        places.add(place.get());
      }
    }
    AnswerCheck.await(places, community);
  }

  @Override
  public void close() {
    proxy.ifPresent(FaultProxy::close);
    responder.close();
  }
}
