package org.openrps.snmp;

import java.util.Objects;

/**
 * How to speak to a device: a v1/v2c community or an SNMPv3 USM user. {@code toString()} never
 * shows a community or a passphrase.
 */
public sealed interface SnmpCredentials {

  /** SNMPv1 or v2c with a community string. */
  record Community(Version version, String community) implements SnmpCredentials {
    public Community {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(community, "community");
    }

    public static Community v2c(String community) {
      return new Community(Version.V2C, community);
    }

    public static Community v1(String community) {
      return new Community(Version.V1, community);
    }

    @Override
    public String toString() {
      return "Community[" + version + ", ****]";
    }
  }

  /**
   * SNMPv3 with the User-based Security Model: a user and the context to read in. The client
   * discovers the device's engine id and time itself (RFC 3414 section 4); a wrong user, passphrase
   * or context fails at once with {@link SnmpException.Kind#authentication}.
   *
   * @param user who to speak as, with protocols and passphrases
   * @param contextName the context ({@code ""}: the default context; e.g. {@code Jetdirect} for HP)
   */
  record Usm(UsmUser user, String contextName) implements SnmpCredentials {
    public Usm {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(contextName, "contextName");
      if (contextName.length() > 32) {
        throw new IllegalArgumentException("a context name has at most 32 characters");
      }
    }

    /** {@code user} in the default context. */
    public static Usm of(UsmUser user) {
      return new Usm(user, "");
    }

    /** The same user in context {@code contextName}. */
    public Usm withContext(String contextName) {
      return new Usm(user, contextName);
    }

    /** The security level this user speaks at. */
    public SecurityLevel level() {
      return user.level();
    }

    /** Whether FIPS 140 allows it: neither MD5 nor DES. */
    public boolean isFipsApproved() {
      return user.isFipsApproved();
    }

    @Override
    public String toString() {
      return "Usm[" + user + (contextName.isEmpty() ? "" : ", context=" + contextName) + "]";
    }
  }

  /** The community-based protocol versions. */
  enum Version {
    V1,
    V2C
  }
}
