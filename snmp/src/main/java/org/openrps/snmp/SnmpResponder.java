package org.openrps.snmp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SNMP agents (v1, v2c and v3 with USM) on many UDP addresses at once, each answering GET, GETNEXT
 * and GETBULK from its own {@link MibView}. One non-blocking socket per address (so a reply always
 * leaves from the address the request came to), served by a small fixed set of selector threads
 * that the responder owns: thousands of addresses cost thousands of file descriptors, not thousands
 * of threads.
 *
 * <p>Requests with a wrong community, SET requests and anything undecodable are dropped silently,
 * as real agents do. SNMPv3 failures (unknown engine id, user, digest, time window, decryption,
 * context) get the USM Report a real agent sends (RFC 3414), so a manager can discover the engine
 * and a wrong password fails at once. Each binding has its own engine id, derived from its address
 * and port; snmpEngineTime counts from the responder's start on its {@link Clock}.
 */
public final class SnmpResponder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SnmpResponder.class);

  /** Datagrams read from one socket before the thread moves on to the next ready one. */
  private static final int READS_PER_TURN = 32;

  private final String name;
  private final List<Worker> workers;
  private final Map<InetSocketAddress, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final AtomicInteger nextWorker = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  private SnmpResponder(String name, List<Worker> workers) {
    this.name = name;
    this.workers = workers;
  }

  /**
   * Starts a responder with {@code threads} selector threads named {@code <name>-<n>} and no
   * addresses yet; add them with {@link #bind}.
   */
  public static SnmpResponder start(String name, int threads) throws IOException {
    return start(name, threads, Clock.systemUTC());
  }

  /**
   * The same, with SNMPv3's snmpEngineTime counted on {@code clock} from now on. Give it real time
   * (a manager checks the USM time window against its own elapsed time), not a sped-up simulated
   * clock.
   */
  public static SnmpResponder start(String name, int threads, Clock clock) throws IOException {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(clock, "clock");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    UsmProtocol usm = new UsmProtocol(new UsmKeys(), clock);
    List<Worker> workers = new ArrayList<>(threads);
    try {
      for (int i = 0; i < threads; i++) {
        workers.add(new Worker(Selector.open(), usm));
      }
    } catch (IOException e) {
      workers.forEach(Worker::closeSelector);
      throw e;
    }
    SnmpResponder responder = new SnmpResponder(name, List.copyOf(workers));
    for (int i = 0; i < workers.size(); i++) {
      Thread thread = new Thread(workers.get(i), name + "-" + (i + 1));
      thread.setDaemon(true);
      workers.get(i).thread = thread;
      thread.start();
    }
    return responder;
  }

  /**
   * Binds one UDP address and answers SNMPv1/v2c requests to it from {@code view} when they carry
   * {@code community}; SNMPv3 requests are dropped. Port 0 picks a free port.
   *
   * @return the address actually bound (with the real port)
   * @throws IOException when the address cannot be bound (in use, not local)
   */
  public InetSocketAddress bind(InetSocketAddress address, String community, MibView view)
      throws IOException {
    return bind(address, AgentSecurity.community(community), view);
  }

  /**
   * Binds one UDP address and answers requests to it from {@code view} as {@code security} allows:
   * v1/v2c with its community, v3 with its USM users in its context. Pass the same {@code security}
   * to many bindings: they share it. The binding's engine id is {@link
   * #engineId(InetSocketAddress)} of the address actually bound.
   *
   * @return the address actually bound (with the real port)
   * @throws IOException when the address cannot be bound (in use, not local)
   */
  public InetSocketAddress bind(InetSocketAddress address, AgentSecurity security, MibView view)
      throws IOException {
    return bind(address, security, view, Optional.empty());
  }

  /**
   * The same with a given SNMPv3 engine id (RFC 3411 SnmpEngineID, 5 to 32 octets), e.g. one made
   * from the device's MAC address as real printers do, so a swapped device at the same address has
   * another engine id and a device that changed address keeps its own.
   */
  public InetSocketAddress bind(
      InetSocketAddress address, AgentSecurity security, MibView view, byte[] engineId)
      throws IOException {
    Objects.requireNonNull(engineId, "engineId");
    if (engineId.length < 5 || engineId.length > 32) {
      throw new IllegalArgumentException(
          "an SNMP engine id has 5 to 32 octets, not " + engineId.length);
    }
    return bind(address, security, view, Optional.of(engineId.clone()));
  }

  private InetSocketAddress bind(
      InetSocketAddress address, AgentSecurity security, MibView view, Optional<byte[]> engineId)
      throws IOException {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(view, "view");
    if (closed.get()) {
      throw new IOException(name + " - responder is closed");
    }
    DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
    InetSocketAddress bound;
    try {
      channel.bind(address);
      channel.configureBlocking(false);
      bound = (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    Worker worker = workers.get(Math.floorMod(nextWorker.getAndIncrement(), workers.size()));
    Endpoint endpoint =
        new Endpoint(
            bound,
            channel,
            security,
            engineId.orElseGet(() -> UsmProtocol.engineIdFor(bound)),
            view,
            worker);
    if (endpoints.putIfAbsent(bound, endpoint) != null) {
      channel.close();
      throw new IOException(name + " - already bound: " + bound);
    }
    worker.register(endpoint);
    return bound;
  }

  /**
   * Stops answering on {@code address} and frees its socket before it returns, so the address can
   * be bound again at once; does nothing if it is not bound.
   */
  public void unbind(InetSocketAddress address) {
    Endpoint endpoint = endpoints.remove(address);
    if (endpoint != null) {
      endpoint.worker.release(endpoint);
    }
  }

  /**
   * The SNMPv3 engine id (snmpEngineID) of the binding at {@code address}: unique per address and
   * port, the same on every run.
   */
  public static byte[] engineId(InetSocketAddress address) {
    return UsmProtocol.engineIdFor(address);
  }

  /** The addresses bound now. */
  public List<InetSocketAddress> addresses() {
    return List.copyOf(endpoints.keySet());
  }

  /** Stops the threads and closes every socket; waits for the threads to end. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Worker worker : workers) {
      worker.stop();
    }
    boolean interrupted = false;
    for (Worker worker : workers) {
      try {
        worker.thread.join(5_000);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    endpoints.values().forEach(SnmpResponder::closeQuietly);
    endpoints.clear();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    log.debug("{} - closed", name);
  }

  private static void closeQuietly(Endpoint endpoint) {
    try {
      endpoint.channel.close();
    } catch (IOException e) {
      log.debug("{} - closing failed: {}", endpoint.address, e.toString());
    }
  }

  /** One bound address. */
  private record Endpoint(
      InetSocketAddress address,
      DatagramChannel channel,
      AgentSecurity security,
      byte[] engineId,
      MibView view,
      Worker worker) {}

  /** An unbind waiting for the selector thread. */
  private record Release(Endpoint endpoint, CountDownLatch done) {}

  /** A selector thread: reads requests from its sockets, answers each on the socket it came to. */
  private static final class Worker implements Runnable {
    private final Selector selector;
    private final Queue<Endpoint> pending = new ConcurrentLinkedQueue<>();
    private final Queue<Release> releases = new ConcurrentLinkedQueue<>();
    private final ByteBuffer in = ByteBuffer.allocateDirect(65_536);
    private volatile boolean running = true;
    private final UsmProtocol usm;
    private Thread thread;

    Worker(Selector selector, UsmProtocol usm) {
      this.selector = selector;
      this.usm = usm;
    }

    void register(Endpoint endpoint) {
      pending.add(endpoint);
      selector.wakeup();
    }

    /**
     * Closes the endpoint's socket and returns when its file descriptor is free. A channel
     * registered with a selector is only really closed when the selector deregisters it, at its
     * next selection: so the selector thread does it, at once, while the caller waits.
     */
    void release(Endpoint endpoint) {
      if (!running || Thread.currentThread() == thread) {
        releaseNow(List.of(endpoint));
        return;
      }
      Release release = new Release(endpoint, new CountDownLatch(1));
      releases.add(release);
      selector.wakeup();
      boolean interrupted = false;
      try {
        while (true) {
          try {
            if (!release.done.await(5, TimeUnit.SECONDS)) {
              log.debug("{} - its selector did not release it in 5 s", endpoint.address);
            }
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void releaseNow(List<Endpoint> released) {
      for (Endpoint endpoint : released) {
        SelectionKey key = endpoint.channel.keyFor(selector);
        if (key != null) {
          key.cancel();
        }
        closeQuietly(endpoint);
      }
      if (selector.isOpen()) {
        try {
          selector.selectNow(); // deregisters the cancelled keys: the sockets really close now
        } catch (IOException | ClosedSelectorException e) {
          log.debug("releasing sockets failed: {}", e.toString());
        }
      }
    }

    private void releasePending() {
      List<Endpoint> released = new ArrayList<>();
      List<Release> done = new ArrayList<>();
      Release release;
      while ((release = releases.poll()) != null) {
        released.add(release.endpoint);
        done.add(release);
      }
      if (!released.isEmpty()) {
        releaseNow(released);
        done.forEach(r -> r.done.countDown());
      }
    }

    void stop() {
      running = false;
      selector.wakeup();
    }

    void closeSelector() {
      try {
        selector.close();
      } catch (IOException e) {
        log.debug("closing a selector failed: {}", e.toString());
      }
    }

    @Override
    public void run() {
      try {
        while (running) {
          selector.select();
          Endpoint endpoint;
          while ((endpoint = pending.poll()) != null) {
            if (endpoint.channel.isOpen()) {
              endpoint.channel.register(selector, SelectionKey.OP_READ, endpoint);
            }
          }
          releasePending();
          Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
          while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            if (key.isValid() && key.isReadable()) {
              serve((Endpoint) key.attachment());
            }
          }
        }
      } catch (IOException | ClosedSelectorException e) {
        log.error("{} - selector failed, its addresses no longer answer: {}", thread, e.toString());
      } finally {
        closeSelector();
        Release release;
        while ((release = releases.poll()) != null) {
          closeQuietly(release.endpoint);
          release.done.countDown();
        }
      }
    }

    private void serve(Endpoint endpoint) {
      for (int i = 0; i < READS_PER_TURN; i++) {
        SocketAddress from;
        try {
          in.clear();
          from = endpoint.channel.receive(in);
        } catch (IOException e) {
          log.debug("{} - receive failed: {}", endpoint.address, e.toString());
          return;
        }
        if (from == null) {
          return;
        }
        in.flip();
        Optional<ByteBuffer> response =
            ResponderProtocol.respond(in, endpoint.security, endpoint.engineId, endpoint.view, usm);
        if (response.isPresent()) {
          try {
            endpoint.channel.send(response.get(), from);
          } catch (IOException e) {
            log.debug("{} - send to {} failed: {}", endpoint.address, from, e.toString());
          }
        }
      }
    }
  }
}
