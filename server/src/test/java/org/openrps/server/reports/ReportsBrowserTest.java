package org.openrps.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Media;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openrps.server.ApiClient;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.store.Role;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.SnapshotBuilder;
import org.openrps.testkit.WireSamples;
import org.openrps.wire.DeviceSnapshot;

/**
 * The inventory report in Debian's headless Chromium, fetched from the server as a user would: the
 * page asks for nothing more, a hostile model name stays text, and it prints on landscape pages
 * with the header row on each.
 */
class ReportsBrowserTest {

  static final String HOSTILE =
      "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";

  @Test
  void theInventoryPageLoadsNothingElseRunsNothingAndPrintsOnLandscapePagesWithItsHeader()
      throws Exception {
    Instant t = Instant.parse("2026-11-28T08:00:00Z");
    MutableClock clock = MutableClock.at(t.plusSeconds(60));
    Path dir = org.openrps.testkit.Scratch.directory("openrps-reports-browser");
    TenantId c = TenantId.of("browser");
    try (ServerApp server = ServerApp.start(ServerConfig.embedded(dir, 0), clock)) {
      server.addCustomer(c, "Browser & Co", SiteId.of("main"), "main");
      server.putUser("reader", "reader-pw".toCharArray(), c, Role.customer_reader);
      ApiClient api = new ApiClient(server);
      JsonNode agent = api.enrol(server.newEnrolCode(c, SiteId.of("main")).code(), "agent");
      String id = agent.path("clientId").asText();
      List<DeviceSnapshot> fleet =
          new ArrayList<>(WireSamples.report("fleet", id, t, 120).devices());
      fleet.add(SnapshotBuilder.printer("Zebra", "ZZ-1").model(HOSTILE).at(t).build());
      assertThat(
              api.upload(
                      WireSamples.report("r1", WireSamples.agentSource(id), t, fleet),
                      ApiClient.basic(id, agent.path("secret").asText()))
                  .statusCode())
          .isEqualTo(201);

      try (Playwright playwright =
          Playwright.create(
              new Playwright.CreateOptions()
                  .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
        Browser browser =
            playwright
                .chromium()
                .launch(
                    new BrowserType.LaunchOptions()
                        .setExecutablePath(Paths.get("/usr/bin/chromium"))
                        .setHeadless(true)
                        .setArgs(
                            List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run")));
        BrowserContext context =
            browser.newContext(
                new Browser.NewContextOptions()
                    .setIgnoreHTTPSErrors(true)
                    .setHttpCredentials("reader", "reader-pw"));
        Page page = context.newPage();
        List<String> requests = new ArrayList<>();
        List<String> console = new ArrayList<>();
        page.onRequest(r -> requests.add(r.url()));
        page.onConsoleMessage(m -> console.add(m.type() + ": " + m.text()));
        String url = "https://127.0.0.1:" + server.port() + "/api/v1/reports/inventory";
        assertThat(page.navigate(url).status()).isEqualTo(200);

        assertThat(requests).containsExactly(url);
        assertThat(console).isEmpty();
        assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);
        assertThat(page.locator("tbody tr").count()).isEqualTo(121);
        assertThat(page.locator("tbody tr").last().locator("td").nth(3).textContent())
            .isEqualTo(HOSTILE);
        assertThat(page.locator("h1").textContent()).isEqualTo("Fleet inventory");
        assertThat(page.title()).isEqualTo("Fleet inventory - Browser & Co (browser)");

        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        assertThat(page.evaluate("() => getComputedStyle(document.querySelector('thead')).display"))
            .isEqualTo("table-header-group");
        byte[] pdf = page.pdf(new Page.PdfOptions().setPreferCSSPageSize(true));
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher pages = Pattern.compile("/Type\\s*/Page[^s]").matcher(text);
        int count = 0;
        while (pages.find()) {
          count++;
        }
        assertThat(count).as("pages").isGreaterThan(1);
        Matcher box =
            Pattern.compile("/MediaBox\\s*\\[\\s*0 0 ([0-9.]+) ([0-9.]+)\\s*\\]").matcher(text);
        assertThat(box.find()).isTrue();
        assertThat(Double.parseDouble(box.group(1)))
            .as("landscape")
            .isGreaterThan(Double.parseDouble(box.group(2)));
        assertThat(requests).containsExactly(url);
        browser.close();
      }
    }
  }
}
