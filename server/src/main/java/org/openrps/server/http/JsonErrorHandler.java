package org.openrps.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.openrps.wire.ErrorBody;

/**
 * The errors that Jetty answers itself, before a route runs (headers too large, a malformed request
 * line, a URI too long), as the same JSON error body the routes write, instead of Jetty's HTML
 * page. The message is the status's reason phrase, never text from the request.
 */
final class JsonErrorHandler extends ErrorHandler {

  private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

  private final ObjectMapper json;

  JsonErrorHandler(ObjectMapper json) {
    this.json = json;
  }

  /** The stable code of an error status that no route decided. */
  static String code(int status) {
    return switch (status) {
      case 400 -> "request.invalid";
      case 404 -> "not_found";
      case 405 -> "request.method_not_allowed";
      case 408 -> "request.timeout";
      case 413 -> "request.too_large";
      case 414 -> "request.uri_too_long";
      case 431 -> "request.headers_too_large";
      default -> status >= 500 ? "server.error" : "request.refused";
    };
  }

  static ErrorBody body(int status) {
    String reason = HttpStatus.getMessage(status);
    return new ErrorBody(code(status), reason == null ? "HTTP " + status : reason.toLowerCase());
  }

  private byte[] bytes(int status) {
    try {
      return json.writeValueAsBytes(body(status));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an error body as JSON", e);
    }
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(JSON);
    response.write(true, ByteBuffer.wrap(bytes(code)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(JSON);
    return ByteBuffer.wrap(bytes(status));
  }
}
