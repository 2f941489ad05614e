package org.openrps.server.http;

import java.util.ArrayList;
import java.util.List;

/** Collects the routes of the features, in the order they are declared. */
public final class Routes {

  /** The REST API's prefix. */
  public static final String V1 = "/api/v1";

  private final List<Route> routes = new ArrayList<>();

  /** A feature that serves routes. */
  public interface Feature {
    void routes(Routes routes);
  }

  public Routes get(String path, Route.Handler handler) {
    return add(Route.Method.get, path, handler);
  }

  public Routes post(String path, Route.Handler handler) {
    return add(Route.Method.post, path, handler);
  }

  public Routes put(String path, Route.Handler handler) {
    return add(Route.Method.put, path, handler);
  }

  public Routes delete(String path, Route.Handler handler) {
    return add(Route.Method.delete, path, handler);
  }

  /** A route outside the REST API (dashboard pages, forms). */
  public Routes page(Route.Method method, String path, Route.Handler handler) {
    routes.add(new Route(method, path, handler, false));
    return this;
  }

  private Routes add(Route.Method method, String path, Route.Handler handler) {
    routes.add(new Route(method, path, handler, path.startsWith(V1 + "/")));
    return this;
  }

  public List<Route> all() {
    return List.copyOf(routes);
  }
}
