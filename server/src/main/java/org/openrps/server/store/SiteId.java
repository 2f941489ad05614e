package org.openrps.server.store;

import java.util.Objects;
import java.util.regex.Pattern;

/** A place where a tenant has printers; agents and devices belong to one. */
public record SiteId(String value) {

  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /** The one site of a single-site installation. */
  public static final SiteId DEFAULT = new SiteId("default");

  public SiteId {
    Objects.requireNonNull(value, "value");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("site id must match " + VALID + ": " + value);
    }
  }

  public static SiteId of(String value) {
    return new SiteId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
