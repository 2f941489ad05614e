package org.openrps.server.store;

import java.util.Objects;
import java.util.regex.Pattern;

/** A customer of the provider; every device, report and user belongs to one. */
public record TenantId(String value) {

  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /** The one tenant of a single-customer installation. */
  public static final TenantId DEFAULT = new TenantId("default");

  public TenantId {
    Objects.requireNonNull(value, "value");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("tenant id must match " + VALID + ": " + value);
    }
  }

  public static TenantId of(String value) {
    return new TenantId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
