package org.openrps.server.fleet;

import java.util.Objects;

/**
 * One page of a searched, filtered and sorted device list.
 *
 * @param text words found in the serial, model, make, address, location, system name or site (any
 *     case); empty for none
 * @param offset how many matching devices come before the page
 */
public record DeviceQuery(
    DeviceFilter filter, String text, DeviceSort sort, boolean descending, int offset, int limit) {

  public DeviceQuery {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sort, "sort");
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException("offset must be 0 or more and limit 1 or more");
    }
  }

  /** The LIKE pattern of the text, with {@code !} escaping the pattern's own characters. */
  String pattern() {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    if (t.isEmpty()) {
      return "";
    }
    return "%" + t.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }

  /** One page of the list and how many devices match in all. */
  public record Result(java.util.List<DeviceState> devices, long matching) {
    public Result {
      devices = java.util.List.copyOf(devices);
    }
  }
}
