package org.openrps.snmp;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Entry point of the SNMP module. */
public final class Snmp {

  private Snmp() {}

  /**
   * A new client with its own UDP socket; close it when done. One client can have thousands of
   * requests in flight; its futures complete on its I/O thread, so do not block in their callbacks.
   *
   * @throws UncheckedIOException when no UDP socket can be opened
   */
  public static SnmpClient openClient() {
    try {
      return Snmp4jClient.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open an SNMP client socket", e);
    }
  }
}
