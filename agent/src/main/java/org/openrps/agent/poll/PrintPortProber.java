package org.openrps.agent.poll;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * TCP connect to each print port of {@link PortProbe} in order until one accepts; the socket is
 * closed at once and nothing is written. Each connect holds a slot of the poller's limiter. No
 * thread blocks: connects are asynchronous, the timeout is a scheduled close.
 */
final class PrintPortProber {

  private final PortProbe probe;
  private final AsyncLimiter limiter;
  private final ScheduledExecutorService scheduler;

  PrintPortProber(PortProbe probe, AsyncLimiter limiter, ScheduledExecutorService scheduler) {
    this.probe = Objects.requireNonNull(probe, "probe");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  /** The first print port of {@code address} that accepted, if any. */
  CompletableFuture<OptionalInt> firstOpen(InetAddress address) {
    return from(address, 0);
  }

  private CompletableFuture<OptionalInt> from(InetAddress address, int i) {
    if (i >= probe.ports().size()) {
      return CompletableFuture.completedFuture(OptionalInt.empty());
    }
    int port = probe.ports().get(i);
    return limiter
        .submit(() -> connects(new InetSocketAddress(address, port)))
        .thenCompose(
            open ->
                open
                    ? CompletableFuture.completedFuture(OptionalInt.of(port))
                    : from(address, i + 1));
  }

  private CompletableFuture<Boolean> connects(InetSocketAddress to) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    AsynchronousSocketChannel channel;
    try {
      channel = AsynchronousSocketChannel.open();
    } catch (IOException e) {
      result.complete(false);
      return result;
    }
    ScheduledFuture<?> timer =
        scheduler.schedule(
            () -> {
              if (result.complete(false)) {
                close(channel);
              }
            },
            probe.connectTimeout().toNanos(),
            TimeUnit.NANOSECONDS);
    try {
      channel.connect(
          to,
          null,
          new CompletionHandler<Void, Void>() {
            @Override
            public void completed(Void v, Void attachment) {
              timer.cancel(false);
              result.complete(true);
              close(channel);
            }

            @Override
            public void failed(Throwable e, Void attachment) {
              timer.cancel(false);
              result.complete(false);
              close(channel);
            }
          });
    } catch (RuntimeException e) {
      timer.cancel(false);
      result.complete(false);
      close(channel);
    }
    return result;
  }

  private static void close(AsynchronousSocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closing a probe socket: nothing to do
    }
  }
}
