package org.openrps.server.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openrps.server.accounts.Customer;
import org.openrps.server.accounts.CustomerRepository;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.reports.Report;
import org.openrps.server.reports.ReportDefinition;
import org.openrps.server.reports.ReportFormat;
import org.openrps.server.reports.ReportRoutes;
import org.openrps.server.reports.Reports;

/**
 * {@code /reports}: the server's reports ({@link Reports#all()}), each with what it shows and links
 * to it as HTML and CSV for the viewer's scope, and a form for its parameters (the customer, for a
 * provider admin; a period...) where it takes any. {@code /reports/{name}.html} and {@code
 * /reports/{name}.csv} make it through {@link ReportRoutes#make}, as {@code GET
 * /api/v1/reports/{name}} does; {@code /reports.csv} is the list itself.
 */
public final class ReportsSection implements DashboardSection {

  private final Reports reports;
  private final CustomerRepository customers;

  public ReportsSection(Reports reports, CustomerRepository customers) {
    this.reports = Objects.requireNonNull(reports, "reports");
    this.customers = Objects.requireNonNull(customers, "customers");
  }

  @Override
  public void pages(PageRoutes routes) {
    routes.get("/reports", this::list);
    routes.get("/reports.csv", this::csv);
    routes.get("/reports/{file}", this::report);
  }

  /** Whether the viewer must choose something before the report can be made. */
  private static boolean needsChoice(Viewer viewer, ReportDefinition d) {
    return (d.oneCustomer() && viewer.provider())
        || d.parameters().stream().anyMatch(ReportDefinition.Parameter::required);
  }

  /** Whether there is anything to choose: a customer (provider admins) or a parameter. */
  private static boolean hasForm(Viewer viewer, ReportDefinition d) {
    return viewer.provider() || !d.parameters().isEmpty();
  }

  static String path(ReportDefinition d, ReportFormat format) {
    return "/reports/" + Html.url(d.name()) + "." + format.name();
  }

  private static Listing<ReportDefinition> listing(Viewer viewer) {
    List<Column<ReportDefinition>> columns = new ArrayList<>();
    columns.add(Column.text("name", "Name", ReportDefinition::name));
    columns.add(Column.text("title", "Report", ReportDefinition::title));
    columns.add(
        Column.of(
            "description",
            "What it shows",
            ReportDefinition::description,
            d -> "<span class=\"wrap\">" + Html.escape(d.description()) + "</span>"));
    columns.add(
        Column.of(
            "download",
            "Download",
            d -> needsChoice(viewer, d) ? "" : path(d, ReportFormat.html),
            d ->
                needsChoice(viewer, d)
                    ? "<a href=\"#report-"
                        + Html.escape(d.name())
                        + "\">choose "
                        + (d.oneCustomer() && viewer.provider() ? "a customer" : "its parameters")
                        + "</a>"
                    : "<a class=\"html\" href=\""
                        + Html.escape(path(d, ReportFormat.html))
                        + "\" aria-label=\""
                        + Html.escape(d.title())
                        + " as HTML\">HTML</a> · <a class=\"csv\" href=\""
                        + Html.escape(path(d, ReportFormat.csv))
                        + "\" aria-label=\""
                        + Html.escape(d.title())
                        + " as CSV\">CSV</a>"));
    return new Listing<>("reports", "Reports", columns)
        .rows(d -> "data-report=\"" + Html.escape(d.name()) + "\"");
  }

  private Response list(Viewer viewer, Request request) {
    List<ReportDefinition> all = reports.all();
    StringBuilder body = new StringBuilder("<h1>Reports</h1>");
    body.append("<p class=\"muted\">Each report is made now, for ")
        .append(
            viewer.provider()
                ? "every customer (each row names its customer) or the one you choose"
                : "your own customer")
        .append(": HTML opens a page that prints on its own; CSV is for a spreadsheet.</p>")
        .append("<div class=\"actions\"><a id=\"reports-csv\" href=\"/reports.csv\">Download the")
        .append(" list as CSV</a></div>");
    body.append(listing(viewer).html(all, "No report."));
    List<Customer> visible = viewer.provider() ? customers.list(viewer.scope(), "", 10_000) : null;
    for (ReportDefinition d : all) {
      if (hasForm(viewer, d)) {
        body.append(form(d, visible));
      }
    }
    return Response.html(200, Layout.page(viewer, "/reports", "Reports", body.toString()));
  }

  /** A GET form for a report's customer and parameters, with a button per format. */
  private static String form(ReportDefinition d, List<Customer> customers) {
    String id = "report-" + Html.escape(d.name());
    StringBuilder f =
        new StringBuilder("<section aria-labelledby=\"")
            .append(id)
            .append("\"><h2 id=\"")
            .append(id)
            .append("\">")
            .append(Html.escape(d.title()))
            .append("</h2><form class=\"filters\" method=\"get\" action=\"")
            .append(Html.escape(path(d, ReportFormat.html)))
            .append("\" id=\"form-")
            .append(Html.escape(d.name()))
            .append("\">");
    if (customers != null) {
      f.append("<label>Customer<select name=\"customer\"")
          .append(d.oneCustomer() ? " required" : "")
          .append(">")
          .append(DevicesSection.option("", d.oneCustomer() ? "Choose one" : "All customers", ""));
      for (Customer c : customers) {
        f.append(DevicesSection.option(c.id().value(), c.name() + " (" + c.id().value() + ")", ""));
      }
      f.append("</select></label>");
    }
    for (ReportDefinition.Parameter p : d.parameters()) {
      String hint = "hint-" + Html.escape(d.name()) + "-" + Html.escape(p.name());
      f.append("<label>")
          .append(Html.escape(p.name()))
          .append("<input type=\"text\" name=\"")
          .append(Html.escape(p.name()))
          .append("\" aria-describedby=\"")
          .append(hint)
          .append("\"")
          .append(p.required() ? " required" : "")
          .append("></label><p class=\"muted\" id=\"")
          .append(hint)
          .append("\">")
          .append(Html.escape(p.description()))
          .append("</p>");
    }
    f.append("<button type=\"submit\">Open as HTML</button>")
        .append("<button type=\"submit\" formaction=\"")
        .append(Html.escape(path(d, ReportFormat.csv)))
        .append("\">Download CSV</button></form></section>");
    return f.toString();
  }

  private Response csv(Viewer viewer, Request request) {
    return listing(viewer).csv("reports.csv", reports.all());
  }

  private Response report(Viewer viewer, Request request) {
    String file = request.pathParam("file");
    int dot = file.lastIndexOf('.');
    ReportFormat format = dot < 0 ? null : ReportFormat.of(file.substring(dot + 1)).orElse(null);
    if (format == null) {
      throw ApiException.notFound("no report " + file + " (a report ends in .html or .csv)");
    }
    Report report = ReportRoutes.make(reports, file.substring(0, dot), viewer.scope(), request);
    String body = format.render(report);
    if (format == ReportFormat.csv) {
      return Response.csv(format.fileName(report), body);
    }
    return Response.html(200, body)
        .with("Content-Disposition", "inline; filename=\"" + format.fileName(report) + "\"");
  }
}
