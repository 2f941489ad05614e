package org.openrps.server.mail;

/** When a customer gets a kind of e-mail: one e-mail per item, or one a day with every item. */
public enum Delivery {
  immediate,
  digest
}
