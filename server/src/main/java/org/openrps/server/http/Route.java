package org.openrps.server.http;

import java.util.Objects;

/**
 * A route a feature serves: method, path template ({@code {name}} for a parameter) and handler.
 *
 * @param api true when the route belongs to the documented REST API ({@code /api/v1/openapi.json}
 *     lists exactly these)
 */
public record Route(Method method, String path, Handler handler, boolean api) {

  /** The methods the server answers. */
  public enum Method {
    get,
    post,
    put,
    delete
  }

  /** Answers one request; throws {@link ApiException} to refuse it. */
  @FunctionalInterface
  public interface Handler {
    Response handle(Request request);
  }

  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(handler, "handler");
  }

  /** "method path", as the OpenAPI document lists a route. */
  public String key() {
    return method + " " + path;
  }
}
