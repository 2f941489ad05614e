package org.openrps.server.dashboard;

import java.util.List;

/**
 * The frame of every dashboard page: the header with the sections, the logged-in user and the
 * logout form, a skip link, and one style sheet. Pages work without scripts (the server's content
 * security policy allows none): filters are GET forms, sorting and paging are links, changes are
 * POST forms with the session's CSRF token.
 */
public final class Layout {

  /** A section in the header's navigation. */
  record Nav(String path, String label) {}

  static final List<Nav> NAV =
      List.of(
          new Nav("/", "Overview"),
          new Nav("/devices", "Devices"),
          new Nav("/meter-reads", "Meter reads"),
          new Nav("/orders", "Orders"),
          new Nav("/incidents", "Incidents"),
          new Nav("/agents", "Agents"),
          new Nav("/reports", "Reports"),
          new Nav("/admin", "Access"));

  static final String STYLE =
      """
      *{box-sizing:border-box}
      body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;
        color:#1d2430;background:#f5f7fa}
      a{color:#0b57b5}
      a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,
        textarea:focus-visible,[tabindex]:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
      .skip{position:absolute;left:-9999px;top:0;background:#fff;color:#0b57b5;padding:8px}
      .skip:focus{left:8px;z-index:10}
      header.top{display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px;padding:10px 24px;
        background:#1f3a5f;color:#fff}
      header.top .brand{font-size:18px;margin:0;font-weight:600;color:#fff;text-decoration:none}
      header.top nav ul{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;margin:0;padding:0}
      header.top nav a{color:#e6edf5;text-decoration:none;padding:4px 2px}
      header.top nav a[aria-current=page]{color:#fff;border-bottom:2px solid #fff;font-weight:600}
      header.top form{margin:0 0 0 auto;display:flex;align-items:center;gap:10px}
      header.top .who{color:#e6edf5}
      main{padding:20px 24px;max-width:1280px;margin:0 auto}
      h1{font-size:22px;margin:4px 0 14px}
      h2{font-size:17px;margin:22px 0 8px}
      .actions{display:flex;flex-wrap:wrap;gap:8px 16px;margin:0 0 12px}
      .table-wrap{overflow-x:auto;background:#fff;box-shadow:0 1px 2px #0002;margin:0 0 12px}
      table{border-collapse:collapse;width:100%;background:#fff}
      caption{text-align:left;padding:8px 12px;font-weight:600;color:#3d4757}
      th,td{padding:7px 12px;border-bottom:1px solid #e3e7ee;text-align:left;white-space:nowrap;
        vertical-align:top}
      th{background:#eef2f7;font-weight:600;font-size:13px;color:#3d4757}
      th a{color:#1d2430}
      td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
      .low,.bad{color:#a61b10;font-weight:600}
      .flagged{color:#7a4100;font-weight:600}
      .ok{color:#17663a}
      .muted{color:#56606e}
      .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:12px;
        margin:0 0 16px;padding:0;list-style:none}
      .cards a{display:block;color:inherit;text-decoration:none}
      .cards a:hover .what,.cards a:focus .what{text-decoration:underline}
      .cards li{background:#fff;box-shadow:0 1px 2px #0002;padding:12px 14px;border-radius:4px}
      .cards .figure{display:block;font-size:26px;font-weight:600}
      .cards .what{color:#3d4757;font-size:13px}
      dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;background:#fff;
        padding:12px 14px;box-shadow:0 1px 2px #0002;margin:0 0 12px}
      dl.facts dt{color:#3d4757;font-weight:600}
      dl.facts dd{margin:0;overflow-wrap:anywhere}
      form.filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end;background:#fff;
        padding:10px 12px;box-shadow:0 1px 2px #0002;margin:0 0 12px}
      form.filters label,form.stacked label{display:flex;flex-direction:column;font-size:13px;
        color:#3d4757;gap:2px}
      form.stacked{background:#fff;padding:12px 14px;box-shadow:0 1px 2px #0002;margin:0 0 12px;
        display:flex;flex-wrap:wrap;gap:10px 14px;align-items:flex-end}
      form.inline{display:inline-flex;flex-wrap:wrap;gap:6px;align-items:center;margin:0}
      input,select,textarea{font:inherit;padding:6px 8px;border:1px solid #8a94a3;border-radius:4px;
        background:#fff;color:#1d2430;max-width:100%}
      button{padding:7px 14px;border:0;border-radius:4px;background:#0b57b5;color:#fff;font:inherit;
        cursor:pointer}
      header.top button{background:#ffffff2e}
      button.danger{background:#a61b10}
      td .wrap{display:block;white-space:normal;min-width:16em;max-width:40em}
      pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:13px}
      .paging{display:flex;gap:16px;align-items:center;margin:8px 0 16px}
      .notice{background:#e7f3ec;color:#104d2b;padding:8px 10px;border-radius:4px;margin:0 0 12px}
      .error{background:#fde8e7;color:#8a1c12;padding:8px 10px;border-radius:4px;margin:0 0 12px}
      .chart{background:#fff;box-shadow:0 1px 2px #0002;padding:8px;margin:0 0 12px;max-width:100%}
      .chart svg{width:100%;height:auto;display:block}
      figure.chart{margin:0 0 12px}
      figure.chart figcaption{font-size:13px;color:#3d4757;margin:4px 0}
      .legend{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;margin:4px 0;padding:0;
        font-size:13px}
      .legend .swatch{display:inline-block;width:14px;height:4px;margin:0 6px 3px 0;
        vertical-align:middle}
      textarea{font:inherit}
      .grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:0 16px}
      .card{max-width:340px;margin:80px auto;background:#fff;padding:28px;border-radius:6px;
        box-shadow:0 1px 3px #0003}
      .card h1{font-size:20px;margin:0 0 16px}
      .card label{display:block;margin:12px 0 4px;font-size:13px;color:#3d4757}
      .card input{width:100%}
      .card button{margin-top:16px}
      @media (max-width:700px){
        header.top{padding:8px 12px}
        header.top form{margin:0}
        main{padding:12px}
        th,td{padding:6px 8px}
        .grid2{grid-template-columns:1fr}
        dl.facts{grid-template-columns:1fr}
        dl.facts dd{margin:0 0 6px}
      }
      @media print{header.top,form,.actions,.paging{display:none}}
      """;

  private Layout() {}

  /**
   * A whole page: {@code active} is the navigation path of its section, {@code body} the main
   * content (already escaped).
   */
  public static String page(Viewer viewer, String active, String title, String body) {
    StringBuilder nav = new StringBuilder("<nav aria-label=\"Sections\"><ul>");
    for (Nav n : NAV) {
      nav.append("<li><a href=\"")
          .append(n.path())
          .append('"')
          .append(n.path().equals(active) ? " aria-current=\"page\"" : "")
          .append('>')
          .append(n.label())
          .append("</a></li>");
    }
    nav.append("</ul></nav>");
    String header =
        "<a class=\"skip\" href=\"#main\">Skip to content</a>"
            + "<header class=\"top\"><a class=\"brand\" href=\"/\">OpenRPS</a>"
            + nav
            + "<form method=\"post\" action=\"/logout\"><span class=\"who\">"
            + Html.escape(viewer.user().username())
            + (viewer.provider()
                ? " · provider"
                : " · " + Html.escape(viewer.user().tenant().value()))
            + "</span>"
            + viewer.csrfField()
            + "<button type=\"submit\">Log out</button></form></header>";
    return document(
        title + " · OpenRPS", header + "<main id=\"main\" tabindex=\"-1\">" + body + "</main>");
  }

  /** A page that says what went wrong and where to go next. */
  static String error(Viewer viewer, int status, String message) {
    return page(
        viewer,
        "",
        status == 404 ? "Not found" : "Refused",
        "<h1>"
            + (status == 404 ? "Not found" : status == 403 ? "Not allowed" : "Not done")
            + "</h1><p class=\"error\" role=\"alert\" id=\"page-error\">"
            + Html.escape(message)
            + "</p><p><a href=\"/\">Back to the overview</a></p>");
  }

  /** A table in a horizontally scrolling region (usable on a phone), labelled by its caption. */
  static String scrolling(String label, String table) {
    return "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\""
        + Html.escape(label)
        + "\">"
        + table
        + "</div>";
  }

  static String document(String title, String body) {
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
