package org.openrps.snmp;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Asks devices over SNMP. Asynchronous so one client can have thousands of requests in flight; a
 * failed future carries an {@link SnmpException}.
 *
 * <p>Open one with {@link Snmp#openClient()}; close it when done.
 */
public interface SnmpClient extends AutoCloseable {

  /**
   * GET of the given OIDs. Variables the device does not have come back as {@link
   * SnmpValue.Exception#noSuchObject} / {@code noSuchInstance} (for v1, a noSuchName error is
   * turned into the same per-variable answer by retrying without the missing variable).
   */
  CompletableFuture<List<VarBind>> get(SnmpTarget target, List<Oid> oids);

  /**
   * Every variable in the subtree under {@code root}, in OID order: GETBULK for v2c, GETNEXT for
   * v1. Stops at the end of the subtree or of the MIB view; fails with {@link
   * SnmpException.Kind#nonIncreasing} if the device returns an OID that does not increase.
   */
  CompletableFuture<List<VarBind>> walk(SnmpTarget target, Oid root);

  @Override
  void close();
}
