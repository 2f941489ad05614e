package org.openrps.server.store;

/** What reports with a credential: an agent for a site, or a Device Direct device for itself. */
public enum ClientKind {
  agent,
  device
}
