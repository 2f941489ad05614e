package org.openrps.server.dashboard;

import org.openrps.server.store.TenantId;

/** The dashboard's addresses that more than one page links to. */
public final class Links {

  private Links() {}

  /** A device's page: {@code /devices/{customer}/{make}/{serial}}. */
  public static String device(TenantId customer, String make, String serial) {
    return "/devices/" + Html.url(customer.value()) + "/" + Html.url(make) + "/" + Html.url(serial);
  }

  /** The device page's route template. */
  public static final String DEVICE = "/devices/{customer}/{make}/{serial}";
}
