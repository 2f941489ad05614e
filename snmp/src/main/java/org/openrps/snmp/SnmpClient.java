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
   * GET of the given OIDs, one binding per OID asked, in the order asked. The reply is matched by
   * OID (and request id and peer address), never by position: extra variables are ignored, the
   * first of duplicates wins, a variable missing from the reply is {@link
   * SnmpValue.Exception#noSuchObject}, a value that cannot be held is {@link SnmpValue.Bad}.
   * Variables the device does not have come back as {@link SnmpValue.Exception#noSuchObject} /
   * {@code noSuchInstance} (for v1, a noSuchName error is turned into the same per-variable answer
   * by retrying without the missing variable). A reply that cannot be decoded at all fails at once
   * with {@link SnmpException.Kind#malformed}.
   */
  CompletableFuture<List<VarBind>> get(SnmpTarget target, List<Oid> oids);

  /**
   * Every variable in the subtree under {@code root}, in OID order: GETBULK for v2c, GETNEXT for
   * v1. Stops at the end of the subtree or of the MIB view; fails with {@link
   * SnmpException.Kind#nonIncreasing} if the device returns an OID that does not increase.
   */
  CompletableFuture<List<VarBind>> walk(SnmpTarget target, Oid root);

  /**
   * As {@link #walk(SnmpTarget, Oid)}, stopping after {@code maxRows} rows: a walk with more fails
   * with {@link SnmpException.Kind#truncated}, its first {@code maxRows} rows as the partial result
   * (a table that never ends costs its budget, not the poll).
   */
  CompletableFuture<List<VarBind>> walk(SnmpTarget target, Oid root, int maxRows);

  @Override
  void close();
}
