package org.openrps.server.dashboard;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openrps.server.accounts.Accounts;
import org.openrps.server.accounts.Sessions;
import org.openrps.server.accounts.Sessions.Session;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Route;
import org.openrps.server.http.Routes;
import org.openrps.server.http.UserPrincipal;

/**
 * The dashboard: a login form, a session cookie, and the pages of its {@link DashboardSection}s,
 * each behind the login. A page without a session goes to the login form; a POST without the
 * session's CSRF token is refused (403) before its handler runs; a refusal from a feature ({@link
 * ApiException}) is shown as a page that says what went wrong, never as JSON or a stack trace.
 *
 * <p>Cookies are {@code Secure; HttpOnly; SameSite=Strict}. The login form carries a CSRF token
 * that must equal a short-lived cookie (double submit, as there is no session yet); the logout form
 * carries the session's own CSRF token.
 */
public final class Dashboard implements Routes.Feature {

  static final String SESSION_COOKIE = "openrps_session";
  static final String LOGIN_CSRF_COOKIE = "openrps_login_csrf";
  private static final int LOGIN_CSRF_SECONDS = 1800;

  private final Accounts accounts;
  private final Sessions sessions;
  private final List<DashboardSection> sections;
  private final Clock clock;

  public Dashboard(
      Accounts accounts, Sessions sessions, List<DashboardSection> sections, Clock clock) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.sections = List.copyOf(sections);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void routes(Routes routes) {
    routes.page(Route.Method.get, "/login", this::loginForm);
    routes.page(Route.Method.post, "/login", this::login);
    routes.page(Route.Method.post, "/logout", this::logout);
    for (PageRoutes.Page p : pages()) {
      routes.page(p.method(), p.path(), behindLogin(p));
    }
  }

  /** Every page of every section, in the order declared. */
  public List<PageRoutes.Page> pages() {
    PageRoutes pages = new PageRoutes();
    sections.forEach(s -> s.pages(pages));
    return pages.all();
  }

  private Route.Handler behindLogin(PageRoutes.Page page) {
    boolean form = page.method() == Route.Method.post;
    return request -> {
      Optional<Session> session = session(request);
      if (session.isEmpty()) {
        return Response.redirect("/login");
      }
      Viewer viewer = new Viewer(session.get().user(), session.get().csrfToken(), clock.instant());
      if (form
          && !Sessions.sameToken(session.get().csrfToken(), request.form("csrf").orElse(null))) {
        return Response.html(
            403,
            Layout.error(
                viewer,
                403,
                "The form expired or did not come from this dashboard; nothing was changed. Please try again."));
      }
      try {
        return page.handler().handle(viewer, request);
      } catch (ApiException e) {
        return Response.html(e.status(), Layout.error(viewer, e.status(), e.getMessage()));
      }
    };
  }

  private Optional<Session> session(Request request) {
    return sessions.find(request.cookie(SESSION_COOKIE).orElse(null));
  }

  private Response loginForm(Request request) {
    if (session(request).isPresent()) {
      return Response.redirect("/");
    }
    return showLogin(200, null, null);
  }

  private Response showLogin(int status, String error, String username) {
    String csrf = sessions.newToken();
    return Response.html(status, LoginPage.login(csrf, error, username))
        .with("Set-Cookie", cookie(LOGIN_CSRF_COOKIE, csrf, "/login", LOGIN_CSRF_SECONDS));
  }

  private Response login(Request request) {
    if (!Sessions.sameToken(
        request.cookie(LOGIN_CSRF_COOKIE).orElse(null), request.form("csrf").orElse(null))) {
      return showLogin(403, "The form expired. Please log in again.", null);
    }
    String username = request.form("username").orElse("").trim();
    char[] secret = request.form("password").orElse("").toCharArray();
    Optional<UserPrincipal> user;
    try {
      user =
          username.isEmpty() || secret.length == 0
              ? Optional.empty()
              : accounts.authenticateUser(username, secret, request.clientAddress());
    } catch (ApiException e) {
      if (e.status() != 429) {
        throw e;
      }
      return showLogin(429, "Too many attempts. Please wait a minute and try again.", username)
          .with("Retry-After", Long.toString(e.retryAfterSeconds()));
    } finally {
      Arrays.fill(secret, '\0');
    }
    if (user.isEmpty()) {
      return showLogin(401, "Wrong user name or password.", username);
    }
    Session session = sessions.open(user.get());
    return Response.redirect("/")
        .with(
            "Set-Cookie",
            cookie(SESSION_COOKIE, session.token(), "/", (int) sessions.lifetime().toSeconds()))
        .with("Set-Cookie", cookie(LOGIN_CSRF_COOKIE, "", "/login", 0));
  }

  private Response logout(Request request) {
    Optional<Session> session = session(request);
    Response response = Response.redirect("/login");
    if (session.isPresent()
        && Sessions.sameToken(session.get().csrfToken(), request.form("csrf").orElse(null))) {
      sessions.close(session.get());
      response = response.with("Set-Cookie", cookie(SESSION_COOKIE, "", "/", 0));
    }
    return response;
  }

  private static String cookie(String name, String value, String path, int maxAge) {
    return name
        + "="
        + value
        + "; Path="
        + path
        + "; Max-Age="
        + maxAge
        + "; Secure; HttpOnly; SameSite=Strict";
  }
}
