package org.openrps.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running command alive until Ctrl-C (or SIGTERM), then closes what it started, in the
 * reverse order of starting.
 */
final class Shutdown {
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Remembers a resource to close at the end; returns it for chaining. */
  synchronized <T extends AutoCloseable> T closeLater(T resource) {
    resources.push(resource);
    return resource;
  }

  /** Closes everything, newest first. Safe to call more than once. */
  synchronized void closeAll() {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        System.err.println("openrps: while stopping: " + e.getMessage());
      }
    }
  }

  /** Blocks until the process is asked to stop, then closes everything. */
  void awaitSignal() {
    Thread hook =
        new Thread(
            () -> {
              closeAll();
              stopped.countDown();
            },
            "openrps-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeAll();
    }
  }
}
