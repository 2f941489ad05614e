package org.openrps.snmp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

  /** SNMPv3: which USM (or context) report refused the request (RFC 3414 section 3.2, RFC 3412). */
  public enum Refusal {
    /** usmStatsUnknownUserNames: the device has no such user. */
    unknownUser,
    /** usmStatsWrongDigests: the authentication passphrase or protocol is wrong. */
    wrongDigest,
    /** usmStatsDecryptionErrors: the privacy passphrase or protocol is wrong. */
    decryptionError,
    /** usmStatsUnsupportedSecLevels: the user exists but not at this security level. */
    unsupportedSecurityLevel,
    /** snmpUnknownContexts: no such context. */
    unknownContext,
    /** usmStatsNotInTimeWindows, still after the resend SNMP4J makes. */
    notInTimeWindow,
    /** usmStatsUnknownEngineIDs, still after rediscovery. */
    unknownEngineId,
    /** Another report, or an empty one. */
    other
  }

  private final Kind kind;
  private final transient List<VarBind> partial;
  private final Refusal refusal;

  public SnmpException(Kind kind, String message, List<VarBind> partial) {
    this(kind, message, partial, null);
  }

  /** An {@link Kind#authentication} failure with the report that caused it. */
  public SnmpException(String message, Refusal refusal) {
    this(Kind.authentication, message, List.of(), Objects.requireNonNull(refusal, "refusal"));
  }

  private SnmpException(Kind kind, String message, List<VarBind> partial, Refusal refusal) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.partial = List.copyOf(partial);
    this.refusal = refusal;
  }

  /** The same failure with {@code found} as what was read before it. */
  public SnmpException withPartial(List<VarBind> found) {
    return new SnmpException(kind, getMessage(), found, refusal);
  }

  /** For {@link Kind#authentication}: the report that refused the request. */
  public Optional<Refusal> refusal() {
    return Optional.ofNullable(refusal);
  }

  public Kind kind() {
    return kind;
  }

  /** What was read before the failure (empty for a single GET). */
  public List<VarBind> partial() {
    return partial;
  }
}
