package org.openrps.simulator;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A worker process of a large fleet: {@code java -cp <classpath> org.openrps.simulator.Worker}.
 * Reads one {@link WorkerSpec} line from stdin, serves its printers, and reports on stdout: {@code
 * @bound <n>} while binding, {@code @ready <printers> <heap bytes>} when every one answers, or
 * {@code @failed <reason>}. A {@code sync} line applies power and address changes now. It stops
 * when its stdin closes, so it never outlives the process that started it.
 */
public final class Worker {

  private Worker() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    LocalFleet fleet;
    try {
      String line = in.readLine();
      if (line == null) {
        return;
      }
      WorkerSpec spec = WorkerSpec.fromJson(line);
      SimulatorConfig config = spec.config();
      List<SimulatedPrinter> printers =
          Simulator.printersOf(config, spec.clock(), spec.startMillis(), spec.from(), spec.to());
      fleet =
          LocalFleet.start(
              printers,
              config.community(),
              config.options().users(),
              spec.clock(),
              config.options().slowDelay(),
              config.options().lateDelay(),
              n -> out.println("@bound " + n));
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      out.println("@ready " + printers.size() + " " + heap);
    } catch (Exception e) {
      out.println("@failed " + String.valueOf(e.getMessage()).replace('\n', ' '));
      System.exit(1);
      return;
    }
    try {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals("sync")) {
          fleet.sync();
          out.println("@synced");
        }
      }
    } catch (Exception e) {
      out.println("@failed " + String.valueOf(e.getMessage()).replace('\n', ' '));
    } finally {
      fleet.close();
    }
    System.exit(0);
  }
}
