package org.openrps.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.server.ApiClient;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.RfcCsv;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.testkit.WireSamples;

/**
 * The reports over the real HTTPS API, on data that agents uploaded: AMR closes a period, the
 * incident job opens incidents, and each customer's user gets its own customer's reports while a
 * provider admin gets every customer's, with a customer column, or one customer's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsApiTest {

  static final TenantId A = TenantId.of("rep-a");
  static final TenantId B = TenantId.of("rep-b");
  static final SiteId SITE = SiteId.of("main");
  static final String HOSTILE = "<script>alert('model')</script>";

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-10-20T00:00:00Z"));
  private ServerApp server;
  private ApiClient api;
  private String provider;
  private String aAdmin;
  private String bReader;
  private String aAgentId;
  private String bAgentId;

  @BeforeAll
  void uploadCloseAndOpen() {
    Path dir = org.openrps.testkit.Scratch.directory("openrps-reports-api");
    server = ServerApp.start(ServerConfig.embedded(dir, 0), clock);
    api = new ApiClient(server);
    server.addCustomer(A, "Alpha & \"Sons\"", SITE, "Alpha main");
    server.addCustomer(B, "Beta", SITE, "Beta main");
    server.putUser("provider", "provider-pw".toCharArray(), TenantId.DEFAULT, Role.provider_admin);
    server.putUser("a-admin", "a-pw".toCharArray(), A, Role.customer_admin);
    server.putUser("b-reader", "b-pw".toCharArray(), B, Role.customer_reader);
    provider = ApiClient.basic("provider", "provider-pw");
    aAdmin = ApiClient.basic("a-admin", "a-pw");
    bReader = ApiClient.basic("b-reader", "b-pw");
    HttpResponse<String> set =
        api.send(
            "PUT",
            "/api/v1/customers/rep-a/amr/schedule",
            provider,
            "{\"zone\":\"UTC\",\"startsAt\":\"2026-10-15T00:00:00Z\"}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

    JsonNode a = api.enrol(server.newEnrolCode(A, SITE).code(), "agent");
    aAgentId = a.path("clientId").asText();
    String aAuth = ApiClient.basic(aAgentId, a.path("secret").asText());
    JsonNode b = api.enrol(server.newEnrolCode(B, SITE).code(), "agent");
    bAgentId = b.path("clientId").asText();
    String bAuth = ApiClient.basic(bAgentId, b.path("secret").asText());

    upload(aAuth, aAgentId, "2026-10-20T00:00:00Z", printer("ACT-1", 1000));
    upload(aAuth, aAgentId, "2026-10-20T00:00:00Z", printer("EST-1", 2000));
    upload(aAuth, aAgentId, "2026-10-31T20:00:00Z", printer("ACT-1", 1_234_567));
    upload(aAuth, aAgentId, "2026-10-31T21:00:00Z", printer("WRAP-1", 4_294_967_000L));
    upload(aAuth, aAgentId, "2026-10-31T22:00:00Z", printer("WRAP-1", 300));
    upload(aAuth, aAgentId, "2026-11-01T12:00:00Z", printer("EST-1", 2600));
    upload(
        aAuth,
        aAgentId,
        "2026-11-01T18:00:00Z",
        SnapshotBuilder.printer("HP", "JAM-1").model(HOSTILE).pages(77).status("idle", "jammed"));
    upload(bAuth, bAgentId, "2026-11-01T19:00:00Z", printer("BETA-1", 500));
    upload(
        bAuth,
        bAgentId,
        "2026-11-01T19:30:00Z",
        SnapshotBuilder.printer("HP", "BETA-JAM").status("idle", "doorOpen"));

    clock.set(Instant.parse("2026-11-02T00:00:00Z"));
    assertThat(server.runAmr()).isPresent();
    assertThat(server.runIncidents()).hasValueSatisfying(c -> assertThat(c.opened()).isEqualTo(2));
    clock.advance(Duration.ofHours(1));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** A printer without error states: only the jams below are incidents. */
  private static SnapshotBuilder printer(String serial, long pages) {
    return SnapshotBuilder.printer("HP", serial).pages(pages).status("idle");
  }

  private void upload(String auth, String agentId, String at, SnapshotBuilder snapshot) {
    Instant t = Instant.parse(at);
    clock.set(t.plusSeconds(60));
    HttpResponse<String> r =
        api.upload(
            WireSamples.report(UUID.randomUUID().toString(), agentId, t, snapshot.at(t).build()),
            auth);
    assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
  }

  private HttpResponse<String> get(String path, String auth) {
    return api.get(path, auth);
  }

  private List<List<String>> csv(String path, String auth) {
    HttpResponse<String> r = get(path, auth);
    assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    return RfcCsv.parse(r.body());
  }

  private static List<String> column(List<List<String>> csv, String name) {
    int at = csv.get(0).indexOf(name);
    assertThat(at).as(name + " in " + csv.get(0)).isNotNegative();
    return csv.subList(1, csv.size()).stream().map(r -> r.get(at)).toList();
  }

  /** No element that runs or fetches anything, nothing from elsewhere. */
  static void assertSelfContained(String html) {
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .doesNotContainPattern("<[^>]*\\s(src|href|on[a-z]+)\\s*=")
        .doesNotContain("<script", "<link", "<img", "<iframe", "http://", "https://", "url(");
    assertThat(ReportRenderingTest.elements(html)).isSubsetOf(ReportRenderingTest.ELEMENTS);
  }

  @Test
  void theListNamesEveryReportWithItsParametersAndAsksForCredentials() {
    JsonNode list = api.json(get("/api/v1/reports", bReader));
    assertThat(list)
        .extracting(r -> r.path("name").asText())
        .containsExactly(
            "inventory", "meter-reads", "missed-reads", "orders", "incidents", "sync-health");
    JsonNode meterReads = list.get(1);
    assertThat(meterReads.path("oneCustomer").asBoolean()).isTrue();
    assertThat(meterReads.path("parameters"))
        .extracting(p -> p.path("name").asText())
        .containsExactly("customer", "period");
    assertThat(meterReads.path("formats"))
        .extracting(JsonNode::asText)
        .containsExactly("html", "csv");
    assertThat(meterReads.path("path").asText()).isEqualTo("/api/v1/reports/meter-reads");
    assertThat(get("/api/v1/reports", null).statusCode()).isEqualTo(401);
    assertThat(get("/api/v1/reports/inventory", null).statusCode()).isEqualTo(401);
  }

  @Test
  void theInventoryShowsEachCustomerItsOwnDevicesAndTheProviderEveryoneWithACustomerColumn() {
    List<List<String>> mine = csv("/api/v1/reports/inventory?format=csv", aAdmin);
    assertThat(mine.get(0)).doesNotContain("customer").startsWith("site", "make", "brand");
    assertThat(column(mine, "serial")).containsExactly("ACT-1", "EST-1", "JAM-1", "WRAP-1");
    assertThat(column(mine, "totalPages")).containsExactly("1234567", "2600", "77", "");
    assertThat(column(mine, "totalPagesFlags")).containsExactly("", "", "", "wrapped");
    assertThat(column(mine, "model")).contains(HOSTILE);
    assertThat(column(mine, "lowestSupply")).containsOnly("Black Toner");
    assertThat(column(mine, "lowestSupplyPercent")).containsOnly("40");
    assertThat(column(mine, "status")).contains("idle (jammed)");

    List<List<String>> all = csv("/api/v1/reports/inventory?format=csv", provider);
    assertThat(all.get(0).get(0)).isEqualTo("customer");
    assertThat(column(all, "customer")).containsOnly("rep-a", "rep-b");
    assertThat(column(all, "serial")).contains("ACT-1", "BETA-1");
    List<List<String>> beta = csv("/api/v1/reports/inventory?format=csv&customer=rep-b", provider);
    assertThat(beta.get(0)).doesNotContain("customer");
    assertThat(column(beta, "serial")).containsExactly("BETA-1", "BETA-JAM");

    HttpResponse<String> theirs = get("/api/v1/reports/inventory?customer=rep-b", aAdmin);
    assertThat(theirs.statusCode()).isEqualTo(404);
    assertThat(theirs.body()).contains("not_found").doesNotContain("BETA");
    assertThat(get("/api/v1/reports/inventory?customer=Not%20An%20Id", aAdmin).statusCode())
        .isEqualTo(400);

    HttpResponse<String> csv = get("/api/v1/reports/inventory?format=csv", aAdmin);
    assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
        .isEqualTo("attachment; filename=\"inventory-rep-a-2026-11-02.csv\"");

    HttpResponse<String> html = get("/api/v1/reports/inventory", aAdmin);
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(html.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("default-src 'none'");
    assertSelfContained(html.body());
    assertThat(html.body())
        .contains("Alpha &amp; &quot;Sons&quot; (rep-a)")
        .contains("&lt;script&gt;alert(&#39;model&#39;)&lt;/script&gt;")
        .contains("1,234,567")
        .contains("held for review")
        .doesNotContain("BETA");
  }

  @Test
  void meterReadsAreTheAmrRowsHeldWithBothValuesAndEstimatedWithTheirMethod() {
    HttpResponse<String> amrCsv =
        get("/api/v1/customers/rep-a/amr/periods/2026-11-01/reads?format=csv", aAdmin);
    HttpResponse<String> reportCsv = get("/api/v1/reports/meter-reads?format=csv", aAdmin);
    assertThat(reportCsv.statusCode()).as(reportCsv.body()).isEqualTo(200);
    assertThat(reportCsv.body()).isEqualTo(amrCsv.body()); // the same rows, not a second copy
    List<List<String>> rows = RfcCsv.parse(reportCsv.body());
    assertThat(rows.subList(1, rows.size()))
        .extracting(
            r -> String.join(" ", r.get(3), r.get(5), r.get(7), r.get(10), r.get(11), r.get(12)))
        .containsExactly( // JAM-1 was first seen after the cut-off: not in the period
            "ACT-1 actual 1234567   ",
            "EST-1 estimated 2576 linear  ",
            "WRAP-1 held   300 4294967000");

    HttpResponse<String> html =
        get("/api/v1/reports/meter-reads?customer=rep-a&period=2026-11-01", provider);
    assertThat(html.statusCode()).as(html.body()).isEqualTo(200);
    assertSelfContained(html.body());
    assertThat(html.body())
        .contains("Meter reads, period 2026-11-01")
        .contains("<td class=\"none\">held: not billed</td>")
        .contains("<td class=\"n\">300</td><td class=\"n\">4,294,967,000</td>")
        .contains("<td>linear</td>")
        .contains("held for review 1")
        .contains("1,234,567");
    assertThat(
            get("/api/v1/reports/meter-reads?format=csv&period=2026-11-01", provider).statusCode())
        .isEqualTo(400); // which customer?
    assertThat(get("/api/v1/reports/meter-reads?period=2099-01-01", aAdmin).statusCode())
        .isEqualTo(404);
    assertThat(get("/api/v1/reports/meter-reads", bReader).statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/reports/meter-reads?customer=rep-a", bReader).statusCode())
        .isEqualTo(404);

    // the missed-read list of the billed customer, as its API gives it
    List<List<String>> missed = csv("/api/v1/reports/missed-reads?format=csv", aAdmin);
    assertThat(missed.get(0)).startsWith("make", "serial", "model", "site", "lastSeen");
    com.fasterxml.jackson.databind.JsonNode api =
        this.api.json(get("/api/v1/customers/rep-a/amr/missed-reads", aAdmin));
    assertThat(missed).hasSize(1 + api.path("devices").size());
    assertThat(get("/api/v1/reports/missed-reads", bReader).statusCode()).isEqualTo(404);
  }

  @Test
  void incidentsAndSyncHealthShowOnlyWhatTheScopeSees() {
    List<List<String>> incidents = csv("/api/v1/reports/incidents?format=csv", aAdmin);
    assertThat(column(incidents, "serial")).containsExactly("JAM-1");
    assertThat(column(incidents, "code")).containsExactly("error:jammed");
    assertThat(column(incidents, "state")).containsExactly("open");
    List<List<String>> allIncidents = csv("/api/v1/reports/incidents?format=csv", provider);
    assertThat(column(allIncidents, "customer")).containsExactlyInAnyOrder("rep-a", "rep-b");

    List<List<String>> sync = csv("/api/v1/reports/sync-health?format=csv", aAdmin);
    assertThat(column(sync, "agent")).containsExactly(aAgentId);
    assertThat(column(sync, "state")).containsExactly("ok");
    assertThat(column(sync, "devicesReporting")).containsExactly("4");
    assertThat(column(sync, "devicesLastReport")).containsExactly("1");
    assertThat(column(sync, "newestReading")).containsExactly("2026-11-01T18:00:00Z");
    assertThat(column(sync, "reportsLastDay")).containsExactly("2"); // 12:00 and 18:00 on Nov 1
    List<List<String>> allSync = csv("/api/v1/reports/sync-health?format=csv", provider);
    assertThat(column(allSync, "agent")).contains(aAgentId, bAgentId);
    String html = get("/api/v1/reports/sync-health", bReader).body();
    assertSelfContained(html);
    assertThat(html).contains(bAgentId, "outbox backlog").doesNotContain(aAgentId);
    assertSelfContained(get("/api/v1/reports/incidents", bReader).body());
    HttpResponse<String> orders = get("/api/v1/reports/orders?format=csv", bReader);
    assertThat(orders.statusCode()).isEqualTo(200);
    assertThat(orders.body()).startsWith("state,make,serial,supply,partNumber");
    assertSelfContained(get("/api/v1/reports/orders", bReader).body());
  }

  @Test
  void anUnknownReportOrFormatIsACodedError() {
    HttpResponse<String> none = get("/api/v1/reports/invoices", aAdmin);
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(api.json(none).path("code").asText()).isEqualTo("not_found");
    HttpResponse<String> pdf = get("/api/v1/reports/inventory?format=pdf", aAdmin);
    assertThat(pdf.statusCode()).isEqualTo(400);
    assertThat(api.json(pdf).path("code").asText()).isEqualTo("request.invalid");
  }
}
