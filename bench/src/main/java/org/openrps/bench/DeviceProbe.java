package org.openrps.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.openrps.device.DeviceDirect;
import org.openrps.device.DeviceDirectConfig;
import org.openrps.device.DeviceHost;
import org.openrps.wire.DeviceDiagnostics;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.MeterReading;
import org.openrps.wire.SupplyReading;
import org.openrps.wire.command.Command;

/**
 * The Device Direct module alone in a small JVM, as firmware would run it: started by {@link
 * DeviceBench} with {@code -Xmx16m} and a class path of the device, client and wire jars and
 * Jackson only. Enrols, then makes {@code contacts} contacts, each with a full report (diagnostics
 * included) and the commands the bench queued; prints what it did and its peak heap.
 *
 * <pre>DeviceProbe SERVER_URL CERT_PEM CODE|enrolled DATA_DIR CONTACTS [SERIAL]</pre>
 */
public final class DeviceProbe {

  private DeviceProbe() {}

  /** A printer of the probe's own: counters rise with each snapshot, a fault now and then. */
  static final class Host implements DeviceHost {
    private final String serial;
    private long pages = 120_000;
    private int snapshots;
    int applied;

    Host(String serial) {
      this.serial = serial;
    }

    @Override
    public synchronized DeviceSnapshot snapshot() {
      Instant now = Instant.now();
      pages += 37;
      snapshots++;
      return new DeviceSnapshot(
          new DeviceIdentity(
              "HP",
              "LaserJet Enterprise M507",
              serial,
              "1.3.6.1.4.1.11.2.3.9.1",
              Optional.of("00:11:22:33:44:55"),
              Optional.of("2.4.1"),
              Optional.of("probe"),
              now,
              Optional.of("Bench")),
          "127.0.0.1",
          now,
          List.of(new MeterReading(MeterReading.TOTAL, pages, "1.3.6.1.2.1.43.10.2.1.4.1.1", now)),
          List.of(
              new SupplyReading(
                  1,
                  "Black Cartridge",
                  "toner",
                  "supplyThatIsConsumed",
                  "percent",
                  100,
                  90 - snapshots % 80,
                  now)),
          new DeviceStatus("idle", List.of(), now));
    }

    @Override
    public synchronized DeviceDiagnostics diagnostics() {
      Instant now = Instant.now();
      List<DeviceDiagnostics.Fault> faults =
          snapshots % 10 == 0
              ? List.of(
                  new DeviceDiagnostics.Fault(
                      "13.01.00", "Paper jam in the paper path", "critical", now, Optional.empty()))
              : List.of();
      return new DeviceDiagnostics(
          faults,
          List.of(
              new DeviceDiagnostics.Fault(
                  "10.00.33",
                  "Toner cartridge low",
                  "warning",
                  now.minusSeconds(86_400),
                  Optional.of(now.minusSeconds(3_600)))),
          Map.of("firmware", "2.4.1", "engine", "E7.2", "network", "N4.1"),
          Map.of("location", "Bench", "sleepMinutes", "15"),
          List.of(
              new DeviceDiagnostics.PartCounter(
                  "fuser", pages % 150_000, OptionalLong.of(150_000), 0, Optional.empty())),
          Map.of("jamsPer1000Pages", 0.3, "warmupSeconds", 11.5),
          now);
    }

    @Override
    public synchronized Applied apply(Command command) {
      applied++;
      return Applied.done("applied " + command.type());
    }
  }

  public static void main(String[] args) throws Exception {
    URI server = URI.create(args[0]);
    Path pem = Path.of(args[1]);
    String code = args[2];
    Path data = Path.of(args[3]);
    int contacts = Integer.parseInt(args[4]);
    Host host = new Host(args.length > 5 ? args[5] : "PROBE0001");
    int failures = 0;
    int sent = 0;
    int results = 0;
    String lastFailure = "";
    try (DeviceDirect module =
        DeviceDirect.open(
            DeviceDirectConfig.of(
                server,
                Optional.of(pem),
                code.equals("enrolled") ? Optional.empty() : Optional.of(code),
                data),
            host)) {
      for (int i = 0; i < contacts; i++) {
        DeviceDirect.Contact c = module.contact(true);
        sent += c.reportsSent();
        results += c.commands().size();
        if (!c.ok()) {
          failures++;
          lastFailure = c.failure().get();
        }
      }
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.gc();
    long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long max = Runtime.getRuntime().maxMemory();
    System.out.printf(
        "probe: contacts %d, failures %d%s, reports sent %d, commands applied %d (results %d),"
            + " heap max %d KB, peak %d KB, after GC %d KB%n",
        contacts,
        failures,
        failures > 0 ? " (" + lastFailure + ")" : "",
        sent,
        host.applied,
        results,
        max / 1024,
        peak / 1024,
        after / 1024);
  }
}
