package org.openrps.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet spread over worker processes (see {@link Worker}), because one process may not open more
 * than 20,000 files here and every printer is a socket. Started with this JVM's own {@code java}
 * and class path; watched (a worker that dies is reported through {@link #failure()}, the fleet
 * does not restart it: the operator should see that the fleet is incomplete); stopped by closing
 * their stdin, which they take as the signal to exit, so they also end when this process is killed.
 */
final class WorkerFleet implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WorkerFleet.class);
  private static final long START_TIMEOUT_SECONDS = 180;

  private final List<Child> children = new ArrayList<>();
  private final CompletableFuture<String> failure = new CompletableFuture<>();
  private final IntConsumer progress;
  private volatile boolean closing;

  private final class Child {
    final int number;
    final int from;
    final int to;
    final Process process;
    final Writer stdin;
    final Thread reader;
    final AtomicInteger bound = new AtomicInteger();
    final CountDownLatch ready = new CountDownLatch(1);
    final Semaphore synced = new Semaphore(0);
    volatile long heap;
    volatile String failed = "";

    Child(int number, int from, int to, Process process) {
      this.number = number;
      this.from = from;
      this.to = to;
      this.process = process;
      this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      this.reader = new Thread(this::read, "simulator-worker-" + number);
      reader.setDaemon(true);
    }

    String name() {
      return "worker "
          + number
          + " (printers "
          + from
          + ".."
          + (to - 1)
          + ", pid "
          + process.pid()
          + ")";
    }

    private void read() {
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("@bound ")) {
            bound.set(Integer.parseInt(line.substring(7).strip()));
            reportProgress();
          } else if (line.startsWith("@ready ")) {
            String[] parts = line.split(" ");
            heap = Long.parseLong(parts[2]);
            ready.countDown();
          } else if (line.startsWith("@synced")) {
            synced.release();
          } else if (line.startsWith("@failed ")) {
            failed = line.substring(8);
          } else {
            log.info("{} - {}", name(), line);
          }
        }
      } catch (IOException | RuntimeException e) {
        log.debug("{} - reading its output failed: {}", name(), e.toString());
      }
      int code;
      try {
        code = process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      ready.countDown();
      if (!closing) {
        String why =
            name()
                + " exited with code "
                + code
                + (failed.isEmpty() ? "" : ": " + failed)
                + "; its printers no longer answer";
        log.error("simulated fleet - {}", why);
        failure.complete(why);
      }
    }
  }

  private WorkerFleet(IntConsumer progress) {
    this.progress = progress;
  }

  private synchronized void reportProgress() {
    progress.accept(children.stream().mapToInt(c -> c.bound.get()).sum());
  }

  /**
   * Starts {@code processes} workers over the fleet and returns at once; {@link #awaitReady()}
   * waits until every printer answers (the caller can work meanwhile: the workers start in
   * parallel).
   *
   * @throws IOException when a worker cannot start
   */
  static WorkerFleet launch(
      SimulatorConfig config,
      SimulationClock clock,
      long startMillis,
      int port,
      int processes,
      IntConsumer progress)
      throws IOException {
    WorkerFleet fleet = new WorkerFleet(progress);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    int n = config.printers();
    try {
      for (int w = 0; w < processes; w++) {
        int from = (int) ((long) n * w / processes);
        int to = (int) ((long) n * (w + 1) / processes);
        ProcessBuilder builder =
            new ProcessBuilder(
                java,
                "-Xmx768m",
                "-Xss512k",
                "-XX:+UseSerialGC",
                "-XX:-UsePerfData",
                "-cp",
                classpath,
                Worker.class.getName());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Child child = fleet.new Child(w + 1, from, to, builder.start());
        synchronized (fleet) {
          fleet.children.add(child);
        }
        child.stdin.write(WorkerSpec.of(config, from, to, port, clock, startMillis).toJson());
        child.stdin.write('\n');
        child.stdin.flush();
        child.reader.start();
        log.debug("{} started", child.name());
      }
      return fleet;
    } catch (IOException | RuntimeException e) {
      fleet.close();
      throw e;
    }
  }

  /**
   * Returns when every worker's printers answer.
   *
   * @throws IOException when a worker fails or does not get ready in time (the fleet is closed)
   */
  void awaitReady() throws IOException {
    WorkerFleet fleet = this;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
      for (Child child : fleet.children) {
        long left = deadline - System.nanoTime();
        if (!child.ready.await(Math.max(1, left), TimeUnit.NANOSECONDS)) {
          throw new IOException(
              child.name() + " did not get ready in " + START_TIMEOUT_SECONDS + " s");
        }
        if (!child.process.isAlive() || fleet.failure.isDone()) {
          throw new IOException(
              child.name()
                  + " failed to start"
                  + (child.failed.isEmpty() ? "" : ": " + child.failed));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fleet.close();
      throw new IOException("interrupted while starting workers", e);
    } catch (IOException | RuntimeException e) {
      fleet.close();
      throw e;
    }
  }

  /** Completes with a message when a worker dies while the fleet runs. */
  CompletableFuture<String> failure() {
    return failure;
  }

  /** Heap in use in all workers, as each reported when it got ready. */
  long heapBytes() {
    return children.stream().mapToLong(c -> c.heap).sum();
  }

  /** Asks every worker to apply power and address changes now, and waits until they have. */
  void sync() throws IOException {
    for (Child child : children) {
      synchronized (child) {
        child.stdin.write("sync\n");
        child.stdin.flush();
      }
    }
    for (Child child : children) {
      try {
        if (!child.synced.tryAcquire(30, TimeUnit.SECONDS)) {
          throw new IOException(child.name() + " did not confirm the sync");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }

  List<Long> pids() {
    return children.stream().map(c -> c.process.pid()).toList();
  }

  @Override
  public void close() {
    closing = true;
    for (Child child : children) {
      try {
        child.stdin.close();
      } catch (IOException e) {
        log.debug("{} - closing its stdin failed: {}", child.name(), e.toString());
      }
    }
    boolean interrupted = false;
    for (Child child : children) {
      try {
        if (!child.process.waitFor(10, TimeUnit.SECONDS)) {
          log.warn("{} - did not stop in 10 s, killing it", child.name());
          child.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        child.reader.join(5_000);
      } catch (InterruptedException e) {
        interrupted = true;
        child.process.destroyForcibly();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
