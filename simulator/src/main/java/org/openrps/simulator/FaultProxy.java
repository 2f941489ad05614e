package org.openrps.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the printers whose fault is on the wire, and those that come and go (powered off at night,
 * moved by DHCP): their address stays bound, and requests are dropped while they are away. The
 * printer's address is bound here (the "front"); the real agent answers on an ephemeral port of the
 * same address (the "backend"), and every request goes front → backend → front, where the reply is
 * dropped, delayed, cut, scrambled or given a wrong request id before it leaves from the address
 * the client asked. The {@code snmp} module's responder needs no hook for this.
 *
 * <p>SNMPv3 messages are matched by their msgID (their PDU may be encrypted, and changing a byte
 * would break the digest anyway). Faults that need no parsing apply to them as to v1/v2c (silent,
 * slow, late, truncated, garbled); wrongRequestId and tooBig leave v3 replies untouched.
 */
final class FaultProxy implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);
  private static final int MIN_MAX_MESSAGE = 484;
  private static final int PENDING_LIMIT = 256;
  private static final long V3 = 1L << 40;

  private final Selector selector;
  private final Thread thread;
  private final ScheduledExecutorService delays;
  private final Duration slow;
  private final Duration late;
  private final Map<InetSocketAddress, Front> fronts = new ConcurrentHashMap<>();
  private final Queue<Front> toRegister = new ConcurrentLinkedQueue<>();
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
  private volatile boolean running = true;

  /** Who asked, and whether it was a GET (whose reply the rewriting faults change). */
  private record Asked(SocketAddress from, boolean get) {}

  private static final class Front {
    final InetSocketAddress address;
    final Optional<FaultKind> kind;
    final BooleanSupplier on;
    final DatagramChannel front;
    final List<DatagramChannel> upstreams;
    final IntSupplier which;
    final Map<Long, Asked> pending =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Asked> eldest) {
            return size() > PENDING_LIMIT;
          }
        };

    Front(
        InetSocketAddress address,
        Optional<FaultKind> kind,
        BooleanSupplier on,
        DatagramChannel front,
        List<DatagramChannel> upstreams,
        IntSupplier which) {
      this.address = address;
      this.kind = kind;
      this.on = on;
      this.front = front;
      this.upstreams = upstreams;
      this.which = which;
    }

    void close() {
      try {
        front.close();
        for (DatagramChannel up : upstreams) {
          up.close();
        }
      } catch (IOException e) {
        log.debug("{} - closing failed: {}", address, e.toString());
      }
    }
  }

  FaultProxy(Duration slow, Duration late) throws IOException {
    this.slow = slow;
    this.late = late;
    this.selector = Selector.open();
    this.delays =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "simulator-faults-delay");
              t.setDaemon(true);
              return t;
            });
    this.thread = new Thread(this::run, "simulator-faults");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Answers on {@code address} with {@code kind} (empty: faithfully), forwarding to {@code backend}
   * (empty for a silent device, which is bound but never read), while {@code on} says the device is
   * there (powered on, not moved away); else requests are read and dropped.
   */
  void bind(
      InetSocketAddress address,
      Optional<FaultKind> kind,
      BooleanSupplier on,
      Optional<InetSocketAddress> backend)
      throws IOException {
    bind(address, kind, on, backend.stream().toList(), () -> 0);
  }

  /**
   * The same with several backends, of which {@code which} picks the one that gets each request
   * (e.g. the device before and after a swap, with different engine ids).
   */
  void bind(
      InetSocketAddress address,
      Optional<FaultKind> kind,
      BooleanSupplier on,
      List<InetSocketAddress> backends,
      IntSupplier which)
      throws IOException {
    DatagramChannel front = DatagramChannel.open(StandardProtocolFamily.INET);
    List<DatagramChannel> upstreams = new ArrayList<>();
    try {
      front.bind(address);
      front.configureBlocking(false);
      for (InetSocketAddress backend : backends) {
        DatagramChannel up = DatagramChannel.open(StandardProtocolFamily.INET);
        upstreams.add(up);
        up.bind(new InetSocketAddress(address.getAddress(), 0));
        up.connect(backend);
        up.configureBlocking(false);
      }
    } catch (IOException | RuntimeException e) {
      front.close();
      for (DatagramChannel up : upstreams) {
        up.close();
      }
      throw e;
    }
    Front f = new Front(address, kind, on, front, List.copyOf(upstreams), which);
    fronts.put(address, f);
    if (!upstreams.isEmpty()) {
      toRegister.add(f);
      selector.wakeup();
    }
  }

  void unbind(InetSocketAddress address) {
    Front f = fronts.remove(address);
    if (f != null) {
      f.close();
    }
  }

  private void run() {
    try {
      while (running) {
        selector.select();
        Front f;
        while ((f = toRegister.poll()) != null) {
          if (f.front.isOpen()) {
            f.front.register(selector, SelectionKey.OP_READ, f);
            for (DatagramChannel up : f.upstreams) {
              up.register(selector, SelectionKey.OP_READ, f);
            }
          }
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (key.isValid() && key.isReadable()) {
            Front front = (Front) key.attachment();
            if (key.channel() == front.front) {
              request(front);
            } else {
              reply(front, (DatagramChannel) key.channel());
            }
          }
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      if (running) {
        log.error("fault proxy failed, its faulty printers no longer answer: {}", e.toString());
      }
    }
  }

  private void request(Front f) {
    try {
      for (int i = 0; i < 16; i++) {
        buffer.clear();
        SocketAddress from = f.front.receive(buffer);
        if (from == null) {
          return;
        }
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        Optional<Long> id = key(bytes);
        if (id.isPresent() && f.on.getAsBoolean()) {
          f.pending.put(id.get(), new Asked(from, Ber.isGet(bytes)));
          f.upstreams.get(f.which.getAsInt()).write(ByteBuffer.wrap(bytes));
        }
      }
    } catch (IOException e) {
      log.debug("{} - forwarding failed: {}", f.address, e.toString());
    }
  }

  private void reply(Front f, DatagramChannel upstream) {
    try {
      for (int i = 0; i < 16; i++) {
        buffer.clear();
        int n = upstream.read(buffer);
        if (n <= 0) {
          return;
        }
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        Optional<Long> id = key(bytes);
        Asked asked = id.map(f.pending::remove).orElse(null);
        if (asked != null) {
          boolean v3 = id.get() >= V3;
          byte[] reply =
              !v3 && asked.get() && f.kind.isPresent() && f.kind.get().rewritesReplies()
                  ? Ber.rewritten(bytes, f.kind.get())
                  : bytes;
          answer(f, reply, asked.from(), v3);
        }
      }
    } catch (IOException e) {
      log.debug("{} - reading the backend failed: {}", f.address, e.toString());
    }
  }

  /** v1/v2c request ids as they are; v3 msgIDs above them all. */
  private static Optional<Long> key(byte[] bytes) {
    Optional<Long> id = Ber.requestId(bytes, bytes.length);
    if (id.isPresent()) {
      return id;
    }
    return Ber.v3MessageId(bytes, bytes.length).map(m -> V3 + m);
  }

  private void answer(Front f, byte[] reply, SocketAddress client, boolean v3) {
    if (f.kind.isEmpty()
        || (v3
            && (f.kind.get() == FaultKind.WRONG_REQUEST_ID || f.kind.get() == FaultKind.TOO_BIG))) {
      send(f, reply, client);
      return;
    }
    switch (f.kind.get()) {
      case SLOW:
        later(f, reply, client, slow);
        return;
      case LATE:
        later(f, reply, client, late);
        return;
      case TRUNCATED:
        send(f, Ber.truncated(reply), client);
        return;
      case GARBLED:
        send(f, Ber.garbled(reply), client);
        return;
      case WRONG_REQUEST_ID:
        send(f, Ber.withWrongRequestId(reply), client);
        return;
      case TOO_BIG:
        send(f, reply.length > MIN_MAX_MESSAGE ? Ber.tooBig(reply) : reply, client);
        return;
      default:
        send(f, reply, client);
    }
  }

  private void later(Front f, byte[] reply, SocketAddress client, Duration delay) {
    try {
      delays.schedule(() -> send(f, reply, client), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("{} - closing, a late reply is dropped", f.address);
    }
  }

  private static void send(Front f, byte[] reply, SocketAddress client) {
    try {
      f.front.send(ByteBuffer.wrap(reply), client);
    } catch (IOException e) {
      log.debug("{} - send to {} failed: {}", f.address, client, e.toString());
    }
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    delays.shutdownNow();
    boolean interrupted = false;
    try {
      thread.join(5_000);
      delays.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    try {
      selector.close();
    } catch (IOException e) {
      log.debug("closing the fault selector failed: {}", e.toString());
    }
    fronts.values().forEach(Front::close);
    fronts.clear();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
