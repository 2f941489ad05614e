package org.openrps.server.dashboard;

/**
 * A part of the dashboard (the overview, the devices, the meter reads...) that serves pages behind
 * the login. Its handlers see the {@link Viewer}; the dashboard has already checked the session,
 * and for every POST the CSRF token, before a handler runs.
 */
public interface DashboardSection {

  void pages(PageRoutes routes);
}
