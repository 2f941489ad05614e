package org.openrps.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.server.Fixtures;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.testkit.MutableClock;

/**
 * Every form of the dashboard, over real HTTPS without a browser: each POST page is refused (403,
 * nothing run) without the session's CSRF token or with a wrong one, and sends a visitor without a
 * session to the login form; every page answers HTML for a logged-in user, a refusal as a page that
 * says why, never a server error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardFormsTest {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T10:00:00Z"));
  private ServerApp server;
  private HttpClient http;
  private String session;
  private String csrf;

  @BeforeAll
  void startAndLogIn() throws Exception {
    Path dir = org.openrps.testkit.Scratch.directory("openrps-dashboard-forms");
    server = ServerApp.start(ServerConfig.embedded(dir, 0), clock);
    server.putUser("admin", "correct horse".toCharArray());
    http =
        HttpClient.newBuilder()
            .sslContext(Fixtures.trusting(server.certificatePem()))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<String> form = send(get("/login"));
    String loginCsrf = field(form.body());
    HttpResponse<String> login =
        send(
            post(
                    "/login",
                    Map.of("username", "admin", "password", "correct horse", "csrf", loginCsrf))
                .header("Cookie", "openrps_login_csrf=" + loginCsrf)
                .build());
    assertThat(login.statusCode()).isEqualTo(303);
    session = cookie(login, "openrps_session");
    HttpResponse<String> overview = send(get("/", session));
    assertThat(overview.statusCode()).isEqualTo(200);
    csrf = field(overview.body());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** The dashboard's POST routes but the login form's, with every path parameter filled in. */
  private List<String> forms() {
    return server.pageRoutes().stream()
        .filter(r -> r.startsWith("post "))
        .map(r -> r.substring("post ".length()))
        .filter(p -> !p.equals("/login"))
        .map(p -> p.replaceAll("\\{[^}]+}", "x"))
        .toList();
  }

  @Test
  void everyFormWithoutTheSessionsTokenIsRefusedAndRunsNothing() throws Exception {
    assertThat(forms()).contains("/logout");
    for (String path : forms()) {
      for (Map<String, String> fields :
          List.of(Map.<String, String>of(), Map.of("csrf", "not-the-token"))) {
        HttpResponse<String> r =
            send(post(path, fields).header("Cookie", "openrps_session=" + session).build());
        if (path.equals("/logout")) {
          assertThat(r.statusCode()).isEqualTo(303);
        } else {
          assertThat(r.statusCode()).as("POST %s with %s", path, fields.keySet()).isEqualTo(403);
          assertThat(r.body()).contains("nothing was changed");
        }
      }
    }
    assertThat(send(get("/", session)).statusCode())
        .as("a logout without the token ends no session")
        .isEqualTo(200);
  }

  @Test
  void everyFormWithoutASessionGoesToTheLoginForm() throws Exception {
    for (String path : forms()) {
      HttpResponse<String> r = send(post(path, Map.of("csrf", csrf)).build());
      assertThat(r.statusCode()).as("POST %s", path).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).as("POST %s", path).hasValue("/login");
    }
  }

  @Test
  void everyPageAnswersHtmlAndARefusalIsAPageNeverAServerError() throws Exception {
    List<String> pages =
        server.pageRoutes().stream()
            .filter(r -> r.startsWith("get "))
            .map(r -> r.substring("get ".length()))
            .filter(p -> !p.equals("/login"))
            .toList();
    assertThat(pages).contains("/", "/devices", "/devices.csv");
    for (String path : pages) {
      HttpResponse<String> r = send(get(path.replaceAll("\\{[^}]+}", "x"), session));
      assertThat(r.statusCode()).as("GET %s", path).isIn(200, 400, 404);
      String type = r.headers().firstValue("Content-Type").orElse("");
      assertThat(type).as("GET %s", path).containsAnyOf("text/html", "text/csv");
      assertThat(r.body()).as("GET %s", path).doesNotContain("Exception", "\tat ");
    }
    HttpResponse<String> bad = send(get("/devices?low=abc", session));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("low supply must be a percentage from 0 to 100");
  }

  /** Markup a value must never bring into a page unescaped. */
  private static final String HOSTILE = "<i id=\"hostile\">'&";

  private static final Pattern FIELD_NAME = Pattern.compile("name=\"([A-Za-z0-9_-]+)\"");

  /**
   * Every field name of every form the pages show (their GET filters included), and every path
   * parameter, filled with markup: no page, refusal or CSV answer carries it unescaped, neither in
   * the answer to the form nor on any page afterwards (a value a form stored is shown escaped).
   */
  @Test
  void everyFormAndPageEscapesWhatItIsGiven() throws Exception {
    List<String> gets =
        server.pageRoutes().stream()
            .filter(r -> r.startsWith("get "))
            .map(r -> r.substring("get ".length()))
            .filter(p -> !p.equals("/login"))
            .toList();
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (String path : gets) {
      Matcher m = FIELD_NAME.matcher(send(get(path.replaceAll("\\{[^}]+}", "x"), session)).body());
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    names.remove("csrf");
    assertThat(names).as("field names found in the pages").contains("q");
    Map<String, String> hostile = new java.util.TreeMap<>();
    names.forEach(n -> hostile.put(n, HOSTILE));
    String hostileQuery =
        hostile.keySet().stream()
            .map(n -> n + "=" + URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    String hostilePath = URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8).replace("+", "%20");
    for (String path : forms()) {
      if (path.equals("/logout")) {
        continue;
      }
      Map<String, String> fields = new java.util.TreeMap<>(hostile);
      fields.put("csrf", csrf);
      for (String target : List.of(path, postPath(path, hostilePath))) {
        HttpResponse<String> r =
            send(post(target, fields).header("Cookie", "openrps_session=" + session).build());
        assertThat(r.statusCode()).as("POST %s", target).isLessThan(500);
        assertThat(r.body()).as("POST %s", target).doesNotContain("<i id=\"hostile\">");
      }
    }
    for (String path : gets) {
      for (String target :
          List.of(
              path.replaceAll("\\{[^}]+}", "x") + "?" + hostileQuery,
              path.replaceAll("\\{[^}]+}", hostilePath) + "?" + hostileQuery)) {
        HttpResponse<String> r = send(get(target, session));
        assertThat(r.statusCode()).as("GET %s", target).isLessThan(500);
        assertThat(r.body()).as("GET %s", target).doesNotContain("<i id=\"hostile\">");
      }
    }
  }

  /** A POST route's path with each path parameter the given (encoded) text. */
  private List<String> postPaths() {
    return server.pageRoutes().stream()
        .filter(r -> r.startsWith("post "))
        .map(r -> r.substring("post ".length()))
        .toList();
  }

  private String postPath(String filled, String parameter) {
    for (String template : postPaths()) {
      if (template.replaceAll("\\{[^}]+}", "x").equals(filled)) {
        return template.replaceAll("\\{[^}]+}", parameter);
      }
    }
    return filled;
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.port() + path);
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(uri(path)).GET().build();
  }

  private HttpRequest get(String path, String session) {
    return HttpRequest.newBuilder(uri(path))
        .header("Cookie", "openrps_session=" + session)
        .GET()
        .build();
  }

  private HttpRequest.Builder post(String path, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static String field(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("a CSRF field in the page").isTrue();
    return m.group(1);
  }

  private static String cookie(HttpResponse<?> response, String name) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';')))
        .findFirst()
        .orElseThrow();
  }
}
