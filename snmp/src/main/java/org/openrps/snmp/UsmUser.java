package org.openrps.snmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One SNMPv3 USM user: a name, an authentication protocol and a privacy protocol, each with its
 * passphrase. Used on both sides: a client speaks as this user ({@link SnmpCredentials.Usm}), a
 * responder knows a list of them ({@link AgentSecurity}). {@link #toString()} masks the
 * passphrases.
 *
 * @param name the user (security) name, 1 to 32 characters
 * @param auth the authentication protocol; {@link AuthProtocol#NONE} means noAuthNoPriv
 * @param authPassphrase present exactly when {@code auth} is not {@code NONE}
 * @param priv the privacy protocol; needs authentication
 * @param privPassphrase present exactly when {@code priv} is not {@code NONE}
 */
public record UsmUser(
    String name,
    AuthProtocol auth,
    Optional<Passphrase> authPassphrase,
    PrivProtocol priv,
    Optional<Passphrase> privPassphrase) {

  /** The authentication passphrase of the default simulated users. */
  public static final Passphrase DEFAULT_AUTH_PASSPHRASE = Passphrase.of("authpass-openrps");

  /** The privacy passphrase of the default simulated users. */
  public static final Passphrase DEFAULT_PRIV_PASSPHRASE = Passphrase.of("privpass-openrps");

  public UsmUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(authPassphrase, "authPassphrase");
    Objects.requireNonNull(priv, "priv");
    Objects.requireNonNull(privPassphrase, "privPassphrase");
    if (name.isEmpty() || name.length() > 32) {
      throw new IllegalArgumentException("a USM user name has 1 to 32 characters: '" + name + "'");
    }
    if ((auth == AuthProtocol.NONE) == authPassphrase.isPresent()) {
      throw new IllegalArgumentException(
          "user " + name + ": an authentication passphrase goes with an authentication protocol");
    }
    if ((priv == PrivProtocol.NONE) == privPassphrase.isPresent()) {
      throw new IllegalArgumentException(
          "user " + name + ": a privacy passphrase goes with a privacy protocol");
    }
    if (auth == AuthProtocol.NONE && priv != PrivProtocol.NONE) {
      throw new IllegalArgumentException("user " + name + ": privacy needs authentication");
    }
  }

  /** A noAuthNoPriv user. */
  public static UsmUser noAuthNoPriv(String name) {
    return new UsmUser(
        name, AuthProtocol.NONE, Optional.empty(), PrivProtocol.NONE, Optional.empty());
  }

  /** An authNoPriv user. */
  public static UsmUser authNoPriv(String name, AuthProtocol auth, Passphrase authPassphrase) {
    return new UsmUser(
        name, auth, Optional.of(authPassphrase), PrivProtocol.NONE, Optional.empty());
  }

  /** An authPriv user. */
  public static UsmUser authPriv(
      String name,
      AuthProtocol auth,
      Passphrase authPassphrase,
      PrivProtocol priv,
      Passphrase privPassphrase) {
    return new UsmUser(name, auth, Optional.of(authPassphrase), priv, Optional.of(privPassphrase));
  }

  /**
   * A user named {@code <auth>-<priv>} (e.g. {@code sha256-aes256}) with the given passphrases
   * where its protocols need them.
   */
  public static UsmUser named(
      AuthProtocol auth, PrivProtocol priv, Passphrase authPassphrase, Passphrase privPassphrase) {
    String name = auth.token() + "-" + priv.token();
    if (auth == AuthProtocol.NONE) {
      return noAuthNoPriv(name);
    }
    if (priv == PrivProtocol.NONE) {
      return authNoPriv(name, auth, authPassphrase);
    }
    return authPriv(name, auth, authPassphrase, priv, privPassphrase);
  }

  /**
   * Every combination {@code <auth>-<priv>} there is: 31 users ({@code none-none}, then 6 × 5 with
   * authentication), all with the given passphrases.
   */
  public static List<UsmUser> everyCombination(
      Passphrase authPassphrase, Passphrase privPassphrase) {
    List<UsmUser> users = new ArrayList<>();
    users.add(named(AuthProtocol.NONE, PrivProtocol.NONE, authPassphrase, privPassphrase));
    for (AuthProtocol auth : AuthProtocol.values()) {
      if (auth == AuthProtocol.NONE) {
        continue;
      }
      for (PrivProtocol priv : PrivProtocol.values()) {
        users.add(named(auth, priv, authPassphrase, privPassphrase));
      }
    }
    return List.copyOf(users);
  }

  /** The default user set of a simulated printer: {@link #everyCombination} with the defaults. */
  public static List<UsmUser> defaultSet() {
    return everyCombination(DEFAULT_AUTH_PASSPHRASE, DEFAULT_PRIV_PASSPHRASE);
  }

  /**
   * This user's keys localised to {@code engineId} (RFC 3414 section 2.6), as an SNMP engine holds
   * them: the authentication key, then the privacy key, each where the user has one; empty for
   * noAuthNoPriv. Secrets that must never leave the agent: tests look for them in what it sends.
   */
  public List<byte[]> localizedKeys(byte[] engineId) {
    java.util.Objects.requireNonNull(engineId, "engineId");
    if (auth == AuthProtocol.NONE) {
      return List.of();
    }
    UsmKeys keys = new UsmKeys();
    List<byte[]> all = new ArrayList<>();
    all.add(keys.authKey(this, engineId));
    if (priv != PrivProtocol.NONE) {
      all.add(keys.privKey(this, engineId));
    }
    return List.copyOf(all);
  }

  /** The highest security level this user can speak. */
  public SecurityLevel level() {
    if (auth == AuthProtocol.NONE) {
      return SecurityLevel.NO_AUTH_NO_PRIV;
    }
    return priv == PrivProtocol.NONE ? SecurityLevel.AUTH_NO_PRIV : SecurityLevel.AUTH_PRIV;
  }

  /** Whether FIPS 140 allows its protocols (no MD5, no DES). */
  public boolean isFipsApproved() {
    return auth.isFipsApproved() && priv.isFipsApproved();
  }

  @Override
  public String toString() {
    return "UsmUser["
        + name
        + ", "
        + auth.token()
        + (authPassphrase.isPresent() ? "/****" : "")
        + ", "
        + priv.token()
        + (privPassphrase.isPresent() ? "/****" : "")
        + "]";
  }
}
