package org.openrps.snmp;

/** The SNMPv3 security levels (RFC 3411), weakest first. */
public enum SecurityLevel {
  NO_AUTH_NO_PRIV,
  AUTH_NO_PRIV,
  AUTH_PRIV
}
