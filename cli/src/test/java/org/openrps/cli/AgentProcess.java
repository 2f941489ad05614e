package org.openrps.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code openrps ...} as a child process ({@code java -cp <the test class path> Main ...}), its
 * standard output and error read line by line, as one stream.
 */
final class AgentProcess {

  /** How long a wait for a line may take before the test fails (a bound, not a pause). */
  static final long WAIT_SECONDS = 120;

  final Process process;
  private final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();

  private AgentProcess(Process process) {
    this.process = process;
  }

  static AgentProcess start(List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName()));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    AgentProcess child = new AgentProcess(p);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  synchronized (child.all) {
                    child.all.add(line);
                  }
                  child.fresh.add(line);
                }
              } catch (java.io.IOException e) {
                // the process ended
              }
            },
            "agent-child-out");
    reader.setDaemon(true);
    reader.start();
    return child;
  }

  /** Waits for a line not seen by an earlier wait that matches; returns it. */
  String await(Predicate<String> line) throws InterruptedException {
    for (String l; (l = fresh.poll(WAIT_SECONDS, TimeUnit.SECONDS)) != null; ) {
      if (line.test(l)) {
        return l;
      }
    }
    throw new AssertionError(
        "the agent did not print the line awaited; it printed:\n" + String.join("\n", lines()));
  }

  /**
   * SIGTERM, through the handle: {@link Process#destroy()} would also close our end of its output.
   */
  void terminate() {
    process.toHandle().destroy();
  }

  List<String> lines() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }
}
