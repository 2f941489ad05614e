package org.openrps.server.dashboard;

import java.time.Instant;
import java.util.Objects;
import org.openrps.server.http.UserPrincipal;
import org.openrps.server.store.Role;
import org.openrps.server.store.Scope;

/**
 * Who is looking at a page: the logged-in user, the session's CSRF token for its forms, and the
 * server's time when the page is made.
 */
public record Viewer(UserPrincipal user, String csrfToken, Instant now) {

  public Viewer {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(csrfToken, "csrfToken");
    Objects.requireNonNull(now, "now");
  }

  public Scope scope() {
    return user.scope();
  }

  /** A provider admin sees every customer, and the customer and site columns. */
  public boolean provider() {
    return user.role() == Role.provider_admin;
  }

  /** Whether the user may change anything (send a command, review a read). */
  public boolean canChange() {
    return user.role().canChange();
  }

  /** The hidden CSRF field every form that changes something carries. */
  public String csrfField() {
    return Html.csrf(csrfToken);
  }
}
