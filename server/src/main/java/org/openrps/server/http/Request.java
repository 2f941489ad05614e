package org.openrps.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.Optional;

/**
 * One HTTP request as a feature's handler sees it: no Javalin or Jetty type leaves this package.
 * Authentication is asked for, not assumed: {@link #user()} and {@link #client()} check the {@code
 * Authorization} header on the first call and refuse with {@code auth.invalid_credentials} (401).
 */
public interface Request {

  /** The path without the query string, e.g. {@code /api/v1/devices}. */
  String path();

  /** A path parameter of the route, e.g. {@code customer} in {@code /customers/{customer}}. */
  String pathParam(String name);

  Optional<String> query(String name);

  Optional<String> header(String name);

  Optional<String> cookie(String name);

  /** A field of an {@code application/x-www-form-urlencoded} body. */
  Optional<String> form(String name);

  /** The client's address, as the socket saw it. */
  String clientAddress();

  /** The declared {@code Content-Length}, -1 when none. */
  long contentLength();

  /** The body as it arrives, read once; the caller limits what it reads. */
  InputStream bodyStream();

  /** The body as a JSON object; {@code request.invalid} (400) when it is not one. */
  JsonNode jsonObject();

  /**
   * The body as a record of the wire format; {@code request.invalid} (400) naming the problem when
   * it is not one.
   */
  <T> T body(Class<T> type);

  /** The dashboard user or API client behind this request (Bearer token or HTTP Basic). */
  UserPrincipal user();

  /** The agent or Device Direct device behind this request (HTTP Basic id and secret). */
  ClientPrincipal client();
}
