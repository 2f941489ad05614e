package org.openrps.server.dashboard;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.openrps.server.accounts.Accounts;
import org.openrps.server.accounts.Sessions;
import org.openrps.server.accounts.Sessions.Session;
import org.openrps.server.fleet.DeviceRepository;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Route;
import org.openrps.server.http.Routes;
import org.openrps.server.http.UserPrincipal;

/**
 * The dashboard: a login form, a session cookie, and the device list.
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
  private final DeviceRepository devices;

  public Dashboard(Accounts accounts, Sessions sessions, DeviceRepository devices) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.devices = Objects.requireNonNull(devices, "devices");
  }

  @Override
  public void routes(Routes routes) {
    routes.page(Route.Method.get, "/", this::devices);
    routes.page(Route.Method.get, "/login", this::loginForm);
    routes.page(Route.Method.post, "/login", this::login);
    routes.page(Route.Method.post, "/logout", this::logout);
  }

  private Optional<Session> session(Request request) {
    return sessions.find(request.cookie(SESSION_COOKIE).orElse(null));
  }

  private Response devices(Request request) {
    Optional<Session> session = session(request);
    if (session.isEmpty()) {
      return Response.redirect("/login");
    }
    UserPrincipal user = session.get().user();
    return Response.html(
        200,
        Pages.devices(user.username(), session.get().csrfToken(), devices.latest(user.scope())));
  }

  private Response loginForm(Request request) {
    if (session(request).isPresent()) {
      return Response.redirect("/");
    }
    return showLogin(200, null, null);
  }

  private Response showLogin(int status, String error, String username) {
    String csrf = sessions.newToken();
    return Response.html(status, Pages.login(csrf, error, username))
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
