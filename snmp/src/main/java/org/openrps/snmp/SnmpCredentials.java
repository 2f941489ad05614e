package org.openrps.snmp;

import java.util.Objects;

/** How to speak to a device. A closed set: SNMPv3 USM joins it with the v3 issue. */
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

  /** The community-based protocol versions. */
  enum Version {
    V1,
    V2C
  }
}
