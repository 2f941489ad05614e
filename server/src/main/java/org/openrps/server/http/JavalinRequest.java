package org.openrps.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** A Javalin request seen as a {@link Request}; principals are checked once, on first use. */
final class JavalinRequest implements Request {

  private final Context ctx;
  private final Authenticator authenticator;
  private final ObjectMapper json;
  private UserPrincipal user;
  private ClientPrincipal client;

  JavalinRequest(Context ctx, Authenticator authenticator, ObjectMapper json) {
    this.ctx = ctx;
    this.authenticator = authenticator;
    this.json = json;
  }

  @Override
  public String path() {
    return ctx.path();
  }

  @Override
  public String pathParam(String name) {
    return ctx.pathParam(name);
  }

  @Override
  public Optional<String> query(String name) {
    return Optional.ofNullable(ctx.queryParam(name));
  }

  @Override
  public Optional<String> header(String name) {
    return Optional.ofNullable(ctx.header(name));
  }

  @Override
  public Optional<String> cookie(String name) {
    return Optional.ofNullable(ctx.cookie(name));
  }

  @Override
  public Optional<String> form(String name) {
    return Optional.ofNullable(ctx.formParam(name));
  }

  @Override
  public String clientAddress() {
    return ctx.ip();
  }

  @Override
  public long contentLength() {
    return ctx.req().getContentLengthLong();
  }

  @Override
  public InputStream bodyStream() {
    try {
      return ctx.req().getInputStream();
    } catch (IOException e) {
      throw ApiException.badRequest("the body could not be read: " + e.getMessage());
    }
  }

  @Override
  public JsonNode jsonObject() {
    try {
      JsonNode node = json.readTree(ctx.bodyAsBytes());
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest("the body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw ApiException.badRequest("the body is not JSON");
    }
  }

  @Override
  public <T> T body(Class<T> type) {
    try {
      T value = json.readValue(ctx.bodyAsBytes(), type);
      if (value == null) {
        throw ApiException.badRequest("the body must be a JSON object");
      }
      return value;
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      Throwable cause = e.getCause();
      throw ApiException.badRequest(
          "the body is not a valid "
              + type.getSimpleName()
              + ": "
              + (cause != null && cause.getMessage() != null
                  ? cause.getMessage()
                  : e.getOriginalMessage()));
    } catch (IOException e) {
      throw ApiException.badRequest("the body is not JSON");
    }
  }

  @Override
  public UserPrincipal user() {
    if (user == null) {
      user = authenticator.user(header("Authorization"), clientAddress());
    }
    return user;
  }

  @Override
  public ClientPrincipal client() {
    if (client == null) {
      client = authenticator.client(header("Authorization"), clientAddress());
    }
    return client;
  }
}
