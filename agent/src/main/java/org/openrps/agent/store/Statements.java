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

  private final String resource;
  private final Map<String, String> byName;

  private Statements(String resource, Map<String, String> byName) {
    this.resource = resource;
    this.byName = Map.copyOf(byName);
  }

  static Statements load() {
    return load(RESOURCE);
  }

  /** The statements of another resource of the same form. */
  static Statements load(String resource) {
    try (InputStream in = Statements.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> map = new HashMap<>();
      String name = null;
      StringBuilder sql = new StringBuilder();
      for (String line : text.split("\n", -1)) {
        String trimmed = line.strip();
        if (trimmed.startsWith("-- name:")) {
          put(resource, map, name, sql);
          name = trimmed.substring("-- name:".length()).strip();
          sql.setLength(0);
        } else if (name != null && !trimmed.startsWith("--")) {
          sql.append(line).append('\n');
        }
      }
      put(resource, map, name, sql);
      return new Statements(resource, map);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static void put(
      String resource, Map<String, String> map, String name, StringBuilder sql) {
    if (name != null && map.put(name, sql.toString().strip()) != null) {
      throw new IllegalStateException(resource + ": statement " + name + " defined twice");
    }
  }

  String get(String name) {
    String sql = byName.get(name);
    if (sql == null) {
      throw new IllegalStateException(resource + " has no statement " + name);
    }
    return sql;
  }
}
