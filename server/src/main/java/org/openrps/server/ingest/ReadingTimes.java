package org.openrps.server.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.openrps.server.http.ApiException;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceDelta;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.InputTray;
import org.openrps.wire.InstalledOption;
import org.openrps.wire.MeterReading;
import org.openrps.wire.Report;
import org.openrps.wire.SiteFacts;
import org.openrps.wire.SupplyReading;

/**
 * Time sanity of a report: every instant it carries lies in 2000–2100 and, but for when the agent
 * will next sync ({@code /site/nextSyncAt}, in the future by design), no more than the allowed skew
 * ahead of the server's clock. A reading from a clock that runs ahead would otherwise win the
 * latest state for as long as its date is in the future, and a bill would be cut on it; such a
 * report is refused whole, naming the first field, and stays with its sender until its clock is
 * right.
 */
final class ReadingTimes {

  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  private final Duration maxSkew;

  ReadingTimes(Duration maxSkew) {
    this.maxSkew = Objects.requireNonNull(maxSkew, "maxSkew");
    if (maxSkew.isNegative()) {
      throw new IllegalArgumentException("the clock skew must not be negative: " + maxSkew);
    }
  }

  Duration maxSkew() {
    return maxSkew;
  }

  /** Refuses the report with a coded 422 at its first insane instant. */
  void check(Report report, Instant now) {
    Instant limit = now.plus(maxSkew);
    check("/createdAt", report.createdAt(), now, limit);
    if (report.site().isPresent()) {
      SiteFacts site = report.site().get();
      check("/site/collectedAt", site.collectedAt(), now, limit);
      if (site.backlogOldest().isPresent()) {
        check("/site/backlogOldest", site.backlogOldest().get(), now, limit);
      }
      if (site.nextSyncAt().isPresent()) {
        inRange("/site/nextSyncAt", site.nextSyncAt().get());
      }
    }
    List<DeviceSnapshot> devices = report.devices();
    for (int i = 0; i < devices.size(); i++) {
      DeviceSnapshot d = devices.get(i);
      String at = "/devices/" + i;
      check(at + "/seenAt", d.seenAt(), now, limit);
      check(at + "/identity/readAt", d.identity().readAt(), now, limit);
      check(at + "/status/readAt", d.status().readAt(), now, limit);
      List<MeterReading> counters = d.counters();
      for (int j = 0; j < counters.size(); j++) {
        check(at + "/counters/" + j + "/readAt", counters.get(j).readAt(), now, limit);
      }
      List<SupplyReading> supplies = d.supplies();
      for (int j = 0; j < supplies.size(); j++) {
        check(at + "/supplies/" + j + "/readAt", supplies.get(j).readAt(), now, limit);
      }
      List<AlertReading> alerts = d.alerts();
      for (int j = 0; j < alerts.size(); j++) {
        check(at + "/alerts/" + j + "/readAt", alerts.get(j).readAt(), now, limit);
      }
      List<InputTray> inputs = d.inputs();
      for (int j = 0; j < inputs.size(); j++) {
        check(at + "/inputs/" + j + "/readAt", inputs.get(j).readAt(), now, limit);
      }
      List<InstalledOption> options = d.options();
      for (int j = 0; j < options.size(); j++) {
        check(at + "/options/" + j + "/readAt", options.get(j).readAt(), now, limit);
      }
    }
    // A delta's rebuilt snapshot takes its times from the delta alone (ADR 0010): check those.
    List<DeviceDelta> deltas = report.deltas();
    for (int i = 0; i < deltas.size(); i++) {
      DeviceDelta d = deltas.get(i);
      String at = "/deltas/" + i;
      check(at + "/seenAt", d.seenAt(), now, limit);
      check(at + "/base", d.base(), now, limit);
      for (var part : d.readAt().entrySet()) {
        check(at + "/readAt/" + part.getKey(), part.getValue(), now, limit);
      }
      if (d.identity().isPresent()) {
        check(at + "/identity/readAt", d.identity().get().readAt(), now, limit);
      }
      if (d.status().isPresent()) {
        check(at + "/status/readAt", d.status().get().readAt(), now, limit);
      }
      all(at + "/counters/", d.counters().orElse(List.of()), MeterReading::readAt, now, limit);
      all(at + "/supplies/", d.supplies().orElse(List.of()), SupplyReading::readAt, now, limit);
      all(at + "/alerts/", d.alerts().orElse(List.of()), AlertReading::readAt, now, limit);
      all(at + "/inputs/", d.inputs().orElse(List.of()), InputTray::readAt, now, limit);
      all(at + "/options/", d.options().orElse(List.of()), InstalledOption::readAt, now, limit);
    }
  }

  private <T> void all(
      String at,
      List<T> items,
      java.util.function.Function<T, Instant> readAt,
      Instant now,
      Instant limit) {
    for (int j = 0; j < items.size(); j++) {
      check(at + j + "/readAt", readAt.apply(items.get(j)), now, limit);
    }
  }

  private void check(String field, Instant value, Instant now, Instant limit) {
    inRange(field, value);
    if (value.isAfter(limit)) {
      throw new ApiException(
          422,
          "report.clock_ahead",
          field
              + ": "
              + value
              + " is "
              + duration(Duration.between(now, value))
              + " ahead of the server's clock ("
              + now
              + "; "
              + duration(maxSkew)
              + " allowed): check the sender's clock; the report is kept by the sender");
    }
  }

  private static void inRange(String field, Instant value) {
    if (value.isBefore(EARLIEST) || !value.isBefore(LATEST)) {
      throw new ApiException(
          422,
          "report.time_out_of_range",
          field + ": " + text(value) + " is outside 2000-01-01 to 2100-01-01");
    }
  }

  private static String text(Instant value) {
    try {
      return DateTimeFormatter.ISO_INSTANT.format(value);
    } catch (RuntimeException e) {
      return "an instant";
    }
  }

  /** "3 days 4 h", "12 min", "40 s": for a person. */
  static String duration(Duration d) {
    long s = d.toSeconds();
    if (s >= 86_400) {
      return (s / 86_400) + " days" + (s % 86_400 >= 3600 ? " " + (s % 86_400) / 3600 + " h" : "");
    }
    if (s >= 3600) {
      return (s / 3600) + " h" + (s % 3600 >= 60 ? " " + (s % 3600) / 60 + " min" : "");
    }
    if (s >= 60) {
      return (s / 60) + " min";
    }
    return s + " s";
  }
}
