package org.openrps.server.store;

import java.util.Locale;
import java.util.Optional;

/** What a user or API token may do. Tenant isolation is the {@link Scope}'s job, not the role's. */
public enum Role {
  /** Every customer: read, change, create customers. */
  provider_admin,
  /** One customer: read and change (sites, enrolment codes, agents, devices, tokens). */
  customer_admin,
  /** One customer: read and export only. */
  customer_reader;

  public boolean canChange() {
    return this != customer_reader;
  }

  public static Optional<Role> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Role.valueOf(value.trim().toLowerCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
