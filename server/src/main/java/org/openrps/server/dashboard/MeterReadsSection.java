package org.openrps.server.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.openrps.server.accounts.Customer;
import org.openrps.server.accounts.CustomerRepository;
import org.openrps.server.amr.Amr;
import org.openrps.server.amr.AmrExport;
import org.openrps.server.amr.AmrRepository;
import org.openrps.server.amr.BillingSchedule;
import org.openrps.server.amr.MeterRead;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.store.TenantId;

/**
 * {@code /meter-reads}: automatic meter reads of one customer and one closed billing period. The
 * schedule and its next cut-off; the held reads first, each with the forms to accept its raw or
 * trusted value or to correct it (provider admins); the period's reads; the adjustments billed in
 * it; the audit trail; and the devices whose read would be missing at the next close. Downloads:
 * {@code /meter-reads.csv} (the API's CSV), {@code /meter-reads/statement} (the customer's HTML
 * statement) and {@code /meter-reads/missed.csv}.
 */
public final class MeterReadsSection implements DashboardSection {

  /** The audit entries a page shows, newest first. */
  static final int AUDIT_SHOWN = 200;

  /** The longest reason a review takes. */
  static final int MAX_REASON = 500;

  private final Amr amr;
  private final CustomerRepository customers;

  public MeterReadsSection(Amr amr, CustomerRepository customers) {
    this.amr = Objects.requireNonNull(amr, "amr");
    this.customers = Objects.requireNonNull(customers, "customers");
  }

  @Override
  public void pages(PageRoutes routes) {
    routes.get("/meter-reads", this::page);
    routes.get("/meter-reads.csv", this::csv);
    routes.get("/meter-reads/statement", this::statement);
    routes.get("/meter-reads/missed.csv", this::missedCsv);
    routes.post("/meter-reads/review", this::review);
  }

  /** The customer of the page: asked for, or the viewer's own, or a provider's first billed one. */
  private Optional<Customer> customer(Viewer viewer, String asked) {
    Optional<Customer> chosen = CustomerChoice.of(viewer, customers, asked);
    if (chosen.isPresent()) {
      return chosen;
    }
    if (!viewer.provider()) {
      return Optional.of(CustomerChoice.own(viewer, customers));
    }
    List<Customer> all = CustomerChoice.all(viewer, customers);
    return all.stream()
        .filter(c -> amr.schedule(viewer.scope(), c.id()).isPresent())
        .findFirst()
        .or(() -> all.stream().findFirst());
  }

  /** The period asked for (404 when it is not a closed period), or the newest, if any closed. */
  private Optional<AmrRepository.Period> period(Viewer viewer, TenantId customer, String asked) {
    if (asked != null && !asked.isBlank()) {
      return Optional.of(
          amr.period(viewer.scope(), customer, asked.strip())
              .orElseThrow(() -> ApiException.notFound("closed period " + asked.strip())));
    }
    return amr.periods(viewer.scope(), customer).stream().findFirst();
  }

  private static String pageLink(TenantId customer, String period) {
    return "/meter-reads"
        + CustomerChoice.query(
            CustomerChoice.param("customer", customer.value()),
            CustomerChoice.param("period", period));
  }

  // --- the page

  private Response page(Viewer viewer, Request request) {
    Optional<Customer> chosen = customer(viewer, request.query("customer").orElse(""));
    StringBuilder body = new StringBuilder();
    if (chosen.isEmpty()) {
      body.append("<h1>Meter reads</h1><p class=\"muted\" id=\"customers-empty\">")
          .append("There is no customer yet; meter reads start once a customer is billed.</p>");
      return Response.html(
          200, Layout.page(viewer, "/meter-reads", "Meter reads", body.toString()));
    }
    Customer customer = chosen.get();
    TenantId id = customer.id();
    List<AmrRepository.Period> periods = amr.periods(viewer.scope(), id);
    Optional<AmrRepository.Period> period = period(viewer, id, request.query("period").orElse(""));
    List<MeterRead> reads =
        period.map(p -> amr.reads(viewer.scope(), id, p.period())).orElse(List.of());
    body.append("<h1>Meter reads · ").append(Html.escape(customer.name())).append("</h1>");
    body.append(filters(viewer, customer, periods, period));
    period.ifPresent(p -> body.append(notice(request, reads)));
    Optional<BillingSchedule> schedule = amr.schedule(viewer.scope(), id);
    body.append(schedule(viewer, customer, schedule));
    if (period.isEmpty()) {
      body.append("<p class=\"muted\" id=\"periods-empty\">No billing period of ")
          .append(Html.escape(customer.name()))
          .append(" has closed yet.</p>");
    } else {
      AmrRepository.Period p = period.get();
      body.append(periodFacts(id, p));
      body.append(held(viewer, id, p, reads));
      body.append("<h2 id=\"reads-heading\">Reads of the period</h2>")
          .append(readsListing(id).html(reads, "The period has no reads: no device was billed."));
      body.append("<h2 id=\"adjustments-heading\">Adjustments billed in this period</h2>")
          .append(
              adjustmentsListing()
                  .html(
                      amr.adjustmentsIn(viewer.scope(), id, p.period()),
                      "No correction of an earlier period is billed in this one."));
    }
    body.append("<h2 id=\"audit-heading\">Audit trail</h2>")
        .append(
            auditListing()
                .html(
                    amr.audit(viewer.scope(), id, AUDIT_SHOWN),
                    "Nothing has been changed or reviewed for this customer yet."));
    body.append(missed(viewer, customer));
    return Response.html(
        200,
        Layout.page(viewer, "/meter-reads", "Meter reads · " + customer.name(), body.toString()));
  }

  private String filters(
      Viewer viewer,
      Customer customer,
      List<AmrRepository.Period> periods,
      Optional<AmrRepository.Period> period) {
    StringBuilder f =
        new StringBuilder("<form class=\"filters\" method=\"get\" action=\"/meter-reads\">");
    f.append(CustomerChoice.select(viewer, customers, customer.id().value(), Optional.empty()));
    if (!periods.isEmpty()) {
      String selected = period.map(AmrRepository.Period::period).orElse("");
      f.append("<label>Period (cut-off)<select name=\"period\" id=\"period\">");
      for (AmrRepository.Period p : periods) {
        f.append(DevicesSection.option(p.period(), p.period(), selected));
      }
      f.append("</select></label>");
    }
    return f.append("<button type=\"submit\">Show</button></form>").toString();
  }

  /** The sentence after a review, from the read as it is now; nothing when there is none. */
  private static String notice(Request request, List<MeterRead> reads) {
    Optional<Amr.Action> done =
        request
            .query("done")
            .flatMap(
                a -> {
                  try {
                    return Optional.of(Amr.Action.valueOf(a));
                  } catch (IllegalArgumentException e) {
                    return Optional.empty();
                  }
                });
    if (done.isEmpty()) {
      return "";
    }
    String make = request.query("make").orElse("");
    String serial = request.query("serial").orElse("");
    String meter = request.query("meter").orElse("");
    Optional<MeterRead> read =
        reads.stream()
            .filter(
                r -> r.make().equals(make) && r.serial().equals(serial) && r.meter().equals(meter))
            .findFirst();
    if (read.isEmpty()) {
      return "";
    }
    MeterRead r = read.get();
    String what =
        switch (done.get()) {
          case acceptRaw -> "accepted at its raw value";
          case acceptTrusted -> "accepted at its trusted value";
          case correct ->
              r.status() == MeterRead.Status.corrected
                  ? "corrected"
                  : "corrected by an adjustment billed in the next period";
        };
    return "<p class=\"notice\" role=\"status\" id=\"notice\">The read "
        + Html.escape(r.make() + " " + r.serial() + " " + r.meter())
        + " was "
        + what
        + (r.value().isPresent() ? ": " + Html.count(r.value()) + " billed." : ".")
        + "</p>";
  }

  private String schedule(Viewer viewer, Customer customer, Optional<BillingSchedule> schedule) {
    if (schedule.isEmpty()) {
      return "<p class=\"muted\" id=\"schedule-none\">"
          + Html.escape(customer.name())
          + " is not billed: it has no billing schedule.</p>";
    }
    BillingSchedule s = schedule.get();
    Instant now = viewer.now();
    Instant next = s.cutOffAfter(now.isBefore(s.startsAt()) ? s.startsAt() : now);
    return "<h2>Schedule</h2><dl class=\"facts\" id=\"schedule\"><dt>Cut-off</dt><dd>Monthly on day "
        + s.closingDay()
        + " at "
        + Html.escape(s.closingTime().toString())
        + " ("
        + Html.escape(s.zone().getId())
        + ")</dd><dt>Next cut-off</dt><dd id=\"next-cut-off\">"
        + Html.time(next)
        + " (period "
        + Html.escape(s.period(next))
        + ")</dd><dt>Closes</dt><dd>"
        + Html.count(s.closeDelay().toHours())
        + " hours after the cut-off, billing the last good reading of the "
        + Html.count(s.window().toHours())
        + " hours before it</dd><dt>Billed since</dt><dd>"
        + Html.time(s.startsAt())
        + "</dd></dl>";
  }

  private static String periodFacts(TenantId customer, AmrRepository.Period p) {
    String q =
        CustomerChoice.query(
            CustomerChoice.param("customer", customer.value()),
            CustomerChoice.param("period", p.period()));
    return "<h2>Period "
        + Html.escape(p.period())
        + "</h2><dl class=\"facts\" id=\"period-facts\"><dt>From</dt><dd>"
        + Html.time(p.startsAt())
        + " to "
        + Html.time(p.cutOff())
        + "</dd><dt>Closed</dt><dd>"
        + Html.time(p.closedAt())
        + " by "
        + Html.escape(p.closedBy())
        + "</dd><dt>Reads</dt><dd id=\"period-counts\">"
        + Html.count(p.billed())
        + " billed, "
        + Html.count(p.estimated())
        + " estimated, "
        + Html.count(p.held())
        + " held for review, "
        + Html.count(p.missing())
        + " missing</dd></dl><div class=\"actions\"><a id=\"reads-csv\" href=\""
        + Html.escape("/meter-reads.csv" + q)
        + "\">Download CSV</a><a id=\"statement\" href=\""
        + Html.escape("/meter-reads/statement" + q)
        + "\">Statement (HTML)</a></div>";
  }

  // --- held reads and their review

  private static String held(
      Viewer viewer, TenantId customer, AmrRepository.Period p, List<MeterRead> reads) {
    List<MeterRead> held = reads.stream().filter(r -> r.status() == MeterRead.Status.held).toList();
    StringBuilder out =
        new StringBuilder("<h2 id=\"held-heading\">Held reads to review (")
            .append(Html.count(held.size()))
            .append(")</h2>");
    if (held.isEmpty()) {
      return out.append("<p class=\"muted\" id=\"held-empty\">")
          .append("No read of this period is held: every read is billed, estimated or missing.</p>")
          .toString();
    }
    boolean review = viewer.provider();
    if (!review) {
      out.append("<p class=\"muted\" id=\"held-readonly\">")
          .append(
              "A held read is not billed until the provider's administrators accept or correct ")
          .append("it; you can see them here, and they review them.</p>");
    }
    out.append("<div class=\"grid2\" id=\"held\">");
    int n = 0;
    for (MeterRead r : held) {
      n++;
      String label = r.make() + " " + r.serial() + " · " + r.meter();
      out.append("<section class=\"held\" aria-labelledby=\"held-")
          .append(n)
          .append("\" data-make=\"")
          .append(Html.escape(r.make()))
          .append("\" data-serial=\"")
          .append(Html.escape(r.serial()))
          .append("\" data-meter=\"")
          .append(Html.escape(r.meter()))
          .append("\"><h3 id=\"held-")
          .append(n)
          .append("\">")
          .append(
              Html.link(Links.device(customer, r.make(), r.serial()), r.make() + " " + r.serial()))
          .append(" · ")
          .append(Html.escape(r.meter()))
          .append("</h3><dl class=\"facts\"><dt>Status</dt><dd class=\"status\">")
          .append(status(r))
          .append("</dd><dt>Raw value</dt><dd class=\"raw\">")
          .append(Html.count(r.rawValue()))
          .append("</dd><dt>Trusted value</dt><dd class=\"trusted\">")
          .append(Html.count(r.trustedValue()))
          .append("</dd><dt>Flags</dt><dd class=\"flags\">")
          .append(Html.escape(String.join(", ", r.flags())))
          .append("</dd><dt>Start</dt><dd>")
          .append(Html.count(r.startValue()))
          .append("</dd><dt>Basis</dt><dd>")
          .append(Html.escape(r.basis()))
          .append("</dd></dl>");
      if (review) {
        String hidden =
            viewer.csrfField()
                + hidden("customer", customer.value())
                + hidden("period", p.period())
                + hidden("make", r.make())
                + hidden("serial", r.serial())
                + hidden("meter", r.meter());
        out.append("<form class=\"stacked accept\" method=\"post\" action=\"/meter-reads/review\">")
            .append(hidden)
            .append("<label>Note (optional)<input type=\"text\" name=\"reason\" maxlength=\"")
            .append(MAX_REASON)
            .append("\"></label>");
        if (r.rawValue().isPresent()) {
          out.append("<button type=\"submit\" name=\"action\" value=\"acceptRaw\" aria-label=\"")
              .append(Html.escape("Accept raw value of " + label))
              .append("\">Accept raw ")
              .append(Html.count(r.rawValue()))
              .append("</button>");
        }
        if (r.trustedValue().isPresent()) {
          out.append(
                  "<button type=\"submit\" name=\"action\" value=\"acceptTrusted\" aria-label=\"")
              .append(Html.escape("Accept trusted value of " + label))
              .append("\">Accept trusted ")
              .append(Html.count(r.trustedValue()))
              .append("</button>");
        }
        out.append("</form>");
        out.append(
                "<form class=\"stacked correct\" method=\"post\" action=\"/meter-reads/review\">")
            .append(hidden)
            .append("<input type=\"hidden\" name=\"action\" value=\"correct\">")
            .append(
                "<label>Corrected value<input type=\"text\" name=\"value\" inputmode=\"numeric\"")
            .append(" pattern=\"[0-9][0-9, ]*\" required size=\"12\"></label>")
            .append("<label>Reason<input type=\"text\" name=\"reason\" required maxlength=\"")
            .append(MAX_REASON)
            .append("\"></label><button type=\"submit\" aria-label=\"")
            .append(Html.escape("Correct " + label))
            .append("\">Correct</button></form>");
      }
      out.append("</section>");
    }
    return out.append("</div>").toString();
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.escape(value) + "\">";
  }

  private Response review(Viewer viewer, Request request) {
    viewer.user().requireProvider();
    Customer customer =
        CustomerChoice.of(viewer, customers, request.form("customer").orElse(""))
            .orElseThrow(() -> ApiException.badRequest("which customer's read? none was given"));
    String period = required(request, "period");
    amr.period(viewer.scope(), customer.id(), period)
        .orElseThrow(() -> ApiException.notFound("closed period " + period));
    Amr.Action action;
    try {
      action = Amr.Action.valueOf(request.form("action").orElse(""));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("action must be acceptRaw, acceptTrusted or correct");
    }
    OptionalLong value = OptionalLong.empty();
    if (action == Amr.Action.correct) {
      value = OptionalLong.of(wholeNumber(request.form("value").orElse("")));
    }
    String reason = request.form("reason").orElse("").strip();
    if (reason.length() > MAX_REASON) {
      throw ApiException.badRequest("a reason is at most " + MAX_REASON + " characters");
    }
    String make = required(request, "make");
    String serial = required(request, "serial");
    String meter = required(request, "meter");
    amr.review(viewer.user(), customer.id(), period, make, serial, meter, action, value, reason);
    return Response.redirect(
        pageLink(customer.id(), period)
            + "&done="
            + action.name()
            + "&make="
            + Html.url(make)
            + "&serial="
            + Html.url(serial)
            + "&meter="
            + Html.url(meter)
            + "#notice");
  }

  private static String required(Request request, String field) {
    return request
        .form(field)
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> ApiException.badRequest(field + " is required"));
  }

  /** A corrected value as typed: digits, with thousands separators or spaces allowed. */
  static long wholeNumber(String text) {
    String digits = text.replace(",", "").replace(" ", "").replace("\u00a0", "");
    if (!digits.matches("[0-9]{1,18}")) {
      throw ApiException.badRequest("a corrected value must be a whole number of 0 or more");
    }
    return Long.parseLong(digits);
  }

  // --- the lists

  /** A read's status in words; a held read says it is not billed. */
  static String status(MeterRead r) {
    return switch (r.status()) {
      case held -> "<span class=\"flagged\">held for review</span>";
      case missing -> "<span class=\"bad\">missing</span>";
      case estimated -> "estimated";
      default -> Html.escape(r.status().name());
    };
  }

  /** What a read bills: a number, or its status when it has none (held, missing). */
  static String value(MeterRead r) {
    if (r.value().isPresent()) {
      return Html.count(r.value());
    }
    return switch (r.status()) {
      case held -> "<span class=\"flagged\">held: not billed</span>";
      case missing -> "<span class=\"bad\">missing: not billed</span>";
      default -> Html.UNKNOWN;
    };
  }

  private static Long boxed(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : null;
  }

  static Listing<MeterRead> readsListing(TenantId customer) {
    List<Column<MeterRead>> columns = new ArrayList<>();
    columns.add(Column.text("make", "Make", MeterRead::make));
    columns.add(
        Column.of(
            "serial",
            "Serial",
            MeterRead::serial,
            r -> Html.link(Links.device(customer, r.make(), r.serial()), r.serial())));
    columns.add(Column.text("meter", "Meter", MeterRead::meter));
    columns.add(Column.of("status", "Status", r -> r.status().name(), MeterReadsSection::status));
    columns.add(Column.count("start", "Start", r -> boxed(r.startValue())));
    columns.add(
        Column.<MeterRead>of(
                "value", "Billed value", r -> boxed(r.value()), MeterReadsSection::value)
            .asNumber());
    columns.add(Column.count("usage", "Usage", r -> boxed(r.usage())));
    columns.add(Column.time("readAt", "Read at", r -> r.readAt().orElse(null)));
    columns.add(
        Column.text(
            "method", "Method / basis", r -> r.method().map(m -> m + ": ").orElse("") + r.basis()));
    columns.add(
        Column.of(
            "flags",
            "Flags",
            r -> String.join(" ", r.flags()),
            r ->
                r.flags().isEmpty()
                    ? ""
                    : "<span class=\"flagged\">"
                        + Html.escape(String.join(", ", r.flags()))
                        + "</span>"));
    return new Listing<>("reads", "Reads", columns)
        .rows(
            r ->
                "data-make=\""
                    + Html.escape(r.make())
                    + "\" data-serial=\""
                    + Html.escape(r.serial())
                    + "\" data-meter=\""
                    + Html.escape(r.meter())
                    + "\"");
  }

  static Listing<AmrRepository.Adjustment> adjustmentsListing() {
    return new Listing<>(
        "adjustments",
        "Adjustments",
        List.of(
            Column.text("ofPeriod", "Of period", AmrRepository.Adjustment::ofPeriod),
            Column.text("make", "Make", AmrRepository.Adjustment::make),
            Column.text("serial", "Serial", AmrRepository.Adjustment::serial),
            Column.text("meter", "Meter", AmrRepository.Adjustment::meter),
            Column.count("before", "Billed", a -> boxed(a.beforeValue())),
            Column.count("after", "Corrected", AmrRepository.Adjustment::afterValue),
            Column.text("reason", "Reason", AmrRepository.Adjustment::reason),
            Column.text("madeBy", "By", AmrRepository.Adjustment::madeBy),
            Column.time("madeAt", "At", AmrRepository.Adjustment::madeAt)));
  }

  static Listing<AmrRepository.AuditEntry> auditListing() {
    return new Listing<>(
        "audit",
        "Audit trail, newest first",
        List.of(
            Column.time("at", "When", AmrRepository.AuditEntry::at),
            Column.text("username", "Who", AmrRepository.AuditEntry::username),
            Column.text("action", "What", AmrRepository.AuditEntry::action),
            Column.text("subject", "Subject", AmrRepository.AuditEntry::subject),
            Column.text("before", "Before", AmrRepository.AuditEntry::before),
            Column.text("after", "After", AmrRepository.AuditEntry::after),
            Column.text("reason", "Reason", AmrRepository.AuditEntry::reason)));
  }

  private static Listing<AmrRepository.MissedDevice> missedListing(TenantId customer) {
    return new Listing<AmrRepository.MissedDevice>(
            "missed",
            "Devices without a fresh reading",
            List.of(
                Column.text("make", "Make", AmrRepository.MissedDevice::make),
                Column.of(
                    "serial",
                    "Serial",
                    AmrRepository.MissedDevice::serial,
                    d -> Html.link(Links.device(customer, d.make(), d.serial()), d.serial())),
                Column.text("model", "Model", AmrRepository.MissedDevice::model),
                Column.text("site", "Site", AmrRepository.MissedDevice::site),
                Column.time("lastSeen", "Last seen", AmrRepository.MissedDevice::lastSeen),
                Column.text("source", "Reported by", d -> d.sourceKind() + " " + d.sourceId()),
                Column.time(
                    "sourceLastContact",
                    "Its last contact",
                    d -> d.sourceLastContact().orElse(null))))
        .rows(d -> "data-serial=\"" + Html.escape(d.serial()) + "\"");
  }

  private String missed(Viewer viewer, Customer customer) {
    Optional<Amr.MissedReads> missed = amr.missedReads(viewer.scope(), customer.id(), viewer.now());
    StringBuilder out =
        new StringBuilder(
            "<h2 id=\"missed-heading\">Reads that would be missing at the next close</h2>");
    if (missed.isEmpty()) {
      return out.append("<p class=\"muted\" id=\"missed-none\">")
          .append("No prediction: the customer has no billing schedule.</p>")
          .toString();
    }
    Amr.MissedReads m = missed.get();
    out.append("<div class=\"actions\"><p class=\"muted\" id=\"missed-summary\">")
        .append(Html.count(m.devices().size()))
        .append(m.devices().size() == 1 ? " device has" : " devices have")
        .append(" no fresh reading before the cut-off ")
        .append(Html.time(m.cutOff()))
        .append(" (period ")
        .append(Html.escape(m.period()))
        .append(m.due() ? "; the list is due now" : "; the list is drawn up from ")
        .append(m.due() ? "" : Html.time(m.listFrom()))
        .append(").</p><a id=\"missed-csv\" href=\"")
        .append(
            Html.escape(
                "/meter-reads/missed.csv"
                    + CustomerChoice.query(
                        CustomerChoice.param("customer", customer.id().value()))))
        .append("\">Download CSV</a></div>");
    out.append(
        missedListing(customer.id())
            .html(m.devices(), "Every device has a fresh reading: none would be missing."));
    return out.toString();
  }

  // --- downloads

  private Response csv(Viewer viewer, Request request) {
    Customer customer = downloadCustomer(viewer, request);
    AmrRepository.Period p =
        period(viewer, customer.id(), request.query("period").orElse(""))
            .orElseThrow(() -> ApiException.notFound("closed period of " + customer.id()));
    return Response.csv(
        "meter-reads-" + customer.id().value() + "-" + p.period() + ".csv",
        AmrExport.csv(
            p,
            amr.reads(viewer.scope(), customer.id(), p.period()),
            amr.adjustmentsIn(viewer.scope(), customer.id(), p.period())));
  }

  private Response statement(Viewer viewer, Request request) {
    Customer customer = downloadCustomer(viewer, request);
    AmrRepository.Period p =
        period(viewer, customer.id(), request.query("period").orElse(""))
            .orElseThrow(() -> ApiException.notFound("closed period of " + customer.id()));
    return Response.html(
        200,
        AmrExport.statement(
            customer.name(),
            p,
            amr.reads(viewer.scope(), customer.id(), p.period()),
            amr.adjustmentsIn(viewer.scope(), customer.id(), p.period())));
  }

  private Response missedCsv(Viewer viewer, Request request) {
    Customer customer = downloadCustomer(viewer, request);
    Amr.MissedReads m =
        amr.missedReads(viewer.scope(), customer.id(), viewer.now())
            .orElseThrow(() -> ApiException.notFound("billing schedule of " + customer.id()));
    return missedListing(customer.id())
        .csv("missed-reads-" + customer.id().value() + "-" + m.period() + ".csv", m.devices());
  }

  /** A download names its customer; a customer's user may leave it out (its own). */
  private Customer downloadCustomer(Viewer viewer, Request request) {
    return customer(viewer, request.query("customer").orElse(""))
        .orElseThrow(() -> ApiException.notFound("customer"));
  }
}
