package org.openrps.snmp;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may ask a responder binding, and how: an SNMPv1/v2c community and/or SNMPv3 USM users. One
 * value is meant to be shared by every binding of a printer model: the bindings keep a reference,
 * not a copy, so 20,000 printers with 31 users cost 31 users once.
 *
 * @param community the v1/v2c community; empty: v1 and v2c requests are dropped
 * @param users the v3 users; empty: v3 requests are dropped
 * @param contextName the one context the MIB view is in: {@code ""} (the default context) or e.g.
 *     {@code Jetdirect}; a v3 request naming another context gets an snmpUnknownContexts report
 * @param engineBoots snmpEngineBoots reported by every binding (RFC 3414: 1 to 2^31-2)
 */
public record AgentSecurity(
    Optional<String> community, List<UsmUser> users, String contextName, int engineBoots) {

  public AgentSecurity {
    Objects.requireNonNull(community, "community");
    Objects.requireNonNull(contextName, "contextName");
    users = List.copyOf(users);
    if (community.isEmpty() && users.isEmpty()) {
      throw new IllegalArgumentException("an agent needs a community or SNMPv3 users");
    }
    Set<String> names = new HashSet<>();
    for (UsmUser user : users) {
      if (!names.add(user.name())) {
        throw new IllegalArgumentException("SNMPv3 user listed twice: " + user.name());
      }
    }
    if (contextName.length() > 32) {
      throw new IllegalArgumentException("a context name has at most 32 characters");
    }
    if (engineBoots < 1 || engineBoots > Integer.MAX_VALUE - 1) {
      throw new IllegalArgumentException("engineBoots must be 1 to 2^31-2: " + engineBoots);
    }
  }

  /** v1/v2c only, as before SNMPv3. */
  public static AgentSecurity community(String community) {
    return new AgentSecurity(Optional.of(community), List.of(), "", 1);
  }

  /** v1/v2c with {@code community} and v3 with {@code users} in the default context. */
  public static AgentSecurity of(String community, List<UsmUser> users) {
    return new AgentSecurity(Optional.of(community), users, "", 1);
  }

  /** The same, with the v3 view in context {@code contextName} only. */
  public AgentSecurity withContext(String contextName) {
    return new AgentSecurity(community, users, contextName, engineBoots);
  }

  /** The same, reporting {@code engineBoots}. */
  public AgentSecurity withEngineBoots(int engineBoots) {
    return new AgentSecurity(community, users, contextName, engineBoots);
  }

  /** The user with this name, if known. */
  Optional<UsmUser> user(String name) {
    for (UsmUser user : users) {
      if (user.name().equals(name)) {
        return Optional.of(user);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "AgentSecurity[community="
        + community.map(c -> "****").orElse("none")
        + ", users="
        + users.stream().map(UsmUser::name).toList()
        + ", context='"
        + contextName
        + "', engineBoots="
        + engineBoots
        + "]";
  }
}
