package org.openrps.agent.poll;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many asynchronous requests are outstanding at once without blocking a thread per
 * request: a task waits in a queue until a slot is free. Results are handed on on {@code executor},
 * never on the thread that completed the request (SNMP's own dispatcher must not do our work).
 */
final class AsyncLimiter {

  private final int max;
  private final Executor executor;
  private final Pacer pacer;
  private final ScheduledExecutorService scheduler;
  private final Object lock = new Object();
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  AsyncLimiter(int max, Executor executor) {
    this(max, executor, new Pacer(0, System::nanoTime), null);
  }

  /**
   * A limiter that also keeps a scan budget: each request starts no earlier than {@code pacer}
   * allows, the wait scheduled on {@code scheduler} (no thread blocks).
   */
  AsyncLimiter(int max, Executor executor, Pacer pacer, ScheduledExecutorService scheduler) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    this.max = max;
    this.executor = Objects.requireNonNull(executor, "executor");
    this.pacer = Objects.requireNonNull(pacer, "pacer");
    if (pacer.limits()) {
      Objects.requireNonNull(scheduler, "scheduler (needed for a budget)");
    }
    this.scheduler = scheduler;
  }

  /** Runs {@code request} when a slot is free; the slot is held until its future completes. */
  <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> request) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Runnable send =
        () -> {
          CompletableFuture<T> f;
          try {
            f = request.get();
          } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
          }
          f.whenComplete(
              (value, error) -> {
                release();
                executor.execute(
                    () -> {
                      if (error != null) {
                        result.completeExceptionally(error);
                      } else {
                        result.complete(value);
                      }
                    });
              });
        };
    Runnable start =
        () -> {
          long wait = pacer.claim();
          if (wait > 0) {
            scheduler.schedule(() -> executor.execute(send), wait, TimeUnit.NANOSECONDS);
          } else {
            send.run();
          }
        };
    boolean now;
    synchronized (lock) {
      now = running < max;
      if (now) {
        running++;
      } else {
        waiting.add(start);
      }
    }
    if (now) {
      start.run();
    }
    return result;
  }

  /** Requests started and not yet finished. */
  int inFlight() {
    synchronized (lock) {
      return running;
    }
  }

  private void release() {
    Runnable next;
    synchronized (lock) {
      next = waiting.poll();
      if (next == null) {
        running--;
      }
    }
    if (next != null) {
      executor.execute(next);
    }
  }
}
