package org.openrps.snmp;

/** Entry point of the SNMP module. */
public final class Snmp {

  private Snmp() {}

  /** A new client with its own UDP socket; close it when done. */
  public static SnmpClient openClient() {
    throw new UnsupportedOperationException("SNMP4J client: being written");
  }
}
