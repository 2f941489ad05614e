package org.openrps.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.Report;
import org.openrps.wire.Source;

/**
 * Sample wire messages for tests: a plausible printer snapshot and reports made of them.
 *
 * <p>For anything beyond pages and a toner level, use {@link SnapshotBuilder}.
 */
public final class WireSamples {

  /** The software version the sample sources report. */
  public static final String VERSION = "0.1.0";

  private WireSamples() {}

  /**
   * A snapshot of one printer, read at {@code at}: model "{@code make} Model 1", address
   * 127.50.0.1, a total page counter of {@code pages}, three supplies (black toner at {@code
   * tonerLevel} %, waste toner at 5 %, cyan toner "some remaining"), status idle with lowToner.
   */
  public static DeviceSnapshot device(
      String make, String serial, long pages, int tonerLevel, Instant at) {
    return SnapshotBuilder.printer(make, serial).pages(pages).tonerLevel(tonerLevel).at(at).build();
  }

  /** A report from agent {@code agentId}, made at {@code at}, of the given snapshots. */
  public static Report report(
      String reportId, String agentId, Instant at, DeviceSnapshot... devices) {
    return report(reportId, agentSource(agentId), at, List.of(devices));
  }

  /**
   * A report from agent {@code agentId} of {@code count} printers: make HP, serials {@code S0000},
   * {@code S0001}, …, the i-th with 1000 + i pages and toner at 40 + i % 50 %.
   */
  public static Report report(String reportId, String agentId, Instant at, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count is negative: " + count);
    }
    List<DeviceSnapshot> devices = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      devices.add(device("HP", String.format(Locale.ROOT, "S%04d", i), 1000 + i, 40 + i % 50, at));
    }
    return report(reportId, agentSource(agentId), at, devices);
  }

  /** A report from any source. */
  public static Report report(
      String reportId, Source source, Instant at, List<DeviceSnapshot> devices) {
    return Report.of(
        Objects.requireNonNull(reportId, "reportId"),
        Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(at, "at"),
        devices);
  }

  /** An agent source of version {@link #VERSION}. */
  public static Source agentSource(String agentId) {
    return new Source(Source.Kind.agent, agentId, VERSION);
  }

  /** A Device Direct source of version {@link #VERSION}. */
  public static Source deviceSource(String deviceId) {
    return new Source(Source.Kind.device, deviceId, VERSION);
  }
}
