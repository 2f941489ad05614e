package org.openrps.agent.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The store's SQL, read from a resource where each statement follows a {@code -- name: x} line. */
final class Statements {

  static final String RESOURCE = "/org/openrps/agent/store/agent-store.sql";

  private final Map<String, String> byName;

  private Statements(Map<String, String> byName) {
    this.byName = Map.copyOf(byName);
  }

  static Statements load() {
    try (InputStream in = Statements.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> map = new HashMap<>();
      String name = null;
      StringBuilder sql = new StringBuilder();
      for (String line : text.split("\n", -1)) {
        String trimmed = line.strip();
        if (trimmed.startsWith("-- name:")) {
          put(map, name, sql);
          name = trimmed.substring("-- name:".length()).strip();
          sql.setLength(0);
        } else if (name != null && !trimmed.startsWith("--")) {
          sql.append(line).append('\n');
        }
      }
      put(map, name, sql);
      return new Statements(map);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static void put(Map<String, String> map, String name, StringBuilder sql) {
    if (name != null && map.put(name, sql.toString().strip()) != null) {
      throw new IllegalStateException(RESOURCE + ": statement " + name + " defined twice");
    }
  }

  String get(String name) {
    String sql = byName.get(name);
    if (sql == null) {
      throw new IllegalStateException(RESOURCE + " has no statement " + name);
    }
    return sql;
  }
}
