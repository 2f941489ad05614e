package org.openrps.server.dashboard;

import org.openrps.server.http.ApiException;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;

/** Identifiers typed into a page's query or form, refused with a sentence when malformed. */
public final class DashboardText {

  private DashboardText() {}

  public static TenantId tenant(String text) {
    try {
      return TenantId.of(text.strip());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  public static SiteId site(String text) {
    try {
      return SiteId.of(text.strip());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }
}
