package org.openrps.agent.poll;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.openrps.snmp.Oid;
import org.openrps.snmp.StandardMib;

/** Names a device's make from the enterprise number in its sysObjectID, using a data file. */
final class Makes {

  static final String RESOURCE = "/org/openrps/agent/poll/enterprise-makes.properties";

  private final Map<Long, String> byEnterprise;

  private Makes(Map<Long, String> byEnterprise) {
    this.byEnterprise = Map.copyOf(byEnterprise);
  }

  /** The table shipped with the agent. */
  static Makes standard() {
    try (InputStream in = Makes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<Long, String> map = new HashMap<>();
      for (String key : p.stringPropertyNames()) {
        String make = p.getProperty(key).strip();
        try {
          map.put(Long.parseLong(key.strip()), make);
        } catch (NumberFormatException e) {
          throw new IllegalStateException(
              RESOURCE + ": key \"" + key + "\" is not an enterprise number", e);
        }
        if (make.isEmpty()) {
          throw new IllegalStateException(RESOURCE + ": enterprise " + key + " has no make");
        }
      }
      return new Makes(map);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The enterprise number of a sysObjectID, when it lies under 1.3.6.1.4.1. */
  static Optional<Long> enterpriseOf(Oid sysObjectId) {
    if (!sysObjectId.startsWith(StandardMib.ENTERPRISES)
        || sysObjectId.size() <= StandardMib.ENTERPRISES.size()) {
      return Optional.empty();
    }
    return Optional.of(Integer.toUnsignedLong(sysObjectId.arcs()[StandardMib.ENTERPRISES.size()]));
  }

  /**
   * The make for a sysObjectID: the name from the data file, {@code "enterprise N"} for an
   * enterprise number the file does not know, {@code "unknown"} when sysObjectID is not under
   * 1.3.6.1.4.1.
   */
  String makeOf(Oid sysObjectId) {
    return enterpriseOf(sysObjectId)
        .map(n -> byEnterprise.getOrDefault(n, "enterprise " + n))
        .orElse("unknown");
  }
}
