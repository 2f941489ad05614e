package org.openrps.agent.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.openrps.agent.store.AlertStates;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.SupplyReading;

/**
 * What each kind of rule finds in the store, as {@link Finding}s: pure functions of what the store
 * holds and the time. A subject that cannot be judged (a supply whose level is unknown, a device
 * without a snapshot) gets no finding, so an event about it neither starts nor ends.
 */
final class Findings {

  private Findings() {}

  /** What the store holds for one check, read once and only when a rule needs it. */
  interface Facts {
    List<AlertStates.Device> devices();

    Optional<Instant> lastGoodExchangeOrFirstTry();

    Optional<Instant> oldestWaiting();
  }

  /**
   * The findings of {@code rule} at {@code now}.
   *
   * @param active the rule's events going on, by subject (their headlines say what ended when the
   *     thing itself is gone, e.g. an alert no longer in the table)
   */
  static List<Finding> of(
      AlertRule rule, Facts facts, Map<String, AlertStates.Active> active, Instant now) {
    return switch (rule.kind()) {
      case supplyBelow -> supplies(rule.percent().getAsInt(), facts.devices());
      case deviceUnreachable -> unreachable(rule.after().orElseThrow(), facts.devices(), now);
      case newAlert -> alerts(facts.devices(), active);
      case serverUnreachable ->
          server(rule.after().orElseThrow(), facts.lastGoodExchangeOrFirstTry(), now);
      case backlogOlder -> backlog(rule.after().orElseThrow(), facts.oldestWaiting(), now);
    };
  }

  static List<Finding> supplies(int percent, List<AlertStates.Device> devices) {
    List<Finding> out = new ArrayList<>();
    for (AlertStates.Device d : devices) {
      if (d.snapshot().isEmpty()) {
        continue;
      }
      for (SupplyReading s : d.snapshot().get().supplies()) {
        if (s.percent().isEmpty()) {
          continue; // -1, -2, -3 or no capacity: unknown, never an alert, never an end
        }
        double left = s.percent().getAsDouble();
        boolean low = left <= percent;
        List<String> lines = new ArrayList<>(device(d));
        lines.add("Supply:    " + supply(s));
        lines.add(
            "Level:     "
                + percent(left)
                + " ("
                + s.level()
                + " of "
                + s.maxCapacity()
                + " "
                + s.unit()
                + "), alert at "
                + percent
                + " % or below");
        lines.add("Read at:   " + s.readAt());
        String name = name(d) + ": " + clean(s.description());
        out.add(
            new Finding(
                "supply " + d.key() + "#" + s.index(),
                low,
                low
                    ? name + " at " + percent(left) + " (at or below " + percent + " %)"
                    : name + " back at " + percent(left),
                lines));
      }
    }
    return out;
  }

  static List<Finding> unreachable(Duration after, List<AlertStates.Device> devices, Instant now) {
    List<Finding> out = new ArrayList<>();
    for (AlertStates.Device d : devices) {
      Duration silent = Duration.between(d.lastSeen(), now);
      boolean holds = silent.compareTo(after) >= 0;
      List<String> lines = new ArrayList<>(device(d));
      lines.add("Last answer: " + d.lastSeen() + " (" + human(silent) + " ago)");
      lines.add("Alert after: " + human(after) + " without an answer");
      out.add(
          new Finding(
              "device " + d.key(),
              holds,
              holds
                  ? name(d) + " has not answered for " + human(silent)
                  : name(d) + " answers again",
              lines));
    }
    return out;
  }

  static List<Finding> alerts(
      List<AlertStates.Device> devices, Map<String, AlertStates.Active> active) {
    List<Finding> out = new ArrayList<>();
    for (AlertStates.Device d : devices) {
      if (d.snapshot().isEmpty()) {
        continue;
      }
      DeviceSnapshot s = d.snapshot().get();
      Set<String> now = new TreeSet<>();
      // The alert table when the device keeps one; else its detected error conditions (a device
      // without an alert table still says jammed or noPaper), so one fault is one event.
      if (!s.alerts().isEmpty()) {
        for (AlertReading a : s.alerts()) {
          String subject = "alert " + d.key() + "#" + a.index() + " " + a.group() + " " + a.code();
          now.add(subject);
          List<String> lines = new ArrayList<>(device(d));
          lines.add(
              "Alert:     "
                  + clean(a.description())
                  + " ("
                  + a.code()
                  + ", "
                  + a.group()
                  + ", "
                  + a.severity()
                  + ")");
          lines.add("Read at:   " + a.readAt());
          out.add(
              new Finding(
                  subject,
                  true,
                  name(d) + ": " + clean(a.description()) + " (" + a.code() + ")",
                  lines));
        }
      } else {
        for (String error : s.status().errors()) {
          String subject = "error " + d.key() + " " + error;
          now.add(subject);
          List<String> lines = new ArrayList<>(device(d));
          lines.add("Condition: " + error + " (printer status " + s.status().printerStatus() + ")");
          lines.add("Read at:   " + s.status().readAt());
          out.add(new Finding(subject, true, name(d) + ": " + error, lines));
        }
      }
      String mine = " " + d.key();
      for (AlertStates.Active a : active.values()) {
        boolean ours =
            a.subject().startsWith("alert" + mine + "#")
                || a.subject().startsWith("error" + mine + " ");
        if (ours && !now.contains(a.subject())) {
          List<String> lines = new ArrayList<>(device(d));
          lines.add("Read at:   " + s.seenAt());
          out.add(new Finding(a.subject(), false, a.headline() + " is over", lines));
        }
      }
    }
    return out;
  }

  static List<Finding> server(Duration after, Optional<Instant> last, Instant now) {
    if (last.isEmpty()) {
      return List.of(); // never tried: nothing to judge
    }
    Duration quiet = Duration.between(last.get(), now);
    boolean holds = quiet.compareTo(after) >= 0;
    return List.of(
        new Finding(
            "server",
            holds,
            holds
                ? "no good exchange with the server for " + human(quiet)
                : "the server answers again",
            List.of(
                "Last good exchange (or first try): " + last.get(),
                "Alert after: " + human(after) + " without one")));
  }

  static List<Finding> backlog(Duration after, Optional<Instant> oldest, Instant now) {
    if (oldest.isEmpty()) {
      return List.of(
          new Finding(
              "outbox",
              false,
              "no reading waits for the server any more",
              List.of("Waiting:   none")));
    }
    Duration age = Duration.between(oldest.get(), now);
    boolean holds = age.compareTo(after) >= 0;
    return List.of(
        new Finding(
            "outbox",
            holds,
            holds
                ? "readings have waited for the server for " + human(age)
                : "no reading has waited for the server for " + human(after) + " any more",
            List.of(
                "Oldest waiting reading: taken " + oldest.get() + " (" + human(age) + " ago)",
                "Alert after: " + human(after))));
  }

  /** Make, model and serial: {@code HP LaserJet P2055dn CNB9S00001}. */
  static String name(AlertStates.Device d) {
    return makeModel(d) + d.serial().map(s -> " " + s).orElse("");
  }

  /** Make and model, the make once: {@code HP LaserJet P2055dn} (the model often names it). */
  static String makeModel(AlertStates.Device d) {
    String model = d.snapshot().map(s -> s.identity().model()).orElse(d.model());
    return model.toLowerCase(Locale.ROOT).startsWith(d.make().toLowerCase(Locale.ROOT))
        ? model
        : d.make() + " " + model;
  }

  /** The device's lines of an e-mail: make and model, serial, address, location. */
  static List<String> device(AlertStates.Device d) {
    Optional<String> location =
        d.snapshot().flatMap(s -> s.identity().location()).filter(l -> !l.isBlank());
    String address = d.snapshot().map(DeviceSnapshot::address).orElse(d.address());
    return List.of(
        "Device:    " + makeModel(d),
        "Serial:    " + d.serial().orElse("none (MAC only)"),
        "Address:   " + address,
        "Location:  " + location.orElse("not set"));
  }

  private static String supply(SupplyReading s) {
    return clean(s.description())
        + " ("
        + s.type()
        + s.partNumber().map(p -> ", part " + p).orElse("")
        + ")";
  }

  /** Text as a device wrote it, without the NULs some pad it with. */
  static String clean(String text) {
    return text.replace("\0", "").strip();
  }

  static String percent(double p) {
    return (p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%.1f", p))
        + " %";
  }

  /** "45 s", "4 min", "5 h 24 min", "2 d 3 h", as the CLI says durations. */
  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + " s";
    }
    long min = (s + 30) / 60;
    if (min < 60) {
      return min + " min";
    }
    long h = min / 60;
    long m = min % 60;
    if (h < 24) {
      return m == 0 ? h + " h" : h + " h " + m + " min";
    }
    long days = h / 24;
    long hours = h % 24;
    return hours == 0 ? days + " d" : days + " d " + hours + " h";
  }
}
