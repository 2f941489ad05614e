package org.openrps.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent's version, from a resource the build fills in. */
public final class AgentVersion {

  private static final String RESOURCE = "/org/openrps/agent/version.properties";

  /** This agent's version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static final String VERSION = read();

  private AgentVersion() {}

  private static String read() {
    try (InputStream in = AgentVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "0.1.0";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "").strip();
      return v.isEmpty() || v.startsWith("${") ? "0.1.0" : v;
    } catch (IOException e) {
      return "0.1.0";
    }
  }
}
