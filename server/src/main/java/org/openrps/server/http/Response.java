package org.openrps.server.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a handler answers. The HTTP layer writes it: JSON bodies with the one wire mapper, every
 * other body as bytes with its content type.
 */
public sealed interface Response {

  /** A response header; {@code Set-Cookie} may come more than once. */
  record Header(String name, String value) {
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  int status();

  List<Header> headers();

  /** This response with one more header. */
  Response with(String name, String value);

  /** A JSON body: a record (or a list of them) that Jackson writes. */
  record Json(int status, Object body, List<Header> headers) implements Response {
    public Json {
      Objects.requireNonNull(body, "body");
      headers = List.copyOf(headers);
    }

    @Override
    public Json with(String name, String value) {
      return new Json(status, body, plus(headers, name, value));
    }
  }

  /** Any other body: CSV, HTML, Prometheus text, a stored document. */
  record Bytes(int status, String contentType, byte[] body, List<Header> headers)
      implements Response {
    public Bytes {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
      headers = List.copyOf(headers);
    }

    @Override
    public Bytes with(String name, String value) {
      return new Bytes(status, contentType, body, plus(headers, name, value));
    }
  }

  /** 303 See Other to a path of this server. */
  record Redirect(String location, List<Header> headers) implements Response {
    public Redirect {
      Objects.requireNonNull(location, "location");
      headers = List.copyOf(headers);
    }

    @Override
    public int status() {
      return 303;
    }

    @Override
    public Redirect with(String name, String value) {
      return new Redirect(location, plus(headers, name, value));
    }
  }

  /** No body, e.g. 204 after a delete. */
  record Empty(int status, List<Header> headers) implements Response {
    public Empty {
      headers = List.copyOf(headers);
    }

    @Override
    public Empty with(String name, String value) {
      return new Empty(status, plus(headers, name, value));
    }
  }

  static Json json(int status, Object body) {
    return new Json(status, body, List.of());
  }

  static Json ok(Object body) {
    return json(200, body);
  }

  static Json created(Object body) {
    return json(201, body);
  }

  static Empty noContent() {
    return new Empty(204, List.of());
  }

  static Redirect redirect(String location) {
    return new Redirect(location, List.of());
  }

  static Bytes html(int status, String html) {
    return new Bytes(
        status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), List.of());
  }

  /** A CSV download (RFC 4180) named {@code fileName}. */
  static Bytes csv(String fileName, String text) {
    return new Bytes(
        200,
        "text/csv; charset=utf-8",
        text.getBytes(StandardCharsets.UTF_8),
        List.of(new Header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")));
  }

  private static List<Header> plus(List<Header> headers, String name, String value) {
    List<Header> all = new ArrayList<>(headers);
    all.add(new Header(name, value));
    return all;
  }
}
