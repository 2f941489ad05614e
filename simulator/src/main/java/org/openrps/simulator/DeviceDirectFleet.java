package org.openrps.simulator;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.openrps.device.DeviceDirect;
import org.openrps.device.DeviceDirectConfig;

/**
 * Device Direct modules running inside a share of a simulator's printers ({@code simulate
 * --device-direct 20%}): each module reports its printer to the server and applies the commands it
 * fetches to that printer, so they show over SNMP. Runs with a fleet served in this process (up to
 * {@link SimulatorOptions#PRINTERS_PER_PROCESS} printers).
 */
public final class DeviceDirectFleet implements AutoCloseable {

  /** One printer with its module. */
  public record Member(SimulatedPrinter printer, DeviceDirect module) {}

  /** Where the modules reach their server. */
  public record Settings(
      URI server, Optional<Path> trust, Path dataDir, Duration commandPoll, boolean scheduled) {
    public Settings {
      Objects.requireNonNull(server, "server");
      trust = trust == null ? Optional.empty() : trust;
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(commandPoll, "commandPoll");
    }
  }

  private final List<Member> members;

  private DeviceDirectFleet(List<Member> members) {
    this.members = List.copyOf(members);
  }

  /**
   * Which of {@code size} printers carry a module for a share (0..1): spread evenly over the fleet,
   * the last one first (so 20 % of 20 is printers 4, 9, 14 and 19, 0-based).
   */
  public static List<Integer> chosen(int size, double share) {
    if (share < 0 || share > 1) {
      throw new IllegalArgumentException("the Device Direct share is 0 to 100 %: " + share);
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (Math.floor((i + 1) * share + 1e-9) > Math.floor(i * share + 1e-9)) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * Starts a module inside each chosen printer of {@code simulator}. Each enrols at its first
   * contact with the code {@code codes} gives for its printer; {@code codes} is asked only for the
   * modules not enrolled yet (no credentials in their data directory).
   *
   * @throws IOException when a module's data directory cannot be used
   * @throws IllegalStateException when the fleet is served by worker processes
   */
  public static DeviceDirectFleet start(
      Simulator simulator,
      double share,
      Settings settings,
      Function<SimulatedPrinter, Optional<String>> codes,
      Clock clock)
      throws IOException {
    List<SimulatedPrinter> printers = simulator.printers();
    List<Member> members = new ArrayList<>();
    for (int index : chosen(printers.size(), share)) {
      SimulatedPrinter p = printers.get(index);
      if (!(p instanceof Printer printer)) {
        throw new IllegalStateException(
            "Device Direct runs inside printers served by this process: at most "
                + SimulatorOptions.PRINTERS_PER_PROCESS
                + " simulated printers, not recordings");
      }
      Path dir = settings.dataDir().resolve("printer-" + index);
      boolean enrolled = java.nio.file.Files.exists(dir.resolve(DeviceDirect.CREDENTIALS));
      DeviceDirectConfig config =
          DeviceDirectConfig.of(
                  settings.server(),
                  settings.trust(),
                  enrolled ? Optional.empty() : codes.apply(p),
                  dir)
              .withCommandPoll(settings.commandPoll())
              .withClock(clock);
      DirectPrinter host = new DirectPrinter(printer);
      DeviceDirect module =
          settings.scheduled() ? DeviceDirect.start(config, host) : DeviceDirect.open(config, host);
      members.add(new Member(p, module));
    }
    return new DeviceDirectFleet(members);
  }

  public List<Member> members() {
    return members;
  }

  /** Has every module contact the server once, with a report if {@code report}. */
  public List<DeviceDirect.Contact> contactAll(boolean report) {
    List<DeviceDirect.Contact> out = new ArrayList<>();
    for (Member m : members) {
      out.add(m.module().contact(report));
    }
    return out;
  }

  @Override
  public void close() {
    members.forEach(m -> m.module().close());
  }
}
