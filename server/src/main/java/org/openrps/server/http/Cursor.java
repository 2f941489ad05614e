package org.openrps.server.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Opaque page cursors: the sort key of the last item, as base64url JSON. */
final class Cursor {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private Cursor() {}

  static String encode(List<String> key) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(key));
    } catch (Exception e) {
      throw new IllegalStateException("cannot encode a cursor", e);
    }
  }

  /** The key in the cursor, or an empty list for none; {@code request.invalid} when broken. */
  static List<String> decode(String cursor, int parts) {
    if (cursor == null || cursor.isEmpty()) {
      return List.of();
    }
    try {
      List<String> key =
          JSON.readValue(
              new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8), STRINGS);
      if (key.size() != parts || key.stream().anyMatch(s -> s == null)) {
        throw ApiException.badRequest("the cursor is not one this list made");
      }
      return key;
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw ApiException.badRequest("the cursor is not one this list made");
    }
  }
}
