package org.openrps.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;

/**
 * How small Device Direct is (issue 12 point 1: aim under 300 KB of our own code, a 16 MB heap):
 * the sizes of the jars a printer would carry (ours: device, client, wire; and Jackson, the one
 * third-party library), then the module alone in a JVM started with {@code -Xmx16m} and only those
 * jars on its class path ({@link DeviceProbe}), reporting to a real server (embedded, SQLite,
 * HTTPS) and answering the commands queued for it; its peak heap as the JVM counts it.
 *
 * <pre>bench/run device [contacts]</pre>
 */
public final class DeviceBench {

  private static final long AIM_BYTES = 300 * 1024;
  private static final String HEAP = "16m";

  private DeviceBench() {}

  public static void main(String[] args) throws Exception {
    int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    PollBench.printMachine();
    List<Path> ours = new ArrayList<>();
    List<Path> theirs = new ArrayList<>();
    List<String> probePath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("openrps-wire")
          || name.startsWith("openrps-client")
          || name.startsWith("openrps-device")) {
        ours.add(Path.of(entry));
        probePath.add(entry);
      } else if (name.startsWith("jackson-")) {
        theirs.add(Path.of(entry));
        probePath.add(entry);
      } else if (entry.endsWith("bench" + File.separator + "target" + File.separator + "classes")) {
        probePath.add(entry); // the probe's own class, and nothing else of the bench is loaded
      }
    }
    long ourBytes = 0;
    System.out.printf("%-44s %10s%n", "jar", "KB");
    for (Path p : ours) {
      ourBytes += Files.size(p);
      System.out.printf(Locale.ROOT, "%-44s %10.1f%n", p.getFileName(), Files.size(p) / 1024.0);
    }
    System.out.printf(
        Locale.ROOT,
        "%-44s %10.1f  (aim: under %d KB: %s)%n",
        "our own code (device + client + wire)",
        ourBytes / 1024.0,
        AIM_BYTES / 1024,
        ourBytes < AIM_BYTES ? "met" : "NOT met");
    long theirBytes = 0;
    for (Path p : theirs) {
      theirBytes += Files.size(p);
    }
    System.out.printf(
        Locale.ROOT, "%-44s %10.1f%n", "Jackson (" + theirs.size() + " jars)", theirBytes / 1024.0);

    Path dir = Files.createTempDirectory("openrps-device-bench");
    try (ServerApp server =
        ServerApp.start(
            new ServerConfig(dir.resolve("server"), 0, Optional.empty(), Set.of()),
            Clock.systemUTC())) {
      String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx" + HEAP);
      command.add("-XX:+UseSerialGC");
      command.add("-cp");
      command.add(String.join(File.pathSeparator, probePath));
      command.add(DeviceProbe.class.getName());
      command.add("https://127.0.0.1:" + server.port());
      command.add(server.certificatePem().toString());
      command.add(code);
      command.add(dir.resolve("module").toString());
      command.add(Integer.toString(contacts));
      long t0 = System.nanoTime();
      Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(probe.getInputStream().readAllBytes()).strip();
      int exit = probe.waitFor();
      System.out.printf(
          Locale.ROOT,
          "module in -Xmx%s with only those jars: exit %d in %.1f s%n%s%n",
          HEAP,
          exit,
          (System.nanoTime() - t0) / 1e9,
          output);
    }
  }
}
