package org.openrps.architecture.violations;

import io.javalin.Javalin;
import org.snmp4j.smi.OID;

/**
 * Breaks two rules on purpose, so that a test can show the rules catch it. Never imported as main
 * code.
 */
public final class UsesSnmp4jAndJavalin {

  private UsesSnmp4jAndJavalin() {}

  /** Uses SNMP4J outside org.openrps.snmp. */
  public static OID sysName() {
    return new OID("1.3.6.1.2.1.1.5.0");
  }

  /** Uses Javalin outside org.openrps.server.http. */
  public static Javalin server() {
    return Javalin.create();
  }
}
