package org.openrps.server.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.openrps.server.alerts.AlertRepository;
import org.openrps.server.asr.Asr;
import org.openrps.server.asr.AsrRoutes;
import org.openrps.server.commands.Commands;
import org.openrps.server.commands.StoredCommand;
import org.openrps.server.fleet.DeviceDiagnosticsView;
import org.openrps.server.fleet.DeviceRepository;
import org.openrps.server.fleet.DeviceState;
import org.openrps.server.fleet.FieldSources;
import org.openrps.server.fleet.TotalPagesView;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.incidents.IncidentRepository;
import org.openrps.server.meters.CurrentMeter;
import org.openrps.server.meters.MeterPoint;
import org.openrps.server.meters.MeterRepository;
import org.openrps.server.store.DeviceKey;
import org.openrps.server.store.TenantId;
import org.openrps.server.supplies.SupplyRepository;
import org.openrps.wire.DeviceDiagnostics;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.InputTray;
import org.openrps.wire.InstalledOption;
import org.openrps.wire.MeterReading;
import org.openrps.wire.SerialSource;
import org.openrps.wire.Source;
import org.openrps.wire.SupplyReading;
import org.openrps.wire.command.CommandTypes;

/**
 * {@code /devices/{customer}/{make}/{serial}}: one device. Its identity with the source of each
 * group of its state, its meters (a flagged one as flagged, never as pages) with their history as
 * charts, its supplies with their level history and the days-to-empty band of the supplies
 * forecast, its alerts and incidents, trays, options, firmware, SNMP posture and Device Direct
 * diagnostics, and the commands sent to it (or to the agent that reports it), with a form to send
 * one for a user who may change things. {@code /commands/{id}} follows one command.
 *
 * <p>A device outside the viewer's scope is "not found", as one that does not exist.
 */
public final class DeviceSection implements DashboardSection {

  /** The device page's command form's target. */
  static final String SEND = Links.DEVICE + "/commands";

  /** One command's page. */
  static final String COMMAND = "/commands/{id}";

  /** The chart windows, by their query value; the first is the default. */
  static final Map<String, Duration> WINDOWS = new LinkedHashMap<>();

  static {
    WINDOWS.put("90d", Duration.ofDays(90));
    WINDOWS.put("30d", Duration.ofDays(30));
    WINDOWS.put("365d", Duration.ofDays(365));
  }

  /** The expiry choices of the command form, by their form value; empty is the default. */
  static final Map<String, Duration> EXPIRIES = new LinkedHashMap<>();

  static {
    EXPIRIES.put("1h", Duration.ofHours(1));
    EXPIRIES.put("4h", Duration.ofHours(4));
    EXPIRIES.put("3d", Duration.ofDays(3));
    EXPIRIES.put("7d", Duration.ofDays(7));
    EXPIRIES.put("30d", Duration.ofDays(30));
  }

  /** The most readings of a device read for its charts. */
  static final int MAX_HISTORY = 100_000;

  /** The most points a chart's line is drawn from (thinned evenly; flagged ones always kept). */
  static final int MAX_CHART_POINTS = 400;

  /** Meters charted besides the total: those with the largest latest values. */
  static final int OTHER_METERS = 3;

  /** Alerts, incidents and commands shown. */
  static final int RECENT = 50;

  /** How far ahead a days-to-empty band is drawn at most. */
  static final Duration BAND_HORIZON = Duration.ofDays(365);

  private static final TypeReference<List<SerialSource>> SERIAL_SOURCES = new TypeReference<>() {};
  private static final TypeReference<List<InputTray>> INPUTS = new TypeReference<>() {};
  private static final TypeReference<List<InstalledOption>> OPTIONS = new TypeReference<>() {};

  private final DeviceRepository devices;
  private final MeterRepository meters;
  private final SupplyRepository supplies;
  private final AlertRepository alerts;
  private final IncidentRepository incidents;
  private final Asr asr;
  private final Commands commands;
  private final ObjectMapper json;

  /**
   * @param json the wire mapper (stored trays, options and diagnostics are wire JSON)
   */
  public DeviceSection(
      DeviceRepository devices,
      MeterRepository meters,
      SupplyRepository supplies,
      AlertRepository alerts,
      IncidentRepository incidents,
      Asr asr,
      Commands commands,
      ObjectMapper json) {
    this.devices = Objects.requireNonNull(devices, "devices");
    this.meters = Objects.requireNonNull(meters, "meters");
    this.supplies = Objects.requireNonNull(supplies, "supplies");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.incidents = Objects.requireNonNull(incidents, "incidents");
    this.asr = Objects.requireNonNull(asr, "asr");
    this.commands = Objects.requireNonNull(commands, "commands");
    this.json = Objects.requireNonNull(json, "json");
  }

  @Override
  public void pages(PageRoutes routes) {
    routes.get(Links.DEVICE, this::page);
    routes.post(SEND, this::send);
    routes.get(COMMAND, this::command);
  }

  /** What the command form holds, kept when a send is refused. */
  record CommandForm(String type, String params, String expires) {
    static final CommandForm EMPTY = new CommandForm("", "", "");
  }

  /** The device's state, its groups' sources, and who reports it. */
  private record Loaded(
      DeviceKey key, DeviceState device, DeviceRepository.Groups groups, List<String> agents) {

    DeviceRef ref() {
      return new DeviceRef(key.make(), key.serial());
    }

    /** The agent that reported the device last, if an agent reports it. */
    Optional<String> agent() {
      return sources().stream()
          .filter(s -> s.kind().equals("agent"))
          .max(Comparator.comparing(FieldSources.Source::readAt))
          .map(FieldSources.Source::id);
    }

    /** Whether a Device Direct module reports the device. */
    boolean direct() {
      return sources().stream().anyMatch(s -> s.kind().equals("device"));
    }

    List<FieldSources.Source> sources() {
      FieldSources f = groups.sources();
      List<FieldSources.Source> all = new ArrayList<>();
      for (FieldSources.Source s :
          new FieldSources.Source[] {
            f.address(),
            f.identity(),
            f.status(),
            f.meters(),
            f.supplies(),
            f.alerts(),
            f.inputs(),
            f.diagnostics()
          }) {
        if (s != null) {
          all.add(s);
        }
      }
      return all;
    }
  }

  private static DeviceKey key(Request request) {
    TenantId customer = DashboardText.tenant(request.pathParam("customer"));
    String make = request.pathParam("make");
    String serial = request.pathParam("serial");
    if (make.isBlank() || serial.isBlank()) {
      throw ApiException.notFound("device");
    }
    try {
      return new DeviceKey(customer, make, serial);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private Loaded load(Viewer viewer, DeviceKey key) {
    DeviceState d =
        devices.find(viewer.scope(), key).orElseThrow(() -> ApiException.notFound("device"));
    DeviceRepository.Groups groups =
        devices.groups(viewer.scope(), key).orElseThrow(() -> ApiException.notFound("device"));
    Loaded partial = new Loaded(key, d, groups, List.of());
    List<String> agents =
        partial.sources().stream()
            .filter(s -> s.kind().equals("agent"))
            .map(FieldSources.Source::id)
            .distinct()
            .toList();
    return new Loaded(key, d, groups, agents);
  }

  private Response page(Viewer viewer, Request request) {
    DeviceKey key = key(request);
    Loaded loaded = load(viewer, key);
    String window = request.query("window").orElse("").strip();
    if (!window.isEmpty() && !WINDOWS.containsKey(window)) {
      throw ApiException.badRequest("the chart window is one of " + WINDOWS.keySet());
    }
    Optional<String> notice =
        request
            .query("sent")
            .flatMap(id -> commands.find(viewer.scope(), id))
            .map(c -> "Command " + c.id() + " queued (" + c.type() + " for " + c.target() + ")");
    return Response.html(
        200,
        render(
            viewer,
            loaded,
            window.isEmpty() ? WINDOWS.keySet().iterator().next() : window,
            notice,
            Optional.empty(),
            CommandForm.EMPTY));
  }

  /**
   * The make and the model, the make once: many printers' model names already start with it
   * ("KONICA MINOLTA bizhub C300i", "HP LaserJet …"), whatever its case.
   */
  static String makeAndModel(String make, String model) {
    String m = model.strip();
    if (m.regionMatches(true, 0, make, 0, make.length())
        && (m.length() == make.length() || !Character.isLetterOrDigit(m.charAt(make.length())))) {
      return m;
    }
    return (make + " " + m).strip();
  }

  private String render(
      Viewer viewer,
      Loaded l,
      String window,
      Optional<String> notice,
      Optional<String> error,
      CommandForm form) {
    DeviceState d = l.device();
    String name = makeAndModel(d.make(), d.model()) + " · " + d.serial();
    StringBuilder body = new StringBuilder();
    body.append("<p class=\"muted\"><a href=\"/devices\">Devices</a> › ")
        .append(Html.escape(d.tenant().value()))
        .append(" › ")
        .append(Html.escape(d.site().value()))
        .append("</p>");
    body.append("<h1 id=\"device-name\">").append(Html.escape(name)).append("</h1>");
    notice.ifPresent(
        n ->
            body.append("<p class=\"notice\" role=\"status\" id=\"notice\">")
                .append(Html.escape(n))
                .append("</p>"));
    body.append(
        "<nav class=\"actions\" aria-label=\"On this page\">"
            + "<a href=\"#identity-h\">Identity</a><a href=\"#meters-h\">Meters</a>"
            + "<a href=\"#supplies-h\">Supplies</a><a href=\"#alerts-h\">Alerts</a>"
            + "<a href=\"#incidents-h\">Incidents</a><a href=\"#equipment-h\">Trays and options</a>"
            + "<a href=\"#snmp-h\">SNMP</a><a href=\"#diagnostics-h\">Diagnostics</a>"
            + "<a href=\"#commands-h\">Commands</a></nav>");
    Instant from = viewer.now().minus(WINDOWS.get(window));
    body.append(identity(viewer, l));
    body.append(meters(viewer, l, window, from));
    body.append(supplies(viewer, l, from));
    body.append(alertsAndIncidents(viewer, l));
    body.append(equipment(l));
    body.append(snmp(d));
    body.append(diagnostics(viewer, l));
    body.append(commandsPart(viewer, l, error, form));
    return Layout.page(viewer, "/devices", name, body.toString());
  }

  // identity and sources

  private String identity(Viewer viewer, Loaded l) {
    DeviceState d = l.device();
    DeviceState.Details x = d.details();
    StringBuilder out =
        new StringBuilder("<section aria-labelledby=\"identity-h\"><h2 id=\"identity-h\">Identity");
    out.append("</h2><div class=\"grid2\"><dl class=\"facts\" id=\"identity\">");
    fact(out, "make", "Make", Html.escape(d.make()));
    fact(out, "model", "Model", Html.escape(d.model()));
    fact(out, "serial", "Serial", Html.escape(d.serial()) + serialDisagreement(x));
    fact(out, "customer", "Customer", Html.escape(d.tenant().value()));
    fact(out, "site", "Site", Html.escape(d.site().value()));
    fact(out, "address", "Address", Html.escape(d.address()));
    fact(out, "mac", "MAC", Html.text(x.mac()));
    fact(out, "firmware", "Firmware", Html.text(x.firmware()));
    fact(out, "sysName", "sysName", Html.text(x.sysName()));
    fact(out, "location", "Location", Html.text(x.location()));
    fact(out, "manufacturer", "Manufacturer", Html.text(x.manufacturer()));
    fact(out, "brand", "Brand", Html.text(x.brand()));
    fact(out, "sysObjectId", "sysObjectID", Html.escape(x.sysObjectId()));
    fact(
        out,
        "uptime",
        "Uptime",
        x.uptimeSeconds().isPresent() ? uptime(x.uptimeSeconds().getAsLong()) : Html.UNKNOWN);
    fact(
        out,
        "status",
        "Status",
        Html.escape(d.printerStatus())
            + x.deviceStatus().map(s -> " (device " + Html.escape(s) + ")").orElse(""));
    fact(
        out,
        "errors",
        "Errors",
        x.errors().isEmpty()
            ? "<span class=\"ok\">none</span>"
            : "<span class=\"bad\">" + Html.escape(String.join(", ", x.errors())) + "</span>");
    fact(out, "lastSeen", "Last seen", Html.time(d.lastSeen()));
    fact(out, "lastReport", "Last report", Html.escape(x.lastReportId()));
    out.append("</dl>");
    out.append(sources(l.groups().sources()));
    out.append("</div></section>");
    return out.toString();
  }

  private static void fact(StringBuilder out, String id, String label, String html) {
    out.append("<dt>")
        .append(Html.escape(label))
        .append("</dt><dd id=\"fact-")
        .append(id)
        .append("\">")
        .append(html)
        .append("</dd>");
  }

  private String serialDisagreement(DeviceState.Details x) {
    if (x.serialDisagreementJson().isEmpty()) {
      return "";
    }
    List<SerialSource> sources = read(x.serialDisagreementJson().get(), SERIAL_SOURCES);
    return " <span class=\"flagged\" id=\"serial-disagreement\">sources disagree: "
        + Html.escape(
            sources.stream()
                .map(s -> s.source() + " says " + s.serial())
                .collect(Collectors.joining("; ")))
        + "</span>";
  }

  static String uptime(long seconds) {
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3600;
    long minutes = seconds % 3600 / 60;
    if (days > 0) {
      return Html.count(days) + " d " + hours + " h";
    }
    return hours > 0 ? hours + " h " + minutes + " min" : minutes + " min";
  }

  private static String sources(FieldSources f) {
    record Group(String key, String label, FieldSources.Source source) {}
    List<Group> groups =
        List.of(
            new Group("address", "Address", f.address()),
            new Group("identity", "Identity", f.identity()),
            new Group("status", "Status", f.status()),
            new Group("meters", "Meters", f.meters()),
            new Group("supplies", "Supplies", f.supplies()),
            new Group("alerts", "Alerts", f.alerts()),
            new Group("inputs", "Trays and options", f.inputs()),
            new Group("diagnostics", "Diagnostics", f.diagnostics()));
    Listing<Group> listing =
        new Listing<>(
                "sources",
                "Where each group came from",
                List.of(
                    Column.text("group", "Group", Group::label),
                    Column.of(
                        "source",
                        "Source",
                        g -> g.source() == null ? null : sourceText(g.source()),
                        g ->
                            g.source() == null
                                ? "<span class=\"muted\">not reported</span>"
                                : Html.escape(sourceText(g.source()))),
                    Column.time(
                        "readAt", "Read at", g -> g.source() == null ? null : g.source().readAt())))
            .rows(g -> "data-group=\"" + g.key() + "\"");
    return listing.html(groups, "");
  }

  /** {@code agent:agt-1}, or {@code device:dd-1 (Device Direct)}. */
  static String sourceText(FieldSources.Source s) {
    return s.kind() + ":" + s.id() + (s.kind().equals("device") ? " (Device Direct)" : "");
  }

  // meters

  private String meters(Viewer viewer, Loaded l, String window, Instant from) {
    DeviceState d = l.device();
    StringBuilder out =
        new StringBuilder("<section aria-labelledby=\"meters-h\"><h2 id=\"meters-h\">Meters</h2>");
    if (d.total().flagged()) {
      out.append("<p class=\"flagged\" id=\"total-note\">Total pages ")
          .append(Html.escape(TotalPagesView.note(d.total())))
          .append(".</p>");
    }
    List<CurrentMeter> current = meters.current(viewer.scope(), l.key());
    Listing<CurrentMeter> listing =
        new Listing<>(
                "meters",
                "Meters of the latest reading",
                List.of(
                    Column.text("name", "Meter", CurrentMeter::name),
                    Column.<CurrentMeter>of("value", "Value", m -> m.value(), DeviceSection::value)
                        .asNumber(),
                    Column.time("readAt", "Read at", CurrentMeter::readAt),
                    Column.text("source", "Source", CurrentMeter::source)))
            .rows(m -> "data-meter=\"" + Html.escape(m.name()) + "\"");
    out.append(listing.html(current, "No meter was reported."));
    out.append("<h3>History</h3><p class=\"actions\">Show the last ");
    for (String w : WINDOWS.keySet()) {
      String label = w.replace("d", " days");
      out.append(
          w.equals(window)
              ? "<strong aria-current=\"true\">" + label + "</strong>"
              : "<a href=\""
                  + Html.escape(
                      Links.device(d.tenant(), d.make(), d.serial()) + "?window=" + w + "#meters-h")
                  + "\">"
                  + label
                  + "</a>");
    }
    out.append("</p>");
    Map<String, List<MeterPoint>> byName = new LinkedHashMap<>();
    for (MeterPoint p : meters.meterPage(viewer.scope(), l.key(), from, "", -1, MAX_HISTORY)) {
      byName.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p);
    }
    List<String> charted = new ArrayList<>();
    if (byName.containsKey(MeterReading.TOTAL)) {
      charted.add(MeterReading.TOTAL);
    }
    byName.entrySet().stream()
        .filter(e -> !e.getKey().equals(MeterReading.TOTAL) && e.getValue().size() >= 2)
        .sorted(
            Comparator.comparingLong(
                    (Map.Entry<String, List<MeterPoint>> e) ->
                        e.getValue().get(e.getValue().size() - 1).value())
                .reversed())
        .limit(OTHER_METERS)
        .forEach(e -> charted.add(e.getKey()));
    if (charted.isEmpty()) {
      out.append(
          "<p class=\"muted\" id=\"meter-charts-empty\">No meter reading in this window.</p>");
    } else {
      out.append("<div class=\"grid2\" id=\"meter-charts\">");
      for (int i = 0; i < charted.size(); i++) {
        String meter = charted.get(i);
        List<SvgChart.Point> points = new ArrayList<>();
        for (MeterPoint p : byName.get(meter)) {
          List<String> flags = new ArrayList<>(p.flags());
          p.serverFlags().stream().filter(f -> !flags.contains(f)).forEach(flags::add);
          points.add(
              flags.isEmpty()
                  ? SvgChart.Point.of(p.readAt(), p.value())
                  : SvgChart.Point.without(p.readAt(), "flagged: " + String.join(", ", flags)));
        }
        String subject = meter.equals(MeterReading.TOTAL) ? "Total pages" : "Meter " + meter;
        out.append(
            new SvgChart(
                    i == 0 && meter.equals(MeterReading.TOTAL) ? "chart-total" : "chart-meter-" + i,
                    subject,
                    SvgChart.Scale.count,
                    List.of(new SvgChart.Series(meter, thin(points))),
                    Optional.empty())
                .html());
      }
      out.append("</div>");
    }
    return out.append("</section>").toString();
  }

  /**
   * A meter's value with thousands separators; a flagged one as flagged with its flags and its last
   * trusted value, never as a number of pages.
   */
  static String value(CurrentMeter m) {
    if (!m.flagged()) {
      return Html.count(m.value());
    }
    return "<span class=\"flagged\">flagged: "
        + Html.escape(String.join(", ", m.allFlags()))
        + "</span><br><span class=\"muted\">last trusted: "
        + (m.trustedValue().isPresent()
            ? Html.count(m.trustedValue().getAsLong())
                + m.trustedAt().map(t -> " at " + Html.time(t)).orElse("")
            : "none")
        + "</span>";
  }

  /** At most {@link #MAX_CHART_POINTS} points, evenly; points without a value are all kept. */
  static List<SvgChart.Point> thin(List<SvgChart.Point> points) {
    if (points.size() <= MAX_CHART_POINTS) {
      return points;
    }
    List<SvgChart.Point> out = new ArrayList<>(MAX_CHART_POINTS + 16);
    double every = (double) points.size() / MAX_CHART_POINTS;
    double next = 0;
    for (int i = 0; i < points.size(); i++) {
      SvgChart.Point p = points.get(i);
      if (p.value().isEmpty() || i >= next || i == points.size() - 1) {
        out.add(p);
        if (i >= next) {
          next += every;
        }
      }
    }
    return out;
  }

  // supplies

  private String supplies(Viewer viewer, Loaded l, Instant from) {
    StringBuilder out =
        new StringBuilder(
            "<section aria-labelledby=\"supplies-h\"><h2 id=\"supplies-h\">Supplies</h2>");
    List<SupplyRepository.StoredSupply> current = supplies.current(viewer.scope(), l.key());
    Map<Integer, AsrRoutes.ForecastView> forecasts = new TreeMap<>();
    asr.forecasts(l.key(), viewer.now()).forEach(f -> forecasts.put(f.index(), f));
    Listing<SupplyRepository.StoredSupply> listing =
        new Listing<>(
                "supplies",
                "Supplies of the latest reading",
                List.of(
                    Column.text("description", "Supply", s -> s.reading().description()),
                    Column.text("type", "Type", s -> s.reading().type()),
                    Column.<SupplyRepository.StoredSupply>of(
                            "level",
                            "Level",
                            s -> s.reading().percent().isPresent() ? s.reading().percent() : null,
                            s -> level(s.reading()))
                        .asNumber(),
                    Column.of(
                        "partNumber",
                        "Part number",
                        s -> s.reading().partNumber().orElse(null),
                        s -> Html.text(s.reading().partNumber())),
                    Column.of(
                        "empty",
                        "Empty in",
                        s -> null,
                        s ->
                            consumed(s.reading())
                                ? forecastText(forecasts.get(s.reading().index()), viewer.now())
                                : "<span class=\"muted\">not consumed</span>"),
                    Column.time("readAt", "Read at", s -> s.reading().readAt()),
                    Column.text("source", "Source", SupplyRepository.StoredSupply::source)))
            .rows(s -> "data-supply=\"" + s.reading().index() + "\"");
    out.append(listing.html(current, "No supply was reported."));
    Map<Integer, List<SupplyReading>> history = new TreeMap<>();
    for (SupplyRepository.SupplyPoint p :
        supplies.history(viewer.scope(), l.key(), Optional.empty(), from, "", -1, MAX_HISTORY)) {
      history.computeIfAbsent(p.reading().index(), i -> new ArrayList<>()).add(p.reading());
    }
    history.values().removeIf(list -> !consumed(list.get(list.size() - 1)));
    if (history.isEmpty()) {
      out.append(
          "<p class=\"muted\" id=\"supply-charts-empty\">No consumed supply level in this"
              + " window.</p>");
    } else {
      out.append("<h3>Level history and days to empty</h3>");
      out.append(
          "<p class=\"muted\">The band runs from today to the earliest and latest dates the"
              + " supply runs out at its recent rate of use (the supplies forecast).</p>");
      out.append("<div class=\"grid2\" id=\"supply-charts\">");
      for (Map.Entry<Integer, List<SupplyReading>> e : history.entrySet()) {
        List<SupplyReading> readings = e.getValue();
        SupplyReading last = readings.get(readings.size() - 1);
        List<SvgChart.Point> points = new ArrayList<>();
        for (SupplyReading r : readings) {
          points.add(
              r.percent().isPresent()
                  ? SvgChart.Point.of(r.readAt(), r.percent().getAsDouble())
                  : SvgChart.Point.without(r.readAt(), levelWords(r)));
        }
        AsrRoutes.ForecastView f = forecasts.get(e.getKey());
        out.append("<div class=\"supply-chart\">");
        out.append(
            new SvgChart(
                    "chart-supply-" + e.getKey(),
                    last.description() + " level",
                    SvgChart.Scale.percent,
                    List.of(new SvgChart.Series(last.description(), thin(points))),
                    band(f, viewer.now()))
                .html());
        out.append("<p class=\"forecast\" id=\"forecast-")
            .append(e.getKey())
            .append("\">")
            .append(Html.escape(last.description()))
            .append(": ")
            .append(forecastText(f, viewer.now()))
            .append("</p></div>");
      }
      out.append("</div>");
    }
    return out.append("</section>").toString();
  }

  private static boolean consumed(SupplyReading s) {
    return "supplyThatIsConsumed".equals(s.supplyClass());
  }

  /** A level in percent; a level that is not an amount in words (unknown stays "unknown"). */
  static String level(SupplyReading s) {
    if (s.percent().isPresent()) {
      double p = s.percent().getAsDouble();
      return "<span"
          + (p < OverviewSection.LOW_SUPPLY ? " class=\"low\"" : "")
          + ">"
          + Html.percent(p)
          + "</span>";
    }
    return "<span class=\"muted\">" + Html.escape(levelWords(s)) + "</span>";
  }

  private static String levelWords(SupplyReading s) {
    return switch (s.levelState()) {
      case known -> "unknown"; // an amount without a capacity
      case other -> "other";
      case unknown, invalid -> "unknown";
      case someRemaining -> "some remaining";
    };
  }

  /** "empty in N–M days" from the forecast, or why there is no such figure ("not enough data"). */
  static String forecastText(AsrRoutes.ForecastView f, Instant now) {
    if (f == null) {
      return "<span class=\"muted\">no forecast</span>";
    }
    if (f.emptySince() != null && f.levelPercent() != null && f.levelPercent() <= 0) {
      return "<span class=\"bad\">empty since " + Html.time(f.emptySince()) + "</span>";
    }
    if (f.perDay() == null || f.levelPercent() == null) {
      return "<span class=\"muted\">not enough data</span>";
    }
    if (f.daysToEmptyLow() == null) {
      return "<span class=\"muted\">not being used up</span>";
    }
    long low = Math.round(f.daysToEmptyLow());
    if (f.daysToEmptyHigh() == null) {
      return "empty in " + Html.count(low) + " days or more";
    }
    long high = Math.round(f.daysToEmptyHigh());
    String text = low == high ? Html.count(low) : Html.count(low) + "–" + Html.count(high);
    return "<span" + (low < 7 ? " class=\"low\"" : "") + ">empty in " + text + " days</span>";
  }

  static Optional<SvgChart.Band> band(AsrRoutes.ForecastView f, Instant now) {
    if (f == null || f.levelPercent() == null || f.daysToEmptyLow() == null) {
      return Optional.empty();
    }
    Instant horizon = now.plus(BAND_HORIZON);
    Instant low = min(now.plus(days(f.daysToEmptyLow())), horizon);
    Instant high =
        f.daysToEmptyHigh() == null ? horizon : min(now.plus(days(f.daysToEmptyHigh())), horizon);
    return Optional.of(new SvgChart.Band(now, f.levelPercent(), low, high));
  }

  private static Duration days(double days) {
    return Duration.ofSeconds(Math.round(Math.min(days, 36_500) * 86_400));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  // alerts and incidents

  private String alertsAndIncidents(Viewer viewer, Loaded l) {
    StringBuilder out =
        new StringBuilder("<section aria-labelledby=\"alerts-h\"><h2 id=\"alerts-h\">Alerts</h2>");
    List<AlertRepository.DeviceAlert> list = alerts.alerts(viewer.scope(), l.key(), false, RECENT);
    long open = list.stream().filter(a -> a.clearedAt().isEmpty()).count();
    out.append("<p class=\"muted\" id=\"alerts-count\">")
        .append(open == 1 ? "1 open alert" : Html.count(open) + " open alerts")
        .append(", newest first with the recently cleared ones.</p>");
    Listing<AlertRepository.DeviceAlert> alertList =
        new Listing<>(
                "alerts",
                "Alerts, open and recent",
                List.of(
                    Column.of(
                        "state",
                        "State",
                        a -> a.clearedAt().isEmpty() ? "open" : "cleared",
                        a ->
                            a.clearedAt().isEmpty()
                                ? "<span class=\"bad\">open</span>"
                                : "<span class=\"muted\">cleared</span>"),
                    Column.text("severity", "Severity", AlertRepository.DeviceAlert::severity),
                    Column.text("code", "Code", AlertRepository.DeviceAlert::code),
                    Column.text(
                        "description", "Description", AlertRepository.DeviceAlert::description),
                    Column.text("group", "Group", AlertRepository.DeviceAlert::group),
                    Column.time(
                        "firstSeen", "First seen", AlertRepository.DeviceAlert::firstSeenAt),
                    Column.time("cleared", "Cleared", a -> a.clearedAt().orElse(null)),
                    Column.text("source", "Source", AlertRepository.DeviceAlert::source)))
            .rows(a -> "data-code=\"" + Html.escape(a.code()) + "\"");
    out.append(alertList.html(list, "No alert was reported."));
    out.append("</section><section aria-labelledby=\"incidents-h\"><h2 id=\"incidents-h\">");
    out.append("Incident history</h2>");
    Listing<IncidentRepository.Incident> incidentList =
        new Listing<>(
            "incidents",
            "Incidents, newest first",
            List.of(
                Column.of(
                    "state",
                    "State",
                    i -> i.closedAt().isEmpty() ? "open" : "closed",
                    i ->
                        i.closedAt().isEmpty()
                            ? "<span class=\"bad\">open</span>"
                            : "<span class=\"muted\">closed</span>"),
                Column.text("severity", "Severity", IncidentRepository.Incident::severity),
                Column.text("code", "Code", IncidentRepository.Incident::code),
                Column.text("kind", "Kind", IncidentRepository.Incident::kind),
                Column.text("description", "Description", IncidentRepository.Incident::description),
                Column.time("opened", "Opened", IncidentRepository.Incident::openedAt),
                Column.time("lastSeen", "Last seen", IncidentRepository.Incident::lastSeenAt),
                Column.time("closed", "Closed", i -> i.closedAt().orElse(null)),
                Column.<IncidentRepository.Incident>of(
                        "returned",
                        "Returned",
                        IncidentRepository.Incident::returned,
                        i -> Html.count(i.returned()))
                    .asNumber()));
    out.append(
        incidentList.html(
            incidents.history(viewer.scope(), l.key(), RECENT), "No incident so far."));
    return out.append("</section>").toString();
  }

  // trays, options, SNMP, diagnostics

  private String equipment(Loaded l) {
    DeviceState.Details x = l.device().details();
    StringBuilder out =
        new StringBuilder(
            "<section aria-labelledby=\"equipment-h\"><h2 id=\"equipment-h\">Trays, options and"
                + " firmware</h2>");
    Listing<InputTray> trays =
        new Listing<>(
            "trays",
            "Input trays",
            List.of(
                Column.<InputTray>of("index", "#", InputTray::index, t -> "" + t.index())
                    .asNumber(),
                Column.text("name", "Tray", InputTray::name),
                Column.of(
                    "media",
                    "Media",
                    t -> t.mediaName().orElse(null),
                    t -> Html.text(t.mediaName())),
                Column.of("level", "Level", t -> t.currentLevel(), DeviceSection::trayLevel)));
    out.append(trays.html(read(x.inputsJson(), INPUTS), "No input tray was reported."));
    Listing<InstalledOption> options =
        new Listing<>(
            "options",
            "Installed options",
            List.of(
                Column.text("type", "Type", InstalledOption::type),
                Column.text("description", "Description", InstalledOption::description),
                Column.of(
                    "status", "Status", o -> o.status().orElse(null), o -> Html.text(o.status()))));
    out.append(options.html(read(x.optionsJson(), OPTIONS), "No installed option was reported."));
    Map<String, String> versions = new TreeMap<>();
    x.firmware().ifPresent(f -> versions.put("firmware (SNMP)", f));
    diagnostics(l).ifPresent(diag -> versions.putAll(diag.versions()));
    out.append("<h3>Firmware versions</h3>");
    if (versions.isEmpty()) {
      out.append("<p class=\"muted\" id=\"versions-empty\">No firmware version was reported.</p>");
    } else {
      out.append("<dl class=\"facts\" id=\"versions\">");
      versions.forEach(
          (k, v) ->
              out.append("<dt>")
                  .append(Html.escape(k))
                  .append("</dt><dd>")
                  .append(Html.escape(v))
                  .append("</dd>"));
      out.append("</dl>");
    }
    return out.append("</section>").toString();
  }

  private static String trayLevel(InputTray t) {
    String level =
        switch (t.currentLevel()) {
          case -1 -> "other";
          case -2 -> "unknown";
          case -3 -> "some remaining";
          default -> t.currentLevel() < 0 ? "unknown" : Html.count(t.currentLevel());
        };
    String max = t.maxCapacity() > 0 ? " of " + Html.count(t.maxCapacity()) : "";
    return t.currentLevel() < 0
        ? "<span class=\"muted\">" + level + "</span>"
        : level + max + " sheets";
  }

  private static String snmp(DeviceState d) {
    DeviceState.Details x = d.details();
    StringBuilder out =
        new StringBuilder(
            "<section aria-labelledby=\"snmp-h\"><h2 id=\"snmp-h\">SNMP posture</h2>"
                + "<dl class=\"facts\" id=\"snmp\">");
    fact(out, "snmpVersion", "Version", Html.text(x.snmpVersion()));
    fact(out, "snmpSecurity", "Security", Html.text(x.snmpSecurity()));
    List<String> weak = SnmpPostureCheck.weaknesses(x.snmpVersion(), x.snmpSecurity());
    fact(
        out,
        "snmpAssessment",
        "Assessment",
        x.snmpVersion().isEmpty()
            ? "<span class=\"muted\">not reported (not read over SNMP by an agent)</span>"
            : weak.isEmpty()
                ? "<span class=\"ok\">not weak</span>"
                : "<span class=\"bad\">weak: " + Html.escape(String.join("; ", weak)) + "</span>");
    out.append("</dl><p class=\"muted\" id=\"snmp-rule\">")
        .append(Html.escape(SnmpPostureCheck.RULE))
        .append("</p></section>");
    return out.toString();
  }

  private Optional<DeviceDiagnostics> diagnostics(Loaded l) {
    if (l.groups().diagnosticsJson().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          json.readValue(l.groups().diagnosticsJson().get(), DeviceDiagnostics.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored diagnostics are not wire JSON", e);
    }
  }

  private String diagnostics(Viewer viewer, Loaded l) {
    StringBuilder out =
        new StringBuilder(
            "<section aria-labelledby=\"diagnostics-h\"><h2 id=\"diagnostics-h\">Diagnostics"
                + " (Device Direct)</h2>");
    Optional<DeviceDiagnostics> diag = diagnostics(l);
    if (diag.isEmpty()) {
      out.append(
          "<p class=\"muted\" id=\"diagnostics-empty\">No Device Direct module reported"
              + " diagnostics for this device.</p></section>");
      return out.toString();
    }
    FieldSources.Source source = l.groups().sources().diagnostics();
    out.append("<p id=\"diagnostics-source\">Read ")
        .append(Html.time(diag.get().readAt()))
        .append(source == null ? "" : " by " + Html.escape(sourceText(source)))
        .append(".</p>");
    Listing<DeviceDiagnostics.Fault> active =
        new Listing<>(
            "faults",
            "Active faults",
            List.of(
                Column.text("code", "Code", DeviceDiagnostics.Fault::code),
                Column.text("description", "Description", DeviceDiagnostics.Fault::description),
                Column.text("severity", "Severity", DeviceDiagnostics.Fault::severity),
                Column.time("raised", "Raised", DeviceDiagnostics.Fault::raisedAt)));
    out.append(active.html(diag.get().faults(), "No active fault."));
    Listing<DeviceDiagnosticsView.Fault> history =
        new Listing<>(
            "fault-history",
            "Fault history, newest first",
            List.of(
                Column.text("code", "Code", DeviceDiagnosticsView.Fault::code),
                Column.text("description", "Description", DeviceDiagnosticsView.Fault::description),
                Column.text("severity", "Severity", DeviceDiagnosticsView.Fault::severity),
                Column.time("raised", "Raised", DeviceDiagnosticsView.Fault::raisedAt),
                Column.time("cleared", "Cleared", DeviceDiagnosticsView.Fault::clearedAt)));
    out.append(history.html(devices.faults(viewer.scope(), l.key(), RECENT), "No fault recorded."));
    return out.append("</section>").toString();
  }

  // commands

  private List<StoredCommand> commandsFor(Viewer viewer, Loaded l) {
    Map<String, StoredCommand> byId = new LinkedHashMap<>();
    commands
        .list(
            viewer.scope(),
            new Commands.Filter(
                Optional.of(l.key().tenant()),
                Optional.of(l.ref()),
                Optional.empty(),
                Optional.empty()),
            Optional.empty(),
            "",
            RECENT)
        .forEach(c -> byId.put(c.id(), c));
    for (String agent : l.agents()) {
      commands
          .list(
              viewer.scope(),
              new Commands.Filter(
                  Optional.of(l.key().tenant()),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.of(agent)),
              Optional.empty(),
              "",
              RECENT)
          .stream()
          // the agent's own commands, and its commands for this device; not those for others
          .filter(c -> c.device().isEmpty() || c.device().equals(Optional.of(l.ref())))
          .forEach(c -> byId.putIfAbsent(c.id(), c));
    }
    return byId.values().stream()
        .sorted(
            Comparator.comparing(StoredCommand::createdAt)
                .thenComparing(StoredCommand::id)
                .reversed())
        .limit(RECENT)
        .toList();
  }

  /** The command types the device page offers: its agent's, and its own when it has a module. */
  static List<CommandTypes.Type> offered(boolean byAgent, boolean direct) {
    return CommandTypes.all().stream()
        .filter(
            t ->
                (byAgent && t.appliedBy() == Source.Kind.agent)
                    || (direct && t.appliedBy() == Source.Kind.device))
        .toList();
  }

  private String commandsPart(Viewer viewer, Loaded l, Optional<String> error, CommandForm form) {
    StringBuilder out =
        new StringBuilder(
            "<section aria-labelledby=\"commands-h\"><h2 id=\"commands-h\">Commands</h2>");
    out.append(
        "<p class=\"muted\">Commands wait on the server until the agent or the device's own module"
            + " fetches them at its next contact; the newest first.</p>");
    Listing<StoredCommand> listing =
        new Listing<>(
                "commands",
                "Commands for this device and its agent",
                List.of(
                    Column.of(
                        "id",
                        "Command",
                        StoredCommand::id,
                        c -> Html.link("/commands/" + Html.url(c.id()), c.id())),
                    Column.text("type", "Type", StoredCommand::type),
                    Column.text("target", "For", StoredCommand::target),
                    Column.text("params", "Parameters", c -> params(c.params())),
                    Column.of("state", "State", c -> c.state().name(), DeviceSection::state),
                    Column.time("created", "Sent", StoredCommand::createdAt),
                    Column.text("by", "By", StoredCommand::createdBy),
                    Column.time("expires", "Expires", StoredCommand::expiresAt),
                    Column.text("result", "Result", c -> c.message().orElse(""))))
            .rows(
                c ->
                    "data-command=\""
                        + Html.escape(c.id())
                        + "\" data-state=\""
                        + c.state().name()
                        + "\"");
    out.append(listing.html(commandsFor(viewer, l), "No command was sent to this device."));
    if (viewer.canChange()) {
      out.append(form(viewer, l, error, form));
    }
    return out.append("</section>").toString();
  }

  private static String params(Map<String, String> params) {
    return new TreeMap<>(params)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "));
  }

  static String state(StoredCommand c) {
    String css =
        switch (c.state()) {
          case done -> "ok";
          case failed, expired -> "bad";
          case queued, delivered -> "muted";
        };
    return "<span class=\"" + css + "\">" + c.state().name() + "</span>";
  }

  private static String form(Viewer viewer, Loaded l, Optional<String> error, CommandForm form) {
    Optional<String> agent = l.agent();
    List<CommandTypes.Type> types = offered(agent.isPresent(), l.direct());
    StringBuilder out = new StringBuilder("<h3 id=\"send-h\">Send a command</h3>");
    error.ifPresent(
        e ->
            out.append("<p class=\"error\" role=\"alert\" id=\"command-error\">")
                .append(Html.escape(e))
                .append("</p>"));
    if (types.isEmpty()) {
      return out.append(
              "<p class=\"muted\">Nothing reports this device that could apply a" + " command.</p>")
          .toString();
    }
    DeviceState d = l.device();
    out.append("<form class=\"stacked\" method=\"post\" id=\"send-command\" action=\"")
        .append(Html.escape(Links.device(d.tenant(), d.make(), d.serial()) + "/commands"))
        .append("\" aria-labelledby=\"send-h\">")
        .append(viewer.csrfField());
    out.append("<label>Command<select name=\"type\" id=\"command-type\" required>");
    if (agent.isPresent()) {
      out.append("<optgroup label=\"")
          .append(Html.escape("To the agent " + agent.get()))
          .append("\">");
      types.stream()
          .filter(t -> t.appliedBy() == Source.Kind.agent)
          .forEach(t -> out.append(typeOption(t, form.type())));
      out.append("</optgroup>");
    }
    if (l.direct()) {
      out.append("<optgroup label=\"To the device (Device Direct)\">");
      types.stream()
          .filter(t -> t.appliedBy() == Source.Kind.device)
          .forEach(t -> out.append(typeOption(t, form.type())));
      out.append("</optgroup>");
    }
    out.append("</select></label>");
    out.append(
            "<label>Parameters, one key=value a line<textarea name=\"params\" id=\"command-params\""
                + " rows=\"3\" cols=\"32\">")
        .append(Html.escape(form.params()))
        .append("</textarea></label>");
    out.append("<label>Expires in<select name=\"expires\" id=\"command-expires\">")
        .append(DevicesSection.option("", "24 hours (default)", form.expires()));
    Map<String, String> labels =
        Map.of("1h", "1 hour", "4h", "4 hours", "3d", "3 days", "7d", "7 days", "30d", "30 days");
    EXPIRIES
        .keySet()
        .forEach(k -> out.append(DevicesSection.option(k, labels.get(k), form.expires())));
    out.append("</select></label><button type=\"submit\">Send</button></form>");
    out.append("<details><summary>What each command does</summary><dl class=\"facts\">");
    for (CommandTypes.Type t : types) {
      out.append("<dt>")
          .append(Html.escape(t.name()))
          .append("</dt><dd>")
          .append(Html.escape(t.description()))
          .append(
              t.required().isEmpty()
                  ? ""
                  : " (needs " + Html.escape(String.join(", ", t.required())) + ")")
          .append("</dd>");
    }
    return out.append("</dl></details>").toString();
  }

  private static String typeOption(CommandTypes.Type t, String selected) {
    return "<option value=\""
        + Html.escape(t.name())
        + "\""
        + (t.name().equals(selected) ? " selected" : "")
        + ">"
        + Html.escape(t.name())
        + "</option>";
  }

  /** {@code key=value} lines as parameters; blank lines are skipped. */
  static Map<String, String> parseParams(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n|\r");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw ApiException.badRequest(
            "parameter line " + (i + 1) + " is not key=value: " + abbreviated(line));
      }
      String key = line.substring(0, eq).strip();
      if (out.put(key, line.substring(eq + 1).strip()) != null) {
        throw ApiException.badRequest("parameter " + abbreviated(key) + " is given twice");
      }
    }
    return out;
  }

  private static String abbreviated(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }

  private Response send(Viewer viewer, Request request) {
    viewer.user().requireChange();
    DeviceKey key = key(request);
    Loaded l = load(viewer, key);
    CommandForm form =
        new CommandForm(
            request.form("type").orElse("").strip(),
            request.form("params").orElse(""),
            request.form("expires").orElse("").strip());
    try {
      Duration expiresIn = Commands.DEFAULT_EXPIRY;
      if (!form.expires().isEmpty()) {
        expiresIn = EXPIRIES.get(form.expires());
        if (expiresIn == null) {
          throw ApiException.badRequest("expires in is one of " + EXPIRIES.keySet());
        }
      }
      if (form.type().isEmpty()) {
        throw ApiException.badRequest("choose the command to send");
      }
      Map<String, String> params = parseParams(form.params());
      Optional<CommandTypes.Type> type = CommandTypes.find(form.type());
      Commands.Order order;
      if (type.isPresent() && type.get().appliedBy() == Source.Kind.agent) {
        String agent =
            l.agent()
                .orElseThrow(
                    () ->
                        ApiException.badRequest(
                            "no agent reports this device, so nothing would apply " + form.type()));
        order =
            new Commands.Order(
                form.type(),
                params,
                expiresIn,
                form.type().equals(CommandTypes.REREAD_DEVICE) ? List.of(l.ref()) : List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(agent));
      } else {
        // a device's own command, or an unknown type the service names as such
        order =
            new Commands.Order(
                form.type(),
                params,
                expiresIn,
                List.of(l.ref()),
                Optional.of(key.tenant()),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
      }
      Commands.Sent sent =
          commands.send(viewer.scope(), viewer.user().tenant(), viewer.user().username(), order);
      String id = sent.commands().get(0).id();
      return Response.redirect(
          Links.device(key.tenant(), key.make(), key.serial())
              + "?sent="
              + Html.url(id)
              + "#commands-h");
    } catch (ApiException e) {
      if (e.status() != 400 && e.status() != 409) {
        throw e;
      }
      return Response.html(
          e.status(),
          render(
              viewer,
              l,
              WINDOWS.keySet().iterator().next(),
              Optional.empty(),
              Optional.of(e.getMessage()),
              form));
    }
  }

  private Response command(Viewer viewer, Request request) {
    String id = request.pathParam("id");
    StoredCommand c =
        commands.find(viewer.scope(), id).orElseThrow(() -> ApiException.notFound("command"));
    StringBuilder body = new StringBuilder();
    Optional<DeviceRef> device = c.device();
    body.append("<p class=\"muted\"><a href=\"/devices\">Devices</a>");
    device.ifPresent(
        d ->
            body.append(" › ")
                .append(Html.link(Links.device(c.tenant(), d.make(), d.serial()), d.toString())));
    body.append("</p><h1>Command ").append(Html.escape(c.id())).append("</h1>");
    body.append("<p class=\"actions\"><a id=\"refresh\" href=\"")
        .append(Html.escape("/commands/" + Html.url(c.id())))
        .append("\">Refresh</a>")
        .append(
            c.state().finished()
                ? "<span class=\"muted\">This command's life is over.</span>"
                : "<span class=\"muted\">Waiting for its "
                    + (c.agent().isPresent() ? "agent" : "device")
                    + " to fetch it and answer; refresh to follow it.</span>")
        .append("</p><dl class=\"facts\" id=\"command\">");
    fact(body, "state", "State", state(c));
    fact(body, "type", "Type", Html.escape(c.type()));
    fact(body, "target", "For", Html.escape(c.target()));
    fact(body, "customer", "Customer", Html.escape(c.tenant().value()));
    fact(
        body,
        "params",
        "Parameters",
        c.params().isEmpty()
            ? "<span class=\"muted\">none</span>"
            : Html.escape(params(c.params())));
    fact(body, "created", "Sent", Html.time(c.createdAt()) + " by " + Html.escape(c.createdBy()));
    fact(body, "expires", "Expires", Html.time(c.expiresAt()));
    fact(body, "delivered", "Delivered", Html.time(c.deliveredAt()));
    fact(body, "applied", "Applied", Html.time(c.appliedAt()));
    fact(body, "finished", "Finished", Html.time(c.finishedAt()));
    fact(body, "message", "Result", Html.text(c.message()));
    fact(
        body,
        "details",
        "Details",
        c.details().isEmpty()
            ? "<span class=\"muted\">none</span>"
            : Html.escape(params(c.details())));
    body.append("</dl>");
    return Response.html(
        200, Layout.page(viewer, "/devices", "Command " + c.id(), body.toString()));
  }

  private <T> List<T> read(String text, TypeReference<List<T>> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored list is not JSON", e);
    }
  }
}
