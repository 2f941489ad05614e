package org.openrps.server.dashboard;

import java.util.ArrayList;
import java.util.List;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Route;

/** The pages a {@link DashboardSection} serves, each behind the login. */
public final class PageRoutes {

  /** A page's handler, called only for a logged-in user (and, for a POST, a valid CSRF token). */
  @FunctionalInterface
  public interface Handler {
    Response handle(Viewer viewer, Request request);
  }

  /** One page route. */
  public record Page(Route.Method method, String path, Handler handler) {}

  private final List<Page> pages = new ArrayList<>();

  public PageRoutes get(String path, Handler handler) {
    pages.add(new Page(Route.Method.get, path, handler));
    return this;
  }

  /** A form's target: the dashboard refuses it (403) unless it carries the session's token. */
  public PageRoutes post(String path, Handler handler) {
    pages.add(new Page(Route.Method.post, path, handler));
    return this;
  }

  List<Page> all() {
    return List.copyOf(pages);
  }
}
