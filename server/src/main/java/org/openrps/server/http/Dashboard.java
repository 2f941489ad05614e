package org.openrps.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Optional;
import org.openrps.server.service.ApiException;
import org.openrps.server.service.Sessions;
import org.openrps.server.service.Sessions.Session;
import org.openrps.server.service.UserPrincipal;

/**
 * The dashboard: a login form, a session cookie, and the device list.
 *
 * <p>Cookies are {@code Secure; HttpOnly; SameSite=Strict}. The login form carries a CSRF token
 * that must equal a short-lived cookie (double submit, as there is no session yet); the logout form
 * carries the session's own CSRF token.
 */
final class Dashboard {

  static final String SESSION_COOKIE = "openrps_session";
  static final String LOGIN_CSRF_COOKIE = "openrps_login_csrf";
  private static final int LOGIN_CSRF_SECONDS = 1800;

  private final HttpServer.Services services;

  Dashboard(HttpServer.Services services) {
    this.services = services;
  }

  void register(RoutesConfig routes) {
    routes.get("/", this::devices);
    routes.get("/login", this::loginForm);
    routes.post("/login", this::login);
    routes.post("/logout", this::logout);
  }

  private Optional<Session> session(Context ctx) {
    return services.sessions().find(ctx.cookie(SESSION_COOKIE));
  }

  private void devices(Context ctx) {
    Optional<Session> session = session(ctx);
    if (session.isEmpty()) {
      HttpServer.redirect(ctx, "/login");
      return;
    }
    UserPrincipal user = session.get().user();
    ctx.html(
        Pages.devices(
            user.username(), session.get().csrfToken(), services.devices().latest(user.scope())));
  }

  private void loginForm(Context ctx) {
    if (session(ctx).isPresent()) {
      HttpServer.redirect(ctx, "/");
      return;
    }
    showLogin(ctx, 200, null, null);
  }

  private void showLogin(Context ctx, int status, String error, String username) {
    String csrf = services.sessions().newToken();
    setCookie(ctx, LOGIN_CSRF_COOKIE, csrf, "/login", LOGIN_CSRF_SECONDS);
    ctx.status(status).html(Pages.login(csrf, error, username));
  }

  private void login(Context ctx) {
    if (!Sessions.sameToken(ctx.cookie(LOGIN_CSRF_COOKIE), ctx.formParam("csrf"))) {
      showLogin(ctx, 403, "The form expired. Please log in again.", null);
      return;
    }
    String username = Optional.ofNullable(ctx.formParam("username")).orElse("").trim();
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    char[] secret = password.toCharArray();
    Optional<UserPrincipal> user;
    try {
      user =
          username.isEmpty() || secret.length == 0
              ? Optional.empty()
              : services.accounts().authenticateUser(username, secret, ctx.ip());
    } catch (ApiException e) {
      if (e.status() != 429) {
        throw e;
      }
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      showLogin(ctx, 429, "Too many attempts. Please wait a minute and try again.", username);
      return;
    } finally {
      Arrays.fill(secret, '\0');
    }
    if (user.isEmpty()) {
      showLogin(ctx, 401, "Wrong user name or password.", username);
      return;
    }
    Session session = services.sessions().open(user.get());
    setCookie(
        ctx,
        SESSION_COOKIE,
        session.token(),
        "/",
        (int) services.sessions().lifetime().toSeconds());
    setCookie(ctx, LOGIN_CSRF_COOKIE, "", "/login", 0);
    HttpServer.redirect(ctx, "/");
  }

  private void logout(Context ctx) {
    Optional<Session> session = session(ctx);
    if (session.isPresent()
        && Sessions.sameToken(session.get().csrfToken(), ctx.formParam("csrf"))) {
      services.sessions().close(session.get());
      setCookie(ctx, SESSION_COOKIE, "", "/", 0);
    }
    HttpServer.redirect(ctx, "/login");
  }

  private static void setCookie(Context ctx, String name, String value, String path, int maxAge) {
    ctx.res()
        .addHeader(
            "Set-Cookie",
            name
                + "="
                + value
                + "; Path="
                + path
                + "; Max-Age="
                + maxAge
                + "; Secure; HttpOnly; SameSite=Strict");
  }
}
