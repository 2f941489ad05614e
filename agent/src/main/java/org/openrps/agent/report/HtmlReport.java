package org.openrps.agent.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openrps.wire.AlertReading;
import org.openrps.wire.MeterReading;
import org.openrps.wire.SupplyReading;

/**
 * The {@link AuditReport} as one HTML document: self-contained (its style inline, no script, no
 * image, font or stylesheet, nothing fetched; the only links are to its own sections), every value
 * escaped (device text is the device's own), and readable when printed (headers repeat on each
 * page, rows are not split). A pure function of the report.
 */
public final class HtmlReport {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /** The only style. */
  static final String CSS =
      "*{box-sizing:border-box}"
          + "body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;"
          + "color:#1b1f24;background:#fff}"
          + "header,main,footer{max-width:90rem;margin:0 auto;padding:.75rem 1rem}"
          + "header{border-bottom:3px solid #1f3a5f}"
          + "h1{font-size:1.4rem;margin:0 0 .25rem}"
          + "h2{font-size:1.1rem;margin:1.5rem 0 .5rem;color:#1f3a5f}"
          + "header dl{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem;"
          + "margin:.5rem 0 0}"
          + "dt{font-weight:600}dd{margin:0}"
          + "nav ul{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:1rem}"
          + "table{border-collapse:collapse;width:100%;margin:0 0 1rem;border:1px solid #c8ced6}"
          + "th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;"
          + "border-bottom:1px solid #e3e6ea;overflow-wrap:break-word}"
          + "thead th{background:#eef1f4;font-size:.85rem}"
          + "td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
          + ".flag{color:#8a4b00;font-weight:700}"
          + ".weak{color:#a4161a;font-weight:700}"
          + ".ok{color:#1b6e2a;font-weight:700}"
          + ".none{color:#555;font-style:italic}"
          + "footer{font-size:.85rem;color:#555;border-top:1px solid #c8ced6}"
          + "@page{size:A4 landscape;margin:12mm}"
          + "@media print{body{font-size:9pt}nav{display:none}"
          + "header,main,footer{max-width:none;padding:0}"
          + "thead{display:table-header-group}"
          + "tr,td,th{break-inside:avoid;page-break-inside:avoid}"
          + "h2{break-after:avoid;page-break-after:avoid}"
          + "thead th{background:none;border-bottom:2px solid #000}"
          + ".flag,.weak,.ok{color:#000}}";

  private HtmlReport() {}

  /** The report as HTML, times in {@code zone}. */
  public static String render(AuditReport r, ZoneId zone) {
    StringBuilder h = new StringBuilder(16_384);
    AuditReport.Origin o = r.origin();
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>OpenRPS agent audit report, ")
        .append(esc(LOCAL.format(r.madeAt().atZone(zone))))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body><header><h1>OpenRPS agent audit report</h1><dl>");
    term(h, "Made", when(r.madeAt(), zone) + " (" + r.madeAt() + ")");
    term(h, "Agent", o.agentId().orElse("not enrolled") + ", version " + o.agentVersion());
    term(h, "Site", o.siteName().orElse("not configured"));
    term(
        h,
        "Devices",
        r.devices().size()
            + " ("
            + r.unreachableDevices()
            + " not answering, "
            + r.weakDevices()
            + " with weak SNMP security)");
    term(h, "Uploads logged", String.valueOf(r.uploads().size()));
    h.append("</dl><nav aria-label=\"Sections\"><ul>");
    for (String[] s : SECTIONS) {
      h.append("<li><a href=\"#").append(s[0]).append("\">").append(s[1]).append("</a></li>");
    }
    h.append("</ul></nav></header><main>");
    devices(h, r, zone);
    meters(h, r, zone);
    supplies(h, r, zone);
    alerts(h, r, zone);
    snmp(h, r);
    uploads(h, r, zone);
    h.append("</main><footer>Times are local (")
        .append(esc(zone.getId()))
        .append("). Made by the agent from its own database: what it read from the devices, as")
        .append(" it holds it; no community, user name or passphrase is in it.")
        .append(" The same as <code>openrps agent report</code>.</footer></body></html>");
    return h.toString();
  }

  private static final String[][] SECTIONS = {
    {"devices", "Devices"},
    {"meters", "Meters"},
    {"supplies", "Supplies"},
    {"alerts", "Active alerts"},
    {"snmp", "SNMP security"},
    {"uploads", "Sync history"}
  };

  private static void section(StringBuilder h, int i, String... columns) {
    h.append("<section id=\"")
        .append(SECTIONS[i][0])
        .append("\"><h2>")
        .append(SECTIONS[i][1])
        .append("</h2><table><thead><tr>");
    for (String c : columns) {
      h.append("<th scope=\"col\">").append(esc(c)).append("</th>");
    }
    h.append("</tr></thead><tbody>");
  }

  private static void endSection(StringBuilder h, int columns, boolean empty, String none) {
    if (empty) {
      h.append("<tr><td colspan=\"")
          .append(columns)
          .append("\" class=\"none\">")
          .append(esc(none))
          .append("</td></tr>");
    }
    h.append("</tbody></table></section>");
  }

  private static void devices(StringBuilder h, AuditReport r, ZoneId zone) {
    section(
        h,
        0,
        "Device",
        "Serial",
        "MAC",
        "Address",
        "Name",
        "Location",
        "First seen",
        "Last seen",
        "Answering");
    for (AuditReport.Device d : r.devices()) {
      h.append("<tr>");
      device(h, d);
      cell(h, d.mac().orElse(""));
      cell(h, d.address());
      cell(h, d.name().orElse(""));
      cell(h, d.location().orElse(d.serial().isPresent() ? "" : "not kept (no serial)"));
      cell(h, when(d.firstSeen(), zone));
      cell(h, when(d.lastSeen(), zone));
      AuditReport.Reachability a = d.reachability();
      h.append(a.reachable() ? "<td>" : "<td class=\"flag\">")
          .append(esc((a.reachable() ? "yes, since " : "no, not since ") + when(a.since(), zone)))
          .append("</td></tr>");
    }
    endSection(h, 9, r.devices().isEmpty(), "No device found yet.");
  }

  private static void meters(StringBuilder h, AuditReport r, ZoneId zone) {
    section(h, 1, "Device", "Serial", "Meter", "Value", "Read");
    boolean none = true;
    for (AuditReport.Device d : r.devices()) {
      for (MeterReading m : d.meters()) {
        none = false;
        h.append("<tr>");
        device(h, d);
        cell(h, m.name());
        if (m.flags().isEmpty()) {
          h.append("<td class=\"num\">")
              .append(String.format(Locale.ROOT, "%,d", m.value()))
              .append("</td>");
        } else {
          h.append("<td class=\"flag\">flagged ")
              .append(esc(String.join(", ", m.flags())))
              .append(": the device said ")
              .append(esc(String.format(Locale.ROOT, "%,d", m.value())))
              .append(", not to be billed without review</td>");
        }
        cell(h, when(m.readAt(), zone));
        h.append("</tr>");
      }
    }
    endSection(h, 5, none, "No meter read yet.");
  }

  private static void supplies(StringBuilder h, AuditReport r, ZoneId zone) {
    section(h, 2, "Device", "Serial", "Supply", "Type", "Level", "Read");
    boolean none = true;
    for (AuditReport.Device d : r.devices()) {
      for (SupplyReading s : d.supplies()) {
        none = false;
        h.append("<tr>");
        device(h, d);
        cell(h, s.description());
        cell(h, s.type());
        cell(h, level(s));
        cell(h, when(s.readAt(), zone));
        h.append("</tr>");
      }
    }
    endSection(h, 6, none, "No supply read yet.");
  }

  /** "40 %", "some left", "unknown", "1200 tenthsOfGrams (capacity unknown)". */
  static String level(SupplyReading s) {
    if (s.percent().isPresent()) {
      return percent(s.percent().getAsDouble()) + " %";
    }
    return switch (s.levelState()) {
      case known -> s.level() + " " + s.unit() + " (capacity unknown)";
      case someRemaining -> "some left (amount unknown)";
      case unknown -> "unknown";
      case other -> "other (the device does not say how much)";
      case invalid -> "invalid level " + s.level();
    };
  }

  /** 40, 37.5: one decimal at most, never more precise than the device. */
  static String percent(double p) {
    double rounded = Math.round(p * 10) / 10.0;
    return rounded == Math.rint(rounded)
        ? Long.toString((long) rounded)
        : String.format(Locale.ROOT, "%.1f", rounded);
  }

  private static void alerts(StringBuilder h, AuditReport r, ZoneId zone) {
    section(h, 3, "Device", "Serial", "Severity", "Alert", "Description", "Read");
    boolean none = true;
    for (AuditReport.Device d : r.devices()) {
      for (AlertReading a : d.alerts().orElse(List.of())) {
        none = false;
        h.append("<tr>");
        device(h, d);
        cell(h, a.severity());
        cell(h, a.group() + ": " + a.code());
        cell(h, a.description());
        cell(h, when(a.readAt(), zone));
        h.append("</tr>");
      }
      if (d.status().isPresent()) {
        for (String error : d.status().get().errors()) {
          none = false;
          h.append("<tr>");
          device(h, d);
          cell(h, "condition");
          cell(h, "detected error: " + error);
          cell(h, "printer status " + d.status().get().printerStatus());
          cell(h, when(d.status().get().readAt(), zone));
          h.append("</tr>");
        }
      }
    }
    endSection(h, 6, none, "No active alert.");
  }

  private static void snmp(StringBuilder h, AuditReport r) {
    section(
        h,
        4,
        "Device",
        "Serial",
        "Address",
        "Version",
        "Authentication",
        "Privacy",
        "Credential set",
        "Assessment");
    for (AuditReport.Device d : r.devices()) {
      h.append("<tr>");
      device(h, d);
      cell(h, d.address());
      Optional<AuditReport.Snmp> s = d.snmp();
      if (s.isEmpty()) {
        h.append("<td colspan=\"5\" class=\"none\">not known</td></tr>");
        continue;
      }
      AuditReport.Snmp p = s.get();
      cell(h, p.version());
      cell(h, p.auth().orElse("community"));
      cell(h, p.priv().orElse("none (cleartext)"));
      cell(h, p.credentialSet().orElse(""));
      if (p.weak()) {
        h.append("<td class=\"weak\">weak: ")
            .append(esc(String.join("; ", p.weaknesses())))
            .append("</td>");
      } else {
        h.append("<td class=\"ok\">not weak</td>");
      }
      h.append("</tr>");
    }
    endSection(h, 8, r.devices().isEmpty(), "No device found yet.");
  }

  private static void uploads(StringBuilder h, AuditReport r, ZoneId zone) {
    section(h, 5, "When", "Report", "Readings", "Outcome", "HTTP", "Server's answer");
    for (AuditReport.Upload u : r.uploads()) {
      h.append("<tr>");
      cell(h, when(u.at(), zone));
      cell(h, u.reportId());
      h.append("<td class=\"num\">").append(u.readings()).append("</td>");
      cell(h, u.outcome().name());
      cell(h, u.httpStatus().map(String::valueOf).orElse("no answer"));
      cell(h, CsvReport.answer(u));
      h.append("</tr>");
    }
    endSection(h, 6, r.uploads().isEmpty(), "No upload yet.");
  }

  private static void device(StringBuilder h, AuditReport.Device d) {
    h.append("<th scope=\"row\">").append(esc(d.displayName())).append("</th>");
    cell(h, d.serial().orElse("none (" + d.key() + ")"));
  }

  private static void term(StringBuilder h, String term, String value) {
    h.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>");
  }

  private static void cell(StringBuilder h, String value) {
    h.append("<td>").append(esc(value)).append("</td>");
  }

  private static String when(Instant t, ZoneId zone) {
    return LOCAL.format(t.atZone(zone));
  }

  /**
   * Text as HTML text or attribute value; control characters (which HTML cannot hold) as U+FFFD.
   * The agent's one escaper: its local page uses it too.
   */
  public static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (Character.isISOControl(c) && c != '\n' && c != '\t') {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
