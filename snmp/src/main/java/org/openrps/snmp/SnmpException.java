package org.openrps.snmp;

import java.util.List;
import java.util.Objects;

/**
 * A request that did not get a usable answer. Carries what was read before the failure, so a caller
 * can keep partial results.
 */
public final class SnmpException extends Exception {

  /** Why a request failed. */
  public enum Kind {
    /** No answer within timeout and retries. */
    timeout,
    /** The device answered with an error-status (e.g. noSuchName, tooBig, genErr). */
    errorStatus,
    /** The answer could not be decoded or did not match the request. */
    malformed,
    /** A walk returned an OID that did not increase: stopped to avoid an endless loop. */
    nonIncreasing,
    /**
     * SNMPv3: the device refused the credentials with a USM report (unknown user, wrong digest,
     * decryption error, unsupported security level, unknown context, or engine id / time it could
     * not agree on). Fails at once, without waiting for timeouts; try the next credential set.
     */
    authentication,
    /**
     * A walk went over its row budget ({@link SnmpClient#walk(SnmpTarget, Oid, int)}): the rows up
     * to the budget are the partial result.
     */
    truncated,
    /** Local trouble: socket closed, interrupted. */
    transport
  }

  private final Kind kind;
  private final transient List<VarBind> partial;

  public SnmpException(Kind kind, String message, List<VarBind> partial) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.partial = List.copyOf(partial);
  }

  public Kind kind() {
    return kind;
  }

  /** What was read before the failure (empty for a single GET). */
  public List<VarBind> partial() {
    return partial;
  }
}
