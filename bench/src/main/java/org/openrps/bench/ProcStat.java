package org.openrps.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and peak RSS of a process, read the same way for the agent's JVM and for the exporter:
 * {@code utime + stime} of {@code /proc/<pid>/stat} (all its threads, in clock ticks) and {@code
 * VmHWM} of {@code /proc/<pid>/status}, reset by writing 5 to {@code /proc/<pid>/clear_refs}.
 */
final class ProcStat {

  private static final double TICKS = clockTicks();

  private ProcStat() {}

  /** User plus system CPU seconds the process has used so far. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // after the command name in parentheses: state is field 3, utime 14, stime 15
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
  }

  /** The process's peak resident set (VmHWM) in bytes, or -1. */
  static long peakRss(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** Resets VmHWM to the current RSS; false if the kernel did not let us. */
  static boolean resetPeakRss(long pid) {
    try {
      Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static double clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes()).strip();
      p.waitFor();
      return Double.parseDouble(s);
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
