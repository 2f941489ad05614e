package org.openrps.server.reports;

import java.util.Objects;

/**
 * A column of a report.
 *
 * @param key the CSV header, camelCase as in the API's JSON (e.g. {@code lastSeen})
 * @param label the HTML header, for people (e.g. {@code Last seen})
 */
public record Column(String key, String label) {

  public Column {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    if (!key.matches("[a-z][A-Za-z0-9]*")) {
      throw new IllegalArgumentException("a column key is camelCase: " + key);
    }
  }

  public static Column of(String key, String label) {
    return new Column(key, label);
  }
}
