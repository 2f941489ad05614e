package org.openrps.agent.page;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.openrps.agent.report.HtmlReport;
import org.openrps.agent.status.AgentStatus;
import org.openrps.agent.status.NextSteps;

/**
 * The local page as HTML, made on the server: self-contained (inline CSS, nothing fetched, no
 * script), semantic tables with captions and headers, readable on a phone. Every text that comes
 * from the store is escaped: device names and locations are the printers' own text.
 */
final class PageHtml {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  /** The only style: inline, so that the Content-Security-Policy allows nothing else. */
  static final String CSS =
      "*{box-sizing:border-box}"
          + "body{font:16px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;"
          + "color:#1b1f24;background:#f6f7f9}"
          + "header,main,footer{max-width:72rem;margin:0 auto;padding:.75rem 1rem}"
          + "header{background:#1f3a5f;color:#fff;max-width:none}"
          + "h1{font-size:1.25rem;margin:0}"
          + "header p{margin:.25rem 0 0;font-size:.9rem;opacity:.9}"
          + "table{border-collapse:collapse;width:100%;background:#fff;margin:0 0 1.25rem;"
          + "border:1px solid #d0d5dc}"
          + "caption{text-align:left;font-weight:700;font-size:1.05rem;padding:.5rem 0}"
          + "th,td{text-align:left;vertical-align:top;padding:.4rem .6rem;"
          + "border-bottom:1px solid #e3e6ea;overflow-wrap:anywhere}"
          + "thead th{background:#eef1f4;font-size:.9rem}"
          + "tbody th{width:13rem;font-weight:600;overflow-wrap:normal}"
          + ".silent{background:#fff4e5}"
          + ".flag{color:#8a4b00;font-weight:700}"
          + ".bad{color:#a4161a;font-weight:700}"
          + ".ok{color:#1b6e2a;font-weight:700}"
          + ".notice{background:#e8f1fb;border:1px solid #9cc1ea;padding:.5rem .75rem}"
          + "form{margin:0 0 1.25rem}"
          + "button{font:inherit;padding:.45rem 1rem;border:1px solid #1f3a5f;border-radius:4px;"
          + "background:#1f3a5f;color:#fff;cursor:pointer}"
          + "footer{font-size:.85rem;color:#555}"
          + "@media (max-width:640px){"
          + "tbody th{width:40%}"
          + "table.devices thead{position:absolute;width:1px;height:1px;overflow:hidden;"
          + "clip:rect(0 0 0 0)}"
          + "table.devices tr{display:block;border-bottom:2px solid #d0d5dc}"
          + "table.devices td,table.devices th{display:block;border:0;width:auto}"
          + "table.devices td::before{content:attr(data-label) ': ';font-weight:600}}";

  private PageHtml() {}

  /**
   * The page.
   *
   * @param csrf the token the sync form sends back; empty when the page offers no sync button
   * @param notice a line shown at the top (the outcome of a sync asked from the page), already
   *     plain text
   * @param reportLinks whether the page links to the audit report
   */
  static String render(
      AgentStatus s,
      ZoneId zone,
      Optional<String> csrf,
      Optional<String> notice,
      int refresh,
      boolean reportLinks) {
    StringBuilder h = new StringBuilder(8192);
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    if (refresh > 0) {
      h.append("<meta http-equiv=\"refresh\" content=\"").append(refresh).append("\">");
    }
    h.append("<title>OpenRPS agent status</title><style>")
        .append(CSS)
        .append("</style></head><body><header><h1>OpenRPS agent</h1><p>Status at ")
        .append(esc(LOCAL.format(s.at().atZone(zone))))
        .append(" (local time, ")
        .append(esc(zone.getId()))
        .append(")</p></header><main>");
    notice.ifPresent(n -> h.append("<p class=\"notice\" role=\"status\">").append(esc(n)));
    notice.ifPresent(n -> h.append("</p>"));

    NextSteps next = s.next();
    h.append("<table class=\"sync\"><caption>Sync window</caption><tbody>");
    row(
        h,
        "Agent",
        next.agentRunning()
            ? "running" + next.running().map(r -> " (" + r + " under way)").orElse("")
            : "not running (next times from the schedule)");
    row(h, "Last data from the devices", lastPoll(s, zone));
    row(h, "Last exchange with the server", exchange(s.lastExchange(), s.at(), zone));
    s.lastUpload()
        .filter(u -> s.lastExchange().map(x -> !x.at().equals(u.at())).orElse(true))
        .ifPresent(u -> row(h, "Last upload attempt", exchange(Optional.of(u), s.at(), zone)));
    row(h, "Last successful sync", s.lastSuccessfulSync().map(t -> when(t, s.at(), zone)));
    row(h, "Secret last rotated", s.lastSecretRotation().map(t -> when(t, s.at(), zone)));
    row(h, "Next poll", Optional.of(when(next.nextPoll(), s.at(), zone)));
    row(h, "Next sync", Optional.of(when(next.nextSync(), s.at(), zone)));
    row(h, "Sync retry", next.syncRetryAt().map(t -> when(t, s.at(), zone)).orElse("none pending"));
    h.append("</tbody></table>");

    if (csrf.isPresent() && next.agentRunning()) {
      h.append("<form method=\"post\" action=\"/sync\"><input type=\"hidden\" name=\"csrf\"")
          .append(" value=\"")
          .append(esc(csrf.get()))
          .append("\"><button type=\"submit\">Sync now</button></form>");
    }

    AgentStatus.Backlog b = s.backlog();
    h.append("<table class=\"backlog\"><caption>Outbox backlog</caption><tbody>");
    row(h, "Reports waiting", String.valueOf(b.reports()));
    row(
        h,
        "Readings waiting",
        b.readings() + " (" + b.readingsNotInAReport() + " not in a report yet)");
    row(h, "Bytes waiting", String.format(Locale.ROOT, "%,d", b.bytes()));
    row(h, "Oldest waiting reading", b.oldest().map(t -> when(t, s.at(), zone)).orElse("none"));
    row(h, "Refused reports kept", b.refusedReports() + " (" + b.refusedReadings() + " readings)");
    h.append("</tbody></table>");

    h.append("<table class=\"devices\"><caption>Devices (")
        .append(s.devices().size())
        .append(s.silentDevices() > 0 ? ", " + s.silentDevices() + " not heard for a day" : "")
        .append(")</caption>")
        .append("<thead><tr><th scope=\"col\">Device</th><th scope=\"col\">Serial</th>")
        .append("<th scope=\"col\">Name</th><th scope=\"col\">Address</th>")
        .append("<th scope=\"col\">Last heard</th><th scope=\"col\">SNMP</th>")
        .append("<th scope=\"col\">Last poll</th></tr></thead><tbody>");
    if (s.devices().isEmpty()) {
      h.append("<tr><td colspan=\"7\">No device found yet.</td></tr>");
    }
    for (AgentStatus.Device d : s.devices()) {
      h.append(d.silent() ? "<tr class=\"silent\">" : "<tr>");
      h.append("<th scope=\"row\">")
          .append(
              esc(
                  d.model().toLowerCase(Locale.ROOT).startsWith(d.make().toLowerCase(Locale.ROOT))
                      ? d.model()
                      : d.make() + " " + d.model()))
          .append("</th>");
      cell(h, "Serial", d.serial().orElse("none (" + d.key() + ")"));
      cell(h, "Name", d.sysName().orElse(""));
      cell(h, "Address", d.address());
      h.append("<td data-label=\"Last heard\">").append(esc(when(d.lastHeard(), s.at(), zone)));
      if (d.silent()) {
        h.append(" <span class=\"flag\">not heard for more than a day</span>");
      }
      h.append("</td>");
      cell(h, "SNMP", d.snmp().map(p -> p.version() + " " + p.security()).orElse("unknown"));
      cell(h, "Last poll", d.failures().isEmpty() ? "complete" : String.join("; ", d.failures()));
      h.append("</tr>");
    }
    h.append("</tbody></table>");
    if (reportLinks) {
      h.append("<p class=\"report\">Audit report of everything the agent holds:")
          .append(" <a href=\"/report.html\">read it (HTML, printable)</a> or")
          .append(" <a href=\"/report.csv\">download it (CSV)</a>.</p>");
    }
    h.append("</main><footer>The same as <code>openrps agent status</code>.")
        .append("</footer></body></html>");
    return h.toString();
  }

  /** The page for a request without the right password: no data. */
  static String unauthorized(String why) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>OpenRPS agent: password needed</title><style>"
        + CSS
        + "</style></head><body><header><h1>OpenRPS agent</h1></header><main><p>"
        + esc(why)
        + "</p></main></body></html>";
  }

  private static Optional<String> lastPoll(AgentStatus s, ZoneId zone) {
    return s.lastPoll()
        .map(
            p -> {
              StringBuilder t = new StringBuilder(when(p.endedAt(), s.at(), zone));
              p.answered()
                  .ifPresent(
                      n ->
                          t.append(": ")
                              .append(n)
                              .append(n == 1 ? " printer answered" : " printers answered"));
              p.addresses().ifPresent(n -> t.append(" of ").append(n).append(" addresses"));
              p.unreachable().ifPresent(n -> t.append(", ").append(n).append(" unreachable"));
              return t.toString();
            });
  }

  private static Optional<String> exchange(
      Optional<AgentStatus.Exchange> x, Instant now, ZoneId zone) {
    return x.map(
        e ->
            when(e.at(), now, zone)
                + ": "
                + e.outcome()
                + e.httpStatus().map(c -> ", HTTP " + c).orElse(", no answer")
                + " (report "
                + e.reportId()
                + ", "
                + e.devices()
                + (e.devices() == 1 ? " device)" : " devices)")
                + e.message().map(m -> ": " + m).orElse(""));
  }

  private static void row(StringBuilder h, String header, Optional<String> value) {
    row(h, header, value.orElse("never"));
  }

  private static void row(StringBuilder h, String header, String value) {
    h.append("<tr><th scope=\"row\">")
        .append(esc(header))
        .append("</th><td>")
        .append(esc(value))
        .append("</td></tr>");
  }

  private static void cell(StringBuilder h, String label, String value) {
    h.append("<td data-label=\"")
        .append(esc(label))
        .append("\">")
        .append(esc(value))
        .append("</td>");
  }

  /** "2026-12-02 10:10 (3 h ago)" or "... (in 5 min)". */
  static String when(Instant t, Instant now, ZoneId zone) {
    Duration d = Duration.between(now, t);
    String rel = d.isNegative() ? human(d.negated()) + " ago" : "in " + human(d);
    return LOCAL.format(t.atZone(zone)) + " (" + rel + ")";
  }

  /** "45 s", "4 min", "5 h 24 min", "2 d 3 h". */
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
    return h % 24 == 0 ? h / 24 + " d" : h / 24 + " d " + h % 24 + " h";
  }

  /** Text as HTML text or attribute value (the agent's one escaper, {@link HtmlReport#esc}). */
  static String esc(String text) {
    return HtmlReport.esc(text);
  }
}
