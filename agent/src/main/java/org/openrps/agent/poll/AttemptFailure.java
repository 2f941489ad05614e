package org.openrps.agent.poll;

import java.util.Objects;

/**
 * What one credential set got from an address that it did not open.
 *
 * @param credentialSet the set's name (never its secret)
 * @param kind what went wrong
 * @param detail the client's words, for logs (no secret)
 */
public record AttemptFailure(String credentialSet, Kind kind, String detail) {

  /** The ways an attempt fails; each reads differently to an administrator. */
  public enum Kind {
    /**
     * Silence: nothing came back. For v1/v2c that is also what a wrong community gets (agents drop
     * it), so it cannot be told from a host without SNMP.
     */
    noAnswer("no answer (wrong community or not SNMP)"),
    /** SNMPv3 usmStatsUnknownUserNames. */
    unknownUser("unknown v3 user"),
    /** SNMPv3 usmStatsWrongDigests. */
    wrongDigest("wrong v3 authentication passphrase or protocol"),
    /** SNMPv3 usmStatsDecryptionErrors. */
    decryptionError("wrong v3 privacy passphrase or protocol"),
    /** Another SNMPv3 report: security level, context, engine id or time window. */
    refused("v3 refused"),
    /** An answer that could not be used, or local trouble. */
    error("error");

    private final String text;

    Kind(String text) {
      this.text = text;
    }

    /** How output shows it. */
    public String text() {
      return text;
    }

    /** True for the kinds a device said out loud (a USM report). */
    public boolean refusal() {
      return this == unknownUser
          || this == wrongDigest
          || this == decryptionError
          || this == refused;
    }
  }

  public AttemptFailure {
    Objects.requireNonNull(credentialSet, "credentialSet");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return credentialSet + ": " + kind.text();
  }
}
