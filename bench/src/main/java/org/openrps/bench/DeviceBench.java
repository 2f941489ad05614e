package org.openrps.bench;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openrps.client.EnrolmentClient;
import org.openrps.device.DeviceDirect;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.commands.Commands;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.Source;
import org.openrps.wire.command.CommandTypes;

/**
 * How small Device Direct is (issue 12 point 1: aim under 300 KB of our own code, a 16 MB heap):
 * the sizes of the jars a printer would carry (ours: device, client, wire; and Jackson, the one
 * third-party library), then the module alone in a JVM started with {@code -Xmx16m} and only those
 * jars on its class path ({@link DeviceProbe}), reporting to a real server (embedded, SQLite,
 * HTTPS) and answering the commands queued for it (20, half of them {@code send-diagnostics}); its
 * peak heap as the JVM counts it.
 *
 * <pre>bench/run device [contacts]</pre>
 */
public final class DeviceBench {

  private static final long AIM_BYTES = 300 * 1024;
  private static final String HEAP = "16m";
  private static final int COMMANDS = 20;
  private static final List<String> HEAPS = List.of("16m", "8m");

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
    // the limit of uploads per client and minute is raised: the probe reports at every contact
    ServerConfig config =
        ServerConfig.load(
            Optional.empty(),
            Map.of(),
            Map.of(
                "data", dir.resolve("server").toString(),
                "port", "0",
                "uploads.per.minute", "1000000"));
    try (ServerApp server = ServerApp.start(config, Clock.systemUTC())) {
      System.out.printf(
          "the module alone, only those jars on its class path, %d contacts with a full report"
              + " each, %d commands queued before it starts (half send-diagnostics):%n",
          contacts, COMMANDS);
      for (String heap : HEAPS) {
        probe(server, dir.resolve("module-" + heap), heap, contacts, probePath);
      }
    }
  }

  private static void probe(
      ServerApp server, Path module, String heap, int contacts, List<String> probePath)
      throws Exception {
    DeviceRef device = new DeviceRef("HP", "PROBE" + heap.toUpperCase(Locale.ROOT));
    String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();
    // enrolled as the module would be, so that commands can be queued for it before it starts
    Files.createDirectories(module);
    new EnrolmentClient(
            URI.create("https://127.0.0.1:" + server.port()), Optional.of(server.certificatePem()))
        .enrol(code, Source.Kind.device, Optional.of(device))
        .save(module.resolve(DeviceDirect.CREDENTIALS));
    for (int i = 0; i < COMMANDS; i++) {
      server
          .commands()
          .send(
              Scope.provider(),
              TenantId.DEFAULT,
              "bench",
              new Commands.Order(
                  i % 2 == 0 ? CommandTypes.SELF_TEST : CommandTypes.SEND_DIAGNOSTICS,
                  Map.of(),
                  Duration.ofHours(1),
                  List.of(device),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty()));
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.util.logging.config.file=/dev/null");
    command.add("-cp");
    command.add(String.join(File.pathSeparator, probePath));
    command.add(DeviceProbe.class.getName());
    command.add("https://127.0.0.1:" + server.port());
    command.add(server.certificatePem().toString());
    command.add("enrolled");
    command.add(module.toString());
    command.add(Integer.toString(contacts));
    command.add(device.serial());
    long t0 = System.nanoTime();
    Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(probe.getInputStream().readAllBytes()).strip();
    int exit = probe.waitFor();
    String last = output.lines().reduce((a, b) -> b).orElse("(no output)");
    System.out.printf(
        Locale.ROOT,
        "-Xmx%-4s exit %d in %5.1f s: %s%n",
        heap,
        exit,
        (System.nanoTime() - t0) / 1e9,
        exit == 0 ? last : output.lines().limit(3).reduce((a, b) -> a + " | " + b).orElse(""));
  }
}
