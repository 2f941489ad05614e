package org.openrps.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium for the dashboard's browser tests: one browser per test class, a fresh
 * context per test, logging in, screenshots kept under {@code target/dashboard-screenshots/} for
 * review, and axe-core's accessibility check (serious and critical violations fail).
 */
public final class DashboardBrowser implements AutoCloseable {

  /** Where the screenshots go, for a reviewer (and the README's pictures). */
  public static final Path SCREENSHOTS = Paths.get("target", "dashboard-screenshots");

  /** A desktop and a phone. */
  public enum Width {
    desktop(1280, 900),
    phone(390, 844);

    final int width;
    final int height;

    Width(int width, int height) {
      this.width = width;
      this.height = height;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Playwright playwright;
  private final Browser browser;
  private final String baseUrl;

  public DashboardBrowser(String baseUrl) {
    this.baseUrl = baseUrl;
    this.playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    this.browser =
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
  }

  public String url(String path) {
    return baseUrl + path;
  }

  /**
   * A fresh context (no cookies) at the given width. It bypasses the page's content security policy
   * only so that the test can inject axe-core; the pages themselves run no script.
   */
  public BrowserContext context(Width width) {
    return browser.newContext(
        new Browser.NewContextOptions()
            .setIgnoreHTTPSErrors(true)
            .setBypassCSP(true)
            .setViewportSize(width.width, width.height));
  }

  /** Logs in through the form and lands on the overview. */
  public static void logIn(Page page, String baseUrl, String username, String password) {
    page.navigate(baseUrl + "/login");
    page.fill("#username", username);
    page.fill("#password", password);
    page.click("button[type=submit]");
  }

  public void logIn(Page page, String username, String password) {
    logIn(page, baseUrl, username, password);
    assertThat(page.url()).as("logged in").isEqualTo(url("/"));
  }

  /** A full-page screenshot, {@code target/dashboard-screenshots/<name>.png}. */
  public static Path screenshot(Page page, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new IllegalStateException("cannot make " + SCREENSHOTS, e);
    }
    Path file = SCREENSHOTS.resolve(name + ".png");
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    return file;
  }

  /**
   * What the viewport shows now, {@code target/dashboard-screenshots/<name>.png}: a picture of a
   * screenful (the README's), where a full page would be many screens long.
   */
  public static Path view(Page page, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new IllegalStateException("cannot make " + SCREENSHOTS, e);
    }
    Path file = SCREENSHOTS.resolve(name + ".png");
    page.screenshot(new Page.ScreenshotOptions().setPath(file));
    return file;
  }

  /**
   * axe-core's serious and critical violations on the page as it is now, one line each (rule,
   * impact, the first offending element); empty when there is none.
   */
  public static List<String> seriousViolations(Page page) {
    page.addScriptTag(new Page.AddScriptTagOptions().setContent(axeScript()));
    Object result =
        page.evaluate(
            "async () => JSON.stringify((await axe.run(document,"
                + " {resultTypes: ['violations']})).violations)");
    List<String> lines = new ArrayList<>();
    try {
      for (JsonNode v : JSON.readTree(result.toString())) {
        String impact = v.path("impact").asText();
        if (impact.equals("serious") || impact.equals("critical")) {
          JsonNode first = v.path("nodes").path(0);
          lines.add(
              v.path("id").asText()
                  + " ("
                  + impact
                  + "): "
                  + v.path("help").asText()
                  + " at "
                  + first.path("target")
                  + " "
                  + first.path("failureSummary").asText().replace('\n', ' '));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("axe-core answered something that is not JSON", e);
    }
    return lines;
  }

  /** Whether the page is wider than its viewport (a phone would have to scroll sideways). */
  public static boolean scrollsSideways(Page page) {
    return (Boolean)
        page.evaluate(
            "() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
  }

  private static String axe;

  private static synchronized String axeScript() {
    if (axe == null) {
      try (InputStream in = DashboardBrowser.class.getResourceAsStream("/axe.min.js")) {
        if (in == null) {
          throw new IllegalStateException("axe.min.js is not on the test class path");
        }
        axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read axe.min.js", e);
      }
    }
    return axe;
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
