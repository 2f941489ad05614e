package org.openrps.server.dashboard;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.openrps.server.fleet.DeviceState;

/** The dashboard's server-rendered pages. Every value from outside goes through {@link Html}. */
final class Pages {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final String STYLE =
      """
      body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;
        color:#1d2430;background:#f5f7fa}
      header{display:flex;align-items:center;justify-content:space-between;padding:12px 24px;
        background:#1f3a5f;color:#fff}
      header h1{font-size:18px;margin:0;font-weight:600}
      header form{margin:0}
      main{padding:24px;max-width:1200px;margin:0 auto}
      table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 2px #0002}
      th,td{padding:8px 12px;border-bottom:1px solid #e3e7ee;text-align:left;white-space:nowrap}
      th{background:#eef2f7;font-weight:600;font-size:13px;text-transform:uppercase;
        letter-spacing:.03em;color:#4a5566}
      td.num{text-align:right;font-variant-numeric:tabular-nums}
      tr:hover td{background:#f8fafc}
      .low{color:#b42318;font-weight:600}
      .flagged{color:#8a4b00;font-weight:600}
      .muted{color:#6b7585}
      .card{max-width:340px;margin:80px auto;background:#fff;padding:28px;border-radius:6px;
        box-shadow:0 1px 3px #0003}
      .card h1{font-size:20px;margin:0 0 16px}
      label{display:block;margin:12px 0 4px;font-size:13px;color:#4a5566}
      input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:8px;
        border:1px solid #c5ccd6;border-radius:4px;font:inherit}
      button{margin-top:16px;padding:8px 14px;border:0;border-radius:4px;background:#1f6feb;
        color:#fff;font:inherit;cursor:pointer}
      header button{margin:0;background:#ffffff26}
      .error{background:#fde8e7;color:#8a1c12;padding:8px 10px;border-radius:4px;margin:0 0 8px}
      """;

  private Pages() {}

  static String login(String csrfToken, String error, String username) {
    StringBuilder body = new StringBuilder();
    body.append("<div class=\"card\"><h1>OpenRPS</h1>");
    if (error != null) {
      body.append("<p class=\"error\" role=\"alert\" id=\"login-error\">")
          .append(Html.escape(error))
          .append("</p>");
    }
    body.append("<form method=\"post\" action=\"/login\">")
        .append("<input type=\"hidden\" name=\"csrf\" value=\"")
        .append(Html.escape(csrfToken))
        .append("\">")
        .append("<label for=\"username\">User name</label>")
        .append("<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\"")
        .append(" required autofocus value=\"")
        .append(Html.escape(username == null ? "" : username))
        .append("\">")
        .append("<label for=\"password\">Password</label>")
        .append("<input type=\"password\" id=\"password\" name=\"password\"")
        .append(" autocomplete=\"current-password\" required>")
        .append("<button type=\"submit\">Log in</button></form></div>");
    return page("Log in · OpenRPS", body.toString());
  }

  static String devices(String username, String csrfToken, List<DeviceState> devices) {
    StringBuilder body = new StringBuilder();
    body.append("<header><h1>OpenRPS · devices</h1><form method=\"post\" action=\"/logout\">")
        .append("<span class=\"muted\" style=\"color:#cfd8e3;margin-right:12px\">")
        .append(Html.escape(username))
        .append("</span><input type=\"hidden\" name=\"csrf\" value=\"")
        .append(Html.escape(csrfToken))
        .append("\"><button type=\"submit\">Log out</button></form></header><main>");
    if (devices.isEmpty()) {
      body.append("<p id=\"no-devices\">No devices have reported yet.</p>");
    } else {
      body.append("<p class=\"muted\" id=\"device-count\">")
          .append(devices.size())
          .append(devices.size() == 1 ? " device" : " devices")
          .append("</p><table id=\"devices\"><thead><tr>")
          .append("<th>Make</th><th>Model</th><th>Serial</th><th>Address</th>")
          .append("<th>Last seen</th><th>Total pages</th><th>Lowest supply</th>")
          .append("</tr></thead><tbody>");
      for (DeviceState d : devices) {
        body.append("<tr data-serial=\"")
            .append(Html.escape(d.serial()))
            .append("\"><td>")
            .append(Html.escape(d.make()))
            .append("</td><td>")
            .append(Html.escape(d.model()))
            .append("</td><td class=\"serial\">")
            .append(Html.escape(d.serial()))
            .append("</td><td>")
            .append(Html.escape(d.address()))
            .append("</td><td>")
            .append(TIME.format(d.lastSeen()))
            .append("</td><td class=\"num pages\">")
            .append(pages(d))
            .append("</td><td class=\"num supply\">");
        if (d.lowestSupplyPercent().isPresent()) {
          double percent = d.lowestSupplyPercent().getAsDouble();
          body.append(percent < 10 ? "<span class=\"low\">" : "<span>")
              .append(Math.round(percent))
              .append(" %</span>");
        } else {
          body.append("<span class=\"muted\">unknown</span>");
        }
        body.append("</td></tr>");
      }
      body.append("</tbody></table>");
    }
    body.append("</main>");
    return page("Devices · OpenRPS", body.toString());
  }

  /**
   * The page count with thousands separators; a flagged count is shown as flagged (with what was
   * reported and why in its title), never as a number of pages.
   */
  static String pages(DeviceState d) {
    if (d.total().flagged()) {
      return "<span class=\"flagged\" title=\""
          + Html.escape(String.valueOf(org.openrps.server.fleet.TotalPagesView.note(d.total())))
          + "\">flagged: "
          + Html.escape(String.join(", ", d.total().flags()))
          + "</span>";
    }
    return d.totalPages().isPresent()
        ? String.format(Locale.ROOT, "%,d", d.totalPages().getAsLong())
        : "<span class=\"muted\">unknown</span>";
  }

  private static String page(String title, String body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + "<title>"
        + Html.escape(title)
        + "</title><style>"
        + STYLE
        + "</style></head><body>"
        + body
        + "</body></html>";
  }
}
