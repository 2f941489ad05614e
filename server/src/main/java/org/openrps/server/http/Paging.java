package org.openrps.server.http;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Cursor paging for lists: {@code limit} (1 to 1000, default 100) and an opaque {@code cursor}; the
 * next page's cursor goes in {@code X-Next-Cursor} and a {@code Link: <…>; rel="next"} header.
 */
public final class Paging {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  private Paging() {}

  /** The page size asked for. */
  public static int limit(Request request) {
    String value = request.query("limit").orElse(null);
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiException.badRequest("limit must be a number from 1 to " + MAX_LIMIT);
  }

  /** The sort key after which the page starts, {@code parts} strings; empty for the first page. */
  public static List<String> after(Request request, int parts) {
    return Cursor.decode(request.query("cursor").orElse(null), parts);
  }

  /** Whether the request asks for CSV ({@code format=csv}) rather than JSON. */
  public static boolean csv(Request request) {
    String format = request.query("format").orElse("json");
    if (format.equals("csv")) {
      return true;
    }
    if (format.equals("json")) {
      return false;
    }
    throw ApiException.badRequest("format must be json or csv");
  }

  /**
   * A page of at most {@code limit} items, from a list read with {@code limit + 1} so that a next
   * page shows; {@code key} is the sort key of an item, {@code view} its JSON record.
   */
  public static <T> Response page(
      Request request,
      List<T> read,
      int limit,
      Function<T, List<String>> key,
      Function<T, ?> view) {
    List<T> items = read.size() > limit ? read.subList(0, limit) : read;
    Response response = Response.ok(items.stream().map(view).toList());
    if (read.size() > limit) {
      String next = Cursor.encode(key.apply(items.get(items.size() - 1)));
      response =
          response
              .with("X-Next-Cursor", next)
              .with(
                  "Link",
                  "<" + request.path() + "?limit=" + limit + "&cursor=" + next + ">; rel=\"next\"");
    }
    return response;
  }

  /** An instant from a cursor part (epoch milliseconds). */
  public static Instant instant(String epochMillis) {
    try {
      return Instant.ofEpochMilli(Long.parseLong(epochMillis));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("the cursor is not one this list made");
    }
  }

  /** An integer from a cursor part. */
  public static int integer(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("the cursor is not one this list made");
    }
  }
}
