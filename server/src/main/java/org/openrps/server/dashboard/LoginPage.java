package org.openrps.server.dashboard;

/** The login form. Every value from outside goes through {@link Html}. */
final class LoginPage {

  private LoginPage() {}

  static String login(String csrfToken, String error, String username) {
    StringBuilder body = new StringBuilder();
    body.append("<main class=\"card\"><h1>OpenRPS</h1>");
    if (error != null) {
      body.append("<p class=\"error\" role=\"alert\" id=\"login-error\">")
          .append(Html.escape(error))
          .append("</p>");
    }
    body.append("<form method=\"post\" action=\"/login\">")
        .append(Html.csrf(csrfToken))
        .append("<label for=\"username\">User name</label>")
        .append("<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\"")
        .append(" required autofocus value=\"")
        .append(Html.escape(username == null ? "" : username))
        .append("\">")
        .append("<label for=\"password\">Password</label>")
        .append("<input type=\"password\" id=\"password\" name=\"password\"")
        .append(" autocomplete=\"current-password\" required>")
        .append("<button type=\"submit\">Log in</button></form></main>");
    return Layout.document("Log in", body.toString());
  }
}
